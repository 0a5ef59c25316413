"""Benchmark: `schakel tick` over N due items beside a raw SQL UPDATE of the same rows, in one run.

Usage: python bench/tick.py [--items N] [--quick] [--database-url URL]

A fresh database is made beside the one given (PostgreSQL: `schakel_bench_tick` on the same server;
otherwise a new SQLite file), migrated, with the demo loaded. N overdue items (three in five
noodremmen, the rest signalen, spread over the demo's organisations) are bulk-inserted. The reference is
one UPDATE per table moving the same rows one level up, rolled back; then one round of `schakel tick`
runs for real, as the command does it: silence, escalation, ledger event, inbox row and outbox mail with
the default SCHAKEL_TICK_WORKERS (2 threads on PostgreSQL), then the outbox sent (Django's locmem
backend, ADR 0025). Afterwards every item must have climbed exactly once, no mail may wait and the
ledger must verify.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import harness  # noqa: E402
from table import Context, Figure, render  # noqa: E402

DATABASE = "schakel_bench_tick"
TARGET_S = 5.0


def _django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "schakel.settings"
    os.environ["SCHAKEL_DATA_DIR"] = tempfile.mkdtemp(prefix="schakel-bench-tick-")
    os.environ["SCHAKEL_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ.setdefault("SCHAKEL_DEDUCE", "false")
    sys.path.insert(0, str(HERE.parent / "src"))
    import django

    django.setup()


def _due_items(n: int, *, raised: dt.datetime) -> None:
    """n overdue items at the first step of the demo organisations' ladders (setup, not measured)."""
    from schakel.core.terms import Termijn, deadline
    from schakel.noodremmen.models import Anonimiteit, Niveau, Noodrem
    from schakel.organisaties.ladder import first_step
    from schakel.organisaties.models import Lid, Organisatie, Soort
    from schakel.regels.models import Regel
    from schakel.signalen.models import Signaal

    orgs = list(Organisatie.objects.filter(soort__in=[Soort.UITVOERINGSORGANISATIE, Soort.GEMEENTE]))
    steps = [first_step(org) for org in orgs]
    regel = Regel.objects.order_by("pk").first()
    indiener = Lid.objects.order_by("pk").first()
    termijn = Termijn(5, "werkdagen")
    uiterlijk = deadline(raised, termijn)
    common = {"ingediend_op": raised, "termijn": str(termijn), "uiterlijk": uiterlijk}
    brakes, signals = [], []
    for i in range(n):
        step = steps[i % len(steps)]
        where = {"ontvanger_organisatie": step.organisatie, "ontvanger_rol": step.rol, **common}
        if i % 5 < 3:
            brakes.append(
                Noodrem(
                    niveau=Niveau.PROFESSIONAL,
                    motivering="Terugvorderen in één keer duwt deze mensen in de schulden.",
                    anonimiteit=Anonimiteit.VERTROUWELIJK,
                    van_organisatie=step.organisatie,
                    **where,
                )
            )
        else:
            signals.append(
                Signaal(
                    regel=regel, titel=f"Knelpunt {i}", knelpunt="De regel knelt.", indiener=indiener, **where
                )
            )
    Noodrem.objects.bulk_create(brakes, batch_size=2000)
    Signaal.objects.bulk_create(signals, batch_size=2000)


def _raw_update(now: dt.datetime) -> float:
    """The same rows moved one level up by one UPDATE per table, timed and rolled back."""
    from django.db import connection, transaction

    from schakel.noodremmen.models import Noodrem
    from schakel.signalen.models import Signaal

    t0 = time.perf_counter()
    with transaction.atomic():
        with connection.cursor() as cursor:
            for model, status in ((Noodrem, "getrokken"), (Signaal, "open")):
                cursor.execute(
                    f"UPDATE {model._meta.db_table} SET escalatieniveau = escalatieniveau + 1, uiterlijk = %s "
                    "WHERE status = %s AND uiterlijk < %s AND beantwoord_op IS NULL",
                    [now + dt.timedelta(days=7), status, now],
                )
        seconds = time.perf_counter() - t0
        transaction.set_rollback(True)
    return seconds


def _vacuum() -> None:
    """PostgreSQL: both measurements start from the same clean, analysed tables, as autovacuum leaves
    them in production (setup, not measured)."""
    from django.db import connection

    from schakel.noodremmen.models import Noodrem
    from schakel.signalen.models import Signaal

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in (Noodrem, Signaal):
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")


def measure(ctx: Context, *, items: int | None = None) -> list[Figure]:
    n = items or (5_000 if ctx.quick else 50_000)
    url = harness.fresh_database(ctx.database_url, DATABASE)
    _django(url)
    from django.core import mail
    from django.core.management import call_command

    from schakel.beheer.demo import load_demo
    from schakel.beheer.tick import tick
    from schakel.core import ledger
    from schakel.core.mailuitgang import mail_verzenden
    from schakel.core.models import Mailbericht
    from schakel.core.terms import AMSTERDAM

    call_command("migrate", verbosity=0)
    start = dt.datetime(2026, 11, 2, 10, 0, tzinfo=AMSTERDAM)
    load_demo(now=start)
    now = dt.datetime(2026, 12, 1, 9, 0, tzinfo=AMSTERDAM)
    tick(now=now)  # the demo's own overdue items, so that what follows is exactly the n bulk items
    mail_verzenden(now=now)
    _due_items(n, raised=start)
    _vacuum()
    reference = _raw_update(now)
    _vacuum()  # the rolled-back reference leaves a dead version of every row for tick to step over
    mail.outbox = []
    t0 = time.perf_counter()
    result = tick(now=now)  # the round of `schakel tick` (management command `_once`): escalate, then mail
    verzonden = mail_verzenden(now=now)
    seconds = time.perf_counter() - t0
    if Mailbericht.objects.filter(verwerkt_op__isnull=True).exists() or verzonden.mislukt:
        raise RuntimeError(f"e-mails blijven wachten na de ronde: {verzonden}")
    if result.total != n:
        raise RuntimeError(f"tick escaleerde {result.total} van {n} items")
    if tick(now=now).total != 0:
        raise RuntimeError("een tweede tick op hetzelfde moment escaleerde opnieuw")
    check = ledger.verify()
    if not check.ok:
        raise RuntimeError(f"logboek klopt niet na tick: {check}")
    engine = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    return [
        Figure(
            f"schakel tick, {n:,} due items ({engine})",
            seconds,
            "s",
            reference,
            f"raw SQL UPDATE of the same rows; {verzonden.verzonden} mails sent in the round",
            f"≤ {TARGET_S:g} s",
            seconds <= TARGET_S,
        )
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=None, help="due items (default 50,000; --quick 5,000)")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", "sqlite://"))
    args = parser.parse_args()
    print(render(measure(Context(args.database_url, args.quick), items=args.items)))


if __name__ == "__main__":
    main()
