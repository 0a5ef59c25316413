"""The deployment files hang together: compose parses and wires web, tick worker and PostgreSQL; every
file the Dockerfile copies exists; the gunicorn settings import and never log query strings or client
addresses; the tick worker loop is bounded and survives a database hiccup; the bench-only endpoint is
not reachable in production."""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError
from django.urls import Resolver404, resolve

ROOT = Path(__file__).resolve().parents[2]


def dockerfile() -> str:
    return (ROOT / "Dockerfile").read_text()


def test_compose_runs_web_tick_and_postgres_15_with_a_volume():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert {"db", "migrate", "web", "tick"} <= set(services)
    assert services["db"]["image"] == "postgres:15"
    assert "pgdata:/var/lib/postgresql/data" in services["db"]["volumes"]
    assert "pgdata" in compose["volumes"]
    assert services["tick"]["command"][:3] == ["schakel", "tick", "--elke"]
    for name in ("web", "tick", "migrate"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://") and "@db:5432/" in env["DATABASE_URL"]
        assert env["SCHAKEL_CACHE"] == "database"  # throttle counts shared between workers
        assert "SCHAKEL_SECRET_KEY" in env
    for name in ("web", "tick"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert "createcachetable" in " ".join(services["migrate"]["command"])
    assert services["web"]["ports"] == ["127.0.0.1:8000:8000"]  # only the TLS proxy reaches it


def test_dockerfile_uses_the_agreed_bases_a_non_root_user_and_a_healthcheck():
    text = dockerfile()
    assert re.search(r"^FROM node:20\S* AS assets$", text, re.M)
    assert re.search(r"^FROM python:3\.11-slim$", text, re.M)
    users = re.findall(r"^USER (\S+)$", text, re.M)
    assert users and users[-1] not in ("root", "0")
    assert "HEALTHCHECK" in text
    assert "warm()" in text and "collectstatic" in text
    assert "python:schakel.gunicorn_conf" in text


def test_every_file_the_dockerfile_copies_exists_and_is_not_ignored():
    ignored = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    sources = []
    for line in dockerfile().splitlines():
        if line.startswith("COPY ") and "--from=" not in line:
            sources += line.split()[1:-1]
    assert "src" in sources and "package-lock.json" in sources
    for source in sources:
        assert (ROOT / source).exists(), source
        assert source not in ignored and source.split("/")[0] not in ignored, source


def test_gunicorn_settings_import_and_read_the_environment(monkeypatch):
    monkeypatch.setenv("SCHAKEL_WEB_WORKERS", "3")
    monkeypatch.setenv("SCHAKEL_WEB_THREADS", "4")
    monkeypatch.setenv("SCHAKEL_BIND", "127.0.0.1:9999")
    conf = importlib.reload(importlib.import_module("schakel.gunicorn_conf"))
    assert conf.workers == 3 and conf.threads == 4 and conf.worker_class == "gthread"
    assert conf.bind == ["127.0.0.1:9999"]
    assert conf.preload_app is True and callable(conf.when_ready)
    assert conf.graceful_timeout > 0 and conf.timeout > 0
    monkeypatch.delenv("SCHAKEL_WEB_WORKERS")
    monkeypatch.delenv("SCHAKEL_WEB_THREADS")
    conf = importlib.reload(conf)
    assert conf.workers >= 3 and conf.worker_class == "sync"


def test_the_access_log_never_holds_a_query_string_or_who_asked():
    from gunicorn.config import Config
    from gunicorn.glogging import Logger

    conf = importlib.import_module("schakel.gunicorn_conf")
    # %(r)s and %(q)s carry the query string; %(h)s, %(a)s and %(f)s the address, agent and referrer.
    for atom in ("%(r)s", "%(q)s", "%(h)s", "%(a)s", "%(f)s", "%(u)s", "%({"):
        assert atom not in conf.access_log_format
    # Render one line the way gunicorn does, for a request carrying a receipt code in its query.
    cfg = Config()
    cfg.set("access_log_format", conf.access_log_format)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/burger/zaak/?code=GEHEIM-1234",
        "PATH_INFO": "/burger/zaak/",
        "QUERY_STRING": "code=GEHEIM-1234",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "192.0.2.7",
        "HTTP_USER_AGENT": "curl",
    }

    class Response:
        status = "200 OK"
        sent = 12
        headers: list[tuple[str, str]] = []
        response_length = 12

    class Request:
        headers: list[tuple[str, str]] = []

    import datetime as dt

    atoms = Logger(cfg).atoms(Response(), Request(), environ, dt.timedelta(milliseconds=5))
    line = conf.access_log_format % atoms
    assert "/burger/zaak/" in line
    assert "GEHEIM" not in line and "192.0.2.7" not in line and "curl" not in line


# The worker closes stale connections between rounds, which a test transaction would not survive.
@pytest.mark.django_db(transaction=True)
def test_tick_worker_runs_bounded_rounds(capsys):
    call_command("tick", "--elke", "1", "--keer", "2")
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and all("geëscaleerd" in line for line in out)


@pytest.mark.django_db(transaction=True)
def test_tick_worker_survives_a_database_hiccup(capsys, monkeypatch):
    from schakel.beheer.management.commands import tick as command

    real_tick, calls = command.tick, []

    def flaky(*, now, workers):
        calls.append(now)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real_tick(now=now, workers=workers)

    monkeypatch.setattr(command, "tick", flaky)
    call_command("tick", "--elke", "1", "--keer", "2")
    captured = capsys.readouterr()
    assert "Database niet bereikbaar" in captured.err
    assert "geëscaleerd" in captured.out
    assert len(calls) == 2


@pytest.mark.parametrize(
    "args, message",
    [
        (["--keer", "2"], "--keer kan alleen samen met --elke"),
        (["--elke", "5", "--now", "2027-01-01T09:00:00+01:00"], "gaan niet samen"),
        (["--elke", "0"], "1 of meer"),
        (["--elke", "5", "--keer", "0"], "1 of meer"),
    ],
)
def test_tick_worker_refuses_contradictory_options_in_dutch(db, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("tick", *args)


def test_database_cache_is_chosen_by_environment():
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "schakel.settings", "SCHAKEL_CACHE": "database"}
    out = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.stdout.strip() == "django.core.cache.backends.db.DatabaseCache", out.stderr


def test_the_bench_endpoint_is_not_in_production_urls():
    with pytest.raises(Resolver404):
        resolve("/bench/bare/")
