"""Noodrem pages: detail per toegang, answer (comply/explain) and pull through the forms, never revealing a
hidden puller to the recipient."""

from __future__ import annotations

import pytest

from schakel.core.models import LedgerEvent
from schakel.noodremmen.models import Anonimiteit, Noodrem, NoodremAntwoord
from schakel.noodremmen.workflow import NoodremStatus
from schakel.web.selectors import lid_label
from tests.factories import TOELICHTING, RegelFactory, casus, noodrem

VELD = "per_beginsel_AWB-EVENREDIGHEID"


def recipient_key(n: Noodrem) -> str:
    return f"{n.ontvanger_organisatie.code}.{n.ontvanger_rol}"


def test_detail_renders_for_the_recipient_with_term_and_answer_form(world, login):
    n = noodrem(world)
    html = login(recipient_key(n)).get(f"/noodremmen/{n.uuid}/").content.decode()
    assert "Termijn: 5 werkdagen" in html
    assert "Beantwoorden: opvolgen of uitleggen" in html
    assert f'id="id_{VELD}"' in html  # one explanation field per principle invoked
    assert "Logboek gecontroleerd" in html


def test_detail_is_404_for_a_member_who_may_not_see_it(world, login):
    n = noodrem(world)
    assert login("gem.professional").get(f"/noodremmen/{n.uuid}/").status_code == 404


def test_detail_redirects_anonymous_users_to_login(world, client):
    n = noodrem(world)
    response = client.get(f"/noodremmen/{n.uuid}/")
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")


def test_puller_sees_the_brake_but_gets_no_answer_form(world, login):
    n = noodrem(world)
    html = login("uo.professional").get(f"/noodremmen/{n.uuid}/").content.decode()
    assert "Beantwoorden: opvolgen of uitleggen" not in html
    assert "Deze noodrem wacht op antwoord" in html


def test_comply_through_the_form_closes_the_brake(world, login):
    n = noodrem(world)
    client = login(recipient_key(n))
    response = client.post(
        f"/noodremmen/{n.uuid}/beantwoorden/",
        {
            "soort": "comply",
            "toelichting": TOELICHTING,
            "maatregel": "Werkinstructie aangepast.",
            "gereed_op": "",
        },
    )
    assert response.status_code == 302
    n.refresh_from_db()
    assert n.status == NoodremStatus.OPGEVOLGD
    page = client.get(f"/noodremmen/{n.uuid}/").content.decode()
    assert "Werkinstructie aangepast." in page and "Beantwoorden: opvolgen" not in page


