"""Moreel beraad: starting one with participants from any organisation, one contribution per perspective,
and concluding with fix, solve or geen actie."""

from __future__ import annotations

from schakel.casussen.models import Beraad
from schakel.casussen.services import beraad_start, bijdrage_add
from schakel.casussen.workflow import BeraadStatus, CasusStatus
from schakel.signalen.models import Signaal
from tests.factories import MOTIVERING, casus
from tests.web.werk_helpers import assert_constant_queries, error_next_to

VRAAG = "Mogen we hier afwijken van de regel, en moet de regel zelf veranderen?"


def _beraad(world, *deelnemers: str) -> Beraad:  # type: ignore[no-untyped-def]
    c = casus(world)
    return beraad_start(
        casus=c,
        door=world.lid("uo.maatwerkcoordinator"),
        vraag=VRAAG,
        deelnemers=[world.lid(k) for k in deelnemers or ("uo.professional", "gem.professional")],
    )


def test_start_beraad_picker_groups_members_per_organisation(world, login):
    c = casus(world)
    html = login("uo.maatwerkcoordinator").get(f"/casussen/{c.uuid}/beraad/").content.decode()
    assert '<optgroup label="Gemeente">' in html and '<optgroup label="Ministerie">' in html
    assert "gem-professional – Professional" in html


def test_start_beraad_invites_members_of_other_organisations(world, login):
    c = casus(world)
    gem = world.lid("gem.professional")
    response = login("uo.maatwerkcoordinator").post(
        f"/casussen/{c.uuid}/beraad/", {"vraag": VRAAG, "deelnemers": [str(gem.uuid)]}
    )
    assert response.status_code == 302
    b = Beraad.objects.get(casus=c)
    assert list(b.deelnemers.all()) == [gem]
    c.refresh_from_db()
    assert c.status == CasusStatus.IN_BERAAD
    # The invited member of another organisation may now read the beraad and the casus.
    assert login("gem.professional").get(f"/beraden/{b.uuid}/").status_code == 200
    assert login("gem.professional").get(f"/casussen/{c.uuid}/").status_code == 200


