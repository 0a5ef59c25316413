"""Failed attempts (passwords, API tokens, receipt codes), counted in Django's cache.

Only failures count, so someone who reads their own item often is never locked out. With
SCHAKEL_CACHE=database every worker and node shares one count; with the per-process default the limit
holds per worker. Keys are keyed hashes (`verhuld`): the cache never holds a username, address or code.
The limits are the DRF rates in settings (`<n>/<second|minute|hour|day>`), read on every call."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext, ngettext
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle

from schakel.core.errors import SchakelError

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Limiet:
    aantal: int
    seconden: int


class TeVaak(SchakelError):
    """Too many failed attempts: wait `wacht` seconds (the API sends it as Retry-After)."""

    status = 429
    code = "te-vaak"
    title = "Te veel verzoeken"

    def __init__(self, message: str, *, wacht: int, field: str | None = None):
        super().__init__(message, field=field)
        self.wacht = wacht


def limiet(scope: str) -> Limiet | None:
    rates: dict[str, str | None] = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]  # type: ignore[assignment]
    rate = rates.get(scope)
    if not rate:
        return None
    aantal, periode = rate.split("/")
    return Limiet(int(aantal), _PERIODS[periode.strip()[0]])


def client_adres(request: HttpRequest | Request) -> str:
    """The client address as DRF's throttles see it (SCHAKEL_NUM_PROXIES decides how far X-Forwarded-For
    is trusted), so the web and the API count the same address. A request without one (a WSGI server
    that does not set REMOTE_ADDR) counts under one shared key rather than escaping the limit."""
    return BaseThrottle().get_ident(request) or "onbekend"  # type: ignore[arg-type]


def verhuld(wie: str) -> str:
    """`wie` (an address, username or code) as the cache may hold it. Keyed with SECRET_KEY: beside the
    key lie the times of the attempts, and a plain SHA-256 of an IPv4 address is undone by hashing all
    four billion of them, which would tie an address to the moment an anonymous brake was filed."""
    return salted_hmac("schakel.pogingen", wie, algorithm="sha256").hexdigest()


def _key(scope: str, wie: str) -> str:
    return f"schakel:pogingen:{scope}:{verhuld(wie)}"


def _recent(scope: str, wie: str, grens: Limiet, now: float) -> list[float]:
    return [t for t in cache.get(_key(scope, wie), []) if t > now - grens.seconden]


def wachttijd(scope: str, wie: str) -> int:
    """Whole seconds until `wie` may try again in this scope; 0 when an attempt is allowed now."""
    grens = limiet(scope)
    if grens is None:
        return 0
    now = time.time()
    recent = _recent(scope, wie, grens, now)
    if len(recent) < grens.aantal:
        return 0
    # Newest first: the attempt at the limit has to age out before the next one is allowed.
    return max(1, math.ceil(recent[grens.aantal - 1] + grens.seconden - now))


def mislukt(scope: str, wie: str) -> None:
    grens = limiet(scope)
    if grens is None:
        return
    now = time.time()
    recent = _recent(scope, wie, grens, now)
    cache.set(_key(scope, wie), [now, *recent][: grens.aantal], grens.seconden)


def wis(scope: str, wie: str) -> None:
    cache.delete(_key(scope, wie))


def over(seconden: int) -> str:
    """'over 12 minuten': when to try again, in words, rounded up to whole minutes or hours."""
    minuten = max(1, math.ceil(seconden / 60))
    if minuten < 120:
        return ngettext("over %(n)d minuut", "over %(n)d minuten", minuten) % {"n": minuten}
    uren = math.ceil(minuten / 60)
    return gettext("over %(n)d uur") % {"n": uren}
