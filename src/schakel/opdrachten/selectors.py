from __future__ import annotations

from uuid import UUID

from schakel.core.errors import NietGevonden
from schakel.opdrachten.models import Opdracht


def opdracht_get(uuid: UUID | str) -> Opdracht:
    try:
        return Opdracht.objects.select_related("opdrachtgever", "uitvoerder").get(uuid=uuid)
    except (Opdracht.DoesNotExist, ValueError) as exc:
        raise NietGevonden("Deze opdracht bestaat niet.", field="opdracht") from exc
