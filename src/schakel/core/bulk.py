"""Multi-row INSERT for the append-only tables that tick writes by the ten thousand (silences, inbox
rows, ledger events). `bulk_create` prepares every value of every object through its field, which costs
more than the database does; these rows are built by our own code from known types, so only datetimes
need the backend's adaptation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import connection, models


def insert_rows(model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """INSERT `rows` (values in the order of `fields`, by attname) into `model`'s table with one
    executemany. Must run inside the caller's transaction."""
    if not rows:
        return
    by_attname = {field.attname: field for field in model._meta.concrete_fields}
    columns = [str(by_attname[name].column) for name in fields]
    adapt = connection.ops.adapt_datetimefield_value
    dated = [i for i, name in enumerate(fields) if isinstance(by_attname[name], models.DateTimeField)]
    if dated:
        cache: dict[dt.datetime, Any] = {}

        def prepared(row: Sequence[Any]) -> list[Any]:
            values = list(row)
            for i in dated:
                value = values[i]
                if value not in cache:
                    cache[value] = adapt(value)
                values[i] = cache[value]
            return values

        rows = [prepared(row) for row in rows]
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
