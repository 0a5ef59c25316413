"""`make bench`: build (or reuse) the national dataset, run every benchmark module, print ONE table.

Usage: python bench/run.py [--quick] [--scale S] [--reuse] [--only reads,report,...]

  full:     scale 1.0 (400 organisations, 1,000,000 casussen, 5,000,000 ledger events)
  --quick:  scale 0.02 unless --scale is given; every module runs its short version

The dataset goes into its own database, never the one you work in: on the PostgreSQL server that
DATABASE_URL names, the database `schakel_bench` (dropped and made again unless --reuse); without a
PostgreSQL DATABASE_URL, an SQLite file in $SCHAKEL_DATA_DIR/bench/. The database the figures were
measured on is printed above the table.

Each module runs in its own process (so one module's memory, settings or crash cannot colour the
next): bench/<name>.py exposes `measure(ctx: table.Context) -> list[table.Figure]`, with DATABASE_URL
already set to ctx.database_url (a module sets Django up itself, or builds its own database).
bench/verify.py and bench/precedents.py, which are scripts that print their own table, are run as
they are and their figures read from their output until they expose `measure`. A module that is not
there yet gives a note row instead of stopping the run.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import math
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from table import Context, Figure, render  # noqa: E402

MODULES = ["reads", "report", "precedents", "verify", "tick", "intake", "memory"]
MARKER = "BENCH-FIGURES "
BENCH_DB = "schakel_bench"


def note(module: str, text: str) -> Figure:
    return Figure(measure=f"{module}: {text}", schakel=math.nan, unit="", reference_label="niet gemeten")


# --- the database ----------------------------------------------------------------------------------


def bench_database(url: str | None) -> str:
    """The benchmark's own database on the same server as DATABASE_URL (or an SQLite file)."""
    if url and url.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(url)
        return urlunsplit(parts._replace(path="/" + BENCH_DB))
    data = Path(os.environ.get("SCHAKEL_DATA_DIR", "data")).resolve() / "bench"
    data.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data / 'schakel-bench.sqlite3'}"


def _pg_admin(url: str, sql: str) -> None:
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql)


