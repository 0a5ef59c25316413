from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from schakel.core import ledger
from schakel.core.errors import OnveranderlijkRecord
from schakel.core.models import LedgerEvent
from schakel.organisaties.models import Organisatie


def _append(n: int) -> None:
    for i in range(n):
        with transaction.atomic():
            ledger.append("test.gebeurtenis", actor="test", data={"i": i, "tekst": "één"})


def _sql(statement: str, *params: object) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.mark.django_db(transaction=True)
def test_append_requires_a_transaction():
    with pytest.raises(RuntimeError):
        ledger.append("test.buiten", actor="test")


@pytest.mark.django_db
def test_fresh_chain_verifies_with_count():
    _append(5)
    result = ledger.verify()
    assert result.ok and result.count == 5
    events = list(LedgerEvent.objects.order_by("seq"))
    assert events[0].prev_hash == ledger.GENESIS
    assert all(b.prev_hash == a.hash for a, b in zip(events, events[1:], strict=False))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("statement", "bad_seq"),
    [
        ("UPDATE core_ledgerevent SET body = '{\"i\":99}' WHERE seq = 3", 3),
        ("UPDATE core_ledgerevent SET kind = 'anders' WHERE seq = 2", 2),
        ("UPDATE core_ledgerevent SET actor = 'iemand' WHERE seq = 4", 4),
        ("UPDATE core_ledgerevent SET at = '2020-01-01T00:00:00+00:00' WHERE seq = 1", 1),
        ("DELETE FROM core_ledgerevent WHERE seq = 3", 3),
        ("DELETE FROM core_ledgerevent WHERE seq = 5", 5),
        ("DELETE FROM core_ledgerevent WHERE seq >= 4", 4),
    ],
)
def test_direct_database_tampering_is_detected(statement, bad_seq):
    _append(5)
    _sql(statement)
    result = ledger.verify()
    assert not result.ok
    assert result.first_bad_seq == bad_seq


@pytest.mark.django_db
def test_rewriting_a_hash_to_match_still_breaks_the_next_link():
    _append(4)
    event = LedgerEvent.objects.get(seq=2)
    forged_body = '{"i":1,"tekst":"vervalst"}'
    forged = ledger.event_digest(
        event.prev_hash,
        2,
        event.at,
        event.kind,
        event.subject_type,
        event.subject_id,
        event.actor,
        forged_body,
    )
    _sql("UPDATE core_ledgerevent SET body = %s, hash = %s WHERE seq = 2", forged_body, forged)
    result = ledger.verify()
    assert not result.ok and result.first_bad_seq == 3


@pytest.mark.django_db
def test_orm_cannot_delete_ledger_or_records(world):
    with pytest.raises(OnveranderlijkRecord):
        LedgerEvent.objects.all().delete()
    with pytest.raises(OnveranderlijkRecord):
        LedgerEvent.objects.first().delete()
    with pytest.raises(OnveranderlijkRecord):
        Organisatie.objects.filter(code="uo").delete()
    with pytest.raises(OnveranderlijkRecord):
        world.uitvoerder.delete()
    assert ledger.verify().ok


@pytest.mark.django_db
def test_verify_command_ok_and_failure(capsys):
    _append(3)
    call_command("verify")
    assert capsys.readouterr().out.strip() == "OK 3 events"
    _sql("UPDATE core_ledgerevent SET body = '{}' WHERE seq = 2")
    with pytest.raises(SystemExit) as info:
        call_command("verify")
    assert info.value.code == 1
    assert "gebeurtenis 2" in capsys.readouterr().err
