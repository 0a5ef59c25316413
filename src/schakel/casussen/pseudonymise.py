"""Pseudonymise free text before it is stored or indexed. Every free text about a citizen passes here.

Two passes: fixed-form identifiers first (BSN, IBAN, e-mail, telephone, postcode — exact patterns are
more reliable than a model for these), then `deduce` for names, addresses, places, dates, ages and
other identifiers in Dutch prose. Tags keep their number within one text ([PERSOON-1], [PERSOON-2]),
so the narrative stays readable: who did what to whom remains clear without saying who.

With SCHAKEL_PSEUDONIMISEER_SOCKET set, the deduce pass runs in the `schakel pseudonimiseer` process
(pseudonimiseerder.py) and this process never loads the model; when that service does not answer,
pseudonymise() raises PseudonimiserenNietBeschikbaar and the caller's transaction stores nothing."""

from __future__ import annotations

import os
import re
import tempfile
import threading
from pathlib import Path
from typing import Any

from django.conf import settings

from schakel.casussen.pseudonimiseerder import vraag

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b"), "[E-MAIL]"),
    (re.compile(r"\bNL\d{2}\s?[A-Z]{4}(?:\s?\d){10}\b", re.IGNORECASE), "[IBAN]"),
    (re.compile(r"(?<!\d)(?:\+31|0031|0)(?:[\s-]?\d){9}(?!\d)"), "[TELEFOONNUMMER]"),
    (re.compile(r"(?<!\d)\d{4}[.\s]?\d{2}[.\s]?\d{3}(?!\d)"), "[BSN]"),
    (re.compile(r"\b\d{4}\s?[A-Z]{2}\b"), "[POSTCODE]"),
]

_lock = threading.Lock()
_deduce: Any = None


def _model() -> Any:
    """deduce loads its lookup tables once per process (about 10 s; the first run after installing
    builds them, about 2 minutes — `make` does that at install time)."""
    global _deduce
    if _deduce is None:
        with _lock:
            if _deduce is None:
                _deduce = _load()
    return _deduce


def _load() -> Any:
    # deduce rebuilds its cached tables when it finds them stale or damaged and writes them in place;
    # a second process reading at that moment gets a truncated file. One process at a time loads.
    import fcntl

    from deduce import Deduce

    fd = _open_lock(LOCK_PATH)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        return Deduce()
    finally:
        os.close(fd)  # closing releases the lock


LOCK_PATH = Path(tempfile.gettempdir()) / "schakel-deduce.lock"


def _open_lock(path: Path) -> int:
    """The lock file, opened read-only: flock needs no write access, so a lock file that another user
    created still serves. The image builds deduce's tables as root at build time and so leaves a root-owned
    lock file in /tmp; opening it for writing made every load as the unprivileged `schakel` user fail."""
    try:
        return os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        pass
    try:
        return os.open(path, os.O_RDONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:  # another process created it just now
        return os.open(path, os.O_RDONLY)


def fixed_forms(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def deduce_pass(text: str) -> str:
    """The model pass alone, in this process (what the pseudonimiseer service runs per request)."""
    return str(_model().deidentify(text).deidentified_text)


def pseudonymise(text: str) -> str:
    # The fixed forms always run here: cheap, and a BSN never leaves the process in the clear.
    text = fixed_forms(text)
    if not text.strip() or not settings.SCHAKEL_DEDUCE:
        return text
    if settings.SCHAKEL_PSEUDONIMISEER_SOCKET:
        return vraag(
            settings.SCHAKEL_PSEUDONIMISEER_SOCKET, text, timeout=settings.SCHAKEL_PSEUDONIMISEER_TIMEOUT
        )
    return deduce_pass(text)


def warm() -> None:
    """Build or load deduce's tables now (used by `make` after installing)."""
    import django

    if not settings.configured:
        import os

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "schakel.settings")
        django.setup()
    _model()