def test_start_beraad_errors_next_to_the_fields(world, login):
    c = casus(world)
    response = login("uo.maatwerkcoordinator").post(f"/casussen/{c.uuid}/beraad/", {"vraag": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert error_next_to(html, "id_vraag", "Vul de vraag aan het beraad in.")
    assert error_next_to(html, "id_deelnemers", "Nodig ten minste één deelnemer uit.")


def test_second_open_beraad_is_refused_in_dutch(world, login):
    b = _beraad(world)
    response = login("uo.maatwerkcoordinator").post(
        f"/casussen/{b.casus.uuid}/beraad/", {"vraag": VRAAG, "deelnemers": [str(world.professional.uuid)]}
    )
    assert response.status_code == 400
    assert "Er loopt al een beraad over deze casus." in response.content.decode()


def test_start_beraad_denied_to_a_professional_and_unseen_for_others(world, login):
    c = casus(world)
    assert login("uo.professional").get(f"/casussen/{c.uuid}/beraad/").status_code == 403
    assert login("gem.professional").get(f"/casussen/{c.uuid}/beraad/").status_code == 404


def test_participant_contributes_once_per_perspective(world, login):
    b = _beraad(world)
    client = login("gem.professional")
    page = client.get(f"/beraden/{b.uuid}/").content.decode()
    assert VRAAG in page and "Bijdrage toevoegen" in page and "Beraad afronden" not in page
    ok = client.post(f"/beraden/{b.uuid}/bijdragen/", {"perspectief": "juridisch", "tekst": MOTIVERING})
    assert ok.status_code == 302
    again = login("uo.professional").post(
        f"/beraden/{b.uuid}/bijdragen/", {"perspectief": "juridisch", "tekst": MOTIVERING}
    )
    assert again.status_code == 400
    assert error_next_to(
        again.content.decode(),
        "id_perspectief",
        "Het perspectief &#x27;Juridisch&#x27; heeft al een bijdrage.",
    )
    assert b.bijdragen.count() == 1


def test_contribution_needs_a_meaningful_text(world, login):
    b = _beraad(world)
    response = login("uo.professional").post(
        f"/beraden/{b.uuid}/bijdragen/", {"perspectief": "ict", "tekst": "Ja."}
    )
    assert response.status_code == 400
    assert error_next_to(response.content.decode(), "id_tekst", "schrijf ten minste 8 woorden")


def test_contribution_refused_for_a_member_not_invited(world, login):
    b = _beraad(world, "gem.professional")
    response = login("uo.teamleider").post(
        f"/beraden/{b.uuid}/bijdragen/", {"perspectief": "ict", "tekst": MOTIVERING}
    )
    assert response.status_code == 400
    assert "Alleen uitgenodigde deelnemers dragen bij." in response.content.decode()
    assert 'id="bijdrage-titel"' not in login("uo.teamleider").get(f"/beraden/{b.uuid}/").content.decode()
    assert login("min.beleidsdirectie").get(f"/beraden/{b.uuid}/").status_code == 404


def test_chair_concludes_with_solve_which_raises_a_signaal(world, login):
    b = _beraad(world)
    regel = b.casus.regels.get()
    client = login("uo.maatwerkcoordinator")
    bad = client.post(f"/beraden/{b.uuid}/afronden/", {"uitkomst": "solve", "motivering": MOTIVERING})
    assert bad.status_code == 400
    assert error_next_to(bad.content.decode(), "id_regel", "Noem bij een solve de regel die moet veranderen.")
    ok = client.post(
        f"/beraden/{b.uuid}/afronden/",
        {"uitkomst": "solve", "motivering": MOTIVERING, "regel": str(regel.uuid), "signaal_titel": ""},
    )
    assert ok.status_code == 302
    b.refresh_from_db()
    assert (b.status, b.uitkomst) == (BeraadStatus.AFGEROND, "solve")
    assert Signaal.objects.filter(regel=regel, casussen=b.casus).exists()
    html = client.get(f"/beraden/{b.uuid}/").content.decode()
    assert "Solve: de regel moet veranderen" in html and "Beraad afronden" not in html


def test_conclude_with_fix_or_geen_actie(world, login):
    b = _beraad(world)
    response = login("uo.maatwerkcoordinator").post(
        f"/beraden/{b.uuid}/afronden/", {"uitkomst": "geen_actie", "motivering": MOTIVERING}
    )
    assert response.status_code == 302
    b.refresh_from_db()
    assert b.uitkomst == "geen_actie"


def test_only_the_chair_concludes(world, login):
    b = _beraad(world)
    response = login("uo.professional").post(
        f"/beraden/{b.uuid}/afronden/", {"uitkomst": "fix", "motivering": MOTIVERING}
    )
    assert response.status_code == 400
    assert "Alleen de voorzitter rondt het beraad af." in response.content.decode()
    b.refresh_from_db()
    assert b.status == BeraadStatus.OPEN


def test_beraad_page_query_count_does_not_grow_with_contributions(world, login):
    b = _beraad(world, "uo.professional")
    perspectieven = iter(["juridisch", "financieel", "professioneel", "burger", "ict", "beleid"])

    def add() -> None:
        p = next(perspectieven, None)
        if p:
            bijdrage_add(beraad=b, door=world.professional, perspectief=p, tekst=MOTIVERING)

    assert_constant_queries(login("uo.maatwerkcoordinator"), f"/beraden/{b.uuid}/", add)


def test_beraad_start_page_query_count_does_not_grow_with_members(world, login):
    from tests.factories import LidFactory

    c = casus(world)
    assert_constant_queries(
        login("uo.maatwerkcoordinator"),
        f"/casussen/{c.uuid}/beraad/",
        lambda: LidFactory(organisatie=world.gemeente),
    )
