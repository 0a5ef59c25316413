"""Faults: what Schakel guarantees when things break, checked on gunicorn and PostgreSQL on loopback.

Usage: python bench/faults.py --database-url postgres://… [--pgdata DIR] [--seconds 12] [--only abcd]

  (a) kill -9 of the gunicorn master and all workers mid-burst, then a restart: nothing acknowledged
      is lost, nothing is half-written, the ledger head is the last event, `schakel verify` OK.
  (b) PostgreSQL restarted (pg_ctl restart -m fast) during load: clients get 503 with Retry-After,
      never 500, and the service answers 201 again without anyone touching it. Needs --pgdata (the
      data directory of the server in --database-url, which this script may restart); skipped without.
  (c) two recipients answer one brake at the same moment: exactly one gets 201, the other 409, and the
      brake has one answer.
  (d) four `schakel tick` processes at the same moment: every overdue item escalates exactly once.

A fresh database `schakel_bench_faults` is made beside the one given. Each part prints GOED or NIET GOED
with the reasons; the script exits 1 when any part is NIET GOED. Every loop is bounded in time.
"""

from __future__ import annotations

import argparse
import glob
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402

DATABASE = "schakel_bench_faults"
PULL = "/api/v1/noodremmen/"


class Burst:
    """32 clients pulling and answering brakes; records what was acknowledged and every status seen."""

    def __init__(self, port: int, petra: str, tom: str, regel: str):
        self.port, self.petra, self.tom, self.body = port, petra, tom, harness.pull_body(regel)
        self.lock = threading.Lock()
        self.noodremmen: set[str] = set()
        self.antwoorden: set[str] = set()
        self.seen: list[tuple[float, harness.Result]] = []

    def _note(self, result: harness.Result) -> None:
        with self.lock:
            self.seen.append((time.monotonic(), result))
        if result.status == 0:
            time.sleep(0.05)  # the server is down: do not spin

    def step(self, _: int) -> None:
        pulled = harness.request(self.port, "POST", PULL, token=self.petra, body=self.body, timeout=15)
        self._note(pulled)
        if pulled.status != 201:
            return
        uuid = pulled.body["noodrem"]["uuid"]
        with self.lock:
            self.noodremmen.add(uuid)
        path = f"{PULL}{uuid}/beantwoorden/"
        answered = harness.request(
            self.port, "POST", path, token=self.tom, body=harness.ANSWER_BODY, timeout=15
        )
        self._note(answered)
        if answered.status == 201:
            with self.lock:
                self.antwoorden.add(answered.body["uuid"])

    def run(self, seconds: float, clients: int = 32, stop: threading.Event | None = None) -> None:
        harness.run_clients(clients, self.step, seconds=seconds, stop=stop)

    def wait_for(self, acknowledged: int, timeout: float = 120) -> None:
        """On a busy machine the first answers can take seconds: a fault only tells something once
        writes are being acknowledged."""
        deadline = time.monotonic() + timeout
        while len(self.noodremmen) < acknowledged and time.monotonic() < deadline:
            time.sleep(0.1)

    def statuses(self, since: float = 0.0) -> Counter[int]:
        return Counter(r.status for t, r in self.seen if t >= since)


def part_a(env: dict[str, str], demo: harness.Demo, seconds: float) -> list[str]:
    with harness.Server(env) as server:
        burst = Burst(
            server.port,
            demo.tokens["petra"],
            demo.tokens["tom"],
            harness.werkinstructie(server.port, demo.tokens["petra"]),
        )
        stop = threading.Event()
        runner = threading.Thread(target=burst.run, args=(seconds + 120, 32, stop))
        runner.start()
        burst.wait_for(10)
        time.sleep(seconds / 2)
        before = len(burst.noodremmen)
        server.kill9()
        killed_at = time.monotonic()
        time.sleep(2)  # clients meet the dead server
        stop.set()
        runner.join()
    problems = []
    if before == 0:
        problems.append("vóór de kill -9 was nog niets bevestigd: de proef zegt niets")
    if burst.statuses(killed_at)[0] == 0:
        problems.append("na de kill -9 kreeg geen enkele client een verbindingsfout: was de server wel weg?")
    with harness.Server(env, port=server.port) as restarted:
        after = Burst(restarted.port, demo.tokens["petra"], demo.tokens["tom"], burst.body["regel"])
        after.run(3)
    if set(after.statuses()) != {201}:
        problems.append(f"na de herstart niet alles 201: {dict(after.statuses())}")
    problems += harness.integrity(
        env, noodremmen=burst.noodremmen | after.noodremmen, antwoorden=burst.antwoorden | after.antwoorden
    )
    print(
        f"(a) kill -9 midden in de belasting: {before} noodremmen bevestigd vóór de kill, "
        f"{len(burst.noodremmen)} in totaal, {len(after.noodremmen)} na de herstart"
    )
    return problems


