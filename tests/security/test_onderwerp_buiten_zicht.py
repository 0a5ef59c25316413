"""Everything about a casus, maatwerkbesluit or opdracht that escalation carries into organisations that
may not open it: the brakes on each, a signaal that holds the casus as evidence, a confidential brake
pulled by a member invited to the casus's beraad, and a Kamervraag, all let pass in silence until they
reach parliament. Then each place such a subject could show up in is read by every member outside the
subject's organisations, and none names it: no title, no description, no decision text.

What is the item's own content stays readable, as intended: the signaal's title and knelpunt go to the
rule's owner (and are public in the register), a brake's motivation to its recipient. A signaal's
evidence casussen are named by uuid only (signalen/api.py), and the signaal page lists only those the
reader may open."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from schakel.beheer.tick import tick
from schakel.casussen.services import beraad_start
from schakel.core.models import Mailbericht, Notificatie
from schakel.kamervragen.services import kamervraag_stellen
from schakel.noodremmen.models import Anonimiteit
from schakel.organisaties.models import Lid
from tests.factories import RegelFactory, World, casus, maatwerkbesluit, noodrem, opdracht, signaal
from tests.scene import KAMERVRAAG, VRAAG

CASUS_TITEL = "Terugvordering voorschot bij de familie in Zutphen"
CASUS_TEKST = "Mevrouw kreeg na de scheiding een terugvordering die haar huur opslokt."
BESLUIT = "Wij zien af van de terugvordering omdat de aflossing de huur van de woning opslokt."
OPDRACHT_TITEL = "Vooraf inkomenstoets voor alle zelfstandigen met een kinderopvangtoeslag"

# Members of organisations outside uo (which handles the casus and executes the opdracht). The ministry
# gave the opdracht, so only the casus texts are hidden from it.
BUITENSTAANDERS = [
    "min.beleidsdirectie",
    "min.bewindspersoon",
    "tk.griffie",
    "gem.teamleider",
    "gem.vertrouwenspersoon",
    "no.bestuur",
]


@dataclass
class Stand:
    world: World
    casus: Any
    besluit: Any
    opdracht: Any
    remmen: list[Any]
    signaal: Any
    kamervraag: Any

    def geheimen(self, lid: Lid) -> list[str]:
        """What this member may not read: the casus texts, and the opdracht's title outside its two parties."""
        geheim = [CASUS_TITEL, CASUS_TEKST, BESLUIT]
        if lid.organisatie_id not in (self.opdracht.opdrachtgever_id, self.opdracht.uitvoerder_id):
            geheim.append(OPDRACHT_TITEL)
        return geheim


@pytest.fixture
def stand(world) -> Stand:  # type: ignore[no-untyped-def]
    past = timezone.now() - dt.timedelta(days=1)
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    c = casus(world, titel=CASUS_TITEL, omschrijving=CASUS_TEKST, regels=[regel])
    mb = maatwerkbesluit(world, casus(world, titel=CASUS_TITEL, regels=[regel]), besluit=BESLUIT)
    o = opdracht(world, state="vastgesteld", titel=OPDRACHT_TITEL)
    gast = world.lid("gem.professional")
    beraad_start(casus=c, door=world.lid("uo.maatwerkcoordinator"), vraag=VRAAG, deelnemers=[gast])
    remmen = [
        noodrem(world, casus=c, now=past),
        noodrem(world, maatwerkbesluit=mb, now=past),
        noodrem(world, opdracht=o, now=past),
        noodrem(world, casus=c, door=gast, anonimiteit=Anonimiteit.VERTROUWELIJK, now=past),
    ]
    wet = RegelFactory(uitvoerder=world.uitvoerder, wet=True)  # owned by the ministry
    s = signaal(world, regel=wet, casussen=[c], now=past)
    kv = kamervraag_stellen(door=world.lid("tk.griffie"), organisatie=world.uitvoerder, vraag=KAMERVRAAG)
    for week in range(1, 9):  # every item climbs one rung per tick, to parliament
        tick(now=timezone.now() + dt.timedelta(weeks=6 * week))
    for item in [*remmen, s, kv]:
        item.refresh_from_db()
        assert item.ontvanger_organisatie == world.parlement, item
    return Stand(world, c, mb, o, remmen, s, kv)


def _web(lid: Lid) -> Client:
    client = Client()
    client.force_login(lid.gebruiker)
    return client


def _api(lid: Lid) -> APIClient:
    client = APIClient()
    client.force_authenticate(user=lid.gebruiker)
    client.credentials(HTTP_SCHAKEL_LID=str(lid.uuid))
    return client


def _lees(client: Client, urls: list[str]) -> list[tuple[str, str]]:
    """Every answer, as text; a 404 (what the member may not see at all) is read too."""
    return [(url, client.get(url).content.decode()) for url in urls]


def noodrem_paginas(st: Stand, lid: Lid) -> list[tuple[str, str]]:
    return _lees(_web(lid), [f"/noodremmen/{n.uuid}/" for n in st.remmen])


def werkvoorraad(st: Stand, lid: Lid) -> list[tuple[str, str]]:
    return _lees(_web(lid), ["/werkvoorraad/"]) + _lees(_api(lid), ["/api/v1/werkvoorraad/"])


