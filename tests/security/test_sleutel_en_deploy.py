"""The web server refuses to start on a missing or weak SCHAKEL_SECRET_KEY when DEBUG is off, and
`schakel check --deploy` is clean with a production environment. These run the real start-up in a
subprocess, because settings are read once per process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

STERK = "k7Qp2-vX9mZr4tLw8nYc3bHs6dFj1gKa5eUo0iPq_RzTxVyNmBl"
PRODUCTIE = {
    "SCHAKEL_SECRET_KEY": STERK,
    "SCHAKEL_HTTPS": "true",
    "SCHAKEL_ALLOWED_HOSTS": "schakel.example.nl",
}
SCHAKEL = Path(sys.executable).with_name("schakel")


def run(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SCHAKEL_", "DJANGO_"))}
    clean.pop("DATABASE_URL", None)
    clean.update({"SCHAKEL_DATA_DIR": str(tmp_path), "SCHAKEL_DEDUCE": "false", **env})
    return subprocess.run(args, env=clean, capture_output=True, text=True, timeout=120, check=False)


def start_wsgi(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-c", "import schakel.wsgi"], tmp_path, **env)


def test_check_deploy_is_clean_in_production(tmp_path):  # type: ignore[no-untyped-def]
    result = run([str(SCHAKEL), "check", "--deploy", "--fail-level", "WARNING"], tmp_path, **PRODUCTIE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_names_a_missing_key_and_plain_http(tmp_path):  # type: ignore[no-untyped-def]
    result = run([str(SCHAKEL), "check", "--deploy"], tmp_path)
    out = result.stdout + result.stderr
    assert "schakel.E001" in out and "SCHAKEL_SECRET_KEY ontbreekt" in out
    assert "security.W004" in out and "security.W008" in out


@pytest.mark.parametrize(
    ("key", "reden"),
    [(None, "SCHAKEL_SECRET_KEY ontbreekt"), ("kort-en-zwak", "te zwak"), ("a" * 60, "te zwak")],
)
def test_the_web_server_refuses_to_start_without_a_strong_key(key, reden, tmp_path):  # type: ignore[no-untyped-def]
    env = {"SCHAKEL_SECRET_KEY": key} if key else {}
    result = start_wsgi(tmp_path, **env)
    assert result.returncode != 0
    assert "Schakel start niet: " + ("" if key is None else "SCHAKEL_SECRET_KEY is ") in result.stderr
    assert reden in result.stderr and "secrets.token_urlsafe(50)" in result.stderr


def test_the_web_server_starts_with_a_strong_key_or_in_debug(tmp_path):  # type: ignore[no-untyped-def]
    assert start_wsgi(tmp_path, SCHAKEL_SECRET_KEY=STERK).returncode == 0
    assert start_wsgi(tmp_path, SCHAKEL_DEBUG="true").returncode == 0


def test_commands_that_serve_nothing_run_without_a_key(tmp_path):  # type: ignore[no-untyped-def]
    result = run([str(SCHAKEL), "check"], tmp_path)
    assert result.returncode == 0, result.stderr


def test_https_switches_on_hsts_and_the_redirect(tmp_path):  # type: ignore[no-untyped-def]
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'schakel.settings'); django.setup();"
        "from django.conf import settings as s;"
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_PROXY_SSL_HEADER, s.SESSION_COOKIE_SECURE)"
    )
    assert run([sys.executable, "-c", code], tmp_path, **PRODUCTIE).stdout.split() == [
        "31536000",
        "True",
        "True",
        "None",
        "True",
    ]
    behind_proxy = run([sys.executable, "-c", code], tmp_path, **PRODUCTIE, SCHAKEL_NUM_PROXIES="1")
    assert "('HTTP_X_FORWARDED_PROTO', 'https')" in behind_proxy.stdout
    assert run([sys.executable, "-c", code], tmp_path).stdout.split()[:3] == ["0", "False", "False"]
