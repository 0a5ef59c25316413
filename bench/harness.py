"""What the server benchmarks and the load and fault scripts share: a fresh database beside the one
given, the demo and API tokens in it, gunicorn on loopback with the production settings file, and
concurrent HTTP clients that are bounded in count and time.

Only loopback (127.0.0.1) is ever contacted.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
# The source the server runs; SCHAKEL_BENCH_SRC points elsewhere, e.g. at an exported commit.
SRC = Path(os.environ.get("SCHAKEL_BENCH_SRC", str(ROOT / "src")))
HOST = "127.0.0.1"

MOTIVERING = (
    "Volledige terugvordering binnen zes weken duwt deze mensen in de schulden, terwijl de vertraging "
    "bij ons lag en niet bij hen."
)


def fresh_database(base_url: str, name: str) -> str:
    """A new, empty database on the same server as base_url (PostgreSQL) or a new SQLite file."""
    if base_url.startswith(("postgres://", "postgresql://")):
        import psycopg

        parts = urlsplit(base_url)
        admin = parts._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        return parts._replace(path=f"/{name}").geturl()
    return f"sqlite:///{tempfile.mkdtemp(prefix='schakel-bench-')}/{name}.sqlite3"


def environment(database_url: str, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "bare_settings",
            "PYTHONPATH": os.pathsep.join([str(HERE), str(SRC)]),
            "SCHAKEL_DATA_DIR": tempfile.mkdtemp(prefix="schakel-bench-data-"),
            "SCHAKEL_SECRET_KEY": secrets.token_urlsafe(50),
            "SCHAKEL_CACHE": "database",
            # Mail is sent after commit; the terminal backend would measure stderr, not Schakel.
            "SCHAKEL_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "SCHAKEL_ACCESS_LOG": "",
            "SCHAKEL_WEB_LOG_LEVEL": "warning",
            "SCHAKEL_LOG_LEVEL": "ERROR",
        }
    )
    env.update(extra)
    return env


def schakel(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([str(BIN / "schakel"), *args], env=env, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"schakel {' '.join(args)}: exit {done.returncode}\n{done.stderr[-2000:]}")
    return done.stdout


@dataclass
class Demo:
    tokens: dict[str, str]


def prepare(env: dict[str, str], users: tuple[str, ...] = ("petra", "tom")) -> Demo:
    """Migrate, create the shared cache table and the bare table, load the demo, make API tokens."""
    schakel(env, "migrate", "--noinput", "-v0")
    schakel(env, "createcachetable")
    schakel(env, "shell", "-c", "import bare_urls; bare_urls.create_table()")
    schakel(env, "demo", "--if-empty")
    tokens = {
        user: schakel(env, "token", "create", "--user", user).strip().splitlines()[-1] for user in users
    }
    return Demo(tokens=tokens)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


class Server:
    """gunicorn with src/schakel/gunicorn_conf.py on loopback; its log goes to a file."""

    def __init__(self, env: dict[str, str], *, workers: int | None = None, port: int | None = None):
        self.port = port or free_port()
        self.env = {**env, "SCHAKEL_BIND": f"{HOST}:{self.port}"}
        if workers:
            self.env["SCHAKEL_WEB_WORKERS"] = str(workers)
        self.log = Path(tempfile.mkstemp(prefix="schakel-gunicorn-", suffix=".log")[1])
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 600) -> Server:
        # The master loads deduce before the first worker starts: about 10 s on a quiet machine, minutes
        # on a busy one (every process on the machine takes its turn on one file lock).
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [str(BIN / "gunicorn"), "-c", "python:schakel.gunicorn_conf", "schakel.wsgi"],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopte (exit {self.process.returncode}); zie {self.log}")
            if request(self.port, "GET", "/api/v1/ik/", timeout=5).status:
                return self
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn kwam niet op binnen {timeout} s; zie {self.log}")

    @property
    def master(self) -> int:
        assert self.process is not None
        return self.process.pid

    def workers(self) -> list[int]:
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(self.master)], capture_output=True, text=True)
        return [int(p) for p in out.stdout.split()]

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def kill9(self) -> None:
        """kill -9 of the master and every worker at once, as a machine crash would."""
        pids = [self.master, *self.workers()]
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        assert self.process is not None
        self.process.wait()

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@dataclass
class Result:
    status: int  # 0: no HTTP answer (connection refused or reset, time-out)
    ms: float
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


def request(
    port: int, method: str, path: str, *, token: str | None = None, body: Any = None, timeout: float = 30
) -> Result:
    headers = {"Accept": "application/json", "Connection": "close"}
    if token:
        headers["Authorization"] = f"Token {token}"
    payload = None
    if body is not None:
        payload = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    t0 = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request(method, path, body=payload, headers=headers)
        response = conn.getresponse()
        raw = response.read()
        ms = (time.perf_counter() - t0) * 1000
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = None
        return Result(response.status, ms, parsed, {k.lower(): v for k, v in response.getheaders()})
    except (OSError, http.client.HTTPException):
        return Result(0, (time.perf_counter() - t0) * 1000)
    finally:
        conn.close()


def run_clients(
    clients: int,
    step: Callable[[int], None],
    *,
    count: int | None = None,
    seconds: float | None = None,
    stop: threading.Event | None = None,
) -> float:
    """Call step(client_no) from `clients` threads until `count` steps are done, `seconds` have passed or
    `stop` is set (whichever comes first; count or seconds must be given). Returns the wall time in seconds."""
    assert count is not None or seconds is not None
    lock = threading.Lock()
    claimed = 0
    deadline = time.monotonic() + seconds if seconds is not None else float("inf")

    def claim() -> bool:
        nonlocal claimed
        with lock:
            if count is not None and claimed >= count:
                return False
            claimed += 1
            return time.monotonic() < deadline and not (stop and stop.is_set())

    def loop(no: int) -> None:
        while claim():
            step(no)

    threads = [threading.Thread(target=loop, args=(i,), daemon=True) for i in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - t0


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def werkinstructie(port: int, token: str) -> str:
    """The uuid of UWV's work instruction in the demo: the subject of every brake pulled here."""
    found = request(port, "GET", "/api/v1/regels/?organisatie=uwv&soort=werkinstructie", token=token)
    if found.status != 200:
        raise RuntimeError(f"regels opzoeken: HTTP {found.status}")
    return str(found.body["results"][0]["uuid"])


