"""Bulk writes for the append-only tables that tick writes by the ten thousand (silences, inbox rows,
ledger events), and a one-parameter "column is one of these values" for the statements around them.

`bulk_create` prepares every value of every object through its field, which costs more than the database
does; these rows are built by our own code from known types, so only datetimes need the backend's
adaptation (SQLite) or none at all (PostgreSQL's COPY)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from django.db import connection, models


def insert_rows(model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """INSERT `rows` (values in the order of `fields`, by attname) into `model`'s table. Must run inside
    the caller's transaction.

    PostgreSQL: one COPY. psycopg 3's executemany through Django's client-side-binding cursor sends one
    statement per row, each interpolated in Python: for 2,000 rows that was ~0.35 s where COPY takes a
    few hundredths. SQLite: one executemany, which the sqlite3 module runs in C over one prepared
    statement (a multi-row VALUES measured no faster)."""
    if not rows:
        return
    by_attname = {field.attname: field for field in model._meta.concrete_fields}
    columns = [str(by_attname[name].column) for name in fields]
    quote = connection.ops.quote_name
    table = f"{quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)})"
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    adapt = connection.ops.adapt_datetimefield_value
    dated = [i for i, name in enumerate(fields) if isinstance(by_attname[name], models.DateTimeField)]
    if dated:
        # Few distinct datetimes (a tick's `now`, ends of days): adapt each once.
        cache: dict[dt.datetime | None, Any] = {None: None}
        prepared = []
        for row in rows:
            values = list(row)
            for i in dated:
                value = values[i]
                if value not in cache:
                    cache[value] = adapt(value)
                values[i] = cache[value]
            prepared.append(values)
        rows = prepared
    sql = f"INSERT INTO {table} VALUES ({', '.join(['%s'] * len(columns))})"
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def one_of(column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
    """SQL `column` equal to one of `values`, with a single parameter however many values there are: an
    IN list of thousands of placeholders is bound one by one in Python (Django's client-side binding on
    PostgreSQL) and parsed one by one by the database. `column` is trusted SQL; `values` are ints or
    strings."""
    if connection.vendor == "postgresql":
        if values and isinstance(values[0], str):
            # psycopg quotes a list of strings element by element in Python (a regex search each). Joined
            # into one array literal the quoting is a few C calls; only `"` and `\` would need escaping
            # inside it. The array stays a constant the planner can hash, unlike one built by a subquery.
            joined = '","'.join(values)
            if '"' not in joined and "\\" not in joined:
                return f"{column} = ANY(%s::text[])", ['{"' + joined + '"}']
        return f"{column} = ANY(%s)", [list(values)]
    return f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(list(values))]
