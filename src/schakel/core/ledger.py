"""The append-only, hash-chained ledger: every change writes one event in the same transaction.

Each event's hash covers the previous event's hash and the event's own column values, so editing or
removing any row breaks the chain from that point on. A single head row, locked while appending,
serialises writers on every database and lets `verify` notice a removed tail.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from schakel.core.models import LedgerEvent, LedgerHead

GENESIS = "0" * 64


def canonical(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


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
    head, _ = LedgerHead.objects.select_for_update().get_or_create(pk=1, defaults={"seq": 0, "hash": GENESIS})
    subject_type, subject_id = subject_ref(subject)
    seq = head.seq + 1
    at = timezone.now().isoformat()
    body = canonical(data or {})
    digest = event_digest(head.hash, seq, at, kind, subject_type, subject_id, actor, body)
    event = LedgerEvent.objects.create(
        seq=seq,
        at=at,
        kind=kind,
        subject_type=subject_type,
        subject_id=subject_id,
        actor=actor,
        body=body,
        prev_hash=head.hash,
        hash=digest,
    )
    LedgerHead.objects.filter(pk=1).update(seq=seq, hash=digest)
    return event


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    count: int
    first_bad_seq: int | None = None
    reason: str = ""


def _message_sql() -> str:
    """The hashed message, assembled by the database: verification reads every event, and building it
    in C instead of Python is most of the difference from a bare hashing loop."""
    if connection.vendor == "postgresql":
        parts = ", ".join(f"{f}::text" if f == "seq" else f for f in _FIELDS)
        return f"convert_to(concat_ws(chr(31), {parts}), 'UTF8')"
    return "CAST(" + " || char(31) || ".join(_FIELDS) + " AS BLOB)"


def _rows(batch: int) -> Iterator[tuple[int, str, str, bytes]]:
    table = LedgerEvent._meta.db_table
    sql = f"SELECT seq, prev_hash, hash, {_message_sql()} FROM {table} WHERE seq > %s ORDER BY seq LIMIT %s"
    last = 0
    with connection.cursor() as cursor:
        while True:
            cursor.execute(sql, [last, batch])
            chunk = cursor.fetchall()
            if not chunk:
                return
            yield from chunk
            last = chunk[-1][0]


def verify(batch: int = 5000) -> VerifyResult:
    """Recompute the whole chain. Detects edited, inserted, reordered and removed events."""
    prev = GENESIS
    expected_seq = 1
    count = 0
    sha256 = hashlib.sha256
    for seq, prev_hash, digest, message in _rows(batch):
        if seq != expected_seq:
            return VerifyResult(False, count, expected_seq, f"gebeurtenis {expected_seq} ontbreekt")
        if prev_hash != prev:
            return VerifyResult(False, count, seq, "verwijzing naar vorige gebeurtenis klopt niet")
        # The message holds the stored prev_hash, which was just checked to equal the chain's `prev`.
        if sha256(message).hexdigest() != digest:
            return VerifyResult(False, count, seq, "inhoud komt niet overeen met de hash")
        prev = digest
        expected_seq += 1
        count += 1
    head = LedgerHead.objects.filter(pk=1).values_list("seq", "hash").first()
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


def events_for(subject: models.Model) -> models.QuerySet[LedgerEvent]:
    subject_type, subject_id = subject_ref(subject)
    return LedgerEvent.objects.filter(subject_type=subject_type, subject_id=subject_id).order_by("seq")
