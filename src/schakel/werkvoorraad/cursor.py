"""The opaque cursor of a werkvoorraad page link: the direction and the position it pages from."""

from __future__ import annotations

import base64
import binascii
import datetime as dt

from schakel.core.errors import ValidatieFout
from schakel.werkvoorraad.selectors import SOORTEN, Positie

NA, VOOR = "na", "voor"


def cursor_voor(richting: str, positie: Positie) -> str:
    raw = f"{richting}|{positie.uiterlijk.isoformat()}|{positie.soort}|{positie.pk}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def lees_cursor(cursor: str, *, field: str = "cursor") -> tuple[str, Positie]:
    """Direction and position of a cursor; anything not made by cursor_voor is a 400 naming the field."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        richting, uiterlijk, soort, pk = raw.split("|")
        positie = Positie(dt.datetime.fromisoformat(uiterlijk), soort, int(pk))
        valid = richting in (NA, VOOR) and soort in SOORTEN and positie.uiterlijk.tzinfo is not None
    except (binascii.Error, UnicodeDecodeError, ValueError):
        valid = False
    if not valid:
        raise ValidatieFout("Ongeldige cursor: gebruik de link uit 'next' of 'previous'.", field=field)
    return richting, positie