def _pg_ctl() -> str:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return found[-1] if found else "pg_ctl"


def _as_postgres(command: list[str]) -> subprocess.CompletedProcess[str]:
    """Run as the postgres user when we are root. pg_ctl gets -l, so the restarted server writes its log
    there and does not hold our pipes open."""
    if os.geteuid() == 0:
        command = ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(command)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def part_b(env: dict[str, str], demo: harness.Demo, seconds: float, pgdata: str | None) -> list[str] | None:
    if not pgdata:
        print("(b) overgeslagen: geef --pgdata om PostgreSQL tijdens de belasting te herstarten")
        return None
    with harness.Server(env) as server:
        burst = Burst(
            server.port,
            demo.tokens["petra"],
            demo.tokens["tom"],
            harness.werkinstructie(server.port, demo.tokens["petra"]),
        )
        stop = threading.Event()
        runner = threading.Thread(target=burst.run, args=(seconds + 120, 32, stop))
        runner.start()
        burst.wait_for(10)
        t0 = time.monotonic()
        restart = _as_postgres(
            [_pg_ctl(), "-D", pgdata, "-l", f"{pgdata}/herstart.log", "restart", "-m", "fast", "-w"]
        )
        back_at = time.monotonic()
        time.sleep(seconds)
        stop.set()
        runner.join()
        late = Burst(server.port, demo.tokens["petra"], demo.tokens["tom"], burst.body["regel"])
        late.run(3)
    problems = []
    if restart.returncode != 0:
        problems.append(f"pg_ctl restart faalde: {restart.stderr.strip()[:300]}")
    during = [r for t, r in burst.seen if t >= t0]
    bad = Counter(r.status for r in during if r.status not in (201, 503))
    if bad:
        problems.append(f"tijdens de herstart andere antwoorden dan 201/503: {dict(bad)}")
    unavailable = [r for r in during if r.status == 503]
    if not unavailable:
        problems.append("geen enkele 503 gezien: viel de database wel weg voor de clients?")
    if any("retry-after" not in r.headers for r in unavailable):
        problems.append("een 503 zonder Retry-After")
    recovered = [t for t, r in burst.seen if t >= back_at and r.status == 201]
    if not recovered and set(late.statuses()) != {201}:
        problems.append("geen herstel: na de herstart geen 201 meer")
    if set(late.statuses()) != {201}:
        problems.append(f"3 s na de proef niet alles 201: {dict(late.statuses())}")
    recovery = (min(recovered) - back_at) if recovered else float("nan")
    print(
        f"(b) PostgreSQL herstart in {back_at - t0:.1f} s: antwoorden daarbij {dict(Counter(r.status for r in during))}; "
        f"eerste 201 {recovery:.1f} s nadat PostgreSQL terug was"
    )
    problems += harness.integrity(
        env, noodremmen=burst.noodremmen | late.noodremmen, antwoorden=burst.antwoorden | late.antwoorden
    )
    return problems


