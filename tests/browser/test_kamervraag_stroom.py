"""Parliament's direct line end to end in Chromium, with axe-core on every page visited: the griffie asks
(sent empty first, the error summary gets focus), the executive organisation's board answers from its list,
and the committee reads the answer."""

from __future__ import annotations

import re

import pytest

from schakel.kamervragen.models import Kamervraag, KamervraagStatus
from tests.browser.focus import focused_id
from tests.factories import TOELICHTING

pytestmark = pytest.mark.browser

VRAAG = "Hoeveel burgers moesten in 2026 een WIA-voorschot terugbetalen omdat uw besluit te laat kwam?"


def test_griffie_asks_and_the_board_answers(world, login, visit):
    page = login(world.lid("tk.griffie"))
    page.goto("/kamervragen/")
    visit(page, "kamervragen")
    page.get_by_role("link", name="Nieuwe Kamervraag stellen").click()
    page.wait_for_url(re.compile(r"/kamervragen/nieuw/$"))
    visit(page)
    page.get_by_role("button", name="Kamervraag stellen").click()
    page.get_by_role("alert").filter(has_text="fouten in het formulier").wait_for()
    visit(page)
    assert focused_id(page) == "foutoverzicht"
    assert page.get_by_text("Kies een organisatie.").first.is_visible()
    page.get_by_label("Aan welke organisatie stelt u de vraag?").select_option(label="Uitvoerder")
    page.get_by_label("Uw vraag").fill(VRAAG)
    page.get_by_role("button", name="Kamervraag stellen").click()
    page.get_by_text("Uw Kamervraag is gesteld.").wait_for()
    visit(page, "kamervraag-gesteld")
    kv = Kamervraag.objects.get()

    page = login(world.lid("uo.bestuur"))
    page.goto("/kamervragen/")
    visit(page)
    page.get_by_role("link", name=re.compile("^Hoeveel burgers")).click()
    page.wait_for_url(re.compile(rf"/kamervragen/{kv.uuid}/$"))
    visit(page, "kamervraag-beantwoorden")
    page.get_by_label("Uw antwoord").fill(TOELICHTING)
    page.get_by_role("button", name="Antwoord versturen").click()
    page.get_by_text("Uw antwoord is verstuurd.").wait_for()
    visit(page)
    kv.refresh_from_db()
    assert kv.status == KamervraagStatus.BEANTWOORD

    page = login(world.lid("tk.griffie"))
    page.goto(f"/kamervragen/{kv.uuid}/")
    visit(page, "kamervraag-beantwoord")
    assert page.get_by_text(TOELICHTING).first.is_visible()
    assert page.get_by_text("Logboek gecontroleerd").is_visible()
