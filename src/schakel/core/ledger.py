"""The append-only, hash-chained ledger: every change writes one event in the same transaction.

Each event's hash covers the previous event's hash and the event's own column values, so editing or
removing any row breaks the chain from that point on. A single head row, locked while appending,
serialises writers on every database and lets `verify` notice a removed tail.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from schakel.core.bulk import insert_rows
from schakel.core.models import LedgerEvent, LedgerHead

GENESIS = "0" * 64


# One encoder for every event: json.dumps with options builds a new one per call, which was a third of
# the cost of serialising a small body (millions of them when the benchmark dataset is generated).
_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def canonical(data: dict[str, Any]) -> str:
    return _CANONICAL.encode(data)


# The hashed fields, in order: event_digest and the message the database assembles in verify() agree.
_FIELDS = ("prev_hash", "seq", "at", "kind", "subject_type", "subject_id", "actor", "body")


def event_digest(
    prev_hash: str, seq: int, at: str, kind: str, subject_type: str, subject_id: str, actor: str, body: str
) -> str:
    message = "\x1f".join((prev_hash, str(seq), at, kind, subject_type, subject_id, actor, body))
    return hashlib.sha256(message.encode("utf-8")).hexdigest()


def subject_ref(subject: models.Model | None) -> tuple[str, str]:
    if subject is None:
        return "", ""
    uuid = getattr(subject, "uuid", None)
    return subject._meta.label_lower, str(uuid if uuid is not None else subject.pk)


def append(
    kind: str,
    *,
    subject: models.Model | None = None,
    actor: str = "systeem",
    data: dict[str, Any] | None = None,
) -> LedgerEvent:
    """Append one event. Must run inside the caller's transaction, so the change and its event land together."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("ledger.append must be called inside transaction.atomic")
    head_seq, head_hash = _lock_head()
    subject_type, subject_id = subject_ref(subject)
    seq = head_seq + 1
    at = timezone.now().isoformat()
    body = canonical(data or {})
    digest = event_digest(head_hash, seq, at, kind, subject_type, subject_id, actor, body)
    event = LedgerEvent.objects.create(
        seq=seq,
        at=at,
        kind=kind,
        subject_type=subject_type,
        subject_id=subject_id,
        actor=actor,
        body=body,
        prev_hash=head_hash,
        hash=digest,
    )
    _move_head(seq, digest)
    return event


# The head is read and moved by every write in the system, while it is locked: plain statements, not the
# ORM's get_or_create and update, which cost about a millisecond of Python each per write.


def _lock_head() -> tuple[int, str]:
    """The head's (seq, hash), locked until the transaction ends (on SQLite the IMMEDIATE transaction
    already holds the write lock). The very first append creates the row, race-safe through the ORM."""
    table = LedgerHead._meta.db_table
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT seq, hash FROM {table} WHERE id = 1{lock}")
        row = cursor.fetchone()
    if row is not None:
        return int(row[0]), str(row[1])
    head, _ = LedgerHead.objects.select_for_update().get_or_create(pk=1, defaults={"seq": 0, "hash": GENESIS})
    return head.seq, head.hash


def _move_head(seq: int, digest: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {LedgerHead._meta.db_table} SET seq = %s, hash = %s WHERE id = 1", [seq, digest]
        )


class Entry(NamedTuple):
    """One event to append with `append_many`: what `append` takes, with the subject as `subject_ref`
    gives it (callers writing thousands of events do not load every subject as a model). `body` is
    `data` already serialised with `canonical`, for callers that write the same data for many events
    (a tuple: built 50,000 times in a large tick)."""

    kind: str
    subject_type: str = ""
    subject_id: str = ""
    actor: str = "systeem"
    data: dict[str, Any] | None = None
    body: str | None = None


_EVENT_FIELDS = ("seq", "at", "kind", "subject_type", "subject_id", "actor", "body", "prev_hash", "hash")


