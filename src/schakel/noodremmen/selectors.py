from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from uuid import UUID

from django.conf import settings
from django.db.models import QuerySet

from schakel.core.errors import NietGevonden
from schakel.core.terms import AMSTERDAM
from schakel.noodremmen.models import Niveau, Noodrem, NoodremAntwoord, TeruggaveKeuze
from schakel.noodremmen.receipt import code_hash, normalise
from schakel.noodremmen.workflow import NoodremStatus
from schakel.organisaties.models import Lid, Organisatie, Rol


def noodrem_get(uuid: UUID | str) -> Noodrem:
    try:
        return Noodrem.objects.select_related("ontvanger_organisatie").get(uuid=uuid)
    except (Noodrem.DoesNotExist, ValueError) as exc:
        raise NietGevonden("Deze noodrem bestaat niet.", field="noodrem") from exc


def noodrem_by_receipt(code: str) -> Noodrem:
    """The one item a receipt code opens. Same error for a wrong and a malformed code."""
    noodrem = None
    if len(normalise(code)) == 25:
        noodrem = Noodrem.objects.filter(ontvangstcode_hash=code_hash(code)).first()
    if noodrem is None:
        raise NietGevonden("Geen noodrem gevonden bij deze ontvangstcode.", field="ontvangstcode")
    return noodrem


def noodremmen_overdue(now: dt.datetime) -> QuerySet[Noodrem]:
    return Noodrem.objects.filter(status=NoodremStatus.GETROKKEN, uiterlijk__lt=now).order_by(
        "uiterlijk", "pk"
    )


def melder_zichtbaar_voor(lid: Lid) -> QuerySet[Noodrem]:
    """Confidential brakes whose puller the given vertrouwenspersoon may see: those pulled from their organisation."""
    if lid.rol != Rol.VERTROUWENSPERSOON or not lid.actief:
        return Noodrem.objects.none()
    return Noodrem.objects.filter(melder__lid__organisatie=lid.organisatie).select_related(
        "melder__lid__gebruiker"
    )


@dataclass(frozen=True)
class Budget:
    limiet: int
    besteed: int
    periode_start: dt.datetime

    @property
    def over(self) -> int:
        return max(0, self.limiet - self.besteed)


def periode_start(now: dt.datetime, periode: str) -> dt.datetime:
    local = now.astimezone(AMSTERDAM)
    month = 3 * ((local.month - 1) // 3) + 1 if periode == "kwartaal" else 1
    return local.replace(month=month, day=1, hour=0, minute=0, second=0, microsecond=0)


def terugverwijzingsbudget(organisatie: Organisatie, now: dt.datetime) -> Budget:
    """Like a hockey video referral: a return that is upheld (withdrawn or amended) is not spent."""
    start = periode_start(now, settings.SCHAKEL_TERUGVERWIJZING_PERIODE)
    returns = Noodrem.objects.filter(
        niveau=Niveau.ORGANISATIE, van_organisatie=organisatie, ingediend_op__gte=start
    )
    upheld = (
        NoodremAntwoord.objects.filter(
            noodrem__in=returns, teruggave_keuze__in=[TeruggaveKeuze.INTREKKEN, TeruggaveKeuze.WIJZIGEN]
        )
        .values("noodrem")
        .distinct()
        .count()
    )
    return Budget(settings.SCHAKEL_TERUGVERWIJZINGEN_PER_PERIODE, returns.count() - upheld, start)
