from __future__ import annotations

import datetime as dt
from uuid import UUID

from django.db.models import QuerySet

from schakel.core.errors import NietGevonden
from schakel.signalen.models import Signaal
from schakel.signalen.workflow import SignaalStatus


def signaal_get(uuid: UUID | str) -> Signaal:
    try:
        return Signaal.objects.select_related("regel", "ontvanger_organisatie", "indiener").get(uuid=uuid)
    except (Signaal.DoesNotExist, ValueError) as exc:
        raise NietGevonden("Dit signaal bestaat niet.", field="signaal") from exc


def signalen_overdue(now: dt.datetime) -> QuerySet[Signaal]:
    return Signaal.objects.filter(status=SignaalStatus.OPEN, uiterlijk__lt=now).order_by("uiterlijk", "pk")
