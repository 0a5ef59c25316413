"""Tick in batches (ADR 0013): per item the same silence, move, ledger event and inbox row as the
one-item escalation; parallel ticks escalate every item exactly once."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection

from schakel.beheer.tick import tick
from schakel.core import ledger
from schakel.core.mailuitgang import mail_verzenden
from schakel.core.models import LedgerEvent, Notificatie
from schakel.core.obligations import Stilte
from schakel.core.terms import AMSTERDAM, deadline, termijn_voor
from schakel.noodremmen.models import Niveau
from schakel.organisaties.models import Rol
from tests.concurrency import at_once
from tests.factories import World, noodrem, signaal

START = dt.datetime(2026, 11, 23, 10, 0, tzinfo=AMSTERDAM)
NOW = START + dt.timedelta(days=120)


def _expected_event(item, kind: str, old_org, old_rol: str, old_uiterlijk, niveau: int, naar=None) -> dict:
    """The ledger event the one-by-one escalation wrote before tick was batched, spelled out."""
    data: dict = {
        "stil": {"organisatie": str(old_org.uuid), "rol": old_rol, "uiterlijk": old_uiterlijk.isoformat()},
        "niveau": niveau,
    }
    if naar is None:
        data["top_bereikt"] = True
    else:
        org, rol, uiterlijk = naar
        data["naar"] = {"organisatie": str(org.uuid), "rol": rol, "uiterlijk": uiterlijk.isoformat()}
    return {
        "kind": kind,
        "subject_type": item._meta.label_lower,
        "subject_id": str(item.uuid),
        "actor": "systeem",
        "body": ledger.canonical(data),
    }


def _event(item) -> dict:
    event = LedgerEvent.objects.filter(subject_id=str(item.uuid), kind__contains=".").order_by("-seq").first()
    return {k: getattr(event, k) for k in ("kind", "subject_type", "subject_id", "actor", "body")}


def test_batched_tick_writes_per_item_what_single_escalation_wrote(world, django_capture_on_commit_callbacks):
    brakes = [noodrem(world, now=START) for _ in range(3)]
    burger = noodrem(world, niveau=Niveau.BURGER, now=START)
    sig = signaal(world, now=START)
    top = noodrem(world, now=START)
    type(top).objects.filter(pk=top.pk).update(
        ontvanger_organisatie=world.parlement, ontvanger_rol=Rol.GRIFFIE
    )
    items = [*brakes, burger, sig, top]
    before = {str(i.uuid): type(i).objects.get(pk=i.pk) for i in items}
    mail_verzenden(now=START)  # the mails of the new items
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        result = tick(now=NOW, batch=2)  # several batches per kind
    mail_verzenden(now=NOW)
    assert (result.noodremmen, result.signalen, result.kamervragen) == (5, 1, 0)
    for item in items:
        old = before[str(item.uuid)]
        item.refresh_from_db()
        label = item._meta.model_name
        if item.uuid == top.uuid:
            expected = _expected_event(
                item, f"{label}.stilte", world.parlement, Rol.GRIFFIE, old.uiterlijk, 0
            )
            assert item.escalatieniveau == 0
        else:
            soort = "signaal" if item.uuid == sig.uuid else f"noodrem_{item.niveau}"
            uiterlijk = deadline(NOW, termijn_voor(soort))
            assert item.uiterlijk == uiterlijk and item.escalatieniveau == 1
            assert item.termijn == str(termijn_voor(soort))
            expected = _expected_event(
                item,
                f"{label}.geescaleerd",
                old.ontvanger_organisatie,
                old.ontvanger_rol,
                old.uiterlijk,
                0,
                naar=(item.ontvanger_organisatie, item.ontvanger_rol, uiterlijk),
            )
            note = Notificatie.objects.get(onderwerp_id=str(item.uuid), soort="escalatie")
            assert (note.ontvanger_organisatie, note.ontvanger_rol) == (
                item.ontvanger_organisatie,
                item.ontvanger_rol,
            )
            assert note.tekst.startswith("Geëscaleerd naar u:") and str(item.uuid) in note.tekst
        assert _event(item) == expected
        silence = Stilte.objects.get(onderwerp_id=str(item.uuid))
        assert (silence.organisatie_id, silence.rol, silence.niveau, silence.uiterlijk) == (
            old.ontvanger_organisatie_id,
            old.ontvanger_rol,
            0,
            old.uiterlijk,
        )
    assert ledger.verify().ok
    # One mail per recipient role per batch: the first two brakes share a batch and a board, so one list
    # mail names both; every escalated item is in exactly one mail.
    shared = [m for m in mail.outbox if str(brakes[0].uuid) in m.body]
    assert len(shared) == 1 and str(brakes[1].uuid) in shared[0].body
    assert "items zijn naar u geëscaleerd" in shared[0].body
    for item in items:
        if item.uuid != top.uuid:
            assert sum(str(item.uuid) in m.body for m in mail.outbox) == 1
    assert len(mail.outbox) < len(items) - 1
    assert tick(now=NOW).total == 0


def test_one_escalated_item_gets_the_same_mail_as_before(world, django_capture_on_commit_callbacks):
    n = noodrem(world, now=START)
    mail_verzenden(now=START)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        tick(now=NOW)
    mail_verzenden(now=NOW)
    assert len(mail.outbox) == 1
    tekst = f"Geëscaleerd naar u: noodrem {n.uuid} is niet binnen de termijn beantwoord."
    assert mail.outbox[0].subject == "Schakel: " + tekst[:60]
    assert mail.outbox[0].body == tekst + "\n\nBekijk het in Schakel."


def test_an_answered_item_in_a_batch_is_left_alone(world):
    open_ = noodrem(world, now=START)
    answered = noodrem(world, now=START, state="opgevolgd")
    assert tick(now=NOW, batch=1).noodremmen == 1
    answered.refresh_from_db()
    open_.refresh_from_db()
    assert (open_.escalatieniveau, answered.escalatieniveau) == (1, 0)


@pytest.mark.django_db(transaction=True)
def test_parallel_batched_ticks_escalate_every_item_exactly_once(beginselen):
    """Four ticks at once with small batches over items of which some sit at the top of the ladder
    (silence only, no row change): on PostgreSQL SKIP LOCKED shares the work, on SQLite the write lock
    serialises it; either way one silence and one event per item."""
    world = World.build()
    items = [noodrem(world, now=START) for _ in range(24)]
    tops = items[:6]
    for item in tops:
        type(item).objects.filter(pk=item.pk).update(
            ontvanger_organisatie=world.parlement, ontvanger_rol=Rol.GRIFFIE
        )
    totals = at_once(4, lambda: tick(now=NOW, batch=3).total)
    assert sum(totals) == len(items)
    assert Stilte.objects.count() == len(items)
    assert LedgerEvent.objects.filter(kind="noodrem.geescaleerd").count() == len(items) - len(tops)
    assert LedgerEvent.objects.filter(kind="noodrem.stilte").count() == len(tops)
    for item in items[6:]:
        item.refresh_from_db()
        assert item.escalatieniveau == 1
    assert ledger.verify().ok


@pytest.mark.django_db(transaction=True)
def test_one_tick_with_several_workers_escalates_every_item_exactly_once(beginselen):
    """Three worker threads in one tick (PostgreSQL; SQLite runs it as one) over small batches."""
    world = World.build()
    items = [noodrem(world, now=START) for _ in range(20)] + [signaal(world, now=START) for _ in range(7)]
    result = tick(now=NOW, batch=2, workers=3)
    assert (result.noodremmen, result.signalen, result.total) == (20, 7, 27)
    assert Stilte.objects.count() == len(items)
    for item in items:
        item.refresh_from_db()
        assert item.escalatieniveau == 1
    assert tick(now=NOW, batch=2, workers=3).total == 0
    assert ledger.verify().ok


@pytest.mark.django_db(transaction=True)
def test_a_failing_worker_fails_the_tick(beginselen, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("workers run side by side on PostgreSQL only")
    from schakel.beheer import tick as module

    real = module._tick

    def failing_in_other_threads(**kwargs):
        if threading.current_thread() is not threading.main_thread():
            raise RuntimeError("werker valt uit")
        return real(**kwargs)

    monkeypatch.setattr(module, "_tick", failing_in_other_threads)
    with pytest.raises(RuntimeError, match="werker valt uit"):
        tick(now=NOW, workers=2)
