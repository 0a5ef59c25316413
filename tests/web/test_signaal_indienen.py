"""Raising a signaal from a rule's page (and from a casus), and closing it after the answer — allowed and
denied, errors next to the field in Dutch, a refusal changes nothing; the signaal page's query count does
not grow with its casussen and answers."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from schakel.core.models import LedgerEvent
from schakel.signalen.models import Signaal
from schakel.signalen.workflow import SignaalStatus
from tests.factories import TOELICHTING, RegelFactory, casus, signaal

KNELPUNT = "De werkinstructie laat ons het hele voorschot in één keer terugvorderen, ook bij schulden."


def owner_key(s: Signaal) -> str:
    return f"{s.ontvanger_organisatie.code}.{s.ontvanger_rol}"


def test_rule_page_has_the_signaal_button(world, login):
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    page = login("uo.professional").get(f"/regels/{regel.uuid}/").content.decode()
    assert "Signaal indienen" in page and f"/regels/{regel.uuid}/signaal-indienen/" in page


def test_raise_from_the_rule_with_casussen_as_evidence(world, login):
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    c = casus(world, regels=[regel], titel="Terugvordering in één keer")
    client = login("uo.professional")
    form = client.get(f"/regels/{regel.uuid}/signaal-indienen/").content.decode()
    assert "Terugvordering in één keer" in form
    assert "Uitvoerder (Teamleider)" in form  # the owner the signaal goes to
    response = client.post(
        f"/regels/{regel.uuid}/signaal-indienen/",
        {
            "titel": "Terugvordering in één keer",
            "knelpunt": KNELPUNT,
            "beginselen": ["AWB-EVENREDIGHEID"],
            "casussen": [str(c.uuid)],
        },
    )
    s = Signaal.objects.get(regel=regel)
    assert response.status_code == 302 and response["Location"] == f"/signalen/{s.uuid}/"
    assert list(s.casussen.all()) == [c]
    assert list(s.beginselen.values_list("code", flat=True)) == ["AWB-EVENREDIGHEID"]
    assert s.indiener == world.professional


def test_raise_from_a_casus_preselects_it_even_when_it_names_other_rules(world, login):
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    c = casus(world, titel="Senior zonder DigiD")
    form = login("uo.professional").get(f"/regels/{regel.uuid}/signaal-indienen/?casus={c.uuid}")
    html = form.content.decode()
    assert "Senior zonder DigiD" in html
    assert f'value="{c.uuid}"' in html and "checked" in html.split(f'value="{c.uuid}"')[1].split(">")[0]


def test_a_casus_the_member_cannot_see_is_not_offered(world, login):
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    c = casus(world, regels=[regel], titel="Alleen voor de uitvoerder")
    client = login("gem.professional")
    html = client.get(f"/regels/{regel.uuid}/signaal-indienen/?casus={c.uuid}").content.decode()
    assert "Alleen voor de uitvoerder" not in html
    response = client.post(
        f"/regels/{regel.uuid}/signaal-indienen/",
        {"titel": "Knelpunt", "knelpunt": KNELPUNT, "casussen": [str(c.uuid)]},
    )
    assert response.status_code == 400 and 'id="id_casussen-fout"' in response.content.decode()
    assert not Signaal.objects.exists()
    assert client.get("/regels/onzin/signaal-indienen/").status_code == 404


def test_raise_needs_login(world, client):
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    response = client.get(f"/regels/{regel.uuid}/signaal-indienen/")
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")


def test_raise_errors_are_dutch_and_next_to_the_field(world, login):
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    events = LedgerEvent.objects.count()
    client = login("uo.professional")
    response = client.post(f"/regels/{regel.uuid}/signaal-indienen/", {"titel": "", "knelpunt": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_titel-fout"' in html and 'id="id_knelpunt-fout"' in html and "Vul dit veld in." in html
    response = client.post(
        f"/regels/{regel.uuid}/signaal-indienen/", {"titel": "Knel", "knelpunt": "Te kort."}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_knelpunt-fout"' in html and "ten minste 8 woorden" in html
    assert 'href="#id_knelpunt"' in html
    assert LedgerEvent.objects.count() == events and not Signaal.objects.exists()


# --- closing after the answer ---------------------------------------------------------------------


def test_owner_closes_after_comply(world, login):
    s = signaal(world, state="beantwoord_comply")
    client = login(owner_key(s))
    page = client.get(f"/signalen/{s.uuid}/").content.decode()
    assert "Signaal afronden" in page
    bad = client.post(f"/signalen/{s.uuid}/afronden/", {"toelichting": "Klaar."})
    assert bad.status_code == 400 and 'id="id_toelichting-fout"' in bad.content.decode()
    s.refresh_from_db()
    assert s.status == SignaalStatus.BEANTWOORD
    ok = client.post(f"/signalen/{s.uuid}/afronden/", {"toelichting": TOELICHTING})
    assert ok.status_code == 302
    s.refresh_from_db()
    assert s.status == SignaalStatus.OPGELOST
    page = client.get(f"/signalen/{s.uuid}/").content.decode()
    assert (
        "de regel verandert zoals beloofd" in page and 'action="/signalen/' not in page.split("Afgerond")[1]
    )


def test_close_after_explain_is_afgewezen(world, login):
    s = signaal(world, state="beantwoord_explain")
    login(owner_key(s)).post(f"/signalen/{s.uuid}/afronden/", {"toelichting": TOELICHTING})
    s.refresh_from_db()
    assert s.status == SignaalStatus.AFGEWEZEN


def test_close_is_refused_before_the_answer_and_for_others(world, login):
    s = signaal(world)
    response = login(owner_key(s)).post(f"/signalen/{s.uuid}/afronden/", {"toelichting": TOELICHTING})
    assert response.status_code == 400 and "pas afgerond na een antwoord" in response.content.decode()

    answered = signaal(world, state="beantwoord_comply")
    client = login("uo.professional")  # the raiser reads the result; the owner closes
    assert "Signaal afronden" not in client.get(f"/signalen/{answered.uuid}/").content.decode()
    response = client.post(f"/signalen/{answered.uuid}/afronden/", {"toelichting": TOELICHTING})
    assert response.status_code == 400 and "kan dit beantwoorden" in response.content.decode()
    assert login("gem.professional").post(f"/signalen/{answered.uuid}/afronden/", {}).status_code == 404
    for item in (s, answered):
        item.refresh_from_db()
    assert (s.status, answered.status) == (SignaalStatus.OPEN, SignaalStatus.BEANTWOORD)


def count(client, url: str) -> int:  # type: ignore[no-untyped-def]
    client.get(url)  # warms the session and content types
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_signaal_page_query_count_does_not_grow_with_casussen(world, login):
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    counts = []
    for n in (1, 10):
        s = signaal(
            world,
            regel=regel,
            state="beantwoord_comply",
            casussen=[casus(world, regels=[regel]) for _ in range(n)],
        )
        counts.append(count(login(owner_key(s)), f"/signalen/{s.uuid}/"))
    assert counts[0] == counts[1] and counts[1] <= 30, counts
