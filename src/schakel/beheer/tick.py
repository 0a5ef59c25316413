"""The term watch: every overdue item goes one step up its ladder. Idempotent and safe concurrently.

Items are handled in batches (ADR 0013): each batch takes the row locks of the next overdue items that
no other worker holds (PostgreSQL `FOR UPDATE SKIP LOCKED`; SQLite's write lock serialises whole
batches), then escalates them together with `escalate_many`, which re-reads their silences under those
locks. Two ticks at once therefore never escalate an item twice, and neither waits for the other."""

from __future__ import annotations

import datetime as dt
import gc
import threading
from collections import namedtuple
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import CharField, Func, Q
from django.utils.dateparse import parse_datetime

from schakel.core.obligations import ESCALATIE_VELDEN, Verplichting, escalate_many
from schakel.core.stilten import UuidText
from schakel.core.terms import Termijn, termijn_voor
from schakel.kamervragen.models import Kamervraag, KamervraagStatus
from schakel.noodremmen.models import Niveau, Noodrem
from schakel.noodremmen.workflow import NoodremStatus
from schakel.signalen.models import Signaal
from schakel.signalen.workflow import SignaalStatus

BATCH = 2000


@dataclass
class TickResult:
    signalen: int = 0
    noodremmen: int = 0
    kamervragen: int = 0

    @property
    def total(self) -> int:
        return self.signalen + self.noodremmen + self.kamervragen


@dataclass(frozen=True)
class _Soort:
    """What the tick needs to know of one kind of answer-obliged item; the same rules its domain's
    `*_escalate` service applies to one item."""

    result_field: str
    model: type[Verplichting]
    open_status: str
    # The item's key in settings.SCHAKEL_TERMIJNEN (its new term after the step).
    termijn_naam: Callable[[Any], str]
    via_ombudsman: Callable[[Any], bool]
    extra_fields: tuple[str, ...] = ()
    # Builds what escalate_many gets per item from a row of ESCALATIE_VELDEN (uuid as text) and
    # extra_fields: a named tuple, so it reads the same attributes as on a model instance.
    rij: Callable[[Iterable[Any]], Any] = field(init=False)

    def __post_init__(self) -> None:
        # mypy only follows namedtuple() with literal field names; these depend on the kind.
        klasse = namedtuple("Rij", (*ESCALATIE_VELDEN, *self.extra_fields))  # type: ignore[misc]
        object.__setattr__(self, "rij", klasse._make)


SOORTEN = (
    _Soort("signalen", Signaal, SignaalStatus.OPEN, lambda _: "signaal", lambda _: False),
    _Soort(
        "noodremmen",
        Noodrem,
        NoodremStatus.GETROKKEN,
        lambda n: f"noodrem_{n.niveau}",
        lambda n: n.niveau == Niveau.BURGER,
        ("niveau",),
    ),
    _Soort("kamervragen", Kamervraag, KamervraagStatus.GESTELD, lambda _: "kamervraag", lambda _: False),
)

# The columns read per item: ESCALATIE_VELDEN, with the uuid and the deadline as text from the database.
# escalate_many needs `str(uuid)` for every row it writes, and a uuid object made only to be printed again
# cost more than the rest of the read (SQLite stores 32 hex digits; PostgreSQL's loader builds a UUID per
# row). Deadlines are ends of working days, a few distinct ones among thousands of items: each is parsed
# once (`_Momenten`) instead of once per row by the driver.
_TEKST = {"uuid": "uuid_tekst", "uiterlijk": "uiterlijk_tekst"}
_KOLOMMEN = tuple(_TEKST.get(name, name) for name in ESCALATIE_VELDEN)
_UITERLIJK = ESCALATIE_VELDEN.index("uiterlijk")


class _MomentTekst(Func):
    """A timestamp column as naive UTC text in ISO form: what SQLite stores, and on PostgreSQL written
    out with to_char, so the server's DateStyle setting cannot change it."""

    output_field = CharField()
    template = "CAST(%(expressions)s AS text)"

    def as_postgresql(
        self, compiler: Any, connection: Any, **extra_context: Any
    ) -> tuple[str, tuple[Any, ...]]:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"to_char({sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US')", tuple(params)


class _Momenten(dict[str, dt.datetime]):
    """`_MomentTekst` text to an aware datetime in UTC, parsed once per distinct value."""

    def __missing__(self, text: str) -> dt.datetime:
        moment = parse_datetime(text)
        if moment is None:
            raise ValueError(f"geen tijdstip: {text!r}")
        moment = moment.replace(tzinfo=dt.UTC)
        self[text] = moment
        return moment


