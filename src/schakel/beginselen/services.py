from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.db import transaction

from schakel.beginselen.models import Beginsel, Kader
from schakel.core import ledger
from schakel.core.errors import require

DATA_FILE = Path(__file__).parent / "data" / "beginselen-v1.json"


def beginselen_load(*, document: dict[str, Any], actor: str) -> int:
    """Load a version of the framework. A changed text becomes a new version; unchanged ones are kept.
    Returns the number of new rows."""
    geldig_vanaf = dt.date.fromisoformat(document["geldig_vanaf"])
    created = 0
    with transaction.atomic():
        for item in document["beginselen"]:
            require(
                item.get("kader") in Kader.values, f"Onbekend kader {item.get('kader')!r}.", field="kader"
            )
            current = Beginsel.objects.filter(code=item["code"], vervangen=False).order_by("-versie").first()
            fields = {k: item.get(k, "") for k in ("kader", "naam", "artikel", "uitleg", "bron")}
            if current and all(getattr(current, k) == v for k, v in fields.items()):
                continue
            if current:
                Beginsel.objects.filter(pk=current.pk).update(vervangen=True)
            beginsel = Beginsel.objects.create(
                code=item["code"],
                versie=(current.versie + 1 if current else 1),
                geldig_vanaf=geldig_vanaf,
                **fields,
            )
            ledger.append(
                "beginsel.vastgesteld",
                subject=beginsel,
                actor=actor,
                data={"code": beginsel.code, "versie": beginsel.versie, **fields},
            )
            created += 1
    return created


def beginselen_load_default(*, actor: str = "systeem") -> int:
    return beginselen_load(document=json.loads(DATA_FILE.read_text(encoding="utf-8")), actor=actor)
