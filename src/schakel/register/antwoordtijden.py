"""Median and 90th percentile of answer times per group, ranked inside the database.

One window query per grouping on SQLite and PostgreSQL alike: the answered items are numbered per group
in order of answer time, and only the two middle rows and the nearest-rank 90% row of each group are
fetched (at most three rows per group). The days themselves are computed in Python from those rows' exact timestamps, so the figures
equal what `statistics.median` and the nearest-rank method give on the full list."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import connection
from django.db.models import F, FloatField, Func, QuerySet, Value


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
    # The inner query computes each needed column once (the group key may be a correlated subquery);
    # the window runs over its rows. Plain SQL around the ORM's own query, identical on both databases.
    inner = (
        qs.filter(beantwoord_op__isnull=False)
        .order_by()
        .values(_k=F(key) if key else Value(0), _d=Dagen(F("beantwoord_op"), F("ingediend_op")), _pk=F("pk"))
    )
    sql, params = inner.query.sql_with_params()
    ranked = (
        "SELECT w._k, w._rn, w._n, w._pk FROM (SELECT t._k, t._pk,"
        " ROW_NUMBER() OVER (PARTITION BY t._k ORDER BY t._d, t._pk) AS _rn,"
        " COUNT(*) OVER (PARTITION BY t._k) AS _n"
        f" FROM ({sql}) t) w"
        # The SQL twins of mediaan_rangen and nearest_rank(n, 90).
        " WHERE w._rn IN ((w._n + 1) / 2, w._n / 2 + 1, (w._n * 90 + 99) / 100)"
    )
    with connection.cursor() as cursor:
        cursor.execute(ranked, params)
        rows = cursor.fetchall()
    tijden = {
        pk: (beantwoord - ingediend).total_seconds() / 86400
        for pk, ingediend, beantwoord in qs.model._default_manager.filter(
            pk__in=[r[3] for r in rows]
        ).values_list("pk", "ingediend_op", "beantwoord_op")
    }
    per_groep: dict[Any, dict[int, float]] = defaultdict(dict)
    aantallen: dict[Any, int] = {}
    for k, rang, aantal, pk in rows:
        groep = k if key else None
        per_groep[groep][rang] = tijden[pk]
        aantallen[groep] = aantal
    result: dict[Any, tuple[float, float]] = {}
    for groep, rangen in per_groep.items():
        aantal = aantallen[groep]
        laag, hoog = mediaan_rangen(aantal)
        result[groep] = ((rangen[laag] + rangen[hoog]) / 2, rangen[nearest_rank(aantal, 90)])
    return result
