"""Lossless export and import of everything, the ledger included, as JSON lines (Django's serialiser)."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from django.apps import apps
from django.core import management
from django.db import transaction

from schakel.core import ledger
from schakel.core.errors import ValidatieFout
from schakel.core.models import LedgerEvent
from schakel.precedenten import index

# Rebuilt by `migrate`; exporting them would clash with the rows a fresh database already has.
EXCLUDE = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


def export_jsonl(out: IO[str]) -> None:
    management.call_command(
        "dumpdata", format="jsonl", exclude=EXCLUDE, natural_foreign=True, stdout=out, verbosity=0
    )


def database_is_empty() -> bool:
    schakel_models = [
        m
        for m in apps.get_models()
        if m._meta.app_label
        in {
            "organisaties",
            "beginselen",
            "regels",
            "casussen",
            "signalen",
            "opdrachten",
            "noodremmen",
            "core",
        }
    ]
    return not any(m._default_manager.exists() for m in schakel_models)


def import_jsonl(path: Path) -> int:
    if not path.exists():
        raise ValidatieFout(f"Bestand {path} bestaat niet.", field="bestand")
    if not database_is_empty():
        raise ValidatieFout("Importeren kan alleen in een lege database.", field="database")
    with transaction.atomic():
        management.call_command("loaddata", str(path), format="jsonl", verbosity=0)
        # The full-text index is not a model: rebuild it from the imported search documents.
        index.rebuild()
    result = ledger.verify()
    if not result.ok:
        raise ValidatieFout(f"Het logboek in het bestand klopt niet: {result.reason}.", field="bestand")
    return LedgerEvent.objects.count()
