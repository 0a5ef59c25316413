"""Assert that a refused action changed nothing: every table of Schakel's own apps keeps its row count,
the many-to-many link tables included (a refused call that links a principle or a casus wrote something).

The tables are read from django.apps, so a new model or app is counted without anyone listing it. Django's
own apps (users, sessions, content types, admin log) are left out: they are not where a service writes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps

# One row each, made on first use and then updated in place: a count that goes from 0 to 1 once says
# nothing that the table beside it does not (LedgerEvent for the head, Zoekdocument for the statistics).
NIET_GETELD = {"core.LedgerHead", "precedenten.Zoekstatistiek"}


def _tabellen() -> list[type]:
    return [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("schakel.")
        for model in config.get_models(include_auto_created=True)
        if model._meta.label not in NIET_GETELD
    ]


def counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in _tabellen()}


@contextmanager
def unchanged() -> Iterator[None]:
    before = counts()
    yield
    after = counts()
    assert after == before, {k: (before.get(k), v) for k, v in after.items() if before.get(k) != v}
