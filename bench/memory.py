"""Benchmark: memory of a warmed web worker after serving a mix of pages and API calls.

Usage: python bench/memory.py --database-url postgres://… [--quick] [--deduce-apart]

gunicorn (production settings file, 2 workers) on a fresh database `schakel_bench_memory` with the demo
serves public pages, the register and its open data, API lists and details, and brake pulls (which run
deduce) from 8 clients. Then, per worker, from /proc: RSS (everything mapped in, including the pages it
shares with the master: deduce's tables, loaded once before the fork) and USS (its private pages: what
one more worker really costs). The node's PSS (master and workers, shared pages divided among them) is
what the node uses in all.

With --deduce-apart (or Context.extra["deduce"] == "apart") deduce is on and runs in its own
`schakel pseudonimiseer` process, which this script starts first on a socket in a temporary directory
and points the web server at (SCHAKEL_PSEUDONIMISEER_SOCKET); its RSS is reported beside the workers'.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402
from table import Context, Figure, render  # noqa: E402

DATABASE = "schakel_bench_memory"
WORKERS = 2


def memory_mb(pid: int) -> dict[str, float]:
    """RSS, PSS and USS of one process in MB, from /proc/<pid>/smaps_rollup."""
    kb: dict[str, int] = {}
    with open(f"/proc/{pid}/smaps_rollup") as rollup:
        for line in rollup:
            parts = line.split()
            if len(parts) == 3 and parts[2] == "kB":
                kb[parts[0].rstrip(":")] = int(parts[1])
    return {
        "rss": kb["Rss"] / 1024,
        "pss": kb["Pss"] / 1024,
        "uss": (kb["Private_Clean"] + kb["Private_Dirty"]) / 1024,
    }


@contextlib.contextmanager
def pseudonimiseerder(env: dict[str, str], timeout: float = 900) -> Iterator[tuple[str, int]]:
    """`schakel pseudonimiseer` on a fresh socket; yields (socket path, pid) once it answers."""
    path = str(Path(tempfile.mkdtemp(prefix="pz-", dir="/tmp")) / "p.sock")
    process = subprocess.Popen(
        [str(harness.BIN / "schakel"), "pseudonimiseer", "--socket", path],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    stdout = process.stdout
    assert stdout is not None
    ready = threading.Event()

    def wait_for_ready_line() -> None:
        stdout.readline()
        ready.set()

    try:
        # Loading deduce takes 10 s on a quiet machine and minutes on a busy one.
        threading.Thread(target=wait_for_ready_line, daemon=True).start()
        t0 = time.monotonic()
        while not ready.wait(1):
            if process.poll() is not None or time.monotonic() - t0 > timeout:
                raise RuntimeError("schakel pseudonimiseer kwam niet op")
        if process.poll() is not None:
            raise RuntimeError(f"schakel pseudonimiseer stopte (exit {process.returncode})")
        yield path, process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(Path(path).parent, ignore_errors=True)


def measure(ctx: Context) -> list[Figure]:
    apart = ctx.extra.get("deduce") == "apart"
    n = 200 if ctx.quick else 1000
    env = harness.environment(harness.fresh_database(ctx.database_url, DATABASE))
    demo = harness.prepare(env)
    with contextlib.ExitStack() as stack:
        service_pid = None
        if apart:
            env["SCHAKEL_DEDUCE"] = "true"
            path, service_pid = stack.enter_context(pseudonimiseerder(env))
            env["SCHAKEL_PSEUDONIMISEER_SOCKET"] = path
        figures = _measure_web(env, demo.tokens["petra"], n)
        if service_pid is not None:
            figures.append(
                Figure(
                    "pseudonimiseer process RSS (deduce, one per node)",
                    memory_mb(service_pid)["rss"],
                    "MB",
                    reference_label="not part of any web worker",
                )
            )
    return figures


def _measure_web(env: dict[str, str], token: str, n: int) -> list[Figure]:
    with harness.Server(env, workers=WORKERS) as server:
        pull = harness.pull_body(harness.werkinstructie(server.port, token))
        mix = itertools.cycle(
            [
                ("GET", "/", None, None),
                ("GET", "/register/", None, None),
                ("GET", "/register/register.json", None, None),
                ("GET", "/api/v1/werkvoorraad/", token, None),
                ("GET", "/api/v1/noodremmen/", token, None),
                ("GET", "/api/v1/casussen/", token, None),
                ("GET", "/api/v1/signalen/", token, None),
                ("GET", "/api/v1/regels/", token, None),
                ("GET", "/api/v1/precedenten/?q=voorschot+terugvordering+schulden", token, None),
                ("POST", "/api/v1/noodremmen/", token, pull),
            ]
        )
        lock = threading.Lock()
        failures: list[str] = []

        def step(_: int) -> None:
            with lock:
                method, path, auth, body = next(mix)
            result = harness.request(server.port, method, path, token=auth, body=body)
            if result.status >= 400 or result.status == 0:
                with lock:
                    failures.append(f"{method} {path}: {result.status}")

        harness.run_clients(8, step, count=n)
        if failures:
            raise RuntimeError(f"{len(failures)} verzoeken mislukt, bijv. {failures[:3]}")
        workers = [memory_mb(pid) for pid in server.workers()]
        master = memory_mb(server.master)
    rss = max(w["rss"] for w in workers)
    uss = max(w["uss"] for w in workers)
    node = master["pss"] + sum(w["pss"] for w in workers)
    return [
        Figure("web worker RSS after a page mix", rss, "MB", target="≤ 200 MB", ok=rss <= 200),
        Figure("web worker private memory (USS)", uss, "MB", reference_label="what one more worker costs"),
        Figure(
            f"web node PSS, master + {len(workers)} workers",
            node,
            "MB",
            reference_label="shared pages counted once",
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", required=True, help="PostgreSQL (or sqlite:///…) to work beside")
    parser.add_argument("--quick", action="store_true", help="200 requests instead of 1000")
    parser.add_argument(
        "--deduce-apart",
        action="store_true",
        help="deduce on, in its own `schakel pseudonimiseer` process (started here) instead of in gunicorn",
    )
    args = parser.parse_args()
    extra = {"deduce": "apart"} if args.deduce_apart else {}
    figures = measure(Context(args.database_url, args.quick, extra))
    print(render(figures))
    sys.exit(0 if all(f.ok is not False for f in figures) else 1)


if __name__ == "__main__":
    main()
