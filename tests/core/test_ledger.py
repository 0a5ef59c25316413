"""The hash-chained ledger: appends only inside a transaction, verifies a fresh chain, names the first bad
event after any tampering done behind the ORM's back, and the ORM refuses to delete history."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import ProtectedError

from schakel.core import ledger
from schakel.core.errors import OnveranderlijkRecord
from schakel.core.models import LedgerEvent, LedgerHead, Notificatie, Record
from schakel.core.obligations import Stilte
from schakel.organisaties.models import Lid, Organisatie
from schakel.signalen.models import Signaal
from tests.factories import signaal

N = 6


def append_events(n: int = N, *, start: int = 0) -> list[LedgerEvent]:
    events = []
    for i in range(start, start + n):
        with transaction.atomic():
            events.append(ledger.append("test.gebeurtenis", actor=f"test:{i}", data={"i": i, "tekst": "één"}))
    return events


def sql(statement: str, *params: object) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def verify() -> ledger.VerifyResult:
    """ledger.verify(), checked against the Python re-hash: on PostgreSQL the database recomputes the
    chain (ADR 0021) and must name the same event for the same reason."""
    result = ledger.verify()
    assert ledger.verify(in_python=True) == result
    return result


def chain() -> list[tuple]:
    return list(LedgerEvent.objects.order_by("seq").values_list("seq", "prev_hash", "hash"))


# --- appending -------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_append_outside_a_transaction_raises_and_writes_nothing():
    assert not connection.in_atomic_block
    with pytest.raises(RuntimeError, match="transaction.atomic"):
        ledger.append("test.buiten", actor="test")
    assert not LedgerEvent.objects.exists()
    assert not LedgerHead.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_an_event_rolled_back_with_its_change_leaves_no_trace():
    append_events(2)
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        ledger.append("test.mislukt", actor="test")
        1 / 0  # noqa: B018 - the change fails after the event was written
    assert LedgerEvent.objects.count() == 2
    assert LedgerHead.objects.get(pk=1).seq == 2
    (event,) = append_events(1, start=2)
    assert event.seq == 3
    assert ledger.verify().ok


@pytest.mark.django_db
def test_append_links_each_event_to_the_previous_one():
    events = append_events(3)
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[0].prev_hash == ledger.GENESIS
    for prev, event in zip(events, events[1:], strict=False):
        assert event.prev_hash == prev.hash
    for event in events:
        assert event.hash == ledger.event_digest(
            event.prev_hash,
            event.seq,
            event.at,
            event.kind,
            event.subject_type,
            event.subject_id,
            event.actor,
            event.body,
        )
        assert len(event.hash) == 64
    head = LedgerHead.objects.get(pk=1)
    assert (head.seq, head.hash) == (3, events[-1].hash)


@pytest.mark.django_db
def test_event_body_is_canonical_json_and_readable_back():
    with transaction.atomic():
        event = ledger.append(
            "test.inhoud",
            actor="test",
            data={"z": 1, "a": "één", "op": dt.date(2026, 11, 23), "lijst": [2, 1]},
        )
    assert event.body == '{"a":"één","lijst":[2,1],"op":"2026-11-23","z":1}'
    event.refresh_from_db()
    assert event.data == {"a": "één", "lijst": [2, 1], "op": "2026-11-23", "z": 1}
    dt.datetime.fromisoformat(event.at)  # the moment is stored as ISO-8601 text


@pytest.mark.django_db
def test_events_name_their_subject_by_public_uuid(world):
    s = signaal(world)
    events = list(ledger.events_for(s))
    assert [e.kind for e in events] == ["signaal.gegeven"]
    assert events[0].subject_type == "signalen.signaal"
    assert events[0].subject_id == str(s.uuid)
    assert events[0].actor.startswith("lid:") or events[0].actor
    assert ledger.subject_ref(None) == ("", "")


# --- verifying -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_verify_an_empty_ledger():
    assert verify() == ledger.VerifyResult(True, 0)


@pytest.mark.django_db
@pytest.mark.parametrize("batch", [1, 2, 5000])
def test_verify_a_fresh_chain_reports_the_count(batch):
    append_events()
    result = ledger.verify(batch=batch, in_python=True)
    assert result == verify()
    assert result.ok
    assert result.count == N
    assert result.first_bad_seq is None
    assert result.reason == ""


@pytest.mark.django_db
def test_verify_a_chain_written_by_real_services(world):
    signaal(world, state="opgelost")
    result = verify()
    assert result.ok and result.count == LedgerEvent.objects.count() > 10


TAMPERING = [
    pytest.param(
        "UPDATE core_ledgerevent SET body = %s WHERE seq = %s", ('{"i":99,"tekst":"één"}', 3), 3, id="body"
    ),
    pytest.param("UPDATE core_ledgerevent SET body = %s WHERE seq = %s", ("{}", 1), 1, id="body-first"),
    pytest.param("UPDATE core_ledgerevent SET kind = %s WHERE seq = %s", ("anders", 2), 2, id="kind"),
    pytest.param("UPDATE core_ledgerevent SET actor = %s WHERE seq = %s", ("iemand", 4), 4, id="actor"),
    pytest.param(
        "UPDATE core_ledgerevent SET at = %s WHERE seq = %s", ("2020-01-01T00:00:00+00:00", 5), 5, id="at"
    ),
    pytest.param(
        "UPDATE core_ledgerevent SET subject_type = %s, subject_id = %s WHERE seq = %s",
        ("organisaties.organisatie", "x", 2),
        2,
        id="subject",
    ),
    pytest.param("UPDATE core_ledgerevent SET hash = %s WHERE seq = %s", ("f" * 64, 3), 3, id="hash"),
    pytest.param("UPDATE core_ledgerevent SET prev_hash = %s WHERE seq = %s", ("f" * 64, 4), 4, id="prev"),
    pytest.param("UPDATE core_ledgerevent SET body = %s WHERE seq = %s", ("{}", N), N, id="body-last"),
    pytest.param("DELETE FROM core_ledgerevent WHERE seq = %s", (1,), 1, id="delete-first"),
    pytest.param("DELETE FROM core_ledgerevent WHERE seq = %s", (3,), 3, id="delete-middle"),
    pytest.param("DELETE FROM core_ledgerevent WHERE seq IN (%s, %s)", (2, 3), 2, id="delete-two-middle"),
    pytest.param("DELETE FROM core_ledgerevent WHERE seq = %s", (N,), N, id="delete-last"),
    pytest.param("DELETE FROM core_ledgerevent WHERE seq >= %s", (N - 2,), N - 2, id="delete-last-three"),
    pytest.param("DELETE FROM core_ledgerevent WHERE seq >= %s", (1,), 1, id="delete-all"),
    pytest.param("UPDATE core_ledgerhead SET seq = seq + 1 WHERE id = %s", (1,), N + 1, id="head-ahead"),
    pytest.param("UPDATE core_ledgerhead SET seq = seq - 1 WHERE id = %s", (1,), N, id="head-behind"),
    pytest.param("UPDATE core_ledgerhead SET hash = %s WHERE id = %s", ("f" * 64, 1), N, id="head-hash"),
    pytest.param("UPDATE core_ledgerevent SET seq = %s WHERE seq = %s", (0, 1), 1, id="seq-zero"),
    pytest.param("UPDATE core_ledgerevent SET seq = %s WHERE seq = %s", (N + 5, N), N, id="seq-gap-at-end"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("statement", "params", "bad_seq"), TAMPERING)
def test_tampering_behind_the_orm_is_detected_naming_the_first_bad_event(statement, params, bad_seq):
    append_events()
    assert verify().ok
    sql(statement, *params)
    result = verify()
    assert not result.ok
    assert result.first_bad_seq == bad_seq
    assert result.reason  # a Dutch explanation
    assert result.count == bad_seq - 1  # the events before the bad one were fine
    # a small batch size finds the same spot
    assert ledger.verify(batch=2, in_python=True) == result


@pytest.mark.django_db
def test_swapping_two_events_is_detected():
    append_events()
    sql("UPDATE core_ledgerevent SET seq = -1 WHERE seq = 2")
    sql("UPDATE core_ledgerevent SET seq = 2 WHERE seq = 3")
    sql("UPDATE core_ledgerevent SET seq = 3 WHERE seq = -1")
    result = verify()
    assert not result.ok and result.first_bad_seq == 2
    assert "vorige" in result.reason


@pytest.mark.django_db
def test_an_event_inserted_in_the_middle_breaks_the_link_after_it():
    append_events()
    # Make room at 4 (two steps: the unique constraint is checked row by row) and insert an event that
    # links correctly to 3, with its own correct hash, and move the head along.
    sql("UPDATE core_ledgerevent SET seq = -seq WHERE seq >= 4")
    sql("UPDATE core_ledgerevent SET seq = 1 - seq WHERE seq < 0")
    third = LedgerEvent.objects.get(seq=3)
    at = "2026-11-23T10:00:00+00:00"
    forged = ledger.event_digest(third.hash, 4, at, "test.vervalst", "", "", "test", "{}")
    sql(
        "INSERT INTO core_ledgerevent (seq, at, kind, subject_type, subject_id, actor, body, prev_hash, hash) "
        "VALUES (4, %s, 'test.vervalst', '', '', 'test', '{}', %s, %s)",
        at,
        third.hash,
        forged,
    )
    sql("UPDATE core_ledgerhead SET seq = seq + 1 WHERE id = 1")
    result = verify()
    assert (result.ok, result.first_bad_seq, result.count) == (False, 5, 4)
    assert "vorige" in result.reason


@pytest.mark.django_db
def test_renumbering_after_a_deletion_is_detected():
    append_events()
    sql("DELETE FROM core_ledgerevent WHERE seq = 3")
    sql("UPDATE core_ledgerevent SET seq = seq - 1 WHERE seq > 3")
    sql("UPDATE core_ledgerhead SET seq = seq - 1 WHERE id = 1")
    result = verify()
    assert not result.ok and result.first_bad_seq == 3


@pytest.mark.django_db
def test_a_missing_event_is_reported_as_missing():
    append_events()
    sql("DELETE FROM core_ledgerevent WHERE seq = 4")
    result = verify()
    assert (result.ok, result.first_bad_seq, result.count) == (False, 4, 3)
    assert "4 ontbreekt" in result.reason


@pytest.mark.django_db
def test_a_removed_tail_is_caught_by_the_head():
    append_events()
    sql("DELETE FROM core_ledgerevent WHERE seq > 4")
    result = verify()
    assert (result.ok, result.first_bad_seq, result.count) == (False, 5, 4)
    assert "ontbreken" in result.reason and "6" in result.reason


@pytest.mark.django_db
def test_editing_through_the_orm_update_is_detected_too():
    append_events()
    LedgerEvent.objects.filter(seq=2).update(actor="beheerder")
    result = verify()
    assert not result.ok and result.first_bad_seq == 2
    assert "hash" in result.reason


def _forge(event: LedgerEvent, body: str) -> str:
    return ledger.event_digest(
        event.prev_hash,
        event.seq,
        event.at,
        event.kind,
        event.subject_type,
        event.subject_id,
        event.actor,
        body,
    )


@pytest.mark.django_db
def test_rewriting_a_middle_event_with_a_matching_hash_breaks_the_next_link():
    append_events()
    event = LedgerEvent.objects.get(seq=3)
    body = '{"i":2,"tekst":"vervalst"}'
    sql("UPDATE core_ledgerevent SET body = %s, hash = %s WHERE seq = 3", body, _forge(event, body))
    result = verify()
    assert not result.ok and result.first_bad_seq == 4


@pytest.mark.django_db
def test_rewriting_the_last_event_with_a_matching_hash_is_caught_by_the_head_and_named():
    append_events()
    event = LedgerEvent.objects.get(seq=N)
    body = '{"i":5,"tekst":"vervalst"}'
    sql("UPDATE core_ledgerevent SET body = %s, hash = %s WHERE seq = %s", body, _forge(event, body), N)
    result = verify()
    assert not result.ok
    assert result.first_bad_seq == N  # the rewritten event, not a non-existent one after it
    assert "ontbreken" not in result.reason


@pytest.mark.django_db
def test_an_event_forged_onto_the_end_without_the_head_is_named():
    append_events()
    last = LedgerEvent.objects.get(seq=N)
    at = "2026-11-23T10:00:00+00:00"
    forged = ledger.event_digest(last.hash, N + 1, at, "test.vervalst", "", "", "test", "{}")
    sql(
        "INSERT INTO core_ledgerevent (seq, at, kind, subject_type, subject_id, actor, body, prev_hash, hash) "
        "VALUES (%s, %s, %s, '', '', 'test', '{}', %s, %s)",
        N + 1,
        at,
        "test.vervalst",
        last.hash,
        forged,
    )
    result = verify()
    assert not result.ok
    assert result.first_bad_seq == N + 1  # the event the head does not vouch for
    assert "ontbreken" not in result.reason


# --- the ORM never deletes history -----------------------------------------------------------------


@pytest.mark.django_db
def test_orm_refuses_to_delete_ledger_events():
    append_events(3)
    with pytest.raises(OnveranderlijkRecord):
        LedgerEvent.objects.all().delete()
    with pytest.raises(OnveranderlijkRecord):
        LedgerEvent.objects.filter(seq=3).delete()
    with pytest.raises(OnveranderlijkRecord):
        LedgerEvent.objects.get(seq=2).delete()
    assert LedgerEvent.objects.count() == 3
    assert ledger.verify().ok


def record_models() -> list[type[Record]]:
    return [m for m in apps.get_models() if issubclass(m, Record)]


def test_every_domain_record_is_a_record():
    names = {m.__name__ for m in record_models()}
    assert {"Organisatie", "Lid", "Regel", "Casus", "Signaal", "Noodrem", "Opdracht", "Beginsel"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize("model", record_models(), ids=lambda m: m._meta.label)
def test_no_record_can_be_deleted_through_the_orm(model):
    with pytest.raises(OnveranderlijkRecord):
        model._default_manager.all().delete()
    with pytest.raises(OnveranderlijkRecord):
        model.objects.filter(pk=1).delete()
    with pytest.raises(OnveranderlijkRecord):
        model().delete()


@pytest.mark.django_db
def test_saved_records_and_their_trail_survive_delete_attempts(world):
    s = signaal(world)
    before = LedgerEvent.objects.count()
    with pytest.raises(OnveranderlijkRecord):
        world.uitvoerder.delete()
    with pytest.raises(OnveranderlijkRecord):
        Organisatie.objects.filter(code="uo").delete()
    with pytest.raises(OnveranderlijkRecord):
        s.delete()
    with pytest.raises(OnveranderlijkRecord):
        Signaal.objects.all().delete()
    with pytest.raises(OnveranderlijkRecord):
        Notificatie.objects.all().delete()
    with pytest.raises(OnveranderlijkRecord):
        Stilte.objects.all().delete()
    assert Organisatie.objects.filter(code="uo").exists()
    assert Signaal.objects.filter(pk=s.pk).exists()
    assert LedgerEvent.objects.count() == before
    assert ledger.verify().ok


@pytest.mark.django_db
def test_deleting_a_user_cannot_cascade_into_the_records(world):
    lid = world.professional
    with pytest.raises(ProtectedError):
        get_user_model().objects.filter(pk=lid.gebruiker_id).delete()
    assert Lid.objects.filter(pk=lid.pk).exists()


# --- `schakel verify` ------------------------------------------------------------------------------


def run_verify() -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("verify", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_verify_command_prints_ok_with_the_count():
    assert run_verify() == ("OK 0 events\n", "")
    append_events()
    assert run_verify() == (f"OK {N} events\n", "")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("statement", "params", "bad_seq"),
    [
        ("UPDATE core_ledgerevent SET body = %s WHERE seq = %s", (json.dumps({"i": 0}), 3), 3),
        ("DELETE FROM core_ledgerevent WHERE seq = %s", (2,), 2),
        ("DELETE FROM core_ledgerevent WHERE seq = %s", (N,), N),
    ],
)
def test_verify_command_exits_1_naming_the_event_after_tampering(statement, params, bad_seq):
    append_events()
    sql(statement, *params)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as info:
        call_command("verify", stdout=out, stderr=err)
    assert info.value.code == 1
    assert out.getvalue() == ""
    assert err.getvalue().startswith(f"FOUT bij gebeurtenis {bad_seq}: ")
