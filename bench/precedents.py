"""Benchmark: precedent search quality and speed, beside bm25s and the raw engine query, in one run.

Usage: python bench/precedents.py [--quick] [--docs N] [--pairs P] [--latency Q]
  full:    1,000,000 casussen, 500 labelled pairs, latency over 200 queries (about 15 minutes)
  --quick:   100,000 casussen, 300 labelled pairs, latency over 100 queries (under 5 minutes)

The collection is built by bench/precedent_corpus.py (synthetic Dutch narratives with known similar
pairs; its docstring says how). Every casus goes into a fresh SQLite database in a temporary directory
exactly as the application stores it (search document, FTS5 index, document frequencies), then:

* recall@10 and MRR: for each pair, the first narrative is the query, the second the one relevant
  answer; Schakel's `vergelijkbaar()` (the same code path as the casus page and the API) against bm25s
  over the same Dutch stems;
* latency p50/p95 per query: Schakel, bm25s (one query at a time, in memory), and the raw engine query —
  FTS5 over all the query's terms ordered by bm25() — on a second FTS5 table with full detail.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from precedent_corpus import Corpus  # noqa: E402


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--docs", type=int)
    parser.add_argument("--pairs", type=int)
    parser.add_argument("--latency", type=int)
    parser.add_argument("--raw", type=int, help="queries timed for the raw FTS5 bm25() ordering")
    args = parser.parse_args()
    n_docs = args.docs or (100_000 if args.quick else 1_000_000)
    n_pairs = args.pairs or (300 if args.quick else 500)
    n_latency = args.latency or (100 if args.quick else 200)
    n_raw = args.raw or (30 if args.quick else 20)

    tmp = tempfile.mkdtemp(prefix="schakel-bench-")
    os.environ["SCHAKEL_DATA_DIR"] = tmp
    os.environ.pop("DATABASE_URL", None)
    os.environ["SCHAKEL_DEDUCE"] = "false"  # the narratives are synthetic; intake is not measured here
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "schakel.settings")
    import django

    django.setup()
    import bm25s
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from schakel.casussen.models import Casus
    from schakel.organisaties.services import lid_add, organisatie_create
    from schakel.precedenten import index, ranking

    if os.environ.get("BENCH_WEIGHTS"):  # e.g. "0.2,0.1": tune REGEL_GEWICHT, BEGINSEL_GEWICHT
        ranking.REGEL_GEWICHT, ranking.BEGINSEL_GEWICHT = map(float, os.environ["BENCH_WEIGHTS"].split(","))
    from schakel.precedenten.analyse import stems
    from schakel.precedenten.models import Zoekstatistiek, Zoekterm
    from schakel.precedenten.selectors import vergelijkbaar

    t_start = time.perf_counter()
    call_command("migrate", verbosity=0)
    org = organisatie_create(naam="Bench", code="bench", soort="uitvoeringsorganisatie", actor="bench")
    lid = lid_add(organisatie=org, gebruikersnaam="bench", rol="professional", actor="bench")

    corpus = Corpus()
    pairs = list(corpus.paren(n_pairs))
    docs = [v for pair in pairs for v in pair] + list(corpus.achtergrond(n_docs - 2 * n_pairs))
    t_gen = time.perf_counter()

    tokens: list[list[str]] = []
    df: Counter[str] = Counter()
    now = timezone.now().isoformat()
    total_len = 0
    batch_c, batch_z = [], []
    with transaction.atomic(), connection.cursor() as cursor:
        for i, v in enumerate(docs, start=1):
            s = stems(v.tekst)
            tokens.append(s)
            df.update(set(s))
            total_len += len(s)
            batch_c.append((i, uuid.uuid4().hex, now, "Casus", v.tekst, org.pk, lid.pk, "afgerond", 1, False))
            batch_z.append(
                (
                    i,
                    i,
                    org.pk,
                    False,
                    v.tekst,
                    " ".join(s),
                    len(s),
                    v.regel,
                    " ".join(v.beginselen),
                    "niet_afgeweken",
                    "[]",
                    now,
                )
            )
            if len(batch_c) == 20_000 or i == len(docs):
                cursor.executemany(
                    "INSERT INTO casussen_casus (id, uuid, aangemaakt_op, titel, omschrijving, organisatie_id, "
                    "behandelaar_id, status, versie, gedeeld) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
                    batch_c,
                )
                cursor.executemany(
                    "INSERT INTO precedenten_zoekdocument (id, casus_id, organisatie_id, gedeeld, tekst, stemmen, "
                    "lengte, regels, beginselen, uitkomst, besluiten, datum) "
                    "VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
                    batch_z,
                )
                batch_c, batch_z = [], []
        Zoekterm.objects.bulk_create([Zoekterm(term=t, df=f) for t, f in df.items()], batch_size=5000)
        Zoekstatistiek.objects.update_or_create(
            pk=1, defaults={"documenten": len(docs), "totale_lengte": total_len}
        )
        index.rebuild()
        cursor.execute(
            "CREATE VIRTUAL TABLE raw_fts USING fts5(stemmen, content='precedenten_zoekdocument', content_rowid='id')"
        )
        cursor.execute("INSERT INTO raw_fts(raw_fts) VALUES ('rebuild')")
    connection.cursor().execute("ANALYZE")
    t_index = time.perf_counter()

    retriever = bm25s.BM25()
    retriever.index(tokens, show_progress=False)
    vocab = set(df)
    t_bm25s = time.perf_counter()

    def ours(q: int, limit: int = 10) -> list[int]:
        v = docs[q]
        found = vergelijkbaar(
            organisatie=org,
            tekst=v.tekst,
            regels=[v.regel],
            beginselen=v.beginselen,
            zonder=Casus(pk=q + 1),
            limit=limit,
        )
        return [p.document.pk - 1 for p in found]

    def theirs(q: int, limit: int = 10) -> list[int]:
        query = [t for t in tokens[q] if t in vocab]
        ids, _ = retriever.retrieve([query], k=limit + 1, show_progress=False, n_threads=1)
        return [int(i) for i in ids[0] if int(i) != q][:limit]

    def raw(q: int) -> list[int]:
        terms = " OR ".join('"' + t + '"' for t in dict.fromkeys(tokens[q]))
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM raw_fts WHERE raw_fts MATCH %s ORDER BY bm25(raw_fts) LIMIT 10", [terms]
            )
            return [r[0] - 1 for r in cursor.fetchall()]

    def quality(search) -> tuple[float, float]:  # type: ignore[no-untyped-def]
        hits, rr = 0, 0.0
        for p in range(n_pairs):
            result = search(2 * p)
            if 2 * p + 1 in result:
                hits += 1
                rr += 1 / (result.index(2 * p + 1) + 1)
        return hits / n_pairs, rr / n_pairs

    recall_ours, mrr_ours = quality(ours)
    recall_bm25s, mrr_bm25s = quality(theirs)
    t_quality = time.perf_counter()

    def latency(search, n: int) -> list[float]:  # type: ignore[no-untyped-def]
        out = []
        for p in range(n):
            t0 = time.perf_counter()
            search(2 * (p % n_pairs))
            out.append((time.perf_counter() - t0) * 1000)
        return out

    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        for p in range(20):
            ours(2 * p)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    lat_ours = latency(ours, n_latency)
    lat_bm25s = latency(theirs, n_latency)
    lat_raw = latency(raw, n_raw)
    t_end = time.perf_counter()

    print(
        f"\nPrecedent search over {len(docs):,} casussen, {n_pairs} labelled pairs (SQLite {connection.Database.sqlite_version})"
    )
    print(
        f"build: generate {t_gen - t_start:.0f} s, store+index {t_index - t_gen:.0f} s, bm25s index {t_bm25s - t_index:.0f} s"
    )
    print(f"{'measure':32}{'Schakel':>12}{'bm25s':>12}{'raw FTS5 bm25()':>18}")
    print(f"{'recall@10':32}{recall_ours:>12.3f}{recall_bm25s:>12.3f}{'-':>18}")
    print(f"{'MRR':32}{mrr_ours:>12.3f}{mrr_bm25s:>12.3f}{'-':>18}")
    print(
        f"{'latency p50 (ms)':32}{pct(lat_ours, 0.5):>12.1f}{pct(lat_bm25s, 0.5):>12.1f}{pct(lat_raw, 0.5):>18.1f}"
    )
    print(
        f"{'latency p95 (ms)':32}{pct(lat_ours, 0.95):>12.1f}{pct(lat_bm25s, 0.95):>12.1f}{pct(lat_raw, 0.95):>18.1f}"
    )
    print(f"{'queries timed':32}{len(lat_ours):>12}{len(lat_bm25s):>12}{len(lat_raw):>18}")
    print(
        f"ratio p95 Schakel / bm25s: {pct(lat_ours, 0.95) / pct(lat_bm25s, 0.95):.2f}x; "
        f"raw FTS5 / Schakel: {pct(lat_raw, 0.95) / pct(lat_ours, 0.95):.0f}x"
    )
    print(
        f"(quality {t_quality - t_bm25s:.0f} s, latency {t_end - t_quality:.0f} s, total {t_end - t_start:.0f} s; "
        f"mean {statistics.mean(lat_ours):.1f} ms)"
    )


if __name__ == "__main__":
    main()
