"""Opdracht pages: list, giving one, the detail with the uitvoeringstoets and the noodsignaal gate, the
principal's decision, returning it (organisation brake, referral budget) and the principal's choice —
each allowed and denied, errors next to the field in Dutch, a refusal changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from schakel.core.models import LedgerEvent
from schakel.noodremmen.models import Niveau, Noodrem
from schakel.opdrachten.models import Opdracht, OpdrachtBesluit, Uitvoeringstoets
from schakel.opdrachten.workflow import OpdrachtStatus
from tests.factories import MOTIVERING, TOELICHTING, TOETS, noodrem, opdracht

BOUND = 30
OMSCHRIJVING = "Voer per volgend jaar een maandelijkse inkomenstoets in voor alle gerechtigden."
TERUGGEVEN = {
    "beginselen": ["AWB-EVENREDIGHEID"],
    "motivering": "Met deze opdracht komen duizenden mensen in de schulden en halen we de beslistermijnen niet.",
}


# --- list -------------------------------------------------------------------------------------------


def test_list_shows_given_and_received_and_the_budget_to_the_executor(world, login):
    o = opdracht(world)
    ministerie = login("min.beleidsdirectie").get("/opdrachten/").content.decode()
    assert o.titel in ministerie and "Gegeven door mijn organisatie" in ministerie
    assert "Nieuwe opdracht geven" in ministerie
    assert "Terugverwijzingsbudget" not in ministerie

    uitvoerder = login("uo.professional").get("/opdrachten/").content.decode()
    assert o.titel in uitvoerder
    assert "Nieuwe opdracht geven" not in uitvoerder
    assert "U kunt deze periode nog 2 van de 2 opdrachten teruggeven." in uitvoerder


def test_list_hides_opdrachten_of_other_organisations_and_needs_login(world, login, client):
    o = opdracht(world)
    assert client.get("/opdrachten/")["Location"].startswith("/inloggen/")
    assert o.titel not in login("gem.professional").get("/opdrachten/").content.decode()


def test_list_shows_days_left_on_a_returned_opdracht(world, login):
    n = noodrem(world, niveau=Niveau.ORGANISATIE)
    html = login("min.beleidsdirectie").get("/opdrachten/").content.decode()
    assert "Antwoord op teruggave" in html and "nog " in html
    assert n.opdracht.get_status_display() in html  # type: ignore[union-attr]


# --- giving an opdracht ---------------------------------------------------------------------------


def test_ministry_gives_an_opdracht(world, login):
    client = login("min.beleidsdirectie")
    assert client.get("/opdrachten/nieuw/").status_code == 200
    response = client.post(
        "/opdrachten/nieuw/",
        {"titel": "Inkomenstoets", "uitvoerder": str(world.uitvoerder.uuid), "omschrijving": OMSCHRIJVING},
    )
    o = Opdracht.objects.get(titel="Inkomenstoets")
    assert response.status_code == 302 and response["Location"] == f"/opdrachten/{o.uuid}/"
    assert (o.opdrachtgever, o.uitvoerder, o.status) == (world.ministerie, world.uitvoerder, "ontwerp")


@pytest.mark.parametrize("key", ["uo.bestuur", "uo.professional", "tk.griffie"])
def test_only_a_ministry_gives_an_opdracht(world, login, key):
    client = login(key)
    assert client.get("/opdrachten/nieuw/").status_code == 403
    response = client.post(
        "/opdrachten/nieuw/",
        {"titel": "Inkomenstoets", "uitvoerder": str(world.gemeente.uuid), "omschrijving": OMSCHRIJVING},
    )
    assert response.status_code == 403
    assert not Opdracht.objects.exists()


def test_giving_errors_are_dutch_and_next_to_the_field(world, login):
    events = LedgerEvent.objects.count()
    client = login("min.beleidsdirectie")
    response = client.post("/opdrachten/nieuw/", {"titel": "", "uitvoerder": "", "omschrijving": "Te kort."})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_titel-fout"' in html and 'id="id_uitvoerder-fout"' in html
    assert "Kies een uitvoerder." in html
    assert 'href="#id_uitvoerder"' in html  # the error summary links to the field

    response = client.post(
        "/opdrachten/nieuw/",
        {"titel": "Inkomenstoets", "uitvoerder": str(world.uitvoerder.uuid), "omschrijving": "Te kort."},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_omschrijving-fout"' in html and "ten minste 8 woorden" in html
    assert LedgerEvent.objects.count() == events and not Opdracht.objects.exists()


# --- detail ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["min.beleidsdirectie", "uo.professional", "uo.bestuur"])
def test_detail_for_principal_and_executor_has_the_noodrem_button(world, login, key):
    o = opdracht(world)
    html = login(key).get(f"/opdrachten/{o.uuid}/").content.decode()
    assert o.titel in html and f"/noodrem-trekken/opdracht/{o.uuid}/" in html
    assert "Logboek gecontroleerd" in html and "Opdracht aangemaakt" in html


def test_detail_is_404_for_others_and_login_for_anonymous(world, login, client):
    o = opdracht(world)
    assert client.get(f"/opdrachten/{o.uuid}/")["Location"].startswith("/inloggen/")
    assert login("gem.bestuur").get(f"/opdrachten/{o.uuid}/").status_code == 404


# --- asking and giving the toets ------------------------------------------------------------------


def test_principal_asks_the_toets_others_may_not(world, login):
    o = opdracht(world)
    page = login("min.beleidsdirectie").get(f"/opdrachten/{o.uuid}/").content.decode()
    assert "Uitvoeringstoets vragen" in page
    assert "Uitvoeringstoets vragen" not in login("uo.bestuur").get(f"/opdrachten/{o.uuid}/").content.decode()

    refused = login("uo.bestuur").post(f"/opdrachten/{o.uuid}/toets-vragen/")
    assert refused.status_code == 403 and "beleidsdirectie of bewindspersoon" in refused.content.decode()
    o.refresh_from_db()
    assert o.status == OpdrachtStatus.ONTWERP

    ok = login("min.beleidsdirectie").post(f"/opdrachten/{o.uuid}/toets-vragen/")
    assert ok.status_code == 302
    o.refresh_from_db()
    assert o.status == OpdrachtStatus.TOETS_GEVRAAGD


def test_executor_sounds_the_noodsignaal_and_the_page_explains_the_gate(world, login):
    o = opdracht(world, state="toets_gevraagd")
    client = login("uo.bestuur")
    assert "Geef de uitvoeringstoets" in client.get(f"/opdrachten/{o.uuid}/").content.decode()
    response = client.post(f"/opdrachten/{o.uuid}/toets/", {"uitvoerbaar": "nee", **TOETS})
    assert response.status_code == 302
    o.refresh_from_db()
    assert o.status == OpdrachtStatus.GETOETST
    page = login("min.beleidsdirectie").get(f"/opdrachten/{o.uuid}/").content.decode()
    assert "Noodsignaal van de uitvoerder." in page
    assert "De opdracht kan niet verder" in page
    assert 'name="gewogen_toets"' in page and 'name="weging_toets"' in page


def test_toets_errors_next_to_the_field(world, login):
    o = opdracht(world, state="toets_gevraagd")
    client = login("uo.bestuur")
    missing = {**TOETS, "ondergrenzen": ""}
    response = client.post(f"/opdrachten/{o.uuid}/toets/", {"uitvoerbaar": "nee", **missing})
    assert response.status_code == 400
    assert 'id="id_ondergrenzen-fout"' in response.content.decode()

    response = client.post(f"/opdrachten/{o.uuid}/toets/", {"uitvoerbaar": "onder_voorwaarden", **TOETS})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_voorwaarden-fout"' in html and "Noem de voorwaarden." in html
    assert not Uitvoeringstoets.objects.exists()


@pytest.mark.parametrize("key", ["uo.professional", "min.beleidsdirectie"])
def test_toets_only_by_the_executors_bestuur_or_teamleider(world, login, key):
    o = opdracht(world, state="toets_gevraagd")
    page = login(key).get(f"/opdrachten/{o.uuid}/").content.decode()
    assert "Geef de uitvoeringstoets" not in page
    response = login(key).post(f"/opdrachten/{o.uuid}/toets/", {"uitvoerbaar": "ja", **TOETS})
    assert response.status_code == 400
    assert "Alleen de uitvoerder" in response.content.decode()
    assert not Uitvoeringstoets.objects.exists()


# --- the principal's decision: the noodsignaal gate ----------------------------------------------


def test_decision_after_a_noodsignaal_must_weigh_the_toets(world, login):
    o = opdracht(world, state="getoetst", uitvoerbaar="nee")
    client = login("min.beleidsdirectie")
    response = client.post(
        f"/opdrachten/{o.uuid}/besluit/", {"keuze": "vaststellen", "motivering": MOTIVERING}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_gewogen_toets-fout"' in html and "weeg die toets uitdrukkelijk" in html

    response = client.post(
        f"/opdrachten/{o.uuid}/besluit/",
        {"keuze": "vaststellen", "motivering": MOTIVERING, "gewogen_toets": "on", "weging_toets": "Prima."},
    )
    assert response.status_code == 400
    assert 'id="id_weging_toets-fout"' in response.content.decode()
    assert not OpdrachtBesluit.objects.exists()

    response = client.post(
        f"/opdrachten/{o.uuid}/besluit/",
        {
            "keuze": "vaststellen",
            "motivering": MOTIVERING,
            "gewogen_toets": "on",
            "weging_toets": TOELICHTING,
        },
    )
    assert response.status_code == 302
    o.refresh_from_db()
    assert o.status == OpdrachtStatus.VASTGESTELD
    besluit = OpdrachtBesluit.objects.get()
    assert besluit.gewogen_toets is not None and besluit.weging_toets == TOELICHTING


def test_decision_after_a_positive_toets_needs_no_weighing(world, login):
    o = opdracht(world, state="getoetst", uitvoerbaar="ja")
    client = login("min.bewindspersoon")
    page = client.get(f"/opdrachten/{o.uuid}/").content.decode()
    assert "Besluiten over de opdracht" in page and 'name="weging_toets"' not in page
    response = client.post(f"/opdrachten/{o.uuid}/besluit/", {"keuze": "intrekken", "motivering": MOTIVERING})
    assert response.status_code == 302
    o.refresh_from_db()
    assert o.status == OpdrachtStatus.INGETROKKEN


def test_decision_only_by_the_principal(world, login):
    o = opdracht(world, state="getoetst", uitvoerbaar="ja")
    client = login("uo.bestuur")
    assert "Besluiten over de opdracht" not in client.get(f"/opdrachten/{o.uuid}/").content.decode()
    response = client.post(
        f"/opdrachten/{o.uuid}/besluit/", {"keuze": "vaststellen", "motivering": MOTIVERING}
    )
    assert response.status_code == 400 and "beleidsdirectie of bewindspersoon" in response.content.decode()
    o.refresh_from_db()
    assert o.status == OpdrachtStatus.GETOETST


# --- returning it (organisation brake) and the principal's choice --------------------------------


def test_bestuur_returns_a_vastgesteld_opdracht(world, login):
    o = opdracht(world, state="vastgesteld")
    client = login("uo.bestuur")
    page = client.get(f"/opdrachten/{o.uuid}/").content.decode()
    assert f"/opdrachten/{o.uuid}/teruggeven/" in page
    form = client.get(f"/opdrachten/{o.uuid}/teruggeven/").content.decode()
    assert "U kunt deze periode nog 2 van de 2 opdrachten teruggeven." in form
    response = client.post(f"/opdrachten/{o.uuid}/teruggeven/", TERUGGEVEN)
    n = Noodrem.objects.get(opdracht=o, niveau=Niveau.ORGANISATIE)
    assert response.status_code == 302 and response["Location"] == f"/noodremmen/{n.uuid}/"
    o.refresh_from_db()
    assert o.status == OpdrachtStatus.TERUGGEGEVEN
    assert n.getrokken_door == world.lid("uo.bestuur")

    page = login("min.beleidsdirectie").get(f"/opdrachten/{o.uuid}/").content.decode()
    assert "Teruggegeven: de opdracht staat stil" in page
    assert "Kies: intrekken, wijzigen of herbevestigen" in page and f"/noodremmen/{n.uuid}/" in page
    budget = login("uo.bestuur").get("/opdrachten/").content.decode()
    assert "U kunt deze periode nog 1 van de 2 opdrachten teruggeven." in budget


@pytest.mark.parametrize("key", ["uo.professional", "uo.teamleider", "min.beleidsdirectie"])
def test_only_the_executors_bestuur_returns(world, login, key):
    o = opdracht(world, state="vastgesteld")
    client = login(key)
    assert f"/opdrachten/{o.uuid}/teruggeven/" not in client.get(f"/opdrachten/{o.uuid}/").content.decode()
    assert client.get(f"/opdrachten/{o.uuid}/teruggeven/").status_code == 403
    assert client.post(f"/opdrachten/{o.uuid}/teruggeven/", TERUGGEVEN).status_code == 403
    o.refresh_from_db()
    assert o.status == OpdrachtStatus.VASTGESTELD


def test_return_errors_next_to_the_field_and_only_when_vastgesteld(world, login):
    o = opdracht(world, state="vastgesteld")
    client = login("uo.bestuur")
    response = client.post(f"/opdrachten/{o.uuid}/teruggeven/", {"motivering": "Te kort."})
    assert response.status_code == 400
    assert 'id="id_beginselen-fout"' in response.content.decode()
    response = client.post(f"/opdrachten/{o.uuid}/teruggeven/", {**TERUGGEVEN, "motivering": "Te kort."})
    assert response.status_code == 400
    assert 'id="id_motivering-fout"' in response.content.decode()

    getoetst = opdracht(world, state="getoetst")
    response = client.post(f"/opdrachten/{getoetst.uuid}/teruggeven/", TERUGGEVEN)
    assert response.status_code == 400
    assert "Alleen een vastgestelde opdracht kan worden teruggegeven." in response.content.decode()
    assert not Noodrem.objects.exists()


def test_an_exhausted_budget_is_shown_and_refused(world, login, settings):
    settings.SCHAKEL_TERUGVERWIJZINGEN_PER_PERIODE = 1
    noodrem(world, niveau=Niveau.ORGANISATIE)
    o = opdracht(world, state="vastgesteld")
    client = login("uo.bestuur")
    assert "nog 0 van de 1" in client.get(f"/opdrachten/{o.uuid}/teruggeven/").content.decode()
    response = client.post(f"/opdrachten/{o.uuid}/teruggeven/", TERUGGEVEN)
    assert response.status_code == 400
    assert "terugverwijzingen gebruikt" in response.content.decode()
    o.refresh_from_db()
    assert o.status == OpdrachtStatus.VASTGESTELD


def test_principal_withdraws_the_returned_opdracht_through_the_answer_form(world, login):
    n = noodrem(world, niveau=Niveau.ORGANISATIE)
    client = login("min.beleidsdirectie")
    page = client.get(f"/noodremmen/{n.uuid}/").content.decode()
    assert "Wat doet u met de teruggegeven opdracht?" in page
    assert f"/opdrachten/{n.opdracht.uuid}/" in page  # type: ignore[union-attr]
    response = client.post(
        f"/noodremmen/{n.uuid}/beantwoorden/",
        {
            "teruggave_keuze": "intrekken",
            "soort": "comply",
            "toelichting": TOELICHTING,
            "maatregel": "Ingetrokken.",
        },
    )
    assert response.status_code == 302
    o = Opdracht.objects.get(pk=n.opdracht_id)
    assert o.status == OpdrachtStatus.INGETROKKEN


def test_only_the_minister_rejustifies(world, login):
    n = noodrem(world, niveau=Niveau.ORGANISATIE)
    data = {
        "teruggave_keuze": "herbevestigen",
        "soort": "explain",
        "toelichting": TOELICHTING,
        "per_beginsel_AWB-EVENREDIGHEID": TOELICHTING,
        "kamerbrief": "Kamerstuk 2026-123",
    }
    refused = login("min.beleidsdirectie").post(f"/noodremmen/{n.uuid}/beantwoorden/", data)
    assert refused.status_code == 400 and "Alleen de bewindspersoon" in refused.content.decode()
    ok = login("min.bewindspersoon").post(f"/noodremmen/{n.uuid}/beantwoorden/", data)
    assert ok.status_code == 302
    o = Opdracht.objects.get(pk=n.opdracht_id)
    assert o.status == OpdrachtStatus.VASTGESTELD


# --- no N+1 ---------------------------------------------------------------------------------------


def count(client: Any, url: str) -> int:
    client.get(url)  # warms the session and content types
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_detail_query_count_does_not_grow_with_brakes(world, login):
    counts = []
    for extra in (1, 10):
        n = noodrem(world, niveau=Niveau.ORGANISATIE)
        o = n.opdracht
        for _ in range(extra):
            noodrem(world, opdracht=o)
        counts.append(count(login("uo.bestuur"), f"/opdrachten/{o.uuid}/"))
    assert counts[0] == counts[1] and counts[1] <= BOUND, counts


def test_list_query_count_does_not_grow_with_opdrachten(world, login):
    counts = []
    for extra in (1, 9):
        for _ in range(extra):
            opdracht(world, state="getoetst")
        noodrem(world, niveau=Niveau.ORGANISATIE)
        counts.append(count(login("uo.bestuur"), "/opdrachten/"))
    assert counts[0] == counts[1] and counts[1] <= BOUND, counts
