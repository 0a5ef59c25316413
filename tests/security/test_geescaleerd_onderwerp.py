"""A brake escalated up the ladder reaches an organisation that may not open its subject: that
organisation answers the brake, but the title of the casus or opdracht stays behind, on the page, in the
werkvoorraad and in the API, exactly as the API's noodrem shows only the subject's uuid."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from schakel.noodremmen.models import Niveau
from schakel.noodremmen.services import noodrem_escalate
from tests.factories import casus, noodrem, opdracht

TITEL = "Terugvordering voorschot bij de familie in Zutphen"


def escaleer(n: Any, stappen: int) -> Any:
    """`stappen` unanswered terms: the brake climbs one rung each time."""
    for stap in range(1, stappen + 1):
        noodrem_escalate(noodrem=n, now=timezone.now() + dt.timedelta(days=400 * stap))
    n.refresh_from_db()
    return n


# (subject, brake level, steps to the reader, the reader, who handles or gives the subject)
GEVALLEN = {
    # uo.teamleider -> uo.bestuur -> the ministry above uo
    "casus": ("casus", Niveau.PROFESSIONAL, 2, "min.beleidsdirectie", ("uo.professional", "uo.bestuur")),
    # uo.bestuur -> min.beleidsdirectie -> min.bewindspersoon -> parliament: past executor and principal
    "opdracht": (
        "opdracht",
        Niveau.PROFESSIONAL,
        3,
        "tk.griffie",
        ("uo.bestuur", "min.beleidsdirectie", "min.bewindspersoon"),
    ),
    # Not here: a returned opdracht (the organisation brake) climbs the same way, but its title is public
    # in the register (docs/register.md), so what parliament's page shows of it is no secret.
}


def geescaleerd(world: Any, geval: str) -> tuple[Any, Any]:
    """The subject titled TITEL and its brake, escalated into an organisation that may not see it."""
    soort, niveau, stappen, lezer, _ = GEVALLEN[geval]
    onderwerp = (
        casus(world, titel=TITEL) if soort == "casus" else opdracht(world, state="vastgesteld", titel=TITEL)
    )
    n = noodrem(world, niveau=niveau, now=timezone.now() - dt.timedelta(days=400), **{soort: onderwerp})
    escaleer(n, stappen)
    assert n.ontvanger_organisatie == world.lid(lezer).organisatie
    return onderwerp, n


@pytest.mark.parametrize("geval", GEVALLEN)
def test_the_top_answers_the_brake_without_reading_its_subject(world, client, client_for, geval):  # type: ignore[no-untyped-def]
    onderwerp, n = geescaleerd(world, geval)
    soort, _, _, lezer, _ = GEVALLEN[geval]
    pagina = f"/{'casussen' if soort == 'casus' else 'opdrachten'}/{onderwerp.uuid}/"
    client.force_login(world.lid(lezer).gebruiker)
    assert client.get(pagina).status_code == 404
    page = client.get(f"/noodremmen/{n.uuid}/")
    assert page.status_code == 200 and "Beantwoorden: opvolgen of uitleggen" in page.content.decode()
    werk = client.get("/werkvoorraad/").content.decode()
    assert f"/noodremmen/{n.uuid}/" in werk
    api = client_for(lezer)
    assert str(n.uuid) in [r["uuid"] for r in api.get("/api/v1/werkvoorraad/").json()["results"]]
    assert pagina not in page.content.decode()  # no link to a page that is 404 anyway
    teksten = [page.content.decode(), werk]
    teksten += [
        api.get(p).content.decode() for p in ("/api/v1/werkvoorraad/", f"/api/v1/noodremmen/{n.uuid}/")
    ]
    for text in teksten:
        assert TITEL not in text


@pytest.mark.parametrize("geval", GEVALLEN)
def test_those_who_see_the_subject_still_read_its_title(world, client, geval):  # type: ignore[no-untyped-def]
    _, n = geescaleerd(world, geval)
    for wie in GEVALLEN[geval][4]:
        client.force_login(world.lid(wie).gebruiker)
        assert TITEL in client.get(f"/noodremmen/{n.uuid}/").content.decode(), wie
