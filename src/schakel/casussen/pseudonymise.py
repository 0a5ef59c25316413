"""Pseudonymise free text before it is stored. This first pass removes identifiers with a fixed form
(BSN, IBAN, e-mail, telephone, postcode); the precedent work replaces it with `deduce`, which also
finds names, addresses and dates. Every free text about a citizen passes through here."""

from __future__ import annotations

import re

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b"), "[E-MAIL]"),
    (re.compile(r"\bNL\d{2}\s?[A-Z]{4}(?:\s?\d){10}\b", re.IGNORECASE), "[IBAN]"),
    (re.compile(r"(?<!\d)(?:\+31|0031|0)(?:[\s-]?\d){9}(?!\d)"), "[TELEFOONNUMMER]"),
    (re.compile(r"(?<!\d)\d{4}[.\s]?\d{2}[.\s]?\d{3}(?!\d)"), "[BSN]"),
    (re.compile(r"\b\d{4}\s?[A-Z]{2}\b"), "[POSTCODE]"),
]


def pseudonymise(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text