def test_explain_must_address_every_principle_error_next_to_the_field(world, login):
    n = noodrem(world)
    events = LedgerEvent.objects.count()
    response = login(recipient_key(n)).post(
        f"/noodremmen/{n.uuid}/beantwoorden/",
        {"soort": "explain", "toelichting": TOELICHTING, VELD: "Nee."},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_{VELD}-fout"' in html
    assert "Ga bij uitleggen op elk ingeroepen beginsel in" in html
    assert f'aria-describedby="id_{VELD}-fout' in html
    assert 'aria-invalid="true"' in html
    assert f'href="#id_{VELD}"' in html  # the error summary links to the field
    n.refresh_from_db()
    assert n.status == NoodremStatus.GETROKKEN
    assert not NoodremAntwoord.objects.filter(noodrem=n).exists()
    assert LedgerEvent.objects.count() == events


def test_answer_by_someone_who_is_not_the_recipient_is_refused(world, login):
    n = noodrem(world)
    response = login("uo.professional").post(
        f"/noodremmen/{n.uuid}/beantwoorden/",
        {"soort": "comply", "toelichting": TOELICHTING, "maatregel": "Iets."},
    )
    assert response.status_code == 400
    assert "kan dit beantwoorden" in response.content.decode()
    n.refresh_from_db()
    assert n.status == NoodremStatus.GETROKKEN


def test_regel_page_has_the_button_and_the_pull_form_asks_why(world, login):
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    client = login("gem.professional")  # someone from another organisation may pull too
    page = client.get(f"/regels/{regel.uuid}/").content.decode()
    assert "Trek aan de noodrem" in page
    assert f"/noodrem-trekken/regel/{regel.uuid}/" in page
    form = client.get(f"/noodrem-trekken/regel/{regel.uuid}/").content.decode()
    assert "Waarom vragen we dit?" in form
    assert 'value="AWB-EVENREDIGHEID"' in form and 'type="checkbox"' in form


def test_casus_page_has_the_button(world, login):
    c = casus(world)
    page = login("uo.professional").get(f"/casussen/{c.uuid}/").content.decode()
    assert f"/noodrem-trekken/casus/{c.uuid}/" in page


def test_pull_without_principle_or_motivation_changes_nothing(world, login):
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    before = Noodrem.objects.count()
    response = login("uo.professional").post(
        f"/noodrem-trekken/regel/{regel.uuid}/", {"motivering": "Te kort.", "anonimiteit": "genoemd"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies ten minste één beginsel" in html
    assert 'id="id_beginselen-fout"' in html
    assert Noodrem.objects.count() == before

    response = login("uo.professional").post(
        f"/noodrem-trekken/regel/{regel.uuid}/",
        {"beginselen": ["AWB-EVENREDIGHEID"], "motivering": "Te kort.", "anonimiteit": "genoemd"},
    )
    assert response.status_code == 400
    assert 'id="id_motivering-fout"' in response.content.decode()
    assert "ten minste 8 woorden" in response.content.decode()
    assert Noodrem.objects.count() == before


def test_pull_named_goes_to_the_detail(world, login):
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    response = login("uo.professional").post(
        f"/noodrem-trekken/regel/{regel.uuid}/",
        {
            "beginselen": ["AWB-EVENREDIGHEID", "NO-MAATWERK"],
            "motivering": "Volledige terugvordering binnen zes weken duwt deze mensen in de schulden.",
            "anonimiteit": "genoemd",
        },
    )
    n = Noodrem.objects.get(regel=regel)
    assert response.status_code == 302 and response["Location"] == f"/noodremmen/{n.uuid}/"
    assert sorted(n.beginselen.values_list("code", flat=True)) == ["AWB-EVENREDIGHEID", "NO-MAATWERK"]


def test_pull_on_a_casus_the_member_cannot_see_is_404(world, login):
    c = casus(world)
    assert login("gem.professional").get(f"/noodrem-trekken/casus/{c.uuid}/").status_code == 404
    assert login("gem.professional").get(f"/noodrem-trekken/onzin/{c.uuid}/").status_code == 404


@pytest.mark.parametrize("anonimiteit", [Anonimiteit.VERTROUWELIJK, Anonimiteit.ANONIEM])
def test_hidden_puller_never_appears_to_the_recipient(world, login, anonimiteit):
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    puller = world.lid("uo.professional")
    response = login("uo.professional").post(
        f"/noodrem-trekken/regel/{regel.uuid}/",
        {
            "beginselen": ["AWB-EVENREDIGHEID"],
            "motivering": "Volledige terugvordering binnen zes weken duwt deze mensen in de schulden.",
            "anonimiteit": anonimiteit,
        },
    )
    assert response.status_code == 201
    assert "Uw ontvangstcode" in response.content.decode()
    n = Noodrem.objects.get(regel=regel)
    assert response.content.decode().count("-") >= 4  # the code, shown once in the response body

    client = login(recipient_key(n))
    pages = [client.get(f"/noodremmen/{n.uuid}/"), client.get("/werkvoorraad/")]
    # also after an answer and a message
    client.post(f"/noodremmen/{n.uuid}/bericht/", {"tekst": "Kunt u meer vertellen?"})
    client.post(
        f"/noodremmen/{n.uuid}/beantwoorden/",
        {"soort": "comply", "toelichting": TOELICHTING, "maatregel": "Werkinstructie aangepast."},
    )
    pages.append(client.get(f"/noodremmen/{n.uuid}/"))
    for page in pages:
        html = page.content.decode()
        assert page.status_code == 200
        assert puller.gebruiker.username not in html
        assert str(puller.uuid) not in html
        assert lid_label(puller) not in html
    assert "Vertrouwelijk" in pages[0].content.decode() or "Anoniem" in pages[0].content.decode()


def test_recipient_sends_a_message_and_empty_message_is_refused(world, login):
    n = noodrem(world)
    client = login(recipient_key(n))
    bad = client.post(f"/noodremmen/{n.uuid}/bericht/", {"tekst": "  "})
    assert bad.status_code == 400
    assert 'id="id_tekst-fout"' in bad.content.decode()
    assert n.berichten.count() == 0
    ok = client.post(f"/noodremmen/{n.uuid}/bericht/", {"tekst": "We kijken ernaar."})
    assert ok.status_code == 302
    assert n.berichten.count() == 1