def _due(soort: _Soort, *, now: dt.datetime, after: int, batch: int, momenten: _Momenten) -> list[Any]:
    """The next `batch` overdue items after pk `after` whose rows no other transaction holds, locked."""
    rows = (
        soort.model._default_manager.select_for_update(skip_locked=True)
        .filter(Q(status=soort.open_status), uiterlijk__lt=now, beantwoord_op__isnull=True, pk__gt=after)
        .annotate(uuid_tekst=UuidText("uuid"), uiterlijk_tekst=_MomentTekst("uiterlijk"))
        .order_by("pk")
        .values_list(*_KOLOMMEN, *soort.extra_fields)[:batch]
    )
    rij, i = soort.rij, _UITERLIJK
    return [rij((*row[:i], momenten[row[i]], *row[i + 1 :])) for row in rows]


@contextmanager
def _bulk_work() -> Iterator[None]:
    """Settings for the few seconds a large tick takes, restored afterwards.

    - Python's cyclic garbage collector is paused: the batches create hundreds of thousands of
      short-lived tuples and dicts (rows, silences, ledger entries), and the collections their
      allocation triggers made the escalation loop about 1.6x slower. Reference counting frees them;
      anything cyclic waits for the collector's next run after the tick.
    - SQLite: no automatic WAL checkpoint after each batch's commit, one at the end. Every batch writes
      more than the 1,000 pages that trigger one, so each commit copied and fsynced its pages into the
      database file (1.5-2.5 s of a 50,000-item tick on the shared machine); one checkpoint writes each
      page once (under 1 s). Durability is unchanged: with synchronous=NORMAL a commit is in the WAL
      either way. Not inside an outer transaction (tests), where batches are not committed one by one.
    """
    collecting = gc.isenabled()
    gc.disable()
    sqlite = connection.vendor == "sqlite" and not connection.in_atomic_block
    before = None
    try:
        if sqlite:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA wal_autocheckpoint")
                row = cursor.fetchone()
                before = int(row[0]) if row else None
                cursor.execute("PRAGMA wal_autocheckpoint = 0")
        yield
    finally:
        if collecting:
            gc.enable()
        if sqlite and before is not None:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA wal_autocheckpoint = {before}")
                cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")


def tick(*, now: dt.datetime, batch: int = BATCH, workers: int | None = None) -> TickResult:
    """Escalate everything overdue at `now`. `workers` (default `SCHAKEL_TICK_WORKERS`) threads work
    through the batches side by side on PostgreSQL, each on its own connection; see `_side_by_side`."""
    workers = settings.SCHAKEL_TICK_WORKERS if workers is None else workers
    with _bulk_work():
        if workers > 1 and connection.vendor == "postgresql" and not connection.in_atomic_block:
            return _side_by_side(now=now, batch=batch, workers=workers)
        return _tick(now=now, batch=batch)


def _side_by_side(*, now: dt.datetime, batch: int, workers: int) -> TickResult:
    """Run `_tick` in `workers` threads at once. A batch alternates between Python (building rows, hashing)
    and waiting for the database, and a thread that waits releases the GIL, so while one worker's batch
    is in the database another's is built: on two cores a large tick takes about half as long. Nothing
    is shared but the database: SKIP LOCKED hands each worker other items, and the ledger head lock
    orders their events. SQLite has one writer at a time, so there it stays one worker."""
    results: list[TickResult] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            results.append(_tick(now=now, batch=batch))
        except BaseException as exc:  # re-raised in the calling thread below
            errors.append(exc)
        finally:
            connection.close()  # this thread's own connection

    others = [threading.Thread(target=work, name=f"tick-{i}") for i in range(1, workers)]
    for thread in others:
        thread.start()
    try:
        results.append(_tick(now=now, batch=batch))
    finally:
        for thread in others:
            thread.join()
    if errors:
        raise errors[0]
    return TickResult(
        signalen=sum(r.signalen for r in results),
        noodremmen=sum(r.noodremmen for r in results),
        kamervragen=sum(r.kamervragen for r in results),
    )


def _tick(*, now: dt.datetime, batch: int) -> TickResult:
    result = TickResult()
    momenten = _Momenten()
    # Read once per tick, not per item: settings are read through a lazy object and parsed every time.
    termijnen: dict[str, Termijn] = {}

    def termijn_voor_soort(soort: _Soort) -> Callable[[Any], Termijn]:
        def termijn(item: Any) -> Termijn:
            naam = soort.termijn_naam(item)
            if naam not in termijnen:
                termijnen[naam] = termijn_voor(naam)
            return termijnen[naam]

        return termijn

    for soort in SOORTEN:
        after = 0
        while True:
            # One transaction per batch: a crash loses at most the batch in hand, which the next tick redoes.
            with transaction.atomic():
                items = _due(soort, now=now, after=after, batch=batch, momenten=momenten)
                if not items:
                    break
                # Keyset on pk: each item is looked at once per tick, so it climbs at most one step.
                after = items[-1].pk
                done = escalate_many(
                    soort.model,
                    items,
                    now=now,
                    termijn_for=termijn_voor_soort(soort),
                    via_ombudsman_for=soort.via_ombudsman,
                )
            setattr(result, soort.result_field, getattr(result, soort.result_field) + done)
    return result
