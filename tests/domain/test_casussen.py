from __future__ import annotations

import pytest

from schakel.casussen.models import CasusVersie, Perspectief, Uitkomst
from schakel.casussen.services import (
    beraad_conclude,
    beraad_start,
    bijdrage_add,
    casus_correct,
    maatwerkbesluit_take,
)
from schakel.casussen.workflow import CasusStatus
from schakel.core.errors import GeenToegang, OngeldigeOvergang, ValidatieFout
from schakel.core.models import LedgerEvent
from schakel.signalen.models import Signaal, SignaalBron
from tests.domain.snapshot import unchanged
from tests.factories import MOTIVERING, TOELICHTING, RegelFactory, casus, maatwerkbesluit

IDENTIFIERS = (
    "BSN 123456782, IBAN NL91 ABNA 0417 1643 00, mail jan@example.nl, tel 06-12345678, postcode 1234 AB"
)


def test_casus_text_is_pseudonymised_before_storage_and_ledger(world):
    c = casus(world, omschrijving=f"Cliënt heeft schulden. {IDENTIFIERS}.")
    for secret in ("123456782", "NL91", "jan@example.nl", "06-12345678", "1234 AB"):
        assert secret not in c.omschrijving
        assert not LedgerEvent.objects.filter(body__contains=secret).exists()
    assert "[BSN]" in c.omschrijving and "[E-MAIL]" in c.omschrijving


def test_correction_adds_a_version_and_keeps_the_old(world):
    c = casus(world, omschrijving="Eerste tekst over de situatie van de cliënt.")
    c = casus_correct(
        casus=c, door=world.professional, titel="Casus", omschrijving="Verbeterde tekst over de cliënt."
    )
    assert c.versie == 2
    assert list(CasusVersie.objects.filter(casus=c).values_list("omschrijving", flat=True)) == [
        "Eerste tekst over de situatie van de cliënt.",
        "Verbeterde tekst over de cliënt.",
    ]
    with unchanged(), pytest.raises(GeenToegang):
        casus_correct(casus=c, door=world.lid("gem.professional"), titel="X", omschrijving="Y")


def test_beraad_with_the_whole_system_in_the_room(world):
    regel = RegelFactory(uitvoerder=world.uitvoerder, wet=True)
    c = casus(world, regels=[regel])
    coordinator = world.lid("uo.maatwerkcoordinator")
    with unchanged(), pytest.raises(GeenToegang):
        beraad_start(casus=c, door=world.professional, vraag="Mag dit?", deelnemers=[world.professional])
    beraad = beraad_start(casus=c, door=coordinator, vraag="Mag dit?", deelnemers=[world.professional])
    c.refresh_from_db()
    assert c.status == CasusStatus.IN_BERAAD
    bijdrage_add(beraad=beraad, door=world.professional, perspectief=Perspectief.JURIDISCH, tekst=TOELICHTING)
    with unchanged(), pytest.raises(ValidatieFout) as info:
        bijdrage_add(beraad=beraad, door=coordinator, perspectief=Perspectief.JURIDISCH, tekst=TOELICHTING)
    assert info.value.field == "perspectief"
    with unchanged(), pytest.raises(GeenToegang):
        bijdrage_add(
            beraad=beraad, door=world.lid("uo.teamleider"), perspectief=Perspectief.ICT, tekst=TOELICHTING
        )
    with unchanged(), pytest.raises(OngeldigeOvergang):  # no maatwerk while the deliberation runs
        maatwerkbesluit(world, c, regel=regel)
    with unchanged(), pytest.raises(ValidatieFout) as info:
        beraad_conclude(beraad=beraad, door=coordinator, uitkomst=Uitkomst.SOLVE, motivering=MOTIVERING)
    assert info.value.field == "regel"
    beraad_conclude(
        beraad=beraad, door=coordinator, uitkomst=Uitkomst.SOLVE, motivering=MOTIVERING, regel=regel
    )
    signaal = Signaal.objects.get(bron=SignaalBron.BERAAD)
    assert list(signaal.casussen.all()) == [c]
    assert signaal.ontvanger_organisatie == world.ministerie
    c.refresh_from_db()
    assert c.status == CasusStatus.OPEN


def test_maatwerkbesluit_needs_principle_rule_of_the_casus_and_motivation(world):
    c = casus(world)
    other = RegelFactory(uitvoerder=world.uitvoerder)
    base = {"casus": c, "door": world.professional, "besluit": "Afzien van terugvordering."}
    with unchanged(), pytest.raises(ValidatieFout) as info:
        maatwerkbesluit_take(regel=c.regels.first(), beginsel_codes=[], motivering=MOTIVERING, **base)
    assert info.value.field == "beginselen"
    with unchanged(), pytest.raises(ValidatieFout) as info:
        maatwerkbesluit_take(regel=other, beginsel_codes=["AWB-EVENREDIGHEID"], motivering=MOTIVERING, **base)
    assert info.value.field == "regel"
    with unchanged(), pytest.raises(ValidatieFout) as info:
        maatwerkbesluit_take(
            regel=c.regels.first(), beginsel_codes=["AWB-EVENREDIGHEID"], motivering="Kort.", **base
        )
    assert info.value.field == "motivering"
    first = maatwerkbesluit(world, c)
    c.refresh_from_db()
    assert c.status == CasusStatus.AFGEROND
    second = maatwerkbesluit(world, c, vervangt=first)
    assert second.vervangt == first
    with unchanged(), pytest.raises(OngeldigeOvergang):
        maatwerkbesluit(world, c, vervangt=first)
