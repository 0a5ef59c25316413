from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from schakel.kamervragen.models import Kamervraag, KamervraagStatus
from schakel.organisaties.models import Lid


def kamervragen_overdue(now: dt.datetime) -> QuerySet[Kamervraag]:
    return Kamervraag.objects.filter(status=KamervraagStatus.GESTELD, uiterlijk__lt=now).order_by(
        "uiterlijk", "pk"
    )


def kamervragen_visible_for(lid: Lid) -> QuerySet[Kamervraag]:
    """Parliament's questions are public once asked; members see those to or from their organisation."""
    org = lid.organisatie
    return Kamervraag.objects.filter(Q(ontvanger_organisatie=org) | Q(gesteld_door__organisatie=org))