def append_many(entries: Sequence[Entry]) -> int:
    """Append several events in order, locking the head once: the chain is the one that calling `append`
    for each entry would write, in a fraction of the statements (tick escalates thousands at once).
    Returns the sequence number of the last event.

    The head lock serialises every writer until its commit, so as little as possible happens under it:
    the bodies are serialised before it is taken, and on PostgreSQL the foreign-key checks the
    transaction has queued so far (deferred to commit by Django) run before it too. A tick worker's
    batch queues about 100,000 of those; under the lock they kept the other worker waiting."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("ledger.append_many must be called inside transaction.atomic")
    bodies = [canonical(e.data or {}) if e.body is None else e.body for e in entries]
    if entries and connection.vendor == "postgresql":
        _check_deferred_constraints()
    seq, prev = _lock_head()
    if not entries:
        return seq
    # One moment for the whole call: the events land in one transaction, as one change.
    at = timezone.now().isoformat()
    rows = []
    for entry, body in zip(entries, bodies, strict=True):
        seq += 1
        digest = event_digest(
            prev, seq, at, entry.kind, entry.subject_type, entry.subject_id, entry.actor, body
        )
        rows.append(
            (seq, at, entry.kind, entry.subject_type, entry.subject_id, entry.actor, body, prev, digest)
        )
        prev = digest
    insert_rows(LedgerEvent, _EVENT_FIELDS, rows)
    _move_head(seq, prev)
    return seq


def _check_deferred_constraints() -> None:
    """Run the constraint checks queued so far in this transaction now, then defer again. Django creates
    every foreign key DEFERRABLE INITIALLY DEFERRED, so DEFERRED is the state the transaction was in;
    a violation raises IntegrityError here instead of at commit, and rolls back all the same."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    count: int
    first_bad_seq: int | None = None
    reason: str = ""


def _message_sql(alias: str = "") -> str:
    """The hashed message as bytes, assembled by the database (for the Python path, the benchmark and the
    in-database verify alike): building it in C instead of Python is most of the difference from a bare
    hashing loop. `||` yields NULL if any column is NULL (a column made nullable behind Django's back),
    which every path counts as a failure.

    PostgreSQL: `||` and textsend() cost about half of concat_ws() and convert_to(); textsend() gives the
    text in the client encoding, which Django always sets to UTF8 (any other encoding could only make
    hashes differ, never match)."""
    prefix = f"{alias}." if alias else ""
    if connection.vendor == "postgresql":
        return "textsend(" + " || chr(31) || ".join(f"{prefix}{f}::text" for f in _FIELDS) + ")"
    return "CAST(" + " || char(31) || ".join(f"{prefix}{f}" for f in _FIELDS) + " AS BLOB)"


@contextmanager
def _streaming_cursor() -> Iterator[Any]:
    """A cursor that streams one ordered scan with flat memory: a server-side cursor on PostgreSQL (inside
    a transaction, so it reads one snapshot), memory-mapped reads on SQLite (pread per page costs more
    than the hashing)."""
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.chunked_cursor() as cursor:
            yield cursor
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA mmap_size")
        row = cursor.fetchone()
        before = row[0] if row else 0
        cursor.execute(f"PRAGMA mmap_size = {_SQLITE_MMAP}")
        try:
            yield cursor
        finally:
            cursor.execute(f"PRAGMA mmap_size = {int(before)}")


_SQLITE_MMAP = 1 << 30


def _chunks(batch: int) -> Iterator[list[tuple[int, str, str, bytes | None]]]:
    table = LedgerEvent._meta.db_table
    sql = f"SELECT seq, prev_hash, hash, {_message_sql()} FROM {table} ORDER BY seq"
    with _streaming_cursor() as cursor:
        cursor.execute(sql)
        while chunk := cursor.fetchmany(batch):
            yield chunk


@dataclass
class _Chain:
    prev: str = GENESIS
    count: int = 0


