"""Kamervraag pages: the list for the griffie and the organisation asked, asking one (the griffie only), the
detail page with the board's answer form, the timeline and the register link — each allowed and denied,
errors next to the field in Dutch, a refusal changes nothing, and no N+1 on list or detail."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from schakel.beheer.tick import tick
from schakel.core.models import LedgerEvent
from schakel.kamervragen.models import Kamervraag, KamervraagAntwoord, KamervraagStatus
from schakel.kamervragen.services import kamervraag_beantwoorden, kamervraag_stellen
from tests.factories import TOELICHTING, RegelFactory

BOUND = 30
NU = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)
VRAAG = "Hoeveel burgers moesten in 2026 een WIA-voorschot terugbetalen omdat uw besluit te laat kwam?"


def ask(world: Any, *, vraag: str = VRAAG, **kwargs: Any) -> Kamervraag:
    kwargs.setdefault("organisatie", world.uitvoerder)
    return kamervraag_stellen(door=world.lid("tk.griffie"), vraag=vraag, **kwargs)


@pytest.fixture(autouse=True)
def _frozen():  # type: ignore[no-untyped-def]
    with time_machine.travel(NU, tick=False):
        yield


# --- list -------------------------------------------------------------------------------------------


def test_list_for_the_griffie_shows_what_its_committee_asked(world, login):
    kv = ask(world)
    html = login("tk.griffie").get("/kamervragen/").content.decode()
    assert "Gesteld door mijn commissie" in html and f"/kamervragen/{kv.uuid}/" in html
    assert "Nieuwe Kamervraag stellen" in html
    assert "nog 21 dagen" in html


@pytest.mark.parametrize("key", ["uo.bestuur", "uo.professional"])
def test_list_for_the_organisation_asked(world, login, key):
    kv = ask(world)
    html = login(key).get("/kamervragen/").content.decode()
    assert "Gesteld aan mijn organisatie" in html and f"/kamervragen/{kv.uuid}/" in html
    assert "Nieuwe Kamervraag stellen" not in html


def test_list_puts_overdue_first_and_shows_days_late(world, login):
    later = ask(world, vraag=VRAAG + " Tweede vraag.")
    with time_machine.travel(NU - dt.timedelta(days=30), tick=False):
        eerder = ask(world)
    html = login("uo.bestuur").get("/kamervragen/").content.decode()
    assert html.index(f"/kamervragen/{eerder.uuid}/") < html.index(f"/kamervragen/{later.uuid}/")
    assert "dagen te laat" in html and "schakel-te-laat" in html


def test_list_hides_questions_to_other_organisations_and_needs_login(world, login, client):
    kv = ask(world)
    assert client.get("/kamervragen/")["Location"].startswith("/inloggen/")
    html = login("gem.bestuur").get("/kamervragen/").content.decode()
    assert f"/kamervragen/{kv.uuid}/" not in html and "Geen Kamervragen." in html


# --- asking -----------------------------------------------------------------------------------------


def test_griffie_asks_a_question(world, login):
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    client = login("tk.griffie")
    form = client.get("/kamervragen/nieuw/")
    assert form.status_code == 200
    assert (
        world.ministerie.naam
        not in form.content.decode().split('name="organisatie"')[1].split("</select>")[0]
    )
    response = client.post(
        "/kamervragen/nieuw/",
        {"organisatie": str(world.uitvoerder.uuid), "regel": str(regel.uuid), "vraag": VRAAG},
    )
    kv = Kamervraag.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/kamervragen/{kv.uuid}/"
    assert (kv.ontvanger_organisatie, kv.ontvanger_rol, kv.regel) == (world.uitvoerder, "bestuur", regel)


@pytest.mark.parametrize("key", ["uo.bestuur", "uo.professional", "min.beleidsdirectie", "no.bestuur"])
def test_only_the_griffie_asks(world, login, key):
    client = login(key)
    refused = client.get("/kamervragen/nieuw/")
    assert refused.status_code == 403 and "Dit kan alleen de griffie" in refused.content.decode()
    response = client.post("/kamervragen/nieuw/", {"organisatie": str(world.uitvoerder.uuid), "vraag": VRAAG})
    assert response.status_code == 403
    assert not Kamervraag.objects.exists()


def test_asking_needs_login(world, client):
    assert client.get("/kamervragen/nieuw/")["Location"].startswith("/inloggen/")


def test_asking_errors_are_dutch_and_next_to_the_field(world, login):
    events = LedgerEvent.objects.count()
    client = login("tk.griffie")
    response = client.post("/kamervragen/nieuw/", {"organisatie": "", "vraag": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_organisatie-fout"' in html and 'id="id_vraag-fout"' in html
    assert "Kies een organisatie." in html and 'href="#id_organisatie"' in html

    # A ministry is not offered, and refused when sent anyway.
    response = client.post("/kamervragen/nieuw/", {"organisatie": str(world.ministerie.uuid), "vraag": VRAAG})
    assert response.status_code == 400
    assert "Kies een organisatie uit de lijst." in response.content.decode()

    response = client.post(
        "/kamervragen/nieuw/", {"organisatie": str(world.uitvoerder.uuid), "vraag": "Te kort."}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_vraag-fout"' in html and "ten minste 8 woorden" in html
    assert LedgerEvent.objects.count() == events and not Kamervraag.objects.exists()


# --- detail -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["tk.griffie", "uo.bestuur", "uo.professional"])
def test_detail_for_committee_and_organisation(world, login, key):
    kv = ask(world)
    html = login(key).get(f"/kamervragen/{kv.uuid}/").content.decode()
    assert VRAAG in html and "Tweede Kamer" in html and "Uitvoerder (Bestuur)" in html
    assert "Termijn: " in html and "nog 21 dagen" in html
    assert "Logboek gecontroleerd" in html and "Kamervraag gesteld" in html
    assert f"/register/item/{kv.uuid}/" in html


def test_detail_is_404_for_others_and_login_for_anonymous(world, login, client):
    kv = ask(world)
    assert client.get(f"/kamervragen/{kv.uuid}/")["Location"].startswith("/inloggen/")
    assert login("gem.bestuur").get(f"/kamervragen/{kv.uuid}/").status_code == 404
    assert (
        login("gem.bestuur").post(f"/kamervragen/{kv.uuid}/beantwoorden/", {"tekst": TOELICHTING}).status_code
        == 404
    )


def test_board_answers_and_the_committee_reads_it(world, login):
    kv = ask(world)
    client = login("uo.bestuur")
    assert "Kamervraag beantwoorden" in client.get(f"/kamervragen/{kv.uuid}/").content.decode()
    response = client.post(f"/kamervragen/{kv.uuid}/beantwoorden/", {"tekst": TOELICHTING})
    assert response.status_code == 302 and response["Location"] == f"/kamervragen/{kv.uuid}/"
    kv.refresh_from_db()
    assert kv.status == KamervraagStatus.BEANTWOORD

    html = login("tk.griffie").get(f"/kamervragen/{kv.uuid}/").content.decode()
    assert TOELICHTING in html and "Bestuur bij Uitvoerder" in html and "Kamervraag beantwoord" in html
    assert "Kamervraag beantwoorden" not in html
    assert "Beantwoord op 23 november 2026" in login("tk.griffie").get("/kamervragen/").content.decode()


@pytest.mark.parametrize("key", ["uo.professional", "uo.teamleider", "tk.griffie"])
def test_only_the_board_answers(world, login, key):
    kv = ask(world)
    client = login(key)
    assert "Kamervraag beantwoorden" not in client.get(f"/kamervragen/{kv.uuid}/").content.decode()
    response = client.post(f"/kamervragen/{kv.uuid}/beantwoorden/", {"tekst": TOELICHTING})
    assert response.status_code == 400
    assert not KamervraagAntwoord.objects.exists()


def test_answer_errors_next_to_the_field_and_only_once(world, login):
    kv = ask(world)
    client = login("uo.bestuur")
    response = client.post(f"/kamervragen/{kv.uuid}/beantwoorden/", {"tekst": ""})
    assert response.status_code == 400 and 'id="id_tekst-fout"' in response.content.decode()
    response = client.post(f"/kamervragen/{kv.uuid}/beantwoorden/", {"tekst": "Te kort."})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_tekst-fout"' in html and "ten minste 8 woorden" in html
    assert not KamervraagAntwoord.objects.exists()

    kamervraag_beantwoorden(kamervraag=kv, door=world.lid("uo.bestuur"), tekst=TOELICHTING)
    response = client.post(f"/kamervragen/{kv.uuid}/beantwoorden/", {"tekst": TOELICHTING})
    assert response.status_code == 400 and "al beantwoord" in response.content.decode()


def test_after_escalation_the_ministry_answers_and_the_silence_shows(world, login):
    kv = ask(world)
    later = kv.uiterlijk + dt.timedelta(days=1)
    tick(now=later)
    with time_machine.travel(later, tick=False):
        uo = login("uo.bestuur")
        html = uo.get(f"/kamervragen/{kv.uuid}/").content.decode()
        assert "Kamervraag beantwoorden" not in html and "Termijn verstreken" in html
        assert "geëscaleerd" in uo.get("/kamervragen/").content.decode()
        ministerie = login("min.bewindspersoon")
        assert "Kamervraag beantwoorden" in ministerie.get(f"/kamervragen/{kv.uuid}/").content.decode()


# --- no N+1 -----------------------------------------------------------------------------------------


def count(client: Any, url: str) -> int:
    client.get(url)  # warms the session and content types
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _some(world: Any, n: int) -> Kamervraag:
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    vragen = [ask(world, regel=regel) for _ in range(n)]
    for kv in vragen[::2]:
        kamervraag_beantwoorden(kamervraag=kv, door=world.lid("uo.bestuur"), tekst=TOELICHTING)
    return vragen[0]


@pytest.mark.parametrize("key", ["tk.griffie", "uo.bestuur"])
def test_list_query_count_does_not_grow(world, login, key):
    counts = []
    for n in (1, 9):
        _some(world, n)
        counts.append(count(login(key), "/kamervragen/"))
    assert counts[0] == counts[1] and counts[1] <= BOUND, counts


def test_detail_query_count_does_not_grow(world, login):
    counts = []
    for n in (1, 10):
        kv = _some(world, n)
        counts.append(count(login("tk.griffie"), f"/kamervragen/{kv.uuid}/"))
    assert counts[0] == counts[1] and counts[1] <= BOUND, counts
