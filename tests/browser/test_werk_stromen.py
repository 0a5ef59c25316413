"""The casework flow end to end in Chromium, axe-core on every page visited:

a professional records a casus (first sent empty: the error summary gets focus), the maatwerkcoördinator
starts a beraad and invites a professional of the municipality, that participant contributes, the chair
concludes with a fix, and the professional takes the maatwerkbesluit; then a search finds the casus.
"""

from __future__ import annotations

import re

import pytest

from schakel.casussen.models import Beraad, Casus, Maatwerkbesluit
from schakel.casussen.workflow import BeraadStatus, CasusStatus
from tests.browser.focus import focused_id
from tests.factories import RegelFactory

pytestmark = pytest.mark.browser

OMSCHRIJVING = (
    "Mevrouw Jansen moet het hele voorschot kinderopvangtoeslag in één keer terugbetalen en komt daardoor "
    "in de schulden, terwijl de fout bij de organisatie lag."
)
MOTIVERING = "Terugvorderen in één keer zet de burger in de schulden terwijl de organisatie de fout maakte."


def test_casus_beraad_and_maatwerkbesluit(world, login, visit):
    regel = RegelFactory(uitvoerder=world.uitvoerder, titel="Werkinstructie terugvordering voorschot")

    # The professional records the casus; sent empty first.
    page = login(world.professional)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Casussen").click()
    visit(page, "casussen")
    page.get_by_role("link", name="Nieuwe casus vastleggen").click()
    page.wait_for_url(re.compile(r"/casussen/nieuw/$"))
    visit(page, "casus-nieuw")
    page.get_by_role("button", name="Casus vastleggen").click()
    page.get_by_role("alert").filter(has_text="in het formulier").wait_for()
    visit(page)
    assert focused_id(page) == "foutoverzicht"
    page.get_by_label("Titel").fill("Voorschot in één keer terug")
    page.get_by_label("Wat is er aan de hand?").fill(OMSCHRIJVING)
    page.get_by_label("Welke regels knellen?").select_option(str(regel.uuid))
    page.get_by_role("checkbox", name="Evenredigheid").check()
    page.get_by_role("button", name="Casus vastleggen").click()
    page.get_by_text("De casus is opgeslagen").wait_for()
    visit(page, "casus-opgeslagen")
    c = Casus.objects.get(titel="Voorschot in één keer terug")
    assert "Jansen" not in c.omschrijving and "Jansen" not in page.content()

    # The maatwerkcoördinator starts a beraad and invites someone from the municipality.
    gem = world.lid("gem.professional")
    page = login(world.lid("uo.maatwerkcoordinator"))
    page.goto(f"/casussen/{c.uuid}/")
    visit(page)
    page.get_by_role("link", name="Beraad starten").click()
    visit(page, "beraad-starten")
    page.get_by_label("Welke vraag legt u aan het beraad voor?").fill(
        "Mogen we hier afwijken en moet de werkinstructie veranderen?"
    )
    page.get_by_label("Wie nodigt u uit?").select_option([str(gem.uuid), str(world.professional.uuid)])
    page.get_by_role("button", name="Beraad starten").click()
    page.get_by_text("Het beraad is gestart").wait_for()
    visit(page, "beraad")
    b = Beraad.objects.get(casus=c)

    # The invited participant of another organisation contributes from the legal perspective.
    page2 = login(gem)
    page2.goto(f"/beraden/{b.uuid}/")
    visit(page2)
    page2.get_by_role("radio", name="Juridisch").check()
    page2.get_by_label("Wat is uw bijdrage?").fill(MOTIVERING)
    page2.get_by_role("button", name="Bijdrage opslaan").click()
    page2.get_by_text("Uw bijdrage is opgeslagen").wait_for()
    visit(page2, "beraad-bijdrage")

    # The chair concludes with a fix.
    page.reload()
    page.get_by_role("radio", name=re.compile("^Fix")).check()
    page.get_by_label("Motivering van de uitkomst").fill(MOTIVERING)
    page.get_by_role("button", name="Beraad afronden").click()
    page.get_by_text("Het beraad is afgerond").wait_for()
    visit(page, "beraad-afgerond")
    b.refresh_from_db()
    assert (b.status, b.uitkomst) == (BeraadStatus.AFGEROND, "fix")

    # The professional takes the maatwerkbesluit; the page of the decision carries the brake.
    page = login(world.professional)
    page.goto(f"/casussen/{c.uuid}/")
    page.get_by_role("link", name="Maatwerkbesluit nemen").click()
    visit(page, "maatwerkbesluit-nemen")
    page.get_by_label("Van welke regel wijkt u af?").select_option(str(regel.uuid))
    page.get_by_label("Wat besluit u?").fill("Terugbetalen in termijnen van 50 euro per maand.")
    page.get_by_label("Waarom wijkt u af?").fill(MOTIVERING)
    page.get_by_role("checkbox", name="Evenredigheid").check()
    page.get_by_role("button", name="Maatwerkbesluit nemen").click()
    page.get_by_text("Het maatwerkbesluit is genomen").wait_for()
    visit(page, "maatwerkbesluit")
    assert page.get_by_role("link", name="Trek aan de noodrem").is_visible()
    mb = Maatwerkbesluit.objects.get(casus=c)
    assert mb.beraad_id == b.pk  # the fix of the beraad was preselected
    assert mb.besluit.startswith("Terugbetalen in termijnen")
    c.refresh_from_db()
    assert c.status == CasusStatus.AFGEROND

    # Search finds it, updated in place by htmx.
    page.goto("/zoeken/")
    visit(page, "zoeken")
    page.get_by_label("Zoek op woorden").fill("voorschot schulden")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name="Voorschot in één keer terug").wait_for()
    visit(page, "zoeken-resultaten")
    assert "q=voorschot" in page.url
