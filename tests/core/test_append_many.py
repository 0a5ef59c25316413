"""ledger.append_many: a body given already serialised is stored as given, one call's events share one
moment, and on PostgreSQL the foreign-key checks queued before it run before the head lock is taken,
after which the transaction defers them again."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from schakel.core import ledger
from schakel.core.models import LedgerEvent, Notificatie
from schakel.organisaties.models import Organisatie

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite checks foreign keys per statement, nothing is deferred"
)


def _notificatie(organisatie_id: int) -> None:
    Notificatie.objects.create(
        ontvanger_organisatie_id=organisatie_id,
        ontvanger_rol="x",
        soort="test",
        onderwerp_type="t",
        onderwerp_id="1",
        tekst="t",
        aangemaakt_op="2026-11-23T10:00:00+01:00",
    )


def _missing_organisatie() -> int:
    return (Organisatie.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000


@pytest.mark.django_db
def test_a_serialised_body_is_stored_as_the_data_would_have_been():
    data = {"niveau": 1, "stil": {"rol": "bestuur", "uiterlijk": "2026-11-30T23:59:59+01:00"}, "é": "ë"}
    with transaction.atomic():
        ledger.append_many(
            [
                ledger.Entry("test.x", "t", "1", "test", data),
                ledger.Entry("test.x", "t", "2", "test", None, ledger.canonical(data)),
            ]
        )
    first, second = LedgerEvent.objects.order_by("seq")
    assert first.body == second.body == ledger.canonical(data)
    assert ledger.verify().ok


@pytest.mark.django_db
def test_the_events_of_one_call_share_one_moment():
    with transaction.atomic():
        ledger.append_many([ledger.Entry("test.x", "t", str(i)) for i in range(3)])
    assert len(set(LedgerEvent.objects.values_list("at", flat=True))) == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_broken_reference_written_before_the_append_fails_at_the_append_and_rolls_back():
    with pytest.raises(IntegrityError), transaction.atomic():
        _notificatie(_missing_organisatie())
        ledger.append_many([ledger.Entry("test.x", "t", "1")])
    assert not Notificatie.objects.exists()
    assert not LedgerEvent.objects.exists()


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_after_the_append_checks_are_deferred_to_the_commit_again():
    reached = False
    with pytest.raises(IntegrityError), transaction.atomic():
        ledger.append_many([ledger.Entry("test.x", "t", "1")])
        _notificatie(_missing_organisatie())
        reached = True  # the INSERT itself passed: its check waits for the commit, as Django expects
    assert reached
    assert not LedgerEvent.objects.exists()


@postgres_only
@pytest.mark.django_db
def test_no_constraint_is_deferrable_but_initially_immediate():
    """`SET CONSTRAINTS ALL DEFERRED` after the early check would defer such a constraint too."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
            "WHERE n.nspname = current_schema() AND condeferrable AND NOT condeferred"
        )
        assert cursor.fetchall() == []