def part_c(env: dict[str, str], demo: harness.Demo, rounds: int = 20) -> list[str]:
    petra, tom, tom2 = demo.tokens["petra"], demo.tokens["tom"], demo.tokens["tom2"]
    outcomes: Counter[tuple[int, ...]] = Counter()
    brakes = []
    with harness.Server(env) as server:
        body = harness.pull_body(harness.werkinstructie(server.port, petra))
        for _ in range(rounds):
            pulled = harness.request(server.port, "POST", PULL, token=petra, body=body)
            if pulled.status != 201:
                return [f"noodrem trekken gaf HTTP {pulled.status}"]
            uuid = pulled.body["noodrem"]["uuid"]
            brakes.append(uuid)
            barrier = threading.Barrier(2)
            got: list[int] = []

            def answer(
                token: str, uuid: str = uuid, barrier: threading.Barrier = barrier, got: list[int] = got
            ) -> None:
                barrier.wait()
                path = f"{PULL}{uuid}/beantwoorden/"
                got.append(
                    harness.request(server.port, "POST", path, token=token, body=harness.ANSWER_BODY).status
                )

            threads = [threading.Thread(target=answer, args=(t,)) for t in (tom, tom2)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            outcomes[tuple(sorted(got))] += 1
    harness.django_setup(env)
    from django.db.models import Count

    from schakel.noodremmen.models import Noodrem

    counts = Counter(
        Noodrem.objects.filter(uuid__in=brakes).annotate(n=Count("antwoorden")).values_list("n", flat=True)
    )
    print(
        f"(c) {rounds}× twee ontvangers tegelijk: uitkomsten {dict(outcomes)}; antwoorden per noodrem {dict(counts)}"
    )
    problems = []
    if set(outcomes) != {(201, 409)}:
        problems.append(f"niet steeds precies één 201 en één 409: {dict(outcomes)}")
    if set(counts) != {1}:
        problems.append(f"niet precies één antwoord per noodrem: {dict(counts)}")
    return problems


def part_d(env: dict[str, str], demo: harness.Demo, ticks: int = 4, brakes: int = 40) -> list[str]:
    petra = demo.tokens["petra"]
    with harness.Server(env) as server:
        body = harness.pull_body(harness.werkinstructie(server.port, petra))
        for _ in range(brakes):
            harness.request(server.port, "POST", PULL, token=petra, body=body)
    harness.django_setup(env)
    from django.db import connection
    from django.db.models import Max

    from schakel.core.models import LedgerEvent

    before = LedgerEvent.objects.aggregate(m=Max("seq"))["m"] or 0
    connection.close()
    now = "2030-01-07T09:00:00+01:00"  # every open item is overdue then
    command = [str(harness.BIN / "schakel"), "tick", "--now", now]
    processes = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(ticks)
    ]
    outputs = [p.communicate(timeout=600) for p in processes]
    problems = [
        f"tick {i} eindigde met exit {p.returncode}: {outputs[i][1].strip()[-300:]}"
        for i, p in enumerate(processes)
        if p.returncode
    ]
    reported = sum(int(out.split()[0]) for out, _ in outputs if out.strip())
    escalations = Counter(
        LedgerEvent.objects.filter(seq__gt=before, kind__endswith=".geescaleerd").values_list(
            "subject_id", flat=True
        )
    )
    twice = [s for s, n in escalations.items() if n > 1]
    print(
        f"(d) {ticks} ticks tegelijk: samen {reported} geëscaleerd gemeld, {len(escalations)} items in het logboek "
        f"geëscaleerd, {len(twice)} twee keer"
    )
    if twice:
        problems.append(f"{len(twice)} items twee keer geëscaleerd")
    if reported != sum(escalations.values()):
        problems.append(f"gemeld ({reported}) ≠ escalaties in het logboek ({sum(escalations.values())})")
    if not escalations:
        problems.append("niets geëscaleerd: de proef zegt niets")
    problems += harness.integrity(env, noodremmen=set(), antwoorden=set())
    return problems


def second_recipient(env: dict[str, str]) -> str:
    """A second team leader at UWV, so that two different recipients can answer one brake."""
    harness.schakel(
        env,
        "shell",
        "-c",
        "from schakel.organisaties.models import Organisatie; "
        "from schakel.organisaties.services import lid_add; "
        "lid_add(organisatie=Organisatie.objects.get(code='uwv'), gebruikersnaam='tom2', "
        "rol='teamleider', naam='Tweede teamleider', actor='bench')",
    )
    return harness.schakel(env, "token", "create", "--user", "tom2").strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", required=True, help="PostgreSQL (or sqlite:///…) to work beside")
    parser.add_argument("--pgdata", help="data directory of that PostgreSQL, for part (b)")
    parser.add_argument(
        "--seconds",
        type=float,
        default=12,
        help="(a): seconds of load before the kill; (b): seconds of load after the restart",
    )
    parser.add_argument("--only", default="abcd", help="which parts, e.g. 'ac'")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # progress shows in a log file too

    env = harness.environment(harness.fresh_database(args.database_url, DATABASE))
    demo = harness.prepare(env)
    demo.tokens["tom2"] = second_recipient(env)
    parts = {
        "a": lambda: part_a(env, demo, args.seconds),
        "b": lambda: part_b(env, demo, args.seconds, args.pgdata),
        "c": lambda: part_c(env, demo),
        "d": lambda: part_d(env, demo),
    }
    failed = False
    for name in args.only:
        try:
            problems = parts[name]()
        except Exception as exc:  # one broken part must not hide the verdicts of the others
            problems = [f"afgebroken: {type(exc).__name__}: {exc}"]
        if problems is None:
            continue
        if problems:
            failed = True
            print(f"({name}) NIET GOED:\n    " + "\n    ".join(problems))
        else:
            print(f"({name}) GOED")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
