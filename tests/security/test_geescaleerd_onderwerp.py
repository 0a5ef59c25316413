"""A brake escalated up the ladder reaches an organisation that may not open its casus: that organisation
answers the brake, but the casus's title stays behind, on the page, in the werkvoorraad and in the API,
exactly as the API's noodrem shows only the subject's uuid."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from schakel.noodremmen.services import noodrem_escalate
from tests.factories import casus, noodrem

TITEL = "Terugvordering voorschot bij de familie in Zutphen"


def _naar_het_ministerie(world):  # type: ignore[no-untyped-def]
    c = casus(world, titel=TITEL)
    n = noodrem(world, casus=c, now=timezone.now() - dt.timedelta(days=400))
    for stap in (1, 2):  # uo.teamleider -> uo.bestuur -> the ministry above uo
        noodrem_escalate(noodrem=n, now=timezone.now() + dt.timedelta(days=400 * stap))
    n.refresh_from_db()
    assert n.ontvanger_organisatie == world.ministerie
    return c, n


def test_the_ministry_answers_the_brake_without_reading_the_casus(world, client, client_for):  # type: ignore[no-untyped-def]
    c, n = _naar_het_ministerie(world)
    client.force_login(world.lid("min.beleidsdirectie").gebruiker)
    assert client.get(f"/casussen/{c.uuid}/").status_code == 404
    page = client.get(f"/noodremmen/{n.uuid}/")
    assert page.status_code == 200 and "Beantwoorden: opvolgen of uitleggen" in page.content.decode()
    werk = client.get("/werkvoorraad/").content.decode()
    assert f"/noodremmen/{n.uuid}/" in werk
    api = client_for("min.beleidsdirectie").get("/api/v1/werkvoorraad/")
    assert [r["uuid"] for r in api.json()["results"]] == [str(n.uuid)]
    assert f"/casussen/{c.uuid}/" not in page.content.decode()  # no link to a page that is 404 anyway
    for text in (page.content.decode(), werk, api.content.decode()):
        assert TITEL not in text


def test_the_casus_organisation_still_sees_the_title(world, client):  # type: ignore[no-untyped-def]
    c, n = _naar_het_ministerie(world)
    client.force_login(world.lid("uo.professional").gebruiker)
    assert TITEL in client.get(f"/noodremmen/{n.uuid}/").content.decode()
    client.force_login(world.lid("uo.bestuur").gebruiker)
    assert TITEL in client.get(f"/noodremmen/{n.uuid}/").content.decode()