def _first_bad(chunk: list[tuple[int, str, str, bytes | None]], chain: _Chain) -> VerifyResult | None:
    """The row-by-row check, naming the first bad event; advances `chain` over the good ones."""
    for seq, prev_hash, digest, message in chunk:
        expected = chain.count + 1
        if seq != expected:
            return VerifyResult(False, chain.count, expected, f"gebeurtenis {expected} ontbreekt")
        if prev_hash != chain.prev:
            return VerifyResult(False, chain.count, seq, "verwijzing naar vorige gebeurtenis klopt niet")
        # The message holds the stored prev_hash, which was just checked to equal the chain's `prev`;
        # it is NULL when a column is.
        if message is None or hashlib.sha256(message).hexdigest() != digest:
            return VerifyResult(False, chain.count, seq, "inhoud komt niet overeen met de hash")
        chain.prev = digest
        chain.count = seq
    return None


def _chunk_ok(chunk: list[tuple[int, str, str, bytes | None]], chain: _Chain) -> bool:
    """The same three checks as `_first_bad`, a whole chunk at a time: the columns are compared as tuples
    in C, so the only per-event Python work left is the hashing itself."""
    seqs, prevs, digests, messages = zip(*chunk, strict=True)
    start = chain.count + 1
    if seqs != tuple(range(start, start + len(seqs))):
        return False
    if prevs[0] != chain.prev or prevs[1:] != digests[:-1]:
        return False
    if None in messages:
        return False
    sha256 = hashlib.sha256
    if [sha256(m).hexdigest() for m in messages] != list(digests):
        return False
    chain.prev = digests[-1]
    chain.count = seqs[-1]
    return True


def verify(batch: int = 5000, *, in_python: bool = False) -> VerifyResult:
    """Recompute the whole chain. Detects edited, inserted, reordered and removed events.

    On PostgreSQL the database recomputes the hashes (ADR 0021); `in_python` re-hashes every event here
    instead, independently of the database's own sha256. SQLite always takes the Python path, which
    fetches `batch` events at a time."""
    if connection.vendor == "postgresql" and not in_python:
        return _verify_in_database()
    chain = _Chain()
    for chunk in _chunks(batch):
        if not _chunk_ok(chunk, chain):
            bad = _first_bad(chunk, chain)
            if bad is not None:
                return bad
    head = LedgerHead.objects.filter(pk=1).values_list("seq", "hash").first()
    return _against_head(chain.count, chain.prev, head)


def _against_head(count: int, prev: str, head: tuple[int, str] | None) -> VerifyResult:
    """The end of a chain that is sound up to `count` (last hash `prev`), compared with the head row."""
    head_seq, head_hash = head if head else (0, GENESIS)
    if count < head_seq:
        return VerifyResult(
            False, count, count + 1, f"gebeurtenissen na {count} ontbreken (kop staat op {head_seq})"
        )
    if count > head_seq:
        return VerifyResult(
            False,
            head_seq,
            head_seq + 1,
            f"gebeurtenis {head_seq + 1} staat na de kop (kop staat op {head_seq})",
        )
    if head_hash != prev:
        return VerifyResult(False, count - 1, count, f"gebeurtenis {count} komt niet overeen met de kop")
    return VerifyResult(True, count)


# --- verify inside PostgreSQL (ADR 0021) -----------------------------------------------------------------
#
# Fetching every event into Python cost six to nine times the hashing itself. PostgreSQL's built-in sha256()
# recomputes the chain where the rows are, and only one row comes back. Two statements, each reading
# one snapshot: a parallel aggregate that can only say "all sound", and, when it does not, an exact
# walk in seq order that names the first bad event exactly as `_first_bad` and `_against_head` would.


