from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from schakel.beginselen.models import Beginsel
from schakel.core.errors import ValidatieFout


def beginselen_actueel() -> QuerySet[Beginsel]:
    return Beginsel.objects.filter(vervangen=False).order_by("kader", "code")


def beginselen_by_codes(codes: Iterable[str], *, field: str = "beginselen") -> list[Beginsel]:
    """Resolve codes to the current version; unknown codes are a field error naming them."""
    wanted = [c.strip().upper() for c in codes if c and c.strip()]
    found = {b.code: b for b in beginselen_actueel().filter(code__in=wanted)}
    unknown = [c for c in wanted if c not in found]
    if unknown:
        raise ValidatieFout(f"Onbekend beginsel: {', '.join(unknown)}.", field=field)
    return [found[c] for c in dict.fromkeys(wanted)]
