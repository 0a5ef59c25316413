"""Receipt codes: the only key a citizen or anonymous puller has to their brake.

25 symbols from a 32-letter alphabet without look-alikes (125 bits), shown once, stored as SHA-256.
Such a code cannot be guessed, so an unsalted hash is enough and lets us look it up directly."""

from __future__ import annotations

import hashlib
import secrets

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LENGTH = 25


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i : i + 5] for i in range(0, LENGTH, 5))


def normalise(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch in ALPHABET)


def code_hash(code: str) -> str:
    return hashlib.sha256(normalise(code).encode("ascii")).hexdigest()
