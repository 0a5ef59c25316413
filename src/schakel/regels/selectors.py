from __future__ import annotations

from uuid import UUID

from schakel.core.errors import NietGevonden
from schakel.regels.models import Regel


def regel_get(uuid: UUID | str, *, field: str = "regel") -> Regel:
    try:
        return Regel.objects.select_related("eigenaar_organisatie", "uitvoerder").get(uuid=uuid)
    except (Regel.DoesNotExist, ValueError) as exc:
        raise NietGevonden("Deze regel bestaat niet.", field=field) from exc
