"""Property: verify by whole chunks gives, for any batch size and any single tampering, the result of
the plain row-by-row walk it replaced (ADR 0018); on PostgreSQL the check inside the database (ADR 0021)
gives the very same result."""

from __future__ import annotations

import hashlib

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schakel.core import ledger
from schakel.core.models import LedgerEvent, LedgerHead


def reference(events: list[LedgerEvent]) -> tuple[bool, int | None]:
    prev, expected = ledger.GENESIS, 1
    for e in events:
        if e.seq != expected or e.prev_hash != prev:
            return False, expected if e.seq != expected else e.seq
        message = "\x1f".join(
            (e.prev_hash, str(e.seq), e.at, e.kind, e.subject_type, e.subject_id, e.actor, e.body)
        )
        if hashlib.sha256(message.encode()).hexdigest() != e.hash:
            return False, e.seq
        prev, expected = e.hash, expected + 1
    head = LedgerHead.objects.filter(pk=1).first()
    head_seq, head_hash = (head.seq, head.hash) if head else (0, ledger.GENESIS)
    count = expected - 1
    if count != head_seq:
        return False, min(count, head_seq) + 1
    if head_hash != prev:
        return False, count
    return True, None


@pytest.mark.django_db
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    n=st.integers(1, 12),
    batch=st.integers(1, 6),
    where=st.integers(1, 12),
    how=st.sampled_from(
        ["none", "body", "prev", "hash", "delete", "renumber", "zero", "head-seq", "head-hash", "delete-tail"]
    ),
)
def test_chunked_verify_equals_row_by_row(n, batch, where, how):
    with transaction.atomic():
        with transaction.atomic():
            ledger.append_many([ledger.Entry("test.x", "t", str(i), "test", {"i": i}) for i in range(n)])
        seq = min(where, n)
        statements = {
            "body": "UPDATE core_ledgerevent SET body = '{}' WHERE seq = %s",
            "prev": "UPDATE core_ledgerevent SET prev_hash = 'f' WHERE seq = %s",
            "hash": "UPDATE core_ledgerevent SET hash = 'f' WHERE seq = %s",
            "delete": "DELETE FROM core_ledgerevent WHERE seq = %s",
            "renumber": "UPDATE core_ledgerevent SET seq = seq + 100 WHERE seq = %s",
            "zero": "UPDATE core_ledgerevent SET seq = 0 WHERE seq = %s",
            "head-seq": "UPDATE core_ledgerhead SET seq = %s WHERE id = 1",
            "head-hash": "UPDATE core_ledgerhead SET hash = 'f' WHERE id = 1 AND %s > 0",
            "delete-tail": "DELETE FROM core_ledgerevent WHERE seq >= %s",
        }
        if how != "none":
            with connection.cursor() as cursor:
                cursor.execute(statements[how], [seq])
        result = ledger.verify(batch=batch, in_python=True)
        expected = reference(list(LedgerEvent.objects.order_by("seq")))
        assert (result.ok, result.first_bad_seq) == expected
        assert ledger.verify() == result
        transaction.set_rollback(True)