def populated(url: str) -> int:
    """How many casussen the dataset has (0 when there is none)."""
    code = (
        f"import sys; sys.path.insert(0, {str(HERE)!r}); import generate; generate.setup_django();"
        "from schakel.casussen.models import Casus; print(Casus.objects.count())"
    )
    try:
        out = subprocess.run(
            [sys.executable, "-c", code],
            env=_env(url),
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
    except subprocess.CalledProcessError:
        return 0
    last = out.stdout.strip().splitlines()[-1:] or ["0"]
    return int(last[0]) if last[0].isdigit() else 0


def fresh(url: str) -> None:
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return
    _pg_admin(url, f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
    _pg_admin(url, f"CREATE DATABASE {BENCH_DB}")


def _env(url: str) -> dict[str, str]:
    env = dict(os.environ)
    env["DATABASE_URL"] = url
    env.setdefault("DJANGO_SETTINGS_MODULE", "schakel.settings")
    env.setdefault("SCHAKEL_DEDUCE", "false")
    src = str(HERE.parent / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    return env


# --- one module in its own process ------------------------------------------------------------------


def _legacy(name: str, ctx: Context) -> list[Figure]:
    """Run an old-style script and read its figures from the table it prints."""
    args = [sys.executable, str(HERE / f"{name}.py")] + (["--quick"] if ctx.quick else [])
    if name == "precedents" and ctx.quick:  # its own quick run (100,000 casussen) takes minutes alone
        args += ["--docs", "30000", "--pairs", "200"]
    out = subprocess.run(args, capture_output=True, text=True, env=_env(ctx.database_url), check=False).stdout
    number = r"([\d,.]+)"
    if name == "verify":
        ours = re.search(r"demo \+ synthetic\s+(\d+)\s+[\d.]+\s+(\d+)", out)
        raw = re.search(r"raw hashlib\.sha256 loop, same bytes\s+(\d+)\s+[\d.]+\s+(\d+)", out)
        if not (ours and raw):
            return [note(name, "uitvoer niet herkend")]
        s, r = float(ours.group(2)), float(raw.group(2))
        return [
            Figure(
                f"schakel verify ({int(ours.group(1)):,} events)",
                s,
                "events/s",
                r,
                "raw hashlib loop, same bytes",
                "≥ 0.5× reference",
                s / r >= 0.5,
            )
        ]
    if name == "precedents":
        p95 = re.search(rf"latency p95 \(ms\)\s+{number}\s+{number}\s+{number}", out)
        recall = re.search(rf"recall@10\s+{number}\s+{number}", out)
        size = re.search(r"over ([\d,]+) casussen", out)
        if not (p95 and recall):
            return [note(name, "uitvoer niet herkend")]
        n = size.group(1) if size else "?"
        return [
            Figure(
                f"precedent search p95 ({n} casussen, SQLite)",
                float(p95.group(1)),
                "ms",
                float(p95.group(3)),
                "raw FTS5 query ordered by bm25()",
            ),
            Figure(
                f"precedent search recall@10 ({n} casussen)",
                float(recall.group(1)),
                "",
                float(recall.group(2)),
                "bm25s over the same stems",
            ),
        ]
    return [note(name, "geen measure()")]


def run_one(name: str, ctx: Context) -> list[Figure]:
    """In the child process: import the module and measure."""
    module = importlib.import_module(name)
    measure = getattr(module, "measure", None)
    if measure is None:
        return _legacy(name, ctx)
    return list(measure(ctx))


def run_module(name: str, ctx: Context) -> list[Figure]:
    if not (HERE / f"{name}.py").exists():
        return [note(name, f"bench/{name}.py ontbreekt nog")]
    payload = json.dumps(dataclasses.asdict(ctx))
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(HERE / "run.py"), "--module", name, "--context", payload],
        env=_env(ctx.database_url),
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - t0
    line = next((x for x in reversed(proc.stdout.splitlines()) if x.startswith(MARKER)), None)
    if proc.returncode != 0 or line is None:
        sys.stderr.write(proc.stdout[-3000:] + proc.stderr[-3000:])
        return [note(name, f"mislukt (code {proc.returncode}, {seconds:.0f} s); zie hierboven")]
    print(f"  {name}: {seconds:.0f} s", file=sys.stderr)
    return [Figure(**f) for f in json.loads(line.removeprefix(MARKER))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--scale", type=float)
    parser.add_argument(
        "--reuse", action="store_true", help="use the dataset of an earlier run if there is one"
    )
    parser.add_argument("--only", help="comma-separated module names, e.g. reads,report")
    parser.add_argument("--module", help=argparse.SUPPRESS)
    parser.add_argument("--context", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.module:  # child process: one module
        ctx = Context(**json.loads(args.context))
        figures = run_one(args.module, ctx)
        print(MARKER + json.dumps([dataclasses.asdict(f) for f in figures]))
        return

    scale = args.scale or (0.02 if args.quick else 1.0)
    url = bench_database(os.environ.get("DATABASE_URL"))
    t0 = time.perf_counter()
    existing = populated(url) if args.reuse else 0
    if existing:
        scale = existing / 1_000_000  # the dataset's own scale, whatever was asked
        print(f"Dataset hergebruikt: {_shown(url)}", file=sys.stderr)
        # A dataset made by an earlier commit gets the migrations added since (empty new tables).
        code = f"import sys; sys.path.insert(0, {str(HERE)!r}); import generate; generate.setup_django(); generate.migrate()"
        subprocess.run([sys.executable, "-c", code], env=_env(url), check=True, timeout=3600)
    else:
        fresh(url)
        print(f"Dataset maken op schaal {scale} in {_shown(url)} …", file=sys.stderr)
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), "--scale", str(scale)],
            env=_env(url),
            check=True,
            stdout=sys.stderr,
        )
    generated = time.perf_counter() - t0
    # Memory is measured as production runs it: deduce in its own process (ADR 0019).
    ctx = Context(database_url=url, quick=args.quick, extra={"scale": str(scale), "deduce": "apart"})
    figures: list[Figure] = []
    for name in args.only.split(",") if args.only else MODULES:
        figures += run_module(name.strip(), ctx)
    print(f"\nSchakel benchmarks — dataset schaal {scale} op {_shown(url)} (klaar in {generated:.0f} s)\n")
    print(render(figures))


def _shown(url: str) -> str:
    if url.startswith("sqlite:"):
        return url
    parts = urlsplit(url)
    if parts.password:
        parts = parts._replace(netloc=parts.netloc.replace(":" + parts.password + "@", ":***@"))
    return urlunsplit(parts)


if __name__ == "__main__":
    main()
