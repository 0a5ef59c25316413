"""Maatwerkbesluit: the form with earlier similar decisions, the equal-cases guard (a motivated difference
when a highly similar casus on the same rule was closed without deviating), and the decision's page with
its emergency brake."""

from __future__ import annotations

from schakel.casussen.models import Maatwerkbesluit
from schakel.casussen.services import casus_afsluiten
from schakel.casussen.workflow import CasusStatus
from schakel.core.models import LedgerEvent
from tests.factories import MOTIVERING, RegelFactory, casus, maatwerkbesluit
from tests.web.werk_helpers import assert_constant_queries, error_next_to

TEKST = "Een alleenstaande ouder moet het hele voorschot kinderopvangtoeslag in één keer terugbetalen."
VERSCHIL = "Hier is de burger zelf niet verantwoordelijk voor de fout, in de eerdere casus wel, dus anders."


def _post(client, c, **extra):  # type: ignore[no-untyped-def]
    data = {
        "regel": str(c.regels.get().uuid),
        "besluit": "Afzien van terugvordering.",
        "motivering": MOTIVERING,
        "beginselen": ["AWB-EVENREDIGHEID"],
        **extra,
    }
    return client.post(f"/casussen/{c.uuid}/maatwerk/", data)


def test_take_maatwerkbesluit_and_see_its_page_with_the_brake(world, login):
    c = casus(world)
    client = login("uo.professional")
    form = client.get(f"/casussen/{c.uuid}/maatwerk/").content.decode()
    assert "Eerdere vergelijkbare besluiten" in form
    assert 'name="motivering_verschil"' not in form  # nothing to differ from
    response = _post(client, c)
    assert response.status_code == 302
    mb = Maatwerkbesluit.objects.get(casus=c)
    assert response["Location"] == f"/maatwerkbesluiten/{mb.uuid}/"
    html = client.get(response["Location"]).content.decode()
    assert "Afzien van terugvordering." in html and MOTIVERING in html
    assert f"/noodrem-trekken/maatwerkbesluit/{mb.uuid}/" in html
    c.refresh_from_db()
    assert c.status == CasusStatus.AFGEROND


def test_maatwerk_errors_next_to_the_fields(world, login):
    c = casus(world)
    events = LedgerEvent.objects.count()
    response = _post(login("uo.professional"), c, besluit="", motivering="Kort.", beginselen=[])
    assert response.status_code == 400
    html = response.content.decode()
    assert error_next_to(html, "id_besluit", "Vul het besluit in.")
    assert error_next_to(html, "id_beginselen", "Kies ten minste één beginsel")
    assert LedgerEvent.objects.count() == events


def test_maatwerk_short_motivation_refused_by_the_service(world, login):
    c = casus(world)
    response = _post(login("uo.professional"), c, motivering="Te kort.")
    assert response.status_code == 400
    assert error_next_to(response.content.decode(), "id_motivering", "schrijf ten minste 8 woorden")


def test_equal_cases_guard_shows_the_precedent_and_demands_a_difference(world, login):
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    eerder = casus(world, titel="Voorschot terug", omschrijving=TEKST, regels=[regel])
    casus_afsluiten(casus=eerder, door=world.professional, motivering=MOTIVERING)
    c = casus(world, titel="Voorschot terug", omschrijving=TEKST, regels=[regel])
    client = login("uo.professional")
    form = client.get(f"/casussen/{c.uuid}/maatwerk/").content.decode()
    assert "Gelijke gevallen behandelen we gelijk" in form
    assert f"/casussen/{eerder.uuid}/" in form and 'name="motivering_verschil"' in form

    refused = _post(client, c)
    assert refused.status_code == 400
    assert error_next_to(
        refused.content.decode(), "id_motivering_verschil", "Motiveer waarom deze casus anders is."
    )
    assert not Maatwerkbesluit.objects.filter(casus=c).exists()

    ok = _post(client, c, motivering_verschil=VERSCHIL)
    assert ok.status_code == 302
    mb = Maatwerkbesluit.objects.get(casus=c)
    assert mb.precedenten == [str(eerder.uuid)]
    html = client.get(f"/maatwerkbesluiten/{mb.uuid}/").content.decode()
    assert "Waarom deze casus anders is" in html and eerder.titel in html


def test_maatwerk_denied_to_other_roles_and_organisations(world, login):
    c = casus(world)
    assert login("uo.vertrouwenspersoon").get(f"/casussen/{c.uuid}/maatwerk/").status_code == 403
    assert login("gem.professional").get(f"/casussen/{c.uuid}/maatwerk/").status_code == 404
    assert _post(login("uo.bestuur"), c).status_code == 403


def test_maatwerkbesluit_page_hidden_from_other_organisations(world, login):
    mb = maatwerkbesluit(world)
    assert login("uo.teamleider").get(f"/maatwerkbesluiten/{mb.uuid}/").status_code == 200
    assert login("gem.professional").get(f"/maatwerkbesluiten/{mb.uuid}/").status_code == 404


def test_maatwerkbesluit_page_query_count_is_constant(world, login):
    mb = maatwerkbesluit(world)
    assert_constant_queries(
        login("uo.professional"), f"/maatwerkbesluiten/{mb.uuid}/", lambda: maatwerkbesluit(world)
    )


def test_maatwerk_form_query_count_does_not_grow_with_earlier_casussen(world, login):
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    c = casus(world, omschrijving=TEKST, regels=[regel])
    assert_constant_queries(
        login("uo.professional"),
        f"/casussen/{c.uuid}/maatwerk/",
        lambda: casus(world, omschrijving=TEKST, regels=[regel]),
        allow_fewer=True,
    )


def test_decision_after_a_fix_is_linked_to_that_beraad(world, login):
    from schakel.casussen.services import beraad_conclude, beraad_start

    c = casus(world)
    chair = world.lid("uo.maatwerkcoordinator")
    b = beraad_start(
        casus=c, door=chair, vraag="Mogen we hier afwijken van de regel?", deelnemers=[world.professional]
    )
    beraad_conclude(beraad=b, door=chair, uitkomst="fix", motivering=MOTIVERING)
    client = login("uo.professional")
    form = client.get(f"/casussen/{c.uuid}/maatwerk/").content.decode()
    assert f'<option value="{b.uuid}" selected>' in form
    assert _post(client, c, beraad=str(b.uuid)).status_code == 302
    mb = Maatwerkbesluit.objects.get(casus=c)
    assert mb.beraad_id == b.pk
    assert f"/beraden/{b.uuid}/" in client.get(f"/maatwerkbesluiten/{mb.uuid}/").content.decode()
