"""Connection pooling on PostgreSQL (psycopg_pool through Django's OPTIONS["pool"]), set by environment."""

from __future__ import annotations

import json
import sys

from tests.security.test_sleutel_en_deploy import run

PG = "postgres://schakel@127.0.0.1:5432/schakel"
CODE = (
    "import json, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'schakel.settings');"
    "from django.conf import settings as s; d = s.DATABASES['default'];"
    "print(json.dumps({'pool': d.get('OPTIONS', {}).get('pool'), 'age': d['CONN_MAX_AGE'],"
    " 'checks': d.get('CONN_HEALTH_CHECKS')}))"
)


def database(tmp_path, **env: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    result = run([sys.executable, "-c", CODE], tmp_path, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_postgres_pools_by_default_with_health_checks(tmp_path):  # type: ignore[no-untyped-def]
    d = database(tmp_path, DATABASE_URL=PG, SCHAKEL_DB_CONN_MAX_AGE="60")
    assert d == {"pool": {"min_size": 1, "max_size": 4, "timeout": 5}, "age": 0, "checks": True}


def test_pool_size_from_the_environment(tmp_path):  # type: ignore[no-untyped-def]
    d = database(tmp_path, DATABASE_URL=PG, SCHAKEL_DB_POOL_MIN="2", SCHAKEL_DB_POOL_MAX="8")
    assert d["pool"] == {"min_size": 2, "max_size": 8, "timeout": 5}


def test_pool_off_means_conn_max_age(tmp_path):  # type: ignore[no-untyped-def]
    d = database(tmp_path, DATABASE_URL=PG, SCHAKEL_DB_POOL_MAX="0", SCHAKEL_DB_CONN_MAX_AGE="60")
    assert d == {"pool": None, "age": 60, "checks": True}


def test_sqlite_has_no_pool(tmp_path):  # type: ignore[no-untyped-def]
    assert database(tmp_path)["pool"] is None


def test_the_pool_module_is_installed():  # type: ignore[no-untyped-def]
    import psycopg_pool  # noqa: F401  pyproject asks for psycopg[binary,pool]
