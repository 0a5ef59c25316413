"""Median and 90th percentile of answer times per group, ranked inside the database.

One window query per grouping on SQLite and PostgreSQL alike: the answered items are numbered per group
in order of answer time, and only the two middle rows and the nearest-rank 90% row of each group are
fetched. The days themselves are computed in Python from those rows' exact timestamps, so the figures
equal what `statistics.median` and the nearest-rank method give on the full list."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, F, FloatField, Func, Q, QuerySet, Window
from django.db.models.functions import RowNumber


class Dagen(Func):
    """Days from the second datetime to the first, as a float; used to order rows, never reported."""

    arity = 2
    output_field = FloatField()
    template = "(EXTRACT(EPOCH FROM (%(expressions)s)) / 86400.0)"
    arg_joiner = " - "

    def as_sqlite(
        self, compiler: Any, connection: Any, **extra_context: Any
    ) -> tuple[str, tuple[str | int, ...]]:
        return super().as_sql(
            compiler, connection, template="(julianday(%(expressions)s))", arg_joiner=") - julianday("
        )


def mediaan_rangen(n: int) -> tuple[int, int]:
    """1-based ranks of the two middle values (the same rank twice when n is odd)."""
    return (n + 1) // 2, n // 2 + 1


def nearest_rank(n: int, p: int) -> int:
    """1-based nearest rank of the p-th percentile: ceil(p * n / 100), in integers."""
    return max(1, (p * n + 99) // 100)


def antwoordtijden(qs: QuerySet[Any], key: str | None) -> dict[Any, tuple[float, float]]:
    """{group key: (median days, 90th percentile days)} over the answered items of `qs`, grouped by the
    field or annotation `key` (None: one group, key None)."""
    partition = [F(key)] if key else None
    n = F("_n")
    rows = (
        qs.filter(beantwoord_op__isnull=False)
        .order_by()
        .annotate(_d=Dagen(F("beantwoord_op"), F("ingediend_op")))
        .annotate(
            _rn=Window(RowNumber(), partition_by=partition, order_by=[F("_d").asc(), F("pk").asc()]),
            _n=Window(Count("pk"), partition_by=partition),
        )
        # The SQL twins of mediaan_rangen and nearest_rank(n, 90).
        .filter(Q(_rn=(n + 1) / 2) | Q(_rn=n / 2 + 1) | Q(_rn=(n * 90 + 99) / 100))
        .values_list(*([key] if key else []), "_rn", "_n", "ingediend_op", "beantwoord_op")
    )
    per_groep: dict[Any, dict[int, float]] = defaultdict(dict)
    totaal: dict[Any, int] = {}
    for row in rows:
        groep = row[0] if key else None
        rang, aantal, ingediend, beantwoord = row[-4:]
        per_groep[groep][rang] = (beantwoord - ingediend).total_seconds() / 86400
        totaal[groep] = aantal
    result: dict[Any, tuple[float, float]] = {}
    for groep, rangen in per_groep.items():
        aantal = totaal[groep]
        laag, hoog = mediaan_rangen(aantal)
        result[groep] = ((rangen[laag] + rangen[hoog]) / 2, rangen[nearest_rank(aantal, 90)])
    return result
