"""Mijn werkvoorraad: the open items a member must answer, most urgent first (overdue before the rest).

An open item is unanswered (answering is what closes it), so "overdue first, then by term" is simply
ascending term: every overdue term lies before now, every other one after it. That makes the merged
list of signalen, noodremmen and Kamervragen pageable by keyset on (uiterlijk, soort, id) with two
indexed queries per kind per page, however many items a big organisation has open."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from schakel.core.models import Notificatie
from schakel.core.obligations import Verplichting
from schakel.kamervragen.models import Kamervraag, KamervraagStatus
from schakel.noodremmen.models import Noodrem
from schakel.noodremmen.titel import noodrem_titel
from schakel.noodremmen.workflow import NoodremStatus
from schakel.organisaties.ladder import roles_acted_for
from schakel.organisaties.models import Lid
from schakel.signalen.models import Signaal
from schakel.signalen.workflow import SignaalStatus
from schakel.toegang.selectors import onderwerp_verborgen_voor

# Tie-break between kinds on the same term: signalen before noodremmen, as the unpaged list had it.
SOORTEN = ("signaal", "noodrem", "kamervraag")


@dataclass(frozen=True)
class Taak:
    soort: str  # one of SOORTEN
    item: Verplichting
    te_laat: bool
    uiterlijk: dt.datetime
    noem_onderwerp: bool = True  # False: the brake reached the member, its subject did not


@dataclass(frozen=True)
class Positie:
    """Where a page starts or ends in the werkvoorraad order."""

    uiterlijk: dt.datetime
    soort: str
    pk: int

    @classmethod
    def van(cls, taak: Taak) -> Positie:
        return cls(taak.uiterlijk, taak.soort, taak.item.pk)

    def sleutel(self) -> tuple[dt.datetime, int, int]:
        return (self.uiterlijk, SOORTEN.index(self.soort), self.pk)


@dataclass(frozen=True)
class Pagina:
    taken: list[Taak]
    heeft_vorige: bool
    heeft_volgende: bool


def _open_items(lid: Lid) -> dict[str, QuerySet[Any]]:
    rollen = roles_acted_for(lid)
    return {
        "signaal": Signaal.objects.filter(
            status=SignaalStatus.OPEN, ontvanger_organisatie=lid.organisatie, ontvanger_rol__in=rollen
        ),
        "noodrem": Noodrem.objects.filter(
            status=NoodremStatus.GETROKKEN, ontvanger_organisatie=lid.organisatie, ontvanger_rol__in=rollen
        ),
        "kamervraag": Kamervraag.objects.filter(
            status=KamervraagStatus.GESTELD, ontvanger_organisatie=lid.organisatie, ontvanger_rol__in=rollen
        ),
    }


# What a row shows (kind, title, term, escalation, days left) and nothing else: a page builds 50 items
# and the models they name, and every column left out is one value less to parse and hold.
_VERPLICHTING = ("uuid", "termijn", "uiterlijk", "escalatieniveau", "beantwoord_op")
_REGEL = ("titel", "bwb_id", "artikel")  # what str(regel) shows


def _rows(soort: str, pks: list[int]) -> QuerySet[Any]:
    """The rows of one page, by primary key, with what `taak_titel` and the row need."""
    if soort == "signaal":
        return Signaal.objects.filter(pk__in=pks).only(*_VERPLICHTING, "titel")
    if soort == "noodrem":
        # The title names the brake's subject (a maatwerkbesluit by its regel): joined in, not per row.
        return (
            Noodrem.objects.filter(pk__in=pks)
            .select_related("casus", "regel", "maatwerkbesluit__regel", "maatwerkbesluit__casus", "opdracht")
            .only(
                *_VERPLICHTING,
                "niveau",
                "burger_soort",
                "zaak_kenmerk",
                "casus__titel",
                "casus__organisatie",
                "casus__gedeeld",
                *(f"{regel}__{veld}" for regel in ("regel", "maatwerkbesluit__regel") for veld in _REGEL),
                "maatwerkbesluit__casus__organisatie",
                "maatwerkbesluit__casus__gedeeld",
                "opdracht__titel",
                "opdracht__opdrachtgever",
                "opdracht__uitvoerder",
            )
        )
    # Parliament asks the board; the row names the asking committee.
    return (
        Kamervraag.objects.filter(pk__in=pks)
        .select_related("gesteld_door__organisatie")
        .only(*_VERPLICHTING, "gesteld_door__organisatie__naam")
    )


def taak_titel(taak: Taak) -> str:
    """A row's title in the active language: the web page and the API show the same one."""
    item: Any = taak.item
    if taak.soort == "noodrem":
        return noodrem_titel(item, noem_onderwerp=taak.noem_onderwerp)
    if taak.soort == "kamervraag":
        return gettext("Kamervraag van %(commissie)s") % {"commissie": item.gesteld_door.organisatie.naam}
    return str(item)


