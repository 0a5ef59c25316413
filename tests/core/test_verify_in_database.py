"""Verify inside PostgreSQL (ADR 0021): the default there, it never fetches the events into Python,
`--in-python` still re-hashes them here, and columns made nullable behind Django's back cannot pass.
The tampering cases themselves run through both paths in test_ledger.py and test_verify_chunks.py."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from schakel.core import ledger

N = 5

postgres_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="SQLite always verifies in Python"
)


def append_events(n: int = N) -> None:
    with transaction.atomic():
        ledger.append_many([ledger.Entry("test.x", "t", str(i), "test", {"i": i}) for i in range(n)])


def sql(statement: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement)


def fetching_forbidden(batch: int) -> None:
    raise AssertionError("verify fetched the events into Python")


@postgres_only
@pytest.mark.django_db
def test_postgres_verifies_without_fetching_the_events(monkeypatch):
    append_events()
    monkeypatch.setattr(ledger, "_chunks", fetching_forbidden)
    assert ledger.verify() == ledger.VerifyResult(True, N)
    sql("UPDATE core_ledgerevent SET body = '{}' WHERE seq = 2")
    assert ledger.verify() == ledger.VerifyResult(False, 1, 2, "inhoud komt niet overeen met de hash")


@pytest.mark.django_db
def test_in_python_reads_the_events(monkeypatch):
    append_events()
    monkeypatch.setattr(ledger, "_chunks", fetching_forbidden)
    with pytest.raises(AssertionError, match="fetched"):
        ledger.verify(in_python=True)


@pytest.mark.django_db
@pytest.mark.parametrize("in_python", [False, True])
def test_verify_command_in_either_path(in_python):
    append_events()
    sql("UPDATE core_ledgerevent SET actor = 'iemand' WHERE seq = 3")
    args = ["--in-python"] if in_python else []
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as info:
        call_command("verify", *args, stdout=out, stderr=err)
    assert info.value.code == 1
    assert err.getvalue() == "FOUT bij gebeurtenis 3: inhoud komt niet overeen met de hash\n"


@postgres_only
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("column", "seq", "reason"),
    [
        ("hash", 2, "inhoud komt niet overeen met de hash"),
        ("hash", N, "inhoud komt niet overeen met de hash"),
        ("prev_hash", 3, "verwijzing naar vorige gebeurtenis klopt niet"),
        ("body", 4, "inhoud komt niet overeen met de hash"),
    ],
)
def test_a_null_behind_djangos_back_fails_in_both_paths(column, seq, reason):
    append_events()
    sql(f"ALTER TABLE core_ledgerevent ALTER COLUMN {column} DROP NOT NULL")
    sql(f"UPDATE core_ledgerevent SET {column} = NULL WHERE seq = {seq}")
    expected = ledger.VerifyResult(False, seq - 1, seq, reason)
    assert ledger.verify() == expected
    assert ledger.verify(in_python=True) == expected