def pull_body(regel: str) -> dict[str, Any]:
    return {
        "niveau": "professional",
        "regel": regel,
        "anonimiteit": "vertrouwelijk",
        "beginselen": ["AWB-EVENREDIGHEID"],
        "motivering": MOTIVERING,
    }


ANSWER_BODY = {
    "soort": "comply",
    "toelichting": "We passen de werkinstructie aan: terugvorderen in termijnen naar draagkracht van de mensen.",
    "maatregel": "Werkinstructie aangepast.",
    "gereed_op": "2027-01-01",
}


def django_setup(env: dict[str, str]) -> None:
    """Use the benchmark's database in this process too (for the checks afterwards)."""
    for key in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "SCHAKEL_DATA_DIR", "SCHAKEL_SECRET_KEY"):
        os.environ[key] = env[key]
    for path in (str(HERE), str(SRC)):
        if path not in sys.path:
            sys.path.insert(0, path)
    import django

    django.setup()
    from django.db import connections

    # A connection from before a database restart is dead; start each check on a new one.
    connections.close_all()


def integrity(env: dict[str, str], *, noodremmen: set[str], antwoorden: set[str]) -> list[str]:
    """What must hold after any run, however it ended: every acknowledged write is there, no brake lacks
    its ledger event, no answered brake lacks its answer, the ledger head is the last event, and
    `schakel verify` passes. Returns the problems found (empty: all well)."""
    django_setup(env)
    from django.db.models import Max

    from schakel.core.models import LedgerEvent, LedgerHead
    from schakel.noodremmen.models import Noodrem, NoodremAntwoord

    problems: list[str] = []
    found = set(map(str, Noodrem.objects.filter(uuid__in=noodremmen).values_list("uuid", flat=True)))
    if missing := noodremmen - found:
        problems.append(f"{len(missing)} bevestigde noodremmen ontbreken, bijv. {sorted(missing)[:3]}")
    found = set(map(str, NoodremAntwoord.objects.filter(uuid__in=antwoorden).values_list("uuid", flat=True)))
    if missing := antwoorden - found:
        problems.append(f"{len(missing)} bevestigde antwoorden ontbreken, bijv. {sorted(missing)[:3]}")
    pulled = set(
        LedgerEvent.objects.filter(kind="noodrem.getrokken", subject_type="noodremmen.noodrem").values_list(
            "subject_id", flat=True
        )
    )
    all_brakes = set(map(str, Noodrem.objects.values_list("uuid", flat=True)))
    if half := all_brakes - pulled:
        problems.append(f"{len(half)} noodremmen zonder logboekgebeurtenis 'noodrem.getrokken'")
    answered = set(map(str, NoodremAntwoord.objects.values_list("noodrem__uuid", flat=True)))
    closed = set(map(str, Noodrem.objects.filter(status="opgevolgd").values_list("uuid", flat=True)))
    if half := closed - answered:
        problems.append(f"{len(half)} opgevolgde noodremmen zonder antwoord")
    head = LedgerHead.objects.get(pk=1)
    last = LedgerEvent.objects.aggregate(m=Max("seq"))["m"]
    last_hash = LedgerEvent.objects.get(seq=last).hash if last else None
    if head.seq != last or head.hash != last_hash:
        problems.append(f"logboekkop ({head.seq}) wijst niet naar de laatste gebeurtenis ({last})")
    verdict = subprocess.run([str(BIN / "schakel"), "verify"], env=env, capture_output=True, text=True)
    if verdict.returncode != 0:
        problems.append(f"schakel verify faalt: {verdict.stderr.strip()[:300]}")
    return problems
