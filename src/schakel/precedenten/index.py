"""The full-text engine behind one interface: SQLite FTS5 on the embedded default, PostgreSQL
tsvector('dutch') with a GIN index at scale. The engine only proposes candidates (documents containing
the query's rarest terms); ranking happens in `ranking.py`, the same on both engines.

Why not let the engine rank: FTS5's bm25() scores every matching row, and with common words that is a
large share of a million documents (about 2 s per query measured). Rare terms keep the candidate set
small, and relevant precedents share rare terms with the query by construction of what "similar" means."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from django.db import connection

FTS_TABLE = "precedenten_fts"
DOC_TABLE = "precedenten_zoekdocument"


def create_sql(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return [
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
            f"stemmen, content='{DOC_TABLE}', content_rowid='id', tokenize='unicode61', detail='none')"
        ]
    if vendor == "postgresql":
        return [
            f"ALTER TABLE {DOC_TABLE} ADD COLUMN IF NOT EXISTS zoekvector tsvector "
            "GENERATED ALWAYS AS (to_tsvector('dutch', tekst)) STORED",
            f"CREATE INDEX IF NOT EXISTS precedenten_zoekvector_gin ON {DOC_TABLE} USING GIN (zoekvector)",
        ]
    return []


def drop_sql(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return [f"DROP TABLE IF EXISTS {FTS_TABLE}"]
    if vendor == "postgresql":
        return [f"ALTER TABLE {DOC_TABLE} DROP COLUMN IF EXISTS zoekvector"]
    return []


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def add(doc_id: int, stemmen: str) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}(rowid, stemmen) VALUES (%s, %s)", [doc_id, stemmen])


def remove(doc_id: int, stemmen: str) -> None:
    """External-content FTS5 needs the old values to remove a row; PostgreSQL's column follows by itself."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, stemmen) VALUES ('delete', %s, %s)",
                [doc_id, stemmen],
            )


def rebuild() -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


@dataclass(frozen=True)
class Bereik:
    """What a search may return: the organisation's own documents and shared ones, minus filters."""

    organisatie_id: int
    zonder_casus_id: int | None = None
    uitkomst: str | None = None
    van_organisatie_id: int | None = None
    van: dt.datetime | None = None
    tot: dt.datetime | None = None


Rij = tuple[int, str, int, str, str]


def _match(terms: Sequence[tuple[str, str]], pairs: bool) -> tuple[str, str]:
    """The engine's sub-select of matching document ids, and its query parameter."""
    if connection.vendor == "postgresql":
        words = [w for _, w in terms]
        expression = (
            " | ".join(f"({a} & {b})" for a, b in combinations(words, 2)) if pairs else " | ".join(words)
        )
        return f"SELECT id FROM {DOC_TABLE} WHERE zoekvector @@ to_tsquery('dutch', %s) LIMIT %s", expression
    quoted = [_quote(s) for s, _ in terms]
    expression = (
        " OR ".join(f"({a} AND {b})" for a, b in combinations(quoted, 2)) if pairs else " OR ".join(quoted)
    )
    return f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT %s", expression


def candidate_rows(terms: Sequence[tuple[str, str]], *, limit: int, pairs: bool, bereik: Bereik) -> list[Rij]:
    """(id, stemmen, lengte, regels, beginselen) of visible documents containing any of `terms` — or,
    with `pairs`, at least two of them; at most `limit` matches are considered. One round trip.

    Each term is (stem, word): FTS5 holds our stems; PostgreSQL stems the original word with its own
    'dutch' configuration, so query and vector always agree."""
    if not terms or (pairs and len(terms) < 2):
        return []
    match_sql, expression = _match(terms, pairs)
    where = ["(d.organisatie_id = %s OR d.gedeeld)"]
    params: list[Any] = [expression, limit, bereik.organisatie_id]
    for clause, value in [
        ("d.casus_id <> %s", bereik.zonder_casus_id),
        ("d.uitkomst = %s", bereik.uitkomst),
        ("d.organisatie_id = %s", bereik.van_organisatie_id),
        ("d.datum >= %s", connection.ops.adapt_datetimefield_value(bereik.van) if bereik.van else None),
        ("d.datum < %s", connection.ops.adapt_datetimefield_value(bereik.tot) if bereik.tot else None),
    ]:
        if value is not None:
            where.append(clause)
            params.append(value)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT d.id, d.stemmen, d.lengte, d.regels, d.beginselen FROM {DOC_TABLE} d "
            f"WHERE d.id IN ({match_sql}) AND {' AND '.join(where)}",
            params,
        )
        return list(cursor.fetchall())
