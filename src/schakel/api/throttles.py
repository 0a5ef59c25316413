"""Throttles. Receipt-code guessing is limited by counting only the failed look-ups per client address,
so a citizen who follows their own item is never locked out by reading it often."""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle


class OntvangstcodeThrottle(SimpleRateThrottle):
    scope = "ontvangstcode"
    duration: int
    num_requests: int

    def get_cache_key(self, request: Request, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def allow_request(self, request: Request, view: Any) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        self.history = self.cache.get(self.key, [])
        self.now = self.timer()
        while self.history and self.history[-1] <= self.now - self.duration:
            self.history.pop()
        return len(self.history) < self.num_requests or self.throttle_failure()

    def record_failure(self, request: Request) -> None:
        key = self.get_cache_key(request, None)
        history = [t for t in self.cache.get(key, []) if t > self.timer() - self.duration]
        self.cache.set(key, [self.timer(), *history], self.duration)


class BurgerIndienenThrottle(AnonRateThrottle):
    scope = "burger_indienen"