def _beyond(soort: str, positie: Positie, *, forward: bool) -> Q:
    """Rows of this kind strictly after (or before) the position in the werkvoorraad order."""
    voorbij = "gt" if forward else "lt"
    q = Q(**{f"uiterlijk__{voorbij}": positie.uiterlijk})
    eigen, andere = SOORTEN.index(soort), SOORTEN.index(positie.soort)
    if eigen == andere:
        q |= Q(uiterlijk=positie.uiterlijk, **{f"pk__{voorbij}": positie.pk})
    elif (eigen > andere) == forward:
        q |= Q(uiterlijk=positie.uiterlijk)
    # Implied by q, but PostgreSQL cannot derive it from the OR: stated, the inbox index seeks to the
    # position instead of reading the organisation's open items from the start (6 ms → 1 ms at 2,010).
    return Q(**{f"uiterlijk__{voorbij}e": positie.uiterlijk}) & q


def werkvoorraad_pagina(
    lid: Lid,
    *,
    now: dt.datetime,
    aantal: int,
    soort: str | None = None,
    te_laat: bool | None = None,
    na: Positie | None = None,
    voor: Positie | None = None,
) -> Pagina:
    """One page of the werkvoorraad: after `na`, before `voor`, or from the top."""
    forward = voor is None
    grens = voor if voor is not None else na
    volgorde = ("uiterlijk", "pk") if forward else ("-uiterlijk", "-pk")
    # The page's keys first, from the inbox index alone, merged over the kinds and cut to the page;
    # then the rows and their joins for those keys only. As one query (a join, or keys in a subquery),
    # PostgreSQL joined every open item of the busiest organisation (2,010 brakes at national scale,
    # 36-300 ms) before cutting the page; and reading a full page of rows per kind before the cut
    # built up to three times the model instances a page shows.
    posities: list[Positie] = []
    for naam, qs in _open_items(lid).items():
        if soort is not None and naam != soort:
            continue
        if te_laat is True:
            qs = qs.filter(uiterlijk__lt=now)
        elif te_laat is False:
            qs = qs.filter(uiterlijk__gte=now)
        if grens is not None:
            qs = qs.filter(_beyond(naam, grens, forward=forward))
        sleutels = qs.order_by(*volgorde).values_list("uiterlijk", "pk")[: aantal + 1]
        posities += [Positie(uiterlijk, naam, pk) for uiterlijk, pk in sleutels]
    posities.sort(key=Positie.sleutel, reverse=not forward)
    meer = len(posities) > aantal
    posities = posities[:aantal]
    items: dict[tuple[str, int], Any] = {}
    for naam in SOORTEN:
        if pks := [p.pk for p in posities if p.soort == naam]:
            items.update(((naam, item.pk), item) for item in _rows(naam, pks))
    verborgen = onderwerp_verborgen_voor(
        lid, [item for (naam, _), item in items.items() if naam == "noodrem"]
    )
    rijen = []
    for p in posities:
        if (item := items.get((p.soort, p.pk))) is None:
            continue  # rows are never deleted; this only guards against a key read a moment earlier
        noem = not (p.soort == "noodrem" and p.pk in verborgen)
        rijen.append(Taak(p.soort, item, item.is_te_laat(now), item.uiterlijk, noem_onderwerp=noem))
    if forward:
        return Pagina(rijen, heeft_vorige=na is not None, heeft_volgende=meer)
    return Pagina(rijen[::-1], heeft_vorige=meer, heeft_volgende=True)


def werkvoorraad_aantal(lid: Lid) -> int:
    return sum(qs.count() for qs in _open_items(lid).values())


def meldingen(lid: Lid) -> QuerySet[Notificatie]:
    """Notifications for the roles this member acts for in their organisation, newest first."""
    return Notificatie.objects.filter(
        ontvanger_organisatie=lid.organisatie, ontvanger_rol__in=roles_acted_for(lid)
    ).order_by("-aangemaakt_op", "-pk")
