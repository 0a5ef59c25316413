"""Guessing passwords and API tokens is throttled: failures per username and per client address, a Dutch
message saying when to try again, 429 with Retry-After; a right password ends the account's count."""

from __future__ import annotations

import re
from typing import Any

import pytest
import time_machine
from django.test import Client
from rest_framework.test import APIClient

from schakel.api.tokens import token_create

START = "2026-11-23T10:00:00+00:00"


@pytest.fixture
def gebruiker(world):  # type: ignore[no-untyped-def]
    user = world.lid("uo.professional").gebruiker
    user.set_password("goed-wachtwoord-123")
    user.save()
    return user


def inloggen(naam: str, wachtwoord: str, adres: str = "192.0.2.10") -> Any:
    return Client(REMOTE_ADDR=adres).post("/inloggen/", {"username": naam, "password": wachtwoord})


def test_ten_wrong_passwords_lock_the_account_even_for_the_right_one(gebruiker, settings):  # type: ignore[no-untyped-def]
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["inloggen"] == "10/hour"
    with time_machine.travel(START, tick=False) as reis:
        for i in range(10):
            assert inloggen(gebruiker.username, f"fout-{i}", adres=f"192.0.2.{i}").status_code == 200
        refused = inloggen(gebruiker.username, "goed-wachtwoord-123", adres="198.51.100.1")
        assert refused.status_code == 429
        assert refused["Retry-After"] == "3600"
        html = refused.content.decode()
        assert "U heeft te vaak geprobeerd in te loggen. Probeer het over 60 minuten opnieuw." in html
        assert "foutoverzicht" in html and "sessionid" not in refused.cookies
        # another account from the same addresses is not affected
        assert inloggen("iemand-anders", "fout", adres="192.0.2.1").status_code == 200

        reis.shift(30 * 60)
        assert "over 30 minuten" in inloggen(gebruiker.username, "goed-wachtwoord-123").content.decode()
        reis.shift(30 * 60 + 1)
        assert inloggen(gebruiker.username, "goed-wachtwoord-123").status_code == 302


def test_the_name_is_counted_case_insensitively(gebruiker):  # type: ignore[no-untyped-def]
    for i in range(10):
        inloggen(
            gebruiker.username.upper() if i % 2 else gebruiker.username, f"fout-{i}", adres=f"192.0.2.{i}"
        )
    assert inloggen(gebruiker.username, "goed-wachtwoord-123").status_code == 429


def test_a_right_password_ends_the_accounts_count(gebruiker):  # type: ignore[no-untyped-def]
    for i in range(9):
        inloggen(gebruiker.username, f"fout-{i}")
    assert inloggen(gebruiker.username, "goed-wachtwoord-123").status_code == 302
    for i in range(9):
        assert inloggen(gebruiker.username, f"nog-fout-{i}").status_code == 200
    assert inloggen(gebruiker.username, "goed-wachtwoord-123").status_code == 302


def test_one_address_trying_many_accounts_is_stopped(gebruiker, settings):  # type: ignore[no-untyped-def]
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "inloggen_adres": "5/hour",
        },
    }
    for i in range(5):
        assert inloggen(f"naam-{i}", "fout", adres="203.0.113.5").status_code == 200
    assert inloggen(gebruiker.username, "goed-wachtwoord-123", adres="203.0.113.5").status_code == 429
    assert inloggen(gebruiker.username, "goed-wachtwoord-123", adres="203.0.113.6").status_code == 302


def test_empty_fields_are_field_errors_and_do_not_count(gebruiker):  # type: ignore[no-untyped-def]
    for _ in range(12):
        response = inloggen(gebruiker.username, "")
        assert response.status_code == 200
        assert re.search(r'id="id_password-fout"', response.content.decode())
    assert inloggen(gebruiker.username, "goed-wachtwoord-123").status_code == 302


def test_the_login_page_itself_is_never_throttled(gebruiker):  # type: ignore[no-untyped-def]
    for i in range(10):
        inloggen(gebruiker.username, f"fout-{i}")
    assert Client(REMOTE_ADDR="192.0.2.10").get("/inloggen/").status_code == 200


def test_wrong_api_tokens_are_401_then_429_with_retry_after(world, settings):  # type: ignore[no-untyped-def]
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "inloggen_adres": "3/hour",
        },
    }
    user = world.lid("uo.professional").gebruiker
    goed = token_create(gebruikersnaam=user.username, actor="test")
    fout = APIClient(REMOTE_ADDR="192.0.2.20", HTTP_AUTHORIZATION="Token sk_geraden")
    for _ in range(3):
        response = fout.get("/api/v1/ik/")
        assert response.status_code in (401, 403)  # 403: session authentication comes first in DRF
        assert response["Content-Type"] == "application/problem+json"
    response = fout.get("/api/v1/ik/")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["title"] == "Te veel verzoeken" and body["status"] == 429
    assert body["detail"].startswith("U heeft te vaak geprobeerd in te loggen. Probeer het over ")
    assert int(response["Retry-After"]) > 0
    # a right token is looked up first: it keeps working, also from that address
    ok = APIClient(REMOTE_ADDR="192.0.2.20", HTTP_AUTHORIZATION=f"Token {goed}").get("/api/v1/ik/")
    assert ok.status_code == 200
    # and another address is not affected
    other = APIClient(REMOTE_ADDR="192.0.2.21", HTTP_AUTHORIZATION="Token sk_geraden").get("/api/v1/ik/")
    assert other.status_code in (401, 403)