def _pg_sound_sql() -> str:
    """The number of events and whether the chain is sound and ends at the head; when false, the walk
    decides. A left join on seq - 1 pairs every event with its predecessor without an ordered scan, so
    PostgreSQL can run it as a parallel hash join, which the window in the walk cannot.

    Why true means the walk would pass: every event but seq 1 has its predecessor and the lowest is 1,
    so the seqs are exactly 1..max; a doubled seq would give more joined rows than max. NULLs (columns
    made nullable behind Django's back) make a comparison NULL, which `IS TRUE` turns into a failure;
    bool_and alone would skip them."""
    events, head = LedgerEvent._meta.db_table, LedgerHead._meta.db_table
    return f"""
        SELECT count(*), count(*) = max(e.seq) AND min(e.seq) = 1
               AND count(*) = (SELECT h.seq FROM {head} h WHERE h.id = 1)
               AND (SELECT h.hash FROM {head} h WHERE h.id = 1)
                   = (SELECT l.hash FROM {events} l ORDER BY l.seq DESC LIMIT 1)
               AND bool_and((
                   e.prev_hash = CASE WHEN e.seq = 1 THEN %s ELSE p.hash END
                   AND encode(sha256({_message_sql("e")}), 'hex') = e.hash
               ) IS TRUE)
        FROM {events} e LEFT JOIN {events} p ON p.seq = e.seq - 1
    """


def _pg_walk_sql() -> str:
    """The first event, in seq order, that `_first_bad` would stop at (its position, seq and whether the
    link holds), with the last event and the head for `_against_head`. NULLs count as failures: a column
    made nullable behind Django's back must not pass."""
    events, head = LedgerEvent._meta.db_table, LedgerHead._meta.db_table
    return f"""
        WITH walk AS (
            SELECT row_number() OVER w AS pos, e.seq,
                   e.prev_hash = coalesce(lag(e.hash) OVER w, %s) AS link_ok,
                   encode(sha256({_message_sql("e")}), 'hex') = e.hash AS hash_ok
            FROM {events} e
            WINDOW w AS (ORDER BY e.seq)
        ),
        bad AS (
            SELECT pos, seq, link_ok IS TRUE AS link_ok FROM walk
            WHERE seq IS DISTINCT FROM pos OR link_ok IS NOT TRUE OR hash_ok IS NOT TRUE
            ORDER BY pos LIMIT 1
        )
        SELECT b.pos, b.seq, b.link_ok,
               l.seq, l.hash,
               (SELECT h.seq FROM {head} h WHERE h.id = 1),
               (SELECT h.hash FROM {head} h WHERE h.id = 1)
        FROM (SELECT 1) AS one
        LEFT JOIN bad b ON true
        LEFT JOIN (SELECT seq, hash FROM {events} ORDER BY seq DESC LIMIT 1) l ON true
    """


def _verify_in_database() -> VerifyResult:
    # The parallel hash join holds (seq, hash) of every event, about 120 bytes each. At PostgreSQL's default
    # work_mem the national ledger (4.9 M events) spilled in 128 batches, writing every full row to disk
    # once more: 21.7 s instead of 13.0 s. SET LOCAL ends with this transaction.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL work_mem = '{int(settings.SCHAKEL_VERIFY_WORK_MEM_MB)}MB'")
        cursor.execute(_pg_sound_sql(), [GENESIS])
        count, sound = cursor.fetchone()
        if sound:
            return VerifyResult(True, count)
        cursor.execute(_pg_walk_sql(), [GENESIS])
        pos, seq, link_ok, last_seq, last_hash, head_seq, head_hash = cursor.fetchone()
    if pos is not None:
        good = pos - 1
        if seq != pos:
            return VerifyResult(False, good, pos, f"gebeurtenis {pos} ontbreekt")
        if not link_ok:
            return VerifyResult(False, good, seq, "verwijzing naar vorige gebeurtenis klopt niet")
        return VerifyResult(False, good, seq, "inhoud komt niet overeen met de hash")
    # No bad event: the seqs are 1..n, so the last one is the count.
    head = None if head_seq is None else (head_seq, head_hash)
    return _against_head(last_seq or 0, last_hash or GENESIS, head)


def events_for(subject: models.Model) -> models.QuerySet[LedgerEvent]:
    subject_type, subject_id = subject_ref(subject)
    return LedgerEvent.objects.filter(subject_type=subject_type, subject_id=subject_id).order_by("seq")
