"""The error pages of the web UI: in the visitor's language, with the site's landmarks, and the 500 also
when what broke is the database or the session (it reads neither)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import path
from django.utils import translation

from schakel.urls import handler404, handler500
from schakel.urls import urlpatterns as base

pytestmark = pytest.mark.django_db


class Kapot(RuntimeError):
    pass


def kapot(request: Any) -> Any:
    raise Kapot("een fout in een view")


urlpatterns = [path("kapot/", kapot), *base]
__all__ = ["handler404", "handler500", "urlpatterns"]

TEKSTEN = {
    "nl": (
        "Er ging iets mis",
        "Er ging aan onze kant iets mis. Probeer het later opnieuw.",
        "Naar de startpagina",
    ),
    "en": (
        "Something went wrong",
        "Something went wrong on our side. Please try again later.",
        "To the start page",
    ),
}


@pytest.fixture(autouse=True)
def _kapotte_route(settings):  # type: ignore[no-untyped-def]
    settings.ROOT_URLCONF = __name__
    yield
    translation.deactivate()


@pytest.fixture
def plain() -> Client:
    # Let Django turn the exception into a response, as in production.
    return Client(raise_request_exception=False)


def _assert_pagina(html: str, taal: str) -> None:
    kop, uitleg, terug = TEKSTEN[taal]
    assert f'<html lang="{taal}"' in html
    assert f"<title>{kop} – Schakel</title>" in html
    assert f'<h1 class="nl-heading nl-heading--level-1">{kop}</h1>' in html
    assert uitleg in html and terug in html
    assert '<main id="inhoud"' in html and "<header" in html and 'href="#inhoud"' in html
    assert "Kapot" not in html and "Traceback" not in html


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_the_500_page_is_in_the_visitors_language(taal, plain):  # type: ignore[no-untyped-def]
    plain.cookies["django_language"] = taal
    response = plain.get("/kapot/")
    assert response.status_code == 500
    _assert_pagina(response.content.decode(), taal)


def test_the_500_page_follows_accept_language_too(plain):  # type: ignore[no-untyped-def]
    response = plain.get("/kapot/", HTTP_ACCEPT_LANGUAGE="en")
    _assert_pagina(response.content.decode(), "en")


def test_the_500_page_does_not_take_the_language_left_on_the_thread(rf):  # type: ignore[no-untyped-def]
    translation.activate("en")
    response = handler500_view()(rf.get("/kapot/"))
    _assert_pagina(response.content.decode(), "nl")


def handler500_view() -> Any:
    from django.urls import get_resolver

    return get_resolver().resolve_error_handler(500)


def _weg(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
    raise OperationalError("de database is weg")


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_the_500_page_renders_without_the_database(taal, world, plain):  # type: ignore[no-untyped-def]
    """A logged-in visitor: the session and the user are in the database, and a page that showed who is
    logged in (the site's base layout) would ask for them while rendering the error."""
    plain.force_login(world.lid("uo.professional").gebruiker)
    plain.cookies["django_language"] = taal
    with connection.execute_wrapper(_weg):
        response = plain.get("/kapot/")
    assert response.status_code == 500
    _assert_pagina(response.content.decode(), taal)


def test_the_500_page_renders_with_a_broken_session(world, plain, monkeypatch):  # type: ignore[no-untyped-def]
    plain.force_login(world.lid("uo.professional").gebruiker)

    def stuk(self):  # type: ignore[no-untyped-def]
        raise ValueError("sessie onleesbaar")

    monkeypatch.setattr("django.contrib.sessions.backends.db.SessionStore.load", stuk)
    response = plain.get("/kapot/")
    assert response.status_code == 500
    _assert_pagina(response.content.decode(), "nl")


def test_when_the_page_itself_fails_the_plain_dutch_text_still_answers(rf, monkeypatch, caplog):  # type: ignore[no-untyped-def]
    def stuk(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("sjabloon weg")

    monkeypatch.setattr("django.template.loader.render_to_string", stuk)
    response = handler500_view()(rf.get("/kapot/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "<html lang='nl'>" in html and "Er ging iets mis" in html
    assert "De foutpagina kon niet worden opgemaakt" in caplog.text


@pytest.mark.parametrize(
    ("taal", "kop", "uitleg"),
    [("nl", "Niet gevonden", "Deze pagina bestaat niet."), ("en", "Not found", "This page does not exist.")],
)
def test_the_404_page_shares_the_layout(taal, kop, uitleg, plain):  # type: ignore[no-untyped-def]
    plain.cookies["django_language"] = taal
    response = plain.get("/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{taal}"' in html and f"<title>{kop} – Schakel</title>" in html
    assert uitleg in html and '<main id="inhoud"' in html
