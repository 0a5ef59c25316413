"""The secret key rule: with DEBUG off the web server does not start on a missing or weak
SCHAKEL_SECRET_KEY. Commands that serve no requests (tests, migrate, verify) may run on the random
per-process key from settings; `check --deploy` reports it as an error."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register
from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured

_HOE = (
    "Zet SCHAKEL_SECRET_KEY op een geheime, willekeurige waarde van minstens "
    f"{SECRET_KEY_MIN_LENGTH} tekens, bijvoorbeeld de uitvoer van "
    "`python3 -c 'import secrets; print(secrets.token_urlsafe(50))'`. "
    "Alleen met SCHAKEL_DEBUG=true (ontwikkelen) mag hij ontbreken."
)


def sleutel_fout() -> str | None:
    """Why the configured key may not serve requests; None when it may."""
    if settings.DEBUG:
        return None
    if getattr(settings, "SCHAKEL_SLEUTEL_TIJDELIJK", False):
        return "SCHAKEL_SECRET_KEY ontbreekt. " + _HOE
    key = str(settings.SECRET_KEY)
    if (
        len(key) < SECRET_KEY_MIN_LENGTH
        or len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
        or key.startswith(SECRET_KEY_INSECURE_PREFIX)
        or "ontwikkelsleutel" in key
    ):
        return "SCHAKEL_SECRET_KEY is te zwak. " + _HOE
    return None


def eis_sterke_sleutel() -> None:
    """Called by wsgi.py (gunicorn, runserver): refuse to serve rather than sign with a weak key."""
    fout = sleutel_fout()
    if fout:
        raise ImproperlyConfigured("Schakel start niet: " + fout)


@register(Tags.security, deploy=True)
def check_sleutel(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    fout = sleutel_fout()
    return [Error(fout, id="schakel.E001")] if fout else []
