"""Benchmark: brake intake through the real API beside a bare DRF endpoint doing one INSERT, in one run.

Usage: python bench/intake.py --database-url postgres://… [--quick] [--requests N] [--clients C]

A fresh database `schakel_bench_intake` is made beside the one given (same server), migrated, with the
demo loaded. One gunicorn (src/schakel/gunicorn_conf.py, bench/bare_settings.py) serves both:
`POST /api/v1/noodremmen/` as Petra (token; confidential brake on UWV's work instruction: validation,
pseudonymisation with deduce, recipient, term, ledger event, notification) and `POST /bench/bare/`
(same token, a small body, one INSERT). 32 concurrent clients send N requests to each, the bare one
first; throughput and p99 latency are compared. Mail goes to Django's dummy backend.
"""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402
from table import Context, Figure, render  # noqa: E402

DATABASE = "schakel_bench_intake"


def _burst(port: int, path: str, token: str, body: dict[str, object], *, n: int, clients: int) -> tuple:
    lock = threading.Lock()
    results: list[harness.Result] = []

    def step(_: int) -> None:
        r = harness.request(port, "POST", path, token=token, body=body)
        with lock:
            results.append(r)

    wall = harness.run_clients(clients, step, count=n)
    errors = [r.status for r in results if r.status != 201]
    if errors:
        raise RuntimeError(f"{path}: {len(errors)} van {n} niet 201 (bijv. {errors[:5]})")
    return n / wall, harness.percentile([r.ms for r in results], 99)


def measure(ctx: Context, *, requests: int | None = None, clients: int = 32) -> list[Figure]:
    n = requests or (400 if ctx.quick else 3000)
    env = harness.environment(harness.fresh_database(ctx.database_url, DATABASE))
    demo = harness.prepare(env)
    token = demo.tokens["petra"]
    with harness.Server(env) as server:
        regel = harness.werkinstructie(server.port, token)
        pull = harness.pull_body(regel)
        bare = {"motivering": harness.MOTIVERING}
        # Warm every worker (imports, first connection) before anything is timed.
        _burst(server.port, "/bench/bare/", token, bare, n=64, clients=clients)
        _burst(server.port, "/api/v1/noodremmen/", token, pull, n=64, clients=clients)
        bare_rate, bare_p99 = _burst(server.port, "/bench/bare/", token, bare, n=n, clients=clients)
        rate, p99 = _burst(server.port, "/api/v1/noodremmen/", token, pull, n=n, clients=clients)
    ratio = rate / bare_rate
    label = f"bare DRF endpoint, one INSERT ({clients} clients, {n} requests)"
    return [
        Figure(
            "noodrem intake via API, throughput",
            rate,
            "req/s",
            reference=bare_rate,
            reference_label=label,
            target="≥ 0.5× reference",
            ok=ratio >= 0.5,
        ),
        Figure(
            f"noodrem intake via API, p99 ({clients} clients)",
            p99,
            "ms",
            reference=bare_p99,
            reference_label=label,
            target="≤ 100 ms",
            ok=p99 <= 100,
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", required=True, help="PostgreSQL (or sqlite:///…) to work beside")
    parser.add_argument("--quick", action="store_true", help="400 requests per endpoint instead of 3000")
    parser.add_argument("--requests", type=int)
    parser.add_argument("--clients", type=int, default=32)
    args = parser.parse_args()
    figures = measure(Context(args.database_url, args.quick), requests=args.requests, clients=args.clients)
    print(render(figures))
    sys.exit(0 if all(f.ok is not False for f in figures) else 1)


if __name__ == "__main__":
    main()
