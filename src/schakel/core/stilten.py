"""Matching recorded silences to their items inside SQL, the same way on SQLite and PostgreSQL.

`Stilte.onderwerp_id` holds `str(item.uuid)` (lowercase, with dashes). The item's uuid column is a native
uuid on PostgreSQL and 32 hex digits without dashes on SQLite, so the item side is turned into that same
text and the Stilte side is left bare: the lookup then uses Stilte's unique index
(onderwerp_type, onderwerp_id, niveau) instead of scanning every silence for every item."""

from __future__ import annotations

from typing import Any

from django.db.models import (
    BigIntegerField,
    CharField,
    DateTimeField,
    Exists,
    F,
    Func,
    OuterRef,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from schakel.core.obligations import Stilte


class UuidText(Func):
    """A uuid column as the text `str(uuid.UUID)` gives."""

    output_field = CharField()
    template = "CAST(%(expressions)s AS text)"

    def as_sqlite(
        self, compiler: Any, connection: Any, **extra_context: Any
    ) -> tuple[str, tuple[str | int, ...]]:
        sql, params = compiler.compile(self.source_expressions[0])
        parts = [(1, 8), (9, 4), (13, 4), (17, 4), (21, 12)]
        text = " || '-' || ".join(f"substr({sql}, {start}, {length})" for start, length in parts)
        return f"lower({text})", tuple(params) * len(parts)


def stilten_van(label: str, uuid: Any = None) -> QuerySet[Stilte]:
    """Silences of the item whose uuid is `uuid` (by default the outer query's `uuid` column), for use in
    Exists/Subquery. `label` is the item model's `_meta.label_lower`."""
    ref = uuid if uuid is not None else OuterRef("uuid")
    return Stilte.objects.filter(onderwerp_type=label, onderwerp_id=UuidText(ref))


def afleidingen_uit_stilten(label: str) -> dict[str, Any]:
    """Annotations derived from an item's silences: the first recipient and its deadline (before any
    escalation), and whether the silence at the top of the ladder was recorded."""
    eerste = stilten_van(label).filter(niveau=0)
    return {
        "eerste_org_id": Coalesce(
            Subquery(eerste.values("organisatie_id")[:1]),
            F("ontvanger_organisatie_id"),
            output_field=BigIntegerField(),
        ),
        "eerste_uiterlijk": Coalesce(
            Subquery(eerste.values("uiterlijk")[:1]), F("uiterlijk"), output_field=DateTimeField()
        ),
        "top_bereikt": Exists(stilten_van(label).filter(niveau=OuterRef("escalatieniveau"))),
    }
