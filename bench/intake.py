"""Benchmark: brake intake through the real API beside a bare DRF endpoint doing one INSERT, in one run.

Usage: python bench/intake.py --database-url postgres://… [--quick] [--requests N] [--clients C]

A fresh database `schakel_bench_intake` is made beside the one given (same server), migrated, with the
demo loaded. One gunicorn (src/schakel/gunicorn_conf.py, bench/bare_settings.py) serves both:
`POST /api/v1/noodremmen/` as Petra (token; confidential brake on UWV's work instruction: validation,
pseudonymisation with deduce, recipient, term, ledger event, notification) and `POST /bench/bare/`
(same token, a small body, one INSERT). 32 concurrent clients send N requests to each, the bare one
first; throughput and p99 latency are compared. Mail goes to Django's dummy backend.

Two load models (ADR 0022):
- saturation: 32 clients send back to back (closed loop). Throughput is the capacity of the machine;
  p99 there is queueing, about 32 / throughput for any endpoint, so it is shown for both, untargeted.
- paced: 32 clients each send on a fixed schedule, PACED_RATE requests per second together (open loop).
  Latency is counted from the scheduled send time, so a slow answer that delays the next send is not
  hidden (no coordinated omission). The p99 target applies here.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402
from table import Context, Figure, render  # noqa: E402

DATABASE = "schakel_bench_intake"
# Requests per second offered by the 32 paced clients together: 16/s is 1.4 million brakes a day,
# several thousand times the national rate the benchmark dataset holds (50,000 brakes).
PACED_RATE = 16.0


def _burst(port: int, path: str, token: str, body: dict[str, object], *, n: int, clients: int) -> tuple:
    lock = threading.Lock()
    results: list[harness.Result] = []

    def step(_: int) -> None:
        r = harness.request(port, "POST", path, token=token, body=body)
        with lock:
            results.append(r)

    wall = harness.run_clients(clients, step, count=n)
    return n / wall, _p99(path, results, n)


def _p99(path: str, results: list[harness.Result], n: int) -> float:
    errors = [r.status for r in results if r.status != 201]
    if errors:
        raise RuntimeError(f"{path}: {len(errors)} van {n} niet 201 (bijv. {errors[:5]})")
    return harness.percentile([r.ms for r in results], 99)


def _paced(port: int, path: str, token: str, body: dict[str, object], *, n: int, clients: int) -> float:
    """p99 latency with `clients` clients sending n requests together at PACED_RATE per second, each on
    its own fixed schedule (staggered); measured from the scheduled moment, not from the actual send."""
    lock = threading.Lock()
    results: list[harness.Result] = []
    interval = clients / PACED_RATE
    per_client = max(1, n // clients)
    start = time.perf_counter() + 0.5

    def client(no: int) -> None:
        for k in range(per_client):
            scheduled = start + (k + no / clients) * interval
            delay = scheduled - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            r = harness.request(port, "POST", path, token=token, body=body)
            r.ms = (time.perf_counter() - scheduled) * 1000
            with lock:
                results.append(r)

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return _p99(path, results, per_client * clients)


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
        paced_n = min(n, int(PACED_RATE * (20 if ctx.quick else 60)))
        bare_paced = _paced(server.port, "/bench/bare/", token, bare, n=paced_n, clients=clients)
        paced = _paced(server.port, "/api/v1/noodremmen/", token, pull, n=paced_n, clients=clients)
    ratio = rate / bare_rate
    label = f"bare DRF endpoint, one INSERT ({clients} clients, {n} requests)"
    paced_label = f"bare DRF endpoint, the same paced load ({paced_n} requests)"
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
            f"noodrem intake via API, p99 ({clients} clients, {PACED_RATE:g}/s)",
            paced,
            "ms",
            reference=bare_paced,
            reference_label=paced_label,
            target="≤ 100 ms",
            ok=paced <= 100,
        ),
        Figure(
            f"noodrem intake via API, p99 at saturation ({clients} clients)",
            p99,
            "ms",
            reference=bare_p99,
            reference_label=label + "; queueing, no target (ADR 0022)",
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
