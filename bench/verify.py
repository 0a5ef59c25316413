"""Benchmark: `schakel verify` throughput beside a raw hashlib loop over the same bytes, in one run.

Usage: python bench/verify.py [--events N] [--quick]
Builds a fresh SQLite database in a temporary directory, loads the demo, appends N synthetic events
with a valid chain, then times ledger.verify() and a bare loop that hashes the same messages in memory.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--quick", action="store_true", help="20,000 events")
    args = parser.parse_args()
    n = 20_000 if args.quick else args.events

    tmp = tempfile.mkdtemp(prefix="schakel-bench-")
    os.environ["SCHAKEL_DATA_DIR"] = tmp
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "schakel.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from schakel.beheer.demo import load_demo
    from schakel.core import ledger
    from schakel.core.models import LedgerEvent, LedgerHead

    call_command("migrate", verbosity=0)
    os.environ["SCHAKEL_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    load_demo()

    t0 = time.perf_counter()
    demo = ledger.verify()
    demo_s = time.perf_counter() - t0

    # Append n synthetic events with a valid chain, in bulk (the append path is not what is measured here).
    head = LedgerHead.objects.get(pk=1)
    prev, seq = head.hash, head.seq
    body = ledger.canonical(
        {"niveau": "professional", "motivering": "x" * 300, "beginselen": ["AWB-EVENREDIGHEID"]}
    )
    rows = []
    for _ in range(n):
        seq += 1
        at = "2026-11-23T10:00:00.000000+00:00"
        digest = ledger.event_digest(
            prev, seq, at, "noodrem.getrokken", "noodremmen.noodrem", "0" * 36, "anoniem", body
        )
        rows.append(
            LedgerEvent(
                seq=seq,
                at=at,
                kind="noodrem.getrokken",
                subject_type="noodremmen.noodrem",
                subject_id="0" * 36,
                actor="anoniem",
                body=body,
                prev_hash=prev,
                hash=digest,
            )
        )
        prev = digest
    with transaction.atomic():
        LedgerEvent.objects.bulk_create(rows, batch_size=5000)
        LedgerHead.objects.filter(pk=1).update(seq=seq, hash=prev)
    messages = [
        "\x1f".join(
            (r.prev_hash, str(r.seq), r.at, r.kind, r.subject_type, r.subject_id, r.actor, r.body)
        ).encode()
        for r in rows
    ]
    del rows

    t0 = time.perf_counter()
    result = ledger.verify()
    verify_s = time.perf_counter() - t0
    assert result.ok, result

    t0 = time.perf_counter()
    for message in messages:
        hashlib.sha256(message).hexdigest()
    raw_s = time.perf_counter() - t0

    total = result.count
    print(f"{'measure':<44}{'events':>10}{'seconds':>10}{'events/s':>12}")
    print(f"{'schakel verify, demo database':<44}{demo.count:>10}{demo_s:>10.3f}{demo.count / demo_s:>12.0f}")
    print(f"{'schakel verify, demo + synthetic':<44}{total:>10}{verify_s:>10.3f}{total / verify_s:>12.0f}")
    print(f"{'raw hashlib.sha256 loop, same bytes':<44}{n:>10}{raw_s:>10.3f}{n / raw_s:>12.0f}")
    print(f"ratio verify / raw hashlib throughput: {(total / verify_s) / (n / raw_s):.2f}x")


if __name__ == "__main__":
    main()
