"""Assert that a refused action changed nothing: every Schakel table and the ledger keep their row counts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps

APPS = {
    "core",
    "organisaties",
    "beginselen",
    "regels",
    "casussen",
    "signalen",
    "opdrachten",
    "noodremmen",
    "api",
}


def counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models() if m._meta.app_label in APPS}


@contextmanager
def unchanged() -> Iterator[None]:
    before = counts()
    yield
    assert counts() == before
