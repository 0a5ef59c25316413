"""Mijn werkvoorraad: the open items a member must answer, most urgent first (overdue before the rest)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from schakel.core.models import Notificatie
from schakel.core.obligations import Verplichting
from schakel.noodremmen.models import Noodrem
from schakel.noodremmen.workflow import NoodremStatus
from schakel.organisaties.ladder import roles_acted_for
from schakel.organisaties.models import Lid
from schakel.signalen.models import Signaal
from schakel.signalen.workflow import SignaalStatus


@dataclass(frozen=True)
class Taak:
    soort: str  # "signaal" | "noodrem"
    item: Verplichting
    te_laat: bool
    uiterlijk: dt.datetime


def werkvoorraad(lid: Lid, *, now: dt.datetime) -> list[Taak]:
    rollen = roles_acted_for(lid)
    signalen = Signaal.objects.filter(
        status=SignaalStatus.OPEN, ontvanger_organisatie=lid.organisatie, ontvanger_rol__in=rollen
    ).select_related("regel", "ontvanger_organisatie")
    noodremmen = Noodrem.objects.filter(
        status=NoodremStatus.GETROKKEN, ontvanger_organisatie=lid.organisatie, ontvanger_rol__in=rollen
    ).select_related("ontvanger_organisatie")
    taken = [Taak("signaal", s, s.is_te_laat(now), s.uiterlijk) for s in signalen]
    taken += [Taak("noodrem", n, n.is_te_laat(now), n.uiterlijk) for n in noodremmen]
    return sorted(taken, key=lambda t: (not t.te_laat, t.uiterlijk))


def meldingen(lid: Lid) -> QuerySet[Notificatie]:
    """Notifications for the roles this member acts for in their organisation, newest first."""
    return Notificatie.objects.filter(
        ontvanger_organisatie=lid.organisatie, ontvanger_rol__in=roles_acted_for(lid)
    ).order_by("-aangemaakt_op", "-pk")
