"""The opdracht flow end to end in Chromium, with axe-core on every page visited:

- the ministry gives an opdracht and asks for the uitvoeringstoets;
- the executor's bestuur sounds the noodsignaal in the toets;
- the ministry cannot decide without weighing it, then does;
- the executor's bestuur returns the opdracht with a noodrem (organisation level, referral budget shown);
- the ministry chooses: amend, so the executor toetst the new version;
- and the public noodknop page, without logging in.
"""

from __future__ import annotations

import re

import pytest

from schakel.noodremmen.models import Niveau, Noodrem
from schakel.opdrachten.models import Opdracht
from schakel.opdrachten.workflow import OpdrachtStatus
from tests.browser.focus import focused_id
from tests.factories import TOELICHTING

pytestmark = pytest.mark.browser

OMSCHRIJVING = (
    "Voer per volgend jaar een maandelijkse inkomenstoets in voor alle gerechtigden van de uitkering."
)
TERUGGAVE = (
    "Met deze opdracht komen duizenden mensen in de schulden en halen wij de wettelijke beslistermijnen niet."
)
GEWIJZIGD = "Voer de inkomenstoets gefaseerd in vanaf 2029, met extra budget en een hardheidsclausule."


def test_ministry_gives_executor_signals_returns_and_ministry_amends(world, login, visit):
    # The ministry gives the opdracht; sent empty first, the error summary gets focus.
    page = login(world.lid("min.beleidsdirectie"))
    page.goto("/opdrachten/")
    visit(page, "opdrachten")
    page.get_by_role("link", name="Nieuwe opdracht geven").click()
    page.wait_for_url(re.compile(r"/opdrachten/nieuw/$"))
    visit(page)
    page.get_by_role("button", name="Opdracht vastleggen").click()
    page.get_by_role("alert").filter(has_text="fouten in het formulier").wait_for()
    visit(page)
    assert focused_id(page) == "foutoverzicht"
    assert page.get_by_text("Kies een uitvoerder.").first.is_visible()
    page.get_by_label("Titel van de opdracht").fill("Maandelijkse inkomenstoets")
    page.get_by_label("Welke organisatie voert de opdracht uit?").select_option(label="Uitvoerder")
    page.get_by_label("Wat moet er gebeuren?").fill(OMSCHRIJVING)
    page.get_by_role("button", name="Opdracht vastleggen").click()
    page.get_by_role("heading", name="Maandelijkse inkomenstoets").wait_for()
    visit(page, "opdracht-ontwerp")
    o = Opdracht.objects.get(titel="Maandelijkse inkomenstoets")
    page.get_by_role("button", name="Uitvoeringstoets vragen").click()
    page.get_by_text("De uitvoerder is gevraagd om een uitvoeringstoets.").wait_for()
    visit(page)

    # The executor's bestuur sounds the noodsignaal.
    page = login(world.lid("uo.bestuur"))
    page.goto("/opdrachten/")
    visit(page)
    page.get_by_role("link", name="Maandelijkse inkomenstoets").click()
    page.wait_for_url(re.compile(rf"/opdrachten/{o.uuid}/$"))
    visit(page, "opdracht-toets")
    page.get_by_role("radio", name="Nee").check()
    page.get_by_label("Wat kost het?").fill("Veertig miljoen euro eenmalig, tien miljoen per jaar.")
    page.get_by_label("Hoe lang duurt het voor het werkt?").fill("Drie jaar.")
    page.get_by_label("Wat betekent het voor de ICT?").fill("Een nieuwe koppeling met de Belastingdienst.")
    page.get_by_label("Wat merken burgers ervan?").fill("Elke maand een brief en vaker terugvorderingen.")
    page.get_by_label("Welke ondergrenzen van de dienstverlening komen in gevaar?").fill(
        "De beslistermijnen voor nieuwe aanvragen."
    )
    page.get_by_label("Welke waarden heeft u tegen elkaar afgewogen?").fill(
        "Rechtmatigheid tegenover bestaanszekerheid."
    )
    page.get_by_role("button", name="Uitvoeringstoets versturen").click()
    page.get_by_text("U heeft een noodsignaal gegeven").wait_for()
    visit(page)

    # The ministry sees the gate: no decision without weighing the toets.
    page = login(world.lid("min.beleidsdirectie"))
    page.goto(f"/opdrachten/{o.uuid}/")
    visit(page, "opdracht-noodsignaal")
    assert page.get_by_text("Noodsignaal van de uitvoerder.").is_visible()
    page.get_by_role("radio", name=re.compile("^Vaststellen")).check()
    page.get_by_label("Motivering van het besluit").fill(TOELICHTING)
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.get_by_role("alert").filter(has_text="formulier").wait_for()
    visit(page)
    assert focused_id(page) == "foutoverzicht"
    assert page.get_by_text("weeg die toets uitdrukkelijk mee").first.is_visible()
    page.get_by_label("Ik heb het noodsignaal van de uitvoerder gelezen").check()
    page.get_by_label("Hoe weegt u het noodsignaal?").fill(TOELICHTING)
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.get_by_text("Uw besluit over de opdracht is vastgelegd.").wait_for()
    visit(page)
    o.refresh_from_db()
    assert o.status == OpdrachtStatus.VASTGESTELD

    # The executor's bestuur returns it: an organisation brake, the referral budget shown.
    page = login(world.lid("uo.bestuur"))
    page.goto(f"/opdrachten/{o.uuid}/")
    visit(page)
    page.get_by_role("link", name="Opdracht teruggeven").click()
    page.wait_for_url(re.compile(rf"/opdrachten/{o.uuid}/teruggeven/$"))
    visit(page, "opdracht-teruggeven")
    assert page.get_by_text("U kunt deze periode nog 2 van de 2 opdrachten teruggeven.").is_visible()
    page.get_by_role("checkbox", name="Evenredigheid").check()
    page.get_by_label("Waarom geeft u de opdracht terug?").fill(TERUGGAVE)
    page.get_by_role("button", name="Opdracht teruggeven").click()
    page.get_by_text("U heeft de opdracht teruggegeven.").wait_for()
    visit(page)
    n = Noodrem.objects.get(opdracht=o, niveau=Niveau.ORGANISATIE)

    # The ministry chooses: amend, which sends the new version back for a toets.
    page = login(world.lid("min.beleidsdirectie"))
    page.goto(f"/opdrachten/{o.uuid}/")
    visit(page, "opdracht-teruggegeven")
    page.get_by_role("link", name="Kies: intrekken, wijzigen of herbevestigen").click()
    page.wait_for_url(re.compile(rf"/noodremmen/{n.uuid}/$"))
    visit(page, "opdracht-keuze")
    page.get_by_role("radio", name=re.compile("^Wijzigen")).check()
    page.get_by_role("radio", name=re.compile("^Opvolgen")).check()
    page.get_by_label("Toelichting", exact=True).fill(TOELICHTING)
    page.get_by_label("Wat doet u? (bij opvolgen)").fill(GEWIJZIGD)
    page.get_by_role("button", name="Antwoord versturen").click()
    page.get_by_text("Uw antwoord is opgeslagen").wait_for()
    visit(page)
    page.get_by_role("link", name="Maandelijkse inkomenstoets").first.click()
    page.wait_for_url(re.compile(rf"/opdrachten/{o.uuid}/$"))
    visit(page, "opdracht-gewijzigd")
    assert page.get_by_text(GEWIJZIGD).first.is_visible()
    o.refresh_from_db()
    assert (o.status, o.versie) == (OpdrachtStatus.TOETS_GEVRAAGD, 2)


def test_public_noodknop_page(world, page, visit):
    page.goto("/noodknop/")
    visit(page, "noodknop")
    page.get_by_text("Welke beginselen kunt u noemen?").click()
    visit(page)
    page.get_by_role("link", name="Bezwaar of klacht indienen").click()
    page.wait_for_url(re.compile(r"/burger/$"))
    visit(page)
