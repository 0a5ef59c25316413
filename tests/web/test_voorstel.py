"""Fix → solve proposals: the maatwerkcoördinator sees them, confirms one (it becomes a signaal) or
dismisses it with a motivation. Other roles are refused."""

from __future__ import annotations

import pytest

from schakel.precedenten.models import Voorstel, VoorstelStatus
from schakel.signalen.models import Signaal
from tests.factories import MOTIVERING, RegelFactory, casus, maatwerkbesluit
from tests.web.werk_helpers import assert_constant_queries, error_next_to


@pytest.fixture(autouse=True)
def _low_threshold(settings):  # type: ignore[no-untyped-def]
    settings.SCHAKEL_PATROON_DREMPEL = 2


def _voorstel(world) -> Voorstel:  # type: ignore[no-untyped-def]
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    for i in range(2):
        maatwerkbesluit(world, casus(world, titel=f"Casus {i}", regels=[regel]))
    return Voorstel.objects.get(regel=regel)


def test_coordinator_sees_the_list_and_the_proposal(world, login):
    v = _voorstel(world)
    client = login("uo.maatwerkcoordinator")
    lijst = client.get("/voorstellen/").content.decode()
    assert v.regel.titel in lijst and f"/voorstellen/{v.uuid}/" in lijst
    html = client.get(f"/voorstellen/{v.uuid}/").content.decode()
    assert "Casus 0" in html and "Casus 1" in html
    assert "Signaal sturen" in html and "Voorstel afwijzen" in html


def test_confirm_makes_a_signaal_with_the_casussen(world, login):
    v = _voorstel(world)
    response = login("uo.maatwerkcoordinator").post(
        f"/voorstellen/{v.uuid}/bevestigen/", {"titel": "Regel knelt structureel", "knelpunt": MOTIVERING}
    )
    assert response.status_code == 302
    v.refresh_from_db()
    assert v.status == VoorstelStatus.BEVESTIGD
    s = Signaal.objects.get(pk=v.signaal_id)
    assert response["Location"] == f"/signalen/{s.uuid}/"
    assert s.casussen.count() == 2


def test_confirm_errors_next_to_the_fields(world, login):
    v = _voorstel(world)
    response = login("uo.maatwerkcoordinator").post(
        f"/voorstellen/{v.uuid}/bevestigen/", {"titel": "", "knelpunt": "Kort."}
    )
    assert response.status_code == 400
    assert error_next_to(response.content.decode(), "id_titel", "Vul de titel in.")
    short = login("uo.maatwerkcoordinator").post(
        f"/voorstellen/{v.uuid}/bevestigen/", {"titel": "Titel", "knelpunt": "Kort."}
    )
    assert error_next_to(short.content.decode(), "id_knelpunt", "schrijf ten minste 8 woorden")
    v.refresh_from_db()
    assert v.status == VoorstelStatus.OPEN


def test_dismiss_with_motivation(world, login):
    v = _voorstel(world)
    client = login("uo.maatwerkcoordinator")
    bad = client.post(f"/voorstellen/{v.uuid}/afwijzen/", {"motivering": ""})
    assert bad.status_code == 400
    assert error_next_to(bad.content.decode(), "id_motivering", "Vul dit veld in.")
    ok = client.post(f"/voorstellen/{v.uuid}/afwijzen/", {"motivering": MOTIVERING})
    assert ok.status_code == 302
    v.refresh_from_db()
    assert (v.status, v.motivering) == (VoorstelStatus.AFGEWEZEN, MOTIVERING)
    html = client.get(f"/voorstellen/{v.uuid}/").content.decode()
    assert "Signaal sturen" not in html and MOTIVERING in html
    again = client.post(f"/voorstellen/{v.uuid}/afwijzen/", {"motivering": MOTIVERING})
    assert again.status_code == 400 and "Over dit voorstel is al beslist." in again.content.decode()


def test_other_roles_and_organisations_are_refused(world, login):
    v = _voorstel(world)
    assert login("uo.professional").get("/voorstellen/").status_code == 403
    assert login("uo.professional").get(f"/voorstellen/{v.uuid}/").status_code == 403
    assert (
        login("uo.professional")
        .post(f"/voorstellen/{v.uuid}/afwijzen/", {"motivering": MOTIVERING})
        .status_code
        == 403
    )
    v.refresh_from_db()
    assert v.status == VoorstelStatus.OPEN


def test_proposal_of_another_organisation_is_not_found(world, login):
    from tests.factories import LidFactory

    v = _voorstel(world)
    other = LidFactory(organisatie=world.gemeente, coordinator=True)
    client = login("uo.maatwerkcoordinator")
    client.force_login(other.gebruiker)
    assert client.get(f"/voorstellen/{v.uuid}/").status_code == 404
    assert v.regel.titel not in client.get("/voorstellen/").content.decode()


def test_proposal_list_query_count_is_constant(world, login):
    assert_constant_queries(login("uo.maatwerkcoordinator"), "/voorstellen/", lambda: _voorstel(world))


def test_proposal_page_query_count_does_not_grow_with_casussen(world, login, settings):
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    maatwerkbesluit(world, casus(world, regels=[regel]))
    maatwerkbesluit(world, casus(world, regels=[regel]))
    v = Voorstel.objects.get(regel=regel)
    assert_constant_queries(
        login("uo.maatwerkcoordinator"),
        f"/voorstellen/{v.uuid}/",
        lambda: v.casussen.add(casus(world, regels=[regel])),
    )
