"""The term watch: every overdue item goes one step up its ladder. Idempotent and safe concurrently.

Items are handled in batches (ADR 0013): each batch takes the row locks of the next overdue items that
no other worker holds (PostgreSQL `FOR UPDATE SKIP LOCKED`; SQLite's write lock serialises whole
batches), then escalates them together with `escalate_many`, which re-reads their silences under those
locks. Two ticks at once therefore never escalate an item twice, and neither waits for the other."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q

from schakel.core.obligations import ESCALATIE_VELDEN, Verplichting, escalate_many
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
    termijn: Callable[[Any], Termijn]
    via_ombudsman: Callable[[Any], bool]
    extra_fields: tuple[str, ...] = ()


SOORTEN = (
    _Soort("signalen", Signaal, SignaalStatus.OPEN, lambda _: termijn_voor("signaal"), lambda _: False),
    _Soort(
        "noodremmen",
        Noodrem,
        NoodremStatus.GETROKKEN,
        lambda n: termijn_voor(f"noodrem_{n.niveau}"),
        lambda n: n.niveau == Niveau.BURGER,
        ("niveau",),
    ),
    _Soort(
        "kamervragen",
        Kamervraag,
        KamervraagStatus.GESTELD,
        lambda _: termijn_voor("kamervraag"),
        lambda _: False,
    ),
)


def tick(*, now: dt.datetime, batch: int = BATCH) -> TickResult:
    result = TickResult()
    for soort in SOORTEN:
        after = 0
        while True:
            # One transaction per batch: a crash loses at most the batch in hand, which the next tick redoes.
            with transaction.atomic():
                items = list(
                    soort.model._default_manager.select_for_update(skip_locked=True)
                    .filter(
                        Q(status=soort.open_status),
                        uiterlijk__lt=now,
                        beantwoord_op__isnull=True,
                        pk__gt=after,
                    )
                    .order_by("pk")
                    .values_list(*ESCALATIE_VELDEN, *soort.extra_fields, named=True)[:batch]
                )
                if not items:
                    break
                # Keyset on pk: each item is looked at once per tick, so it climbs at most one step.
                after = items[-1].pk
                done = escalate_many(
                    soort.model,
                    items,
                    now=now,
                    termijn_for=soort.termijn,
                    via_ombudsman_for=soort.via_ombudsman,
                )
            setattr(result, soort.result_field, getattr(result, soort.result_field) + done)
    return result
