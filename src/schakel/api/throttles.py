"""DRF throttles. Failed receipt-code look-ups, passwords and API tokens are counted by
schakel.beveiliging.pogingen instead, which counts only failures and is shared with the web pages."""

from __future__ import annotations

from typing import Any

from rest_framework.throttling import AnonRateThrottle

from schakel.beveiliging.pogingen import verhuld


class BurgerIndienenThrottle(AnonRateThrottle):
    scope = "burger_indienen"

    def get_ident(self, request: Any) -> str:
        # The cache keeps the times of a citizen's filings under this key for the throttle's period (in
        # the database with SCHAKEL_CACHE=database); with the address in it, the times would tie the
        # address to the anonymous brake filed at that moment (issue 7).
        return verhuld(super().get_ident(request))
