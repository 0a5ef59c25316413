"""The main flow of every role, end to end in Chromium, with axe-core on every page visited:

- a professional pulls the brake on a rule, confidentially, and gets a receipt code;
- the recipient (teamleider) answers it from Mijn werkvoorraad: explain, per principle;
- the vertrouwenspersoon of the puller's organisation sees who pulled it;
- a citizen files a complaint in the portal and follows it with the receipt code;
- the same citizen flow by keyboard only (Tab, Enter, Space and the arrow keys in a radio group).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from schakel.noodremmen.models import Anonimiteit, Noodrem
from schakel.noodremmen.workflow import NoodremStatus
from tests.factories import TOELICHTING, RegelFactory

pytestmark = pytest.mark.browser

MOTIVERING = (
    "Deze werkinstructie laat ons het hele voorschot in één keer terugvorderen, "
    "ook als de burger daardoor in de schulden komt."
)
KLACHT = "Ik kreeg drie keer een andere brief over hetzelfde voorschot en niemand kon mij uitleggen waarom."


def receipt_code(page: Any) -> str:
    code = page.locator(".schakel-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{5}(-[A-Z0-9]{5}){4}", code), code
    return str(code)


def test_professional_pulls_a_brake_and_the_teamleider_explains_per_principle(world, login, visit):
    regel = RegelFactory(uitvoerder=world.uitvoerder, titel="Werkinstructie terugvordering voorschot")

    # The professional: from the rule's page to the brake form, confidentially.
    page = login(world.professional)
    visit(page, "werkvoorraad-leeg")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Regels").click()
    visit(page)
    page.get_by_role("link", name=regel.titel).click()
    visit(page, "regel")
    page.get_by_role("link", name="Trek aan de noodrem").click()
    page.wait_for_url(re.compile(r"/noodrem-trekken/regel/"))
    visit(page, "noodrem-trekken")

    # Sent empty first: the errors are listed at the top and next to the fields, in Dutch.
    page.get_by_role("button", name="Trek aan de noodrem").click()
    visit(page, "noodrem-trekken-fouten")
    assert page.get_by_role("alert").filter(has_text="fouten in het formulier").is_visible()
    assert page.get_by_text("Kies ten minste één beginsel").first.is_visible()

    page.get_by_role("checkbox", name="Evenredigheid").check()
    page.get_by_role("checkbox", name="Zorgvuldige voorbereiding").check()
    page.get_by_label("Waarom trekt u aan de noodrem?").fill(MOTIVERING)
    page.get_by_role("radio", name=re.compile("^Vertrouwelijk")).check()
    page.get_by_role("button", name="Trek aan de noodrem").click()
    page.get_by_role("heading", name="U heeft aan de noodrem getrokken").wait_for()
    visit(page, "noodrem-ontvangstcode")
    receipt_code(page)

    n = Noodrem.objects.get(regel=regel)
    assert n.anonimiteit == Anonimiteit.VERTROUWELIJK
    recipient = world.lid(f"{n.ontvanger_organisatie.code}.{n.ontvanger_rol}")
    assert recipient.rol == "teamleider"

    # The teamleider: from Mijn werkvoorraad to the brake, and explains per principle.
    page = login(recipient)
    visit(page, "werkvoorraad")
    row = page.get_by_role("row").filter(has_text="Noodrem")
    row.get_by_role("link").click()
    page.wait_for_url(re.compile(rf"/noodremmen/{n.uuid}/$"))
    visit(page, "noodrem-beantwoorden")
    assert page.get_by_text("Vertrouwelijk: alleen de vertrouwenspersoon weet wie dit meldde").is_visible()
    assert world.professional.gebruiker.get_username() not in page.content()

    page.get_by_role("radio", name=re.compile("uitleg")).check()
    page.get_by_label("Toelichting", exact=True).fill(TOELICHTING)
    page.get_by_label("Uitleg bij Evenredigheid (bij uitleggen)").fill(TOELICHTING)
    page.get_by_role("button", name="Antwoord versturen").click()
    # One principle left out: refused, and the error sits next to that principle's field.
    visit(page)
    assert page.get_by_role("alert").filter(has_text="formulier").is_visible()
    page.get_by_label("Uitleg bij Zorgvuldige voorbereiding (bij uitleggen)").fill(TOELICHTING)
    page.get_by_role("button", name="Antwoord versturen").click()
    page.get_by_text("Uw antwoord is opgeslagen").wait_for()
    visit(page, "noodrem-beantwoord")
    n.refresh_from_db()
    assert n.status == NoodremStatus.UITGELEGD

    # The vertrouwenspersoon of the puller's organisation, and only they, sees who it was.
    page = login(world.lid("uo.vertrouwenspersoon"))
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Vertrouwelijke meldingen"
    ).click()
    page.wait_for_url(re.compile(r"/vertrouwelijk/$"))
    visit(page, "vertrouwenspersoon")
    row = page.get_by_role("row").filter(has_text=regel.titel)
    assert world.professional.gebruiker.get_username() in row.inner_text()


def test_citizen_files_a_complaint_and_follows_it_with_the_receipt_code(world, page, visit):
    page.goto("/")
    visit(page, "start")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Bezwaar of klacht").click()
    visit(page, "burger-start")
    page.get_by_role("link", name="Bezwaar of klacht indienen").click()
    visit(page, "burger-indienen")
    page.get_by_role("radio", name="Klacht").check()
    page.get_by_label("Bij welke organisatie loopt uw zaak?").select_option(label="Gemeente")
    page.get_by_label("Kenmerk van uw zaak (niet verplicht)").fill("Z-2026-0042")
    page.get_by_role("checkbox", name="Zorgvuldige voorbereiding").check()
    page.get_by_label("Wat is er gebeurd, en wat gaat er volgens u mis?").fill(KLACHT)
    page.get_by_role("button", name="Versturen").click()
    page.get_by_role("heading", name="Wij hebben uw klacht ontvangen").wait_for()
    visit(page, "burger-ontvangstcode")
    code = receipt_code(page)

    page.get_by_role("link", name="Naar uw zaak volgen").click()
    visit(page, "burger-volgen")
    page.get_by_label("Uw ontvangstcode").fill(code)
    page.get_by_role("button", name="Zaak openen").click()
    page.wait_for_url(re.compile(r"/burger/zaak/$"))
    visit(page, "burger-zaak")
    assert page.get_by_text("Wacht op antwoord").is_visible()
    assert page.get_by_text("Z-2026-0042").is_visible()

    page.get_by_label("Uw bericht").fill("Ik heb de brieven nog. Wilt u ze ontvangen?")
    page.get_by_role("button", name="Bericht versturen").click()
    page.get_by_text("Uw bericht is verstuurd.").wait_for()
    visit(page)
    assert page.get_by_text("Ik heb de brieven nog.").is_visible()


def tab_to(page: Any, description: str, matches: str, limit: int = 200) -> None:
    """Press Tab until the focused element matches the JS predicate `matches` (on `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!el && ({matches}); }})()"):
            return
    raise AssertionError(f"Met Tab niet bij {description} gekomen")


def focused_text(page: Any) -> str:
    return str(page.evaluate("document.activeElement.textContent.trim()"))


def test_citizen_flow_by_keyboard_only(world, page, visit):
    page.goto("/burger/")
    visit(page)
    # The first Tab stop is the skip link.
    page.keyboard.press("Tab")
    assert focused_text(page) == "Ga direct naar de inhoud"
    tab_to(page, "de knop indienen", "el.textContent.trim() === 'Bezwaar of klacht indienen'")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/burger/indienen/$"))
    visit(page)

    tab_to(page, "de keuze bezwaar/klacht", "el.name === 'burger_soort'")
    page.keyboard.press("ArrowDown")  # in a radio group the arrow keys move the choice: Klacht
    assert page.evaluate("document.activeElement.value") == "klacht"
    tab_to(page, "de organisatie", "el.name === 'organisatie'")
    page.keyboard.type("Gem")  # type-ahead in a closed select
    assert page.evaluate("document.activeElement.value") == "gem"
    tab_to(page, "het kenmerk", "el.name === 'zaak_kenmerk'")
    page.keyboard.type("Z-2026-0043")
    tab_to(page, "Evenredigheid", "el.name === 'beginselen' && el.value === 'AWB-EVENREDIGHEID'")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked") is True
    tab_to(page, "de motivering", "el.name === 'motivering'")
    page.keyboard.type(KLACHT)
    tab_to(page, "Versturen", "el.tagName === 'BUTTON' && el.textContent.trim() === 'Versturen'")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Wij hebben uw klacht ontvangen").wait_for()
    visit(page)
    code = receipt_code(page)

    tab_to(page, "de link naar zaak volgen", "el.textContent.trim() === 'Naar uw zaak volgen'")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/burger/volgen/$"))
    visit(page)
    tab_to(page, "de ontvangstcode", "el.name === 'ontvangstcode'")
    page.keyboard.type(code)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/burger/zaak/$"))
    visit(page)
    assert page.get_by_text("Z-2026-0043").is_visible()
