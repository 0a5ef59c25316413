from __future__ import annotations

import datetime as dt

import pytest

from schakel.beheer.tick import tick
from schakel.core import ledger
from schakel.core.models import LedgerEvent, Notificatie
from schakel.core.obligations import Stilte
from schakel.core.terms import AMSTERDAM
from schakel.noodremmen.models import Niveau
from schakel.noodremmen.services import noodrem_escalate
from schakel.organisaties.models import Rol
from tests.factories import noodrem, signaal

START = dt.datetime(2026, 11, 23, 10, 0, tzinfo=AMSTERDAM)


def later(days: int) -> dt.datetime:
    return START + dt.timedelta(days=days)


def test_overdue_is_derived_without_any_tick(world):
    n = noodrem(world, now=START)  # professional brake on a werkinstructie: teamleider, 5 werkdagen
    assert not n.is_te_laat(later(1))
    assert n.is_te_laat(later(30))


def test_tick_escalates_one_step_records_silence_and_notifies(world):
    n = noodrem(world, now=START)
    assert (n.ontvanger_organisatie, n.ontvanger_rol) == (world.uitvoerder, Rol.TEAMLEIDER)
    result = tick(now=later(10))
    assert result.noodremmen == 1
    n.refresh_from_db()
    assert (n.ontvanger_organisatie, n.ontvanger_rol, n.escalatieniveau) == (world.uitvoerder, Rol.BESTUUR, 1)
    assert n.uiterlijk > later(10)
    silence = Stilte.objects.get(onderwerp_id=str(n.uuid))
    assert (silence.organisatie, silence.rol, silence.niveau) == (world.uitvoerder, Rol.TEAMLEIDER, 0)
    assert Notificatie.objects.filter(
        ontvanger_organisatie=world.uitvoerder, ontvanger_rol=Rol.BESTUUR, soort="escalatie"
    ).exists()
    assert LedgerEvent.objects.filter(kind="noodrem.geescaleerd", subject_id=str(n.uuid)).count() == 1


def test_tick_is_idempotent(world):
    noodrem(world, now=START)
    signaal(world, now=START)
    first = tick(now=later(60))
    count = LedgerEvent.objects.count()
    second = tick(now=later(60))
    assert first.total == 2 and second.total == 0
    assert LedgerEvent.objects.count() == count
    assert ledger.verify().ok


def test_items_within_term_and_answered_items_are_untouched(world):
    noodrem(world, now=later(9))
    noodrem(world, now=START, state="opgevolgd")
    assert tick(now=later(10)).total == 0


def test_ladder_climbs_to_parliament_and_stops_there(world):
    n = noodrem(world, now=START)
    steps = []
    moment = START
    for _ in range(7):
        moment += dt.timedelta(days=40)
        tick(now=moment)
        n.refresh_from_db()
        steps.append((n.ontvanger_organisatie.code, n.ontvanger_rol))
    assert steps[:5] == [
        ("uo", Rol.BESTUUR),
        ("min", Rol.BELEIDSDIRECTIE),
        ("min", Rol.BEWINDSPERSOON),
        ("tk", Rol.GRIFFIE),
        ("tk", Rol.GRIFFIE),  # top: silence recorded, no further step
    ]
    assert steps[5] == steps[6] == ("tk", Rol.GRIFFIE)
    assert LedgerEvent.objects.filter(kind="noodrem.stilte", subject_id=str(n.uuid)).count() == 1
    assert Stilte.objects.filter(onderwerp_id=str(n.uuid)).count() == 5
    assert ledger.verify().ok


def test_citizen_brake_goes_from_organisation_top_to_ombudsman(world):
    n = noodrem(world, niveau=Niveau.BURGER, now=START)
    assert (n.ontvanger_organisatie, n.ontvanger_rol) == (world.gemeente, Rol.TEAMLEIDER)
    tick(now=later(60))
    tick(now=later(120))
    n.refresh_from_db()
    assert (n.ontvanger_organisatie, n.ontvanger_rol) == (world.ombudsman, Rol.BESTUUR)


def test_two_escalations_of_the_same_stale_item_escalate_once(world):
    """Two workers that loaded the item before either escalated: the lock and the per-level silence
    make the second a no-op."""
    n = noodrem(world, now=START)
    stale_a = type(n).objects.get(pk=n.pk)
    stale_b = type(n).objects.get(pk=n.pk)
    assert noodrem_escalate(noodrem=stale_a, now=later(10)) is True
    assert noodrem_escalate(noodrem=stale_b, now=later(10)) is False
    n.refresh_from_db()
    assert n.escalatieniveau == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_ticks_escalate_each_item_exactly_once(beginselen):
    from tests.concurrency import at_once
    from tests.factories import World

    world = World.build()
    items = [noodrem(world, now=START) for _ in range(3)]
    at_once(3, lambda: tick(now=later(10)))
    for item in items:
        item.refresh_from_db()
        assert item.escalatieniveau == 1
    assert LedgerEvent.objects.filter(kind="noodrem.geescaleerd").count() == 3
    assert ledger.verify().ok
