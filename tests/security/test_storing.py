"""While the database is away, web and API answer 503 with Retry-After instead of 500, and the next request
after it is back is served normally. The failure is mocked here (on whichever database the suite runs:
CI runs it on SQLite and on PostgreSQL); bench/faults.py restarts a real PostgreSQL under load."""

from __future__ import annotations

import importlib
import logging

import pytest
from django.db import IntegrityError, InterfaceError, OperationalError
from django.test import Client
from rest_framework.test import APIClient

START = importlib.import_module("schakel.web.views.start")  # the package re-exports the view by that name
WEG = OperationalError("connection failed: server closed the connection unexpectedly")


@pytest.fixture
def plain() -> Client:
    # Let Django turn the exception into a response, as in production.
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("fout", [WEG, InterfaceError("connection already closed")])
def test_a_web_page_is_a_dutch_503_page(fout, db, plain, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(START, "start_overview", _raise(fout))
    response = plain.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    html = response.content.decode()
    assert "<html lang='nl'>" in html and "even niet beschikbaar" in html
    assert "Probeer het over 10 seconden opnieuw." in html
    assert "connection" not in html and "Traceback" not in html
    monkeypatch.undo()
    assert plain.get("/").status_code == 200, "recovers by itself"


def test_the_api_is_problem_json_with_a_dutch_title(world, monkeypatch):  # type: ignore[no-untyped-def]
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(world.lid("uo.professional").gebruiker)
    monkeypatch.setattr("schakel.organisaties.api.leden_van", _raise(WEG))
    response = client.get("/api/v1/ik/")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "10"
    body = response.json()
    assert body["title"] == "Tijdelijk niet beschikbaar" and body["status"] == 503
    assert body["detail"] == "De database is even niet bereikbaar. Probeer het over 10 seconden opnieuw."
    assert body["type"].endswith("/storing")
    monkeypatch.undo()
    assert client.get("/api/v1/ik/").status_code == 200


def test_an_outage_outside_the_view_is_a_503_too(world, plain, monkeypatch):  # type: ignore[no-untyped-def]
    """Saving the session happens in a middleware, after the view: the 500 handler recognises it."""
    from tests.factories import noodrem

    n = noodrem(world, niveau="burger")
    monkeypatch.setattr("django.contrib.sessions.backends.db.SessionStore.save", _raise(WEG))
    response = plain.post("/burger/volgen/", {"ontvangstcode": n.ontvangstcode})
    assert response.status_code == 503
    assert response["Retry-After"] == "10"


def test_the_api_outside_the_view(world, monkeypatch):  # type: ignore[no-untyped-def]
    client = APIClient(raise_request_exception=False, HTTP_AUTHORIZATION="Token sk_x")
    monkeypatch.setattr("schakel.api.authentication.ApiToken.objects.select_related", _raise(WEG))
    response = client.get("/api/v1/ik/")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"


def test_other_database_errors_stay_500(db, plain, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(START, "start_overview", _raise(IntegrityError("dubbel")))
    assert plain.get("/").status_code == 500


def test_the_log_names_the_outage_without_sql(db, plain, monkeypatch, caplog):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        START,
        "start_overview",
        _raise(OperationalError("server closed the connection\nSELECT geheim FROM tabel WHERE code = 'X'")),
    )
    with caplog.at_level(logging.WARNING):
        assert plain.get("/").status_code == 503
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "Database onbereikbaar (OperationalError) bij /" in text
    assert "geheim" not in text and "closed" not in text


def _raise(exc: Exception):  # type: ignore[no-untyped-def]
    def raiser(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise exc

    return raiser
