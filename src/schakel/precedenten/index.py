"""The full-text engine behind one interface: SQLite FTS5 on the embedded default, PostgreSQL
tsvector('dutch') with a GIN index at scale. The engine only proposes candidates (documents containing
the query's rarest terms); ranking happens in `ranking.py`, the same on both engines.

Why not let the engine rank: FTS5's bm25() scores every matching row, and with common words that is a
large share of a million documents (about 2 s per query measured). Rare terms keep the candidate set
small, and relevant precedents share rare terms with the query by construction of what "similar" means."""

from __future__ import annotations

from collections.abc import Sequence

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


def candidates(terms: Sequence[tuple[str, str]], *, limit: int) -> list[int]:
    """Ids of documents containing any of `terms`, at most `limit`. Each term is (stem, word): FTS5
    holds our stems; PostgreSQL stems the original word with its own 'dutch' configuration, so query and
    vector always agree."""
    if not terms:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT id FROM {DOC_TABLE} WHERE zoekvector @@ to_tsquery('dutch', %s) LIMIT %s",
                [" | ".join(word for _, word in terms), limit],
            )
        else:
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT %s",
                [" OR ".join(_quote(stem) for stem, _ in terms), limit],
            )
        return [row[0] for row in cursor.fetchall()]
