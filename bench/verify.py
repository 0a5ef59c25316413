"""Benchmark: `schakel verify` throughput beside a raw hashlib loop over the same bytes, in one run.

Usage: python bench/verify.py [--events N] [--quick] [--database-url URL]

A fresh database is made beside the one given (PostgreSQL: `schakel_bench_verify` on the same server;
otherwise a new SQLite file) with N events in a valid chain. Then ledger.verify() and a bare loop that
hashes the very messages verify hashes (read from the database beforehand, held in memory) are timed
alternately, three times each; the best of each counts. The raw loop does per event what verify needs:
sha256 and hexdigest.

On PostgreSQL verify() recomputes the chain inside the database (ADR 0021); `schakel verify
--in-python`, which fetches every event and hashes it here, is timed beside it as an informative figure.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import harness  # noqa: E402
from table import Context, Figure, render  # noqa: E402

DATABASE = "schakel_bench_verify"


def _django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "schakel.settings"
    os.environ["SCHAKEL_DATA_DIR"] = tempfile.mkdtemp(prefix="schakel-bench-verify-")
    sys.path.insert(0, str(HERE.parent / "src"))
    import django

    django.setup()


def _chain(n: int) -> None:
    """n events with a valid chain, in bulk (the append path is not what is measured here)."""
    from django.db import transaction

    from schakel.core import ledger

    body = {"niveau": "professional", "motivering": "x" * 300, "beginselen": ["AWB-EVENREDIGHEID"]}
    entries = [ledger.Entry("noodrem.getrokken", "noodremmen.noodrem", "0" * 36, "anoniem", body)] * n
    for start in range(0, n, 20_000):
        with transaction.atomic():
            ledger.append_many(entries[start : start + 20_000])


def _messages() -> list[bytes]:
    from django.db import connection

    from schakel.core import ledger

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {ledger._message_sql()} FROM core_ledgerevent ORDER BY seq")
        return [bytes(row[0]) for row in cursor.fetchall()]


def measure(ctx: Context, *, events: int | None = None) -> list[Figure]:
    n = events or (20_000 if ctx.quick else 200_000)
    url = harness.fresh_database(ctx.database_url, DATABASE)
    _django(url)
    from django.core.management import call_command

    from schakel.core import ledger

    call_command("migrate", verbosity=0)
    _chain(n)
    messages = _messages()
    postgres = url.startswith("postgres")
    # On SQLite both are the Python path: timing it twice would only double the run.
    paths = {"database": False, "python": True} if postgres else {"database": False}
    sha256 = hashlib.sha256
    best = dict.fromkeys([*paths, "raw"], float("inf"))
    for _ in range(3):
        for path, in_python in paths.items():
            t0 = time.perf_counter()
            result = ledger.verify(in_python=in_python)
            best[path] = min(best[path], time.perf_counter() - t0)
            if not (result.ok and result.count == n):
                raise RuntimeError(f"verify ({path}): {result}")
        t0 = time.perf_counter()
        for message in messages:
            sha256(message).hexdigest()
        best["raw"] = min(best["raw"], time.perf_counter() - t0)
    ours, raw = n / best["database"], n / best["raw"]
    engine = "PostgreSQL" if postgres else "SQLite"
    figures = [
        Figure(
            f"schakel verify ({n:,} events, {engine})",
            ours,
            "events/s",
            raw,
            "raw hashlib loop, same bytes",
            "≥ 0.5× reference",
            ours / raw >= 0.5,
        )
    ]
    if postgres:
        figures.append(
            Figure(
                f"schakel verify --in-python ({n:,} events)",
                n / best["python"],
                "events/s",
                raw,
                "raw hashlib loop, same bytes",
            )
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=None, help="events (default 200,000; --quick 20,000)")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", "sqlite://"))
    args = parser.parse_args()
    print(render(measure(Context(args.database_url, args.quick), events=args.events)))


if __name__ == "__main__":
    main()