def noodrem_api(st: Stand, lid: Lid) -> list[tuple[str, str]]:
    urls = ["/api/v1/noodremmen/"]
    for n in st.remmen:
        urls += [f"/api/v1/noodremmen/{n.uuid}/{deel}" for deel in ("", "gebeurtenissen/", "berichten/")]
    return _lees(_api(lid), urls)


def signaal_overal(st: Stand, lid: Lid) -> list[tuple[str, str]]:
    u = st.signaal.uuid
    api = [f"/api/v1/signalen/{d}" for d in ("", f"{u}/", f"{u}/gebeurtenissen/")]
    return _lees(_web(lid), [f"/signalen/{u}/"]) + _lees(_api(lid), api)


def meldingen(st: Stand, lid: Lid) -> list[tuple[str, str]]:
    """The inbox, as the API shows it and as stored for the member's organisation (every role)."""
    opgeslagen = Notificatie.objects.filter(ontvanger_organisatie=lid.organisatie)
    return _lees(_api(lid), ["/api/v1/meldingen/"]) + [("notificatie", n.tekst) for n in opgeslagen]


def mails(st: Stand, lid: Lid) -> list[tuple[str, str]]:
    uitgang = Mailbericht.objects.filter(ontvanger_organisatie=lid.organisatie)
    return [("mail", f"{m.onderwerp}\n{m.tekst}") for m in uitgang]


def kamervragen(st: Stand, lid: Lid) -> list[tuple[str, str]]:
    u = st.kamervraag.uuid
    web = _lees(_web(lid), ["/kamervragen/", f"/kamervragen/{u}/"])
    return web + _lees(_api(lid), ["/api/v1/kamervragen/", f"/api/v1/kamervragen/{u}/"])


def vertrouwenspersoon(st: Stand, lid: Lid) -> list[tuple[str, str]]:
    return _lees(_web(lid), ["/vertrouwelijk/"])


PLEKKEN: dict[str, Callable[[Stand, Lid], list[tuple[str, str]]]] = {
    "noodrem-pagina": noodrem_paginas,
    "werkvoorraad": werkvoorraad,
    "noodrem-api": noodrem_api,
    "signaal": signaal_overal,
    "meldingen": meldingen,
    "mails": mails,
    "kamervragen": kamervragen,
    "vertrouwenspersoon": vertrouwenspersoon,
}


@pytest.mark.parametrize("plek", PLEKKEN)
def test_no_place_names_a_subject_to_an_organisation_that_may_not_open_it(stand, plek) -> None:  # type: ignore[no-untyped-def]
    lezen = PLEKKEN[plek]
    for wie in BUITENSTAANDERS:
        lid = stand.world.lid(wie)
        teksten = lezen(stand, lid)
        for waar, tekst in teksten:
            for geheim in stand.geheimen(lid):
                assert geheim not in tekst, (wie, waar, geheim)
            for pagina in (f"/casussen/{stand.casus.uuid}/", f"/maatwerkbesluiten/{stand.besluit.uuid}/"):
                assert pagina not in tekst, (wie, waar, "a link to a page that is 404 for them")
    # The search bites: the organisations that may open the subjects read them in the same places.
    binnen = {
        "noodrem-pagina": ("uo.bestuur", CASUS_TITEL),
        "werkvoorraad": None,  # the open items are all at parliament now
        "noodrem-api": None,  # the API names subjects by uuid, for everyone
        "signaal": ("uo.professional", CASUS_TITEL),  # the raiser lists its evidence
        "meldingen": ("uo.bestuur", OPDRACHT_TITEL),  # "Uitvoeringstoets gevraagd: <titel>"
        "mails": ("uo.bestuur", OPDRACHT_TITEL),
        "kamervragen": ("uo.bestuur", KAMERVRAAG[:40]),
        "vertrouwenspersoon": ("gem.vertrouwenspersoon", "gem-professional"),  # who pulled, and only that
    }[plek]
    if binnen is not None:
        wie, merk = binnen
        assert any(merk in tekst for _, tekst in lezen(stand, stand.world.lid(wie))), (wie, merk)


def test_the_outsiders_do_reach_the_items(stand, client) -> None:  # type: ignore[no-untyped-def]
    """Parliament's clerk answers every item now; the ministry still reads the opdracht's title on
    its brake, and a member invited to the casus's beraad the casus's."""
    world = stand.world
    griffie = _web(world.lid("tk.griffie"))
    for n in stand.remmen:
        assert griffie.get(f"/noodremmen/{n.uuid}/").status_code == 200
    assert griffie.get(f"/signalen/{stand.signaal.uuid}/").status_code == 200
    werk = griffie.get("/werkvoorraad/").content.decode()
    assert all(f"/noodremmen/{n.uuid}/" in werk for n in stand.remmen)
    opdracht_rem = _web(world.lid("min.beleidsdirectie")).get(f"/noodremmen/{stand.remmen[2].uuid}/")
    assert OPDRACHT_TITEL in opdracht_rem.content.decode()
    # The confidential brake was pulled from the gemeente by a member invited to the casus's beraad.
    gast = _web(world.lid("gem.professional")).get(f"/noodremmen/{stand.remmen[3].uuid}/")
    assert CASUS_TITEL in gast.content.decode()
