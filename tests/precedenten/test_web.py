"""The casus page shows similar earlier decisions in its side panel."""

from __future__ import annotations

from django.test import Client

from tests.factories import RegelFactory, casus, maatwerkbesluit
from tests.precedenten.test_search import AANGIFTE, WIA, WIA_2


def test_casus_page_lists_similar_decisions_with_reasons(world):
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    earlier = casus(world, titel="Voorschot te hoog", omschrijving=WIA, regels=[regel])
    maatwerkbesluit(world, earlier)
    casus(world, titel="Aangifte", omschrijving=AANGIFTE)
    new = casus(world, titel="Terugvordering", omschrijving=WIA_2, regels=[regel])
    client = Client()
    client.force_login(world.professional.gebruiker)
    page = client.get(f"/casussen/{new.uuid}/").content.decode()
    panel = page[page.index("eerdere-besluiten") :]
    assert "Voorschot te hoog" in panel
    assert "Afzien van terugvordering." in panel
    assert "Waarom vergelijkbaar: zelfde regel" in panel
    assert panel.index("Voorschot te hoog") < (panel.index("Aangifte") if "Aangifte" in panel else len(panel))
