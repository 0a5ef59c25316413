"""E-mail to stderr in development, so command output on stdout (export, verify) stays clean."""

from __future__ import annotations

import sys
from typing import Any

from django.core.mail.backends.console import EmailBackend as ConsoleBackend


class StderrBackend(ConsoleBackend):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("stream", sys.stderr)
        super().__init__(*args, **kwargs)
