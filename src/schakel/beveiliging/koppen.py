"""Content-Security-Policy and Permissions-Policy on every response; Django's SecurityMiddleware,
XFrameOptionsMiddleware and cookie settings do the rest (nosniff, Referrer-Policy, COOP, HSTS).

Pages load scripts, styles and images from this site only. The one inline style block (the register's
`_stijl.html`) is allowed by its hash, computed from the template at start-up; a test checks it against
the served page. The API's schema viewer (Redoc, served from our static files) injects its styles and runs a worker, so it gets its own policy."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.loader import get_template

PERMISSIONS = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
_VAST = "base-uri 'none'; object-src 'none'; frame-ancestors 'none'; form-action 'self'"
_INLINE_STIJLEN = ["register/_stijl.html"]
_REDOC = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self'; "
    "img-src 'self' data:; worker-src blob:; connect-src 'self'; " + _VAST
)


def style_hash(css: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode() + "'"


def _inline_hashes() -> list[str]:
    hashes = []
    for name in _INLINE_STIJLEN:
        source = get_template(name).template.source  # type: ignore[attr-defined]
        hashes += [style_hash(css) for css in re.findall(r"<style>(.*?)</style>", source, re.S)]
    return hashes


def policy() -> str:
    styles = " ".join(["'self'", *_inline_hashes()])
    return (
        f"default-src 'self'; script-src 'self'; style-src {styles}; img-src 'self' data:; "
        f"font-src 'self'; connect-src 'self'; {_VAST}"
    )


class BeveiligingsKoppen:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.csp = policy()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            match = getattr(request, "resolver_match", None)
            redoc = match is not None and match.view_name == "api:schema-viewer"
            response["Content-Security-Policy"] = _REDOC if redoc else self.csp
        response.setdefault("Permissions-Policy", PERMISSIONS)
        return response
