from __future__ import annotations

import datetime as dt

from django.db.models import Exists, F, Q, QuerySet

from schakel.core.stilten import afleidingen_uit_stilten, stilten_van
from schakel.kamervragen.models import Kamervraag, KamervraagStatus
from schakel.organisaties.models import Lid

LABEL = Kamervraag._meta.label_lower


def kamervragen_overdue(now: dt.datetime) -> QuerySet[Kamervraag]:
    return Kamervraag.objects.filter(status=KamervraagStatus.GESTELD, uiterlijk__lt=now).order_by(
        "uiterlijk", "pk"
    )


def kamervragen_visible_for(lid: Lid) -> QuerySet[Kamervraag]:
    """Parliament's questions are public once asked; members see those to or from their organisation,
    also after escalation moved a question they left unanswered away from them."""
    org = lid.organisatie
    return Kamervraag.objects.filter(
        Q(ontvanger_organisatie=org)
        | Q(gesteld_door__organisatie=org)
        | Q(Exists(stilten_van(LABEL).filter(organisatie=org)))
    )


def kamervragen_publiek() -> QuerySet[Kamervraag]:
    """Every question as the public register and the yearly report read it: the organisation asked (the
    first recipient), its first deadline, the top of the ladder reached, and the asking committee.
    Only the committee (`commissie_id`) is exposed of `gesteld_door`: the griffie member's name is not
    public, and the answer's `door` is never read."""
    return Kamervraag.objects.annotate(
        **afleidingen_uit_stilten(LABEL), commissie_id=F("gesteld_door__organisatie_id")
    )
