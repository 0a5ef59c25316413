"""Precedents through the API: similar casussen of a casus, search with filters, sharing, proposals."""

from __future__ import annotations

from schakel.casussen.services import casus_afsluiten
from schakel.precedenten.models import Voorstel
from tests.factories import MOTIVERING, RegelFactory, casus, maatwerkbesluit
from tests.precedenten.test_search import AANGIFTE, BIJSTAND, WIA, WIA_2


def test_similar_casussen_of_a_casus(world, client_for):
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    earlier = casus(world, titel="Voorschot", omschrijving=WIA, regels=[regel])
    casus(world, titel="Aangifte", omschrijving=AANGIFTE)
    new = casus(world, titel="Terugvordering", omschrijving=WIA_2, regels=[regel])
    response = client_for("uo.professional").get(f"/api/v1/casussen/{new.uuid}/vergelijkbaar/")
    assert response.status_code == 200
    first = response.json()[0]
    assert first["casus"] == str(earlier.uuid)
    assert first["gedeelde_regels"] == [str(regel.uuid)] and "zelfde regel" in first["waarom"]
    assert (
        client_for("gem.professional").get(f"/api/v1/casussen/{new.uuid}/vergelijkbaar/").status_code == 404
    )


def test_search_with_filters_and_bad_input(world, client_for):
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    wia = casus(world, titel="Voorschot", omschrijving=WIA, regels=[regel])
    client = client_for("uo.professional")
    found = client.get("/api/v1/precedenten/", {"q": WIA_2}).json()
    assert [p["casus"] for p in found] == [str(wia.uuid)]
    assert client.get("/api/v1/precedenten/", {"q": WIA_2, "uitkomst": "afgeweken"}).json() == []
    assert client.get("/api/v1/precedenten/", {"q": WIA_2, "regel": str(regel.uuid)}).json()[0][
        "casus"
    ] == str(wia.uuid)
    for bad, field in [
        ({}, "q"),
        ({"q": "x", "uitkomst": "ja"}, "uitkomst"),
        ({"q": "x", "aantal": "500"}, "aantal"),
    ]:
        response = client.get("/api/v1/precedenten/", bad)
        assert response.status_code == 400
        assert response.json()["invalid_params"][0]["name"] == field
    assert client_for("gem.professional").get("/api/v1/precedenten/", {"q": WIA_2}).json() == []


def test_sharing_opens_a_casus_to_the_network(world, client_for):
    bijstand = casus(world, door=world.lid("gem.professional"), omschrijving=BIJSTAND)
    url = f"/api/v1/casussen/{bijstand.uuid}/delen/"
    assert client_for("gem.professional").post(url).status_code == 403
    assert client_for("uo.teamleider").post(url).status_code == 404
    response = client_for("gem.teamleider").post(url)
    assert response.status_code == 200 and response.json()["gedeeld"] is True
    assert client_for("gem.teamleider").post(url).status_code == 409
    found = client_for("uo.professional").get("/api/v1/precedenten/", {"q": BIJSTAND}).json()
    assert [p["casus"] for p in found] == [str(bijstand.uuid)]
    assert client_for("uo.professional").get(f"/api/v1/casussen/{bijstand.uuid}/").status_code == 200


def test_maatwerkbesluit_needs_the_difference_through_the_api(world, client_for):
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    earlier = casus(world, titel="Voorschot", omschrijving=WIA, regels=[regel])
    casus_afsluiten(casus=earlier, door=world.professional, motivering=MOTIVERING)
    new = casus(world, omschrijving=WIA_2, regels=[regel])
    body = {
        "regel": str(regel.uuid),
        "beginselen": ["AWB-EVENREDIGHEID"],
        "besluit": "Afzien van terugvordering.",
        "motivering": MOTIVERING,
    }
    url = f"/api/v1/casussen/{new.uuid}/maatwerkbesluiten/"
    client = client_for("uo.professional")
    refused = client.post(url, body, format="json")
    assert refused.status_code == 400
    assert refused.json()["invalid_params"][0]["name"] == "motivering_verschil"
    body["motivering_verschil"] = (
        "Anders dan toen heeft deze klant geen inkomen naast de uitkering en twee kinderen."
    )
    taken = client.post(url, body, format="json")
    assert taken.status_code == 201 and taken.json()["precedenten"] == [str(earlier.uuid)]


def test_proposals_for_the_coordinator_only(world, client_for):
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    for i in range(5):
        maatwerkbesluit(world, casus(world, omschrijving=f"{i} {WIA}", regels=[regel]))
    voorstel = Voorstel.objects.get()
    listing = client_for("uo.maatwerkcoordinator").get("/api/v1/voorstellen/").json()["results"]
    assert [v["uuid"] for v in listing] == [str(voorstel.uuid)]
    assert client_for("gem.professional").get(f"/api/v1/voorstellen/{voorstel.uuid}/").status_code == 404
    url = f"/api/v1/voorstellen/{voorstel.uuid}/bevestigen/"
    body = {"titel": "Terugvordering knelt structureel", "knelpunt": MOTIVERING}
    assert client_for("uo.professional").post(url, body, format="json").status_code == 403
    confirmed = client_for("uo.maatwerkcoordinator").post(url, body, format="json")
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "bevestigd"
    assert confirmed.json()["signaal"]
