"""One receipt-code look-up for the citizen portal and the citizen API: the limit check, the look-up and
the failure count are the same function, so both interfaces share one count per client address."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from rest_framework.test import APIClient

from schakel.beveiliging.pogingen import TeVaak
from schakel.core.errors import NietGevonden
from schakel.noodremmen.ontvangstcode import noodrem_openen
from tests.factories import noodrem

FOUT = "ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2"
ADRES = "192.0.2.30"


def web(code: str, adres: str = ADRES) -> Any:
    return Client(REMOTE_ADDR=adres).post("/burger/volgen/", {"ontvangstcode": code})


def api(code: str, adres: str = ADRES) -> Any:
    return APIClient(REMOTE_ADDR=adres).get("/api/v1/burger/zaak/", HTTP_SCHAKEL_ONTVANGSTCODE=code)


def test_the_function_counts_failures_only_and_then_refuses_even_the_right_code(world):  # type: ignore[no-untyped-def]
    n = noodrem(world, niveau="burger")
    for _ in range(30):
        assert noodrem_openen(code=n.ontvangstcode, adres=ADRES) == n
    for _ in range(20):
        with pytest.raises(NietGevonden):
            noodrem_openen(code=FOUT, adres=ADRES)
    with pytest.raises(TeVaak) as refused:
        noodrem_openen(code=n.ontvangstcode, adres=ADRES)
    assert refused.value.status == 429 and 0 < refused.value.wacht <= 3600
    assert (
        refused.value.message
        == "U heeft te vaak een verkeerde code ingevuld. Probeer het over 60 minuten opnieuw."
    )
    assert noodrem_openen(code=n.ontvangstcode, adres="192.0.2.31") == n


def test_web_and_api_share_one_count_per_address(world):  # type: ignore[no-untyped-def]
    n = noodrem(world, niveau="burger")
    for _ in range(10):
        assert web(FOUT).status_code == 400
        assert api(FOUT).status_code == 404
    refused_web = web(n.ontvangstcode)
    assert refused_web.status_code == 429
    assert int(refused_web["Retry-After"]) > 0
    assert "U heeft te vaak een verkeerde code ingevuld. Probeer het over 60 minuten opnieuw." in (
        refused_web.content.decode()
    )
    refused_api = api(n.ontvangstcode)
    assert refused_api.status_code == 429
    assert refused_api["Content-Type"] == "application/problem+json"
    assert refused_api.json()["title"] == "Te veel verzoeken"
    assert int(refused_api["Retry-After"]) > 0


def test_the_portal_validates_the_form_before_counting(world):  # type: ignore[no-untyped-def]
    n = noodrem(world, niveau="burger")
    for _ in range(25):
        response = web("")
        assert response.status_code == 400
        assert 'id="id_ontvangstcode-fout"' in response.content.decode()
    assert web(n.ontvangstcode).status_code == 302


def test_the_count_is_shared_through_the_database_cache(world, settings):  # type: ignore[no-untyped-def]
    """With SCHAKEL_CACHE=database every worker and node reads the same count."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "schakel_cache"}
    }
    call_command("createcachetable", verbosity=0)
    n = noodrem(world, niveau="burger")
    for _ in range(20):
        assert api(FOUT).status_code == 404
    assert api(n.ontvangstcode).status_code == 429
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM schakel_cache")
        keys = [row[0] for row in cursor.fetchall()]
    assert any(":schakel:pogingen:ontvangstcode:" in key for key in keys), keys
    assert not any(ADRES in key or "ABCDE" in key for key in keys), "keys are hashed"
