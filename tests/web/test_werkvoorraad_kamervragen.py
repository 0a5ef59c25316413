"""A Kamervraag put to an organisation is in its board's werkvoorraad, with its term, until answered."""

from __future__ import annotations

from typing import Any

import pytest

from schakel.kamervragen.models import Kamervraag
from schakel.kamervragen.services import kamervraag_beantwoorden, kamervraag_stellen
from tests.factories import TOELICHTING, signaal

pytestmark = pytest.mark.django_db

VRAAG = "Hoeveel burgers moesten in 2026 een WIA-voorschot terugbetalen omdat uw besluit te laat kwam?"


def ask(world: Any) -> Kamervraag:
    return kamervraag_stellen(door=world.lid("tk.griffie"), organisatie=world.uitvoerder, vraag=VRAAG)


def test_the_board_sees_the_kamervraag_in_its_werkvoorraad_until_it_answers(world, login):
    kv = ask(world)
    client = login("uo.bestuur")
    html = client.get("/werkvoorraad/").content.decode()
    assert f"/kamervragen/{kv.uuid}/" in html
    assert "Kamervraag van" in html
    kamervraag_beantwoorden(kamervraag=kv, door=world.lid("uo.bestuur"), tekst=TOELICHTING)
    assert f"/kamervragen/{kv.uuid}/" not in client.get("/werkvoorraad/").content.decode()


def test_a_professional_does_not_get_the_boards_kamervraag(world, login):
    kv = ask(world)
    assert f"/kamervragen/{kv.uuid}/" not in login("uo.professional").get("/werkvoorraad/").content.decode()


def test_api_werkvoorraad_pages_signalen_and_kamervragen_together(world, client_for):
    kv = ask(world)
    s = signaal(world)
    bestuur = client_for("uo.bestuur")
    body = bestuur.get("/api/v1/werkvoorraad/?soort=kamervraag").json()
    assert [r["uuid"] for r in body["results"]] == [str(kv.uuid)]
    assert body["results"][0]["url"].endswith(f"/api/v1/kamervragen/{kv.uuid}/")
    assert body["results"][0]["titel"].startswith("Kamervraag van")
    # One item per page: following `next` reaches every open item exactly once.
    seen: list[str] = []
    url: str | None = "/api/v1/werkvoorraad/?aantal=1"
    while url:
        page = bestuur.get(url).json()
        seen += [r["uuid"] for r in page["results"]]
        url = page["next"]
    # The board acts for the roles below it, so the teamleider's signaal is there too, once.
    assert sorted(seen) == sorted([str(kv.uuid), str(s.uuid)])
    assert bestuur.get("/api/v1/werkvoorraad/?soort=onzin").status_code == 400
