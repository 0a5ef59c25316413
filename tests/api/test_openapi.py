"""The committed OpenAPI document (openapi.yaml) is what clients build against: it must be exactly what the
code generates, describe every operation, and keep every path under /api/v1/."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import call_command

COMMITTED = Path(__file__).resolve().parents[2] / "openapi.yaml"
METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
PROBLEM_JSON = "application/problem+json"
STALE = "openapi.yaml is niet meer wat de code genereert: run `make openapi` en commit openapi.yaml."


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The schema as the code generates it now, with the same flags as `make openapi`."""
    target = tmp_path_factory.mktemp("openapi") / "openapi.yaml"
    # --validate and --fail-on-warn raise CommandError on an invalid schema or any generator warning.
    call_command("spectacular", "--file", str(target), "--validate", "--fail-on-warn")
    return target.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def document(generated: str) -> dict[str, Any]:
    loaded = yaml.safe_load(generated)
    assert isinstance(loaded, dict)
    return loaded


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def test_committed_schema_is_current(generated: str) -> None:
    assert COMMITTED.exists(), f"{COMMITTED} ontbreekt: run `make openapi`."
    committed = COMMITTED.read_text(encoding="utf-8")
    if committed == generated:
        return
    diff = list(
        difflib.unified_diff(
            committed.splitlines(),
            generated.splitlines(),
            fromfile="openapi.yaml (committed)",
            tofile="openapi.yaml (generated)",
            lineterm="",
        )
    )
    shown = "\n".join(diff[:60])
    more = f"\n… en nog {len(diff) - 60} regels" if len(diff) > 60 else ""
    pytest.fail(f"{STALE}\n\n{shown}{more}", pytrace=False)


def test_schema_has_operations(document: dict[str, Any]) -> None:
    assert len(operations(document)) > 10


def test_every_path_is_versioned(document: dict[str, Any]) -> None:
    wrong = [path for path in document["paths"] if not path.startswith("/api/v1/")]
    assert not wrong, f"Paden buiten /api/v1/: {wrong}"


def test_every_operation_is_described(document: dict[str, Any]) -> None:
    bare = [
        f"{method} {path}"
        for method, path, operation in operations(document)
        if not (operation.get("summary") or "").strip() and not (operation.get("description") or "").strip()
    ]
    assert not bare, (
        "Operaties zonder summary of description (geef de viewset een docstring of "
        f"@extend_schema(summary=...)): {bare}"
    )


def test_every_operation_id_is_unique(document: dict[str, Any]) -> None:
    ids = [operation.get("operationId") for _, _, operation in operations(document)]
    assert all(ids), "Elke operatie heeft een operationId."
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"Dubbele operationIds: {duplicates}"


def test_documented_errors_are_problem_json(document: dict[str, Any]) -> None:
    """Every API error is rendered as problem+json (schakel.api.problems), so a documented 4xx/5xx response
    must say so. Note: the views document no error responses yet, so today this guards future additions;
    it does not (yet) require each operation to document its errors."""
    wrong = []
    for method, path, operation in operations(document):
        for status, response in operation.get("responses", {}).items():
            if not str(status).startswith(("4", "5")):
                continue
            content = response.get("content") or {}
            if set(content) != {PROBLEM_JSON}:
                wrong.append(f"{method} {path} {status}: {sorted(content) or 'geen content'}")
    assert not wrong, f"Foutantwoorden moeten als {PROBLEM_JSON} gedocumenteerd zijn: {wrong}"
