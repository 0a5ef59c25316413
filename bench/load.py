"""Load: concurrent clients pulling and answering brakes through the API for a bounded time.

Usage: python bench/load.py --database-url postgres://… [--seconds 60] [--clients 32]

A fresh database `schakel_bench_load` beside the one given, the demo loaded, gunicorn on loopback with
the production settings file. Each client in turn pulls a confidential brake as Petra and answers it
(comply) as Tom, her team leader. Stops by itself after --seconds. Then, with the server stopped: zero
errors, every acknowledged write (201 with a uuid) present in the database, no half-written brake, the
ledger head at the last event, and `schakel verify` OK. Prints a verdict; exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import sys
import threading
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402

DATABASE = "schakel_bench_load"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", required=True, help="PostgreSQL (or sqlite:///…) to work beside")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: the settings file's)")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # progress shows in a log file too

    env = harness.environment(harness.fresh_database(args.database_url, DATABASE))
    demo = harness.prepare(env)
    petra, tom = demo.tokens["petra"], demo.tokens["tom"]
    lock = threading.Lock()
    noodremmen: set[str] = set()
    antwoorden: set[str] = set()
    latencies: list[float] = []
    errors: Counter[str] = Counter()

    with harness.Server(env, workers=args.workers) as server:
        body = harness.pull_body(harness.werkinstructie(server.port, petra))

        def step(_: int) -> None:
            pulled = harness.request(server.port, "POST", "/api/v1/noodremmen/", token=petra, body=body)
            with lock:
                latencies.append(pulled.ms)
                if pulled.status != 201:
                    errors[f"trekken HTTP {pulled.status}"] += 1
                    return
                uuid = pulled.body["noodrem"]["uuid"]
                noodremmen.add(uuid)
            path = f"/api/v1/noodremmen/{uuid}/beantwoorden/"
            answered = harness.request(server.port, "POST", path, token=tom, body=harness.ANSWER_BODY)
            with lock:
                latencies.append(answered.ms)
                if answered.status != 201:
                    errors[f"beantwoorden HTTP {answered.status}"] += 1
                    return
                antwoorden.add(answered.body["uuid"])

        wall = harness.run_clients(args.clients, step, seconds=args.seconds)

    problems = harness.integrity(env, noodremmen=noodremmen, antwoorden=antwoorden)
    problems += [f"{n}× {what}" for what, n in errors.items()]
    requests = len(latencies)
    print(
        f"load: {args.clients} clients, {wall:.0f} s, {requests} verzoeken ({requests / wall:.1f}/s), "
        f"{len(noodremmen)} noodremmen getrokken, {len(antwoorden)} beantwoord, "
        f"p50 {harness.percentile(latencies, 50):.0f} ms, p99 {harness.percentile(latencies, 99):.0f} ms"
    )
    if problems:
        print("NIET GOED:\n  " + "\n  ".join(problems))
        sys.exit(1)
    print("GOED: geen fouten, elke bevestigde schrijfactie staat in de database, logboek OK")


if __name__ == "__main__":
    main()
