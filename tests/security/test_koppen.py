"""Security headers on web pages, the API and the public register; CSRF on web forms; cookie flags."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from rest_framework.test import APIClient

from schakel.beveiliging.koppen import style_hash

VASTE_KOPPEN = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def assert_koppen(response) -> str:  # type: ignore[no-untyped-def]
    for name, value in VASTE_KOPPEN.items():
        assert response[name] == value, (name, response.get(name))
    assert "camera=()" in response["Permissions-Policy"]
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self';" in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp and "base-uri 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    return str(csp)


@pytest.mark.parametrize("url", ["/", "/inloggen/", "/burger/", "/burger/volgen/", "/bestaat-niet/"])
def test_web_pages(url, db):  # type: ignore[no-untyped-def]
    response = Client().get(url)
    assert response.status_code in (200, 404)
    assert_koppen(response)


def test_pages_of_a_member(world, client):  # type: ignore[no-untyped-def]
    client.force_login(world.lid("uo.professional").gebruiker)
    response = client.get("/werkvoorraad/")
    assert response.status_code == 200
    assert_koppen(response)


@pytest.mark.parametrize("url", ["/api/v1/ik/", "/api/v1/burger/zaak/", "/api/v1/bestaat-niet/"])
def test_api(url, db):  # type: ignore[no-untyped-def]
    response = APIClient().get(url)
    assert response.status_code in (401, 403, 404)
    assert_koppen(response)


def test_register_allows_exactly_its_own_inline_style(db):  # type: ignore[no-untyped-def]
    response = Client().get("/register/")
    assert response.status_code == 200
    csp = assert_koppen(response)
    styles = re.findall(r"<style>(.*?)</style>", response.content.decode(), re.S)
    assert styles, "the register page has its style block"
    for css in styles:
        assert style_hash(css) in csp
    assert not re.search(r"<script(?![^>]*\bsrc=)", response.content.decode()), "no inline scripts"


def test_the_schema_viewer_loads_nothing_from_third_parties(db):  # type: ignore[no-untyped-def]
    response = Client().get("/api/v1/schema/viewer/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "redoc.standalone.js" in html
    assert "https://" not in html, "Redoc and its fonts come from our own static files"
    assert "https://" not in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_csrf_is_enforced_on_web_forms(world):  # type: ignore[no-untyped-def]
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/inloggen/", {"username": "x", "password": "y"}).status_code == 403
    assert strict.post("/burger/volgen/", {"ontvangstcode": "ABCDE"}).status_code == 403
    page = strict.get("/burger/volgen/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    assert token
    ok = strict.post("/burger/volgen/", {"ontvangstcode": "", "csrfmiddlewaretoken": token.group(1)})
    assert ok.status_code == 400


def test_cookies_are_secure_httponly_and_samesite(world, settings):  # type: ignore[no-untyped-def]
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE  # DEBUG is off in tests
    user = world.lid("uo.professional").gebruiker
    user.set_password("goed-wachtwoord-123")
    user.save()
    client = Client()
    client.get("/inloggen/")
    response = client.post("/inloggen/", {"username": user.username, "password": "goed-wachtwoord-123"})
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    csrf = client.get("/burger/volgen/").cookies.get("csrftoken") or client.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
