"""Reads for the casework pages: what a member may see and choose, fetched in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from schakel.casussen.models import Beraad, Casus, Maatwerkbesluit
from schakel.casussen.workflow import BeraadStatus
from schakel.organisaties.models import Lid, Organisatie
from schakel.precedenten.models import Voorstel, Zoekdocument
from schakel.precedenten.selectors import Precedent, tegengestelde_precedenten, vergelijkbaar
from schakel.regels.models import Regel
from schakel.toegang.selectors import beraden_visible_for, casussen_visible_for, maatwerkbesluiten_visible_for

ZOEK_LIMIET = 25


def regels_te_kiezen() -> QuerySet[Regel]:
    return Regel.objects.order_by("titel", "pk")


def organisaties_te_kiezen() -> QuerySet[Organisatie]:
    return Organisatie.objects.order_by("naam", "pk")


def deelnemers_te_kiezen() -> QuerySet[Lid]:
    """Every active member of every organisation: a beraad brings the whole system into the room."""
    return (
        Lid.objects.filter(actief=True)
        .select_related("organisatie", "gebruiker")
        .order_by("organisatie__naam", "organisatie_id", "rol", "gebruiker__username")
    )


def casus_voor(member: Lid, uuid: str) -> Casus:
    return (
        casussen_visible_for(member)
        .select_related("organisatie", "behandelaar__organisatie")
        .prefetch_related("regels")
        .get(uuid=uuid)
    )


def beraad_voor(member: Lid, uuid: str) -> Beraad:
    return (
        beraden_visible_for(member)
        .select_related("casus__organisatie", "voorzitter__organisatie")
        .prefetch_related("deelnemers__organisatie", "bijdragen__door__organisatie", "casus__regels")
        .get(uuid=uuid)
    )


def maatwerkbesluit_voor(member: Lid, uuid: str) -> Maatwerkbesluit:
    return (
        maatwerkbesluiten_visible_for(member)
        .select_related("casus__organisatie", "regel", "door__organisatie", "beraad", "vervangt")
        .prefetch_related("beginselen")
        .get(uuid=uuid)
    )


def afgeronde_beraden(casus: Casus) -> QuerySet[Beraad]:
    return casus.beraden.filter(status=BeraadStatus.AFGEROND).order_by("-aangemaakt_op", "-pk")


def voorstellen_voor(member: Lid) -> QuerySet[Voorstel]:
    return (
        Voorstel.objects.filter(organisatie=member.organisatie)
        .select_related("regel", "signaal")
        .order_by("-aangemaakt_op", "-pk")
    )


def voorstel_voor(member: Lid, uuid: str) -> Voorstel:
    return voorstellen_voor(member).prefetch_related("casussen").get(uuid=uuid)


def tegengesteld_per_regel(casus: Casus, organisatie: Organisatie) -> dict[str, list[Precedent]]:
    """Per rule of the casus: earlier highly similar casussen closed without deviating from it."""
    result = {}
    for regel in casus.regels.all():
        found = tegengestelde_precedenten(casus, regel_uuid=str(regel.uuid), organisatie=organisatie)
        if found:
            result[str(regel.uuid)] = found
    return result


def casussen_gefilterd(member: Lid, filters: dict[str, Any]) -> QuerySet[Casus]:
    qs = casussen_visible_for(member).select_related("organisatie")
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("organisatie"):
        qs = qs.filter(organisatie__code=filters["organisatie"])
    if filters.get("regel"):
        qs = qs.filter(regels__uuid=filters["regel"])
    return qs.distinct().order_by("-aangemaakt_op", "-pk")


@dataclass(frozen=True)
class Zoekresultaat:
    casus: Casus
    document: Zoekdocument
    waarom: str


def _periode(filters: dict[str, Any]) -> tuple[dt.datetime | None, dt.datetime | None]:
    """Whole days in Amsterdam time: 'tot en met' includes the last day."""
    van: dt.date | None = filters.get("van")
    tot: dt.date | None = filters.get("tot")
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(van, dt.time.min, tzinfo=tz) if van else None
    end = dt.datetime.combine(tot + dt.timedelta(days=1), dt.time.min, tzinfo=tz) if tot else None
    return start, end


def zoek_casussen(member: Lid, filters: dict[str, Any]) -> list[Zoekresultaat]:
    """With words: the precedent search ranks by similarity. Without: the newest casussen matching the
    filters. Both see the member's own organisation and what is shared with the learning network."""
    tekst = (filters.get("q") or "").strip()
    periode = _periode(filters)
    if tekst:
        found = vergelijkbaar(
            organisatie=member.organisatie,
            tekst=tekst,
            uitkomst=filters.get("uitkomst") or None,
            regel=filters.get("regel") or None,
            beginsel=filters.get("beginsel") or None,
            van_organisatie=filters.get("organisatie") or None,
            periode=periode,
            limit=ZOEK_LIMIET,
        )
        return [Zoekresultaat(p.casus, p.document, p.waarom) for p in found]
    qs = Zoekdocument.objects.filter(Q(organisatie=member.organisatie) | Q(gedeeld=True))
    if filters.get("uitkomst"):
        qs = qs.filter(uitkomst=filters["uitkomst"])
    if filters.get("organisatie"):
        qs = qs.filter(organisatie__code=filters["organisatie"])
    if periode[0]:
        qs = qs.filter(datum__gte=periode[0])
    if periode[1]:
        qs = qs.filter(datum__lt=periode[1])
    if filters.get("regel"):
        qs = qs.filter(regels__contains=filters["regel"])
    if filters.get("beginsel"):
        qs = qs.filter(beginselen__contains=filters["beginsel"])
    docs = qs.select_related("casus__organisatie").order_by("-datum", "-pk")[: ZOEK_LIMIET * 2]
    # Rules and principles are space-separated in the document; 'contains' may match part of a code.
    result = []
    for d in docs:
        if filters.get("regel") and filters["regel"] not in d.regels.split():
            continue
        if filters.get("beginsel") and filters["beginsel"] not in d.beginselen.split():
            continue
        result.append(Zoekresultaat(d.casus, d, ""))
        if len(result) == ZOEK_LIMIET:
            break
    return result
