"""Bench-only settings: Schakel's own settings plus one bare DRF endpoint (bare_urls). Never used in
production; the intake benchmark serves both from the same gunicorn so they are measured side by side."""

from schakel.settings import *  # noqa: F403

ROOT_URLCONF = "bare_urls"
