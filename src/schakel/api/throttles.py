"""DRF throttles. Failed receipt-code look-ups, passwords and API tokens are counted by
schakel.beveiliging.pogingen instead, which counts only failures and is shared with the web pages."""

from __future__ import annotations

from rest_framework.throttling import AnonRateThrottle


class BurgerIndienenThrottle(AnonRateThrottle):
    scope = "burger_indienen"
