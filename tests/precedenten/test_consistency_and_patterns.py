"""Equal cases equally: a deviation where a highly similar casus on the same rule was closed without one
needs a motivation of the difference. Fix → solve: repeated deviations from one rule bring a proposal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from schakel.casussen.services import casus_afsluiten
from schakel.core.errors import GeenToegang, OngeldigeOvergang, ValidatieFout
from schakel.core.models import LedgerEvent
from schakel.precedenten.models import Voorstel, VoorstelStatus
from schakel.precedenten.services import casus_delen, voorstel_afwijzen, voorstel_bevestigen
from schakel.signalen.models import SignaalBron
from tests.domain.snapshot import unchanged
from tests.factories import MOTIVERING, RegelFactory, casus, maatwerkbesluit
from tests.precedenten.test_search import WIA, WIA_2

VERSCHIL = (
    "Anders dan in die casus heeft deze klant geen enkel inkomen naast de uitkering en twee jonge kinderen."
)


def test_deviation_against_a_similar_precedent_needs_a_motivated_difference(world):
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    earlier = casus(world, titel="Voorschot", omschrijving=WIA, regels=[regel])
    casus_afsluiten(casus=earlier, door=world.professional, motivering=MOTIVERING)
    new = casus(world, titel="Voorschot terugvordering", omschrijving=WIA_2, regels=[regel])
    with unchanged(), pytest.raises(ValidatieFout) as err:
        maatwerkbesluit(world, new)
    assert err.value.field == "motivering_verschil"
    assert "Voorschot" in err.value.message
    mb = maatwerkbesluit(world, new, motivering_verschil=VERSCHIL)
    assert mb.precedenten == [str(earlier.uuid)]
    event = LedgerEvent.objects.filter(kind="maatwerkbesluit.genomen").order_by("-seq").first()
    assert event is not None and event.data["precedenten"] == [str(earlier.uuid)]
    assert "jonge kinderen" in event.data["motivering_verschil"]


def test_no_difference_needed_when_the_precedent_also_deviated_or_is_another_rule(world):
    regel, andere = RegelFactory(uitvoerder=world.uitvoerder), RegelFactory(uitvoerder=world.uitvoerder)
    maatwerkbesluit(world, casus(world, omschrijving=WIA, regels=[regel]))
    closed = casus(world, omschrijving=WIA, regels=[andere])
    casus_afsluiten(casus=closed, door=world.professional, motivering=MOTIVERING)
    mb = maatwerkbesluit(world, casus(world, omschrijving=WIA_2, regels=[regel]))
    assert mb.precedenten == []


def deviations(world, regel, n, *, now=None):
    for i in range(n):
        maatwerkbesluit(world, casus(world, omschrijving=f"Casus {i}: {WIA}", regels=[regel]), now=now)


def test_five_deviations_in_a_year_bring_a_proposal_to_the_coordinator(world):
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    deviations(world, regel, 4)
    assert not Voorstel.objects.exists()
    deviations(world, regel, 1)
    voorstel = Voorstel.objects.get()
    assert (voorstel.regel, voorstel.aantal, voorstel.casussen.count()) == (regel, 5, 5)
    assert LedgerEvent.objects.filter(kind="voorstel.gedaan").count() == 1


def test_old_deviations_do_not_count(world):
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    deviations(world, regel, 4, now=timezone.now() - dt.timedelta(days=400))
    deviations(world, regel, 1)
    assert not Voorstel.objects.exists()


def test_confirming_sends_a_structural_signal_with_the_cases(world):
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    deviations(world, regel, 5)
    voorstel = Voorstel.objects.get()
    with unchanged(), pytest.raises(GeenToegang):
        voorstel_bevestigen(
            voorstel=voorstel, door=world.professional, titel="Regel knelt", knelpunt=MOTIVERING
        )
    # The signaal's own refusal, raised inside the proposal's transaction, leaves the proposal open too.
    with unchanged(), pytest.raises(ValidatieFout):
        voorstel_bevestigen(
            voorstel=voorstel, door=world.lid("uo.maatwerkcoordinator"), titel="Regel knelt", knelpunt="Kort."
        )
    voorstel = voorstel_bevestigen(
        voorstel=voorstel, door=world.lid("uo.maatwerkcoordinator"), titel="Regel knelt", knelpunt=MOTIVERING
    )
    assert voorstel.status == VoorstelStatus.BEVESTIGD
    assert voorstel.signaal.bron == SignaalBron.PATROON
    assert voorstel.signaal.casussen.count() == 5
    with unchanged(), pytest.raises(OngeldigeOvergang):
        voorstel_afwijzen(voorstel=voorstel, door=world.lid("uo.maatwerkcoordinator"), motivering=MOTIVERING)


def test_dismissed_proposal_comes_back_when_the_count_doubles(world):
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    deviations(world, regel, 5)
    coordinator = world.lid("uo.maatwerkcoordinator")
    with unchanged(), pytest.raises(ValidatieFout):
        voorstel_afwijzen(voorstel=Voorstel.objects.get(), door=coordinator, motivering="Nee.")
    voorstel_afwijzen(voorstel=Voorstel.objects.get(), door=coordinator, motivering=MOTIVERING)
    deviations(world, regel, 4)
    assert Voorstel.objects.count() == 1
    deviations(world, regel, 1)
    newest = Voorstel.objects.order_by("-aangemaakt_op", "-pk").first()
    assert Voorstel.objects.count() == 2 and newest is not None and newest.aantal == 10


def test_only_the_handling_organisation_shares_and_only_once(world):
    c = casus(world)
    for door in (world.professional, world.lid("gem.teamleider")):
        with unchanged(), pytest.raises(GeenToegang):
            casus_delen(casus=c, door=door)
    casus_delen(casus=c, door=world.lid("uo.maatwerkcoordinator"))
    with unchanged(), pytest.raises(OngeldigeOvergang):
        casus_delen(casus=c, door=world.lid("uo.teamleider"))
