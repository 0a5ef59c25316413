"""Reads for the opdracht pages: what a member's organisation gave and received, one opdracht with its
versions, toetsen, decisions and brakes, and what the member may do with it. The services decide again
on every write; these answers only choose which buttons and forms a page shows."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, QuerySet

from schakel.noodremmen.models import Niveau, Noodrem
from schakel.noodremmen.selectors import Budget, terugverwijzingsbudget
from schakel.noodremmen.workflow import NoodremStatus
from schakel.opdrachten.models import Opdracht, Uitvoeringstoets
from schakel.opdrachten.services import OPDRACHTGEVER_ROLLEN, TOETS_ROLLEN
from schakel.organisaties.models import Lid, Organisatie, Rol, Soort
from schakel.toegang.selectors import noodremmen_visible_for, opdrachten_visible_for


def mag_opdracht_geven(lid: Lid) -> bool:
    return lid.actief and lid.organisatie.soort == Soort.MINISTERIE and lid.rol in OPDRACHTGEVER_ROLLEN


def is_opdrachtgever(lid: Lid, opdracht: Opdracht) -> bool:
    return lid.actief and lid.organisatie_id == opdracht.opdrachtgever_id and lid.rol in OPDRACHTGEVER_ROLLEN


def mag_toetsen(lid: Lid, opdracht: Opdracht) -> bool:
    return lid.actief and lid.organisatie_id == opdracht.uitvoerder_id and lid.rol in TOETS_ROLLEN


def mag_teruggeven(lid: Lid, opdracht: Opdracht) -> bool:
    return lid.actief and lid.organisatie_id == opdracht.uitvoerder_id and lid.rol == Rol.BESTUUR


def uitvoerders() -> QuerySet[Organisatie]:
    """Organisations that can carry out an opdracht (the service refuses ministries and parliament)."""
    return Organisatie.objects.exclude(
        soort__in=[Soort.MINISTERIE, Soort.PARLEMENT, Soort.OMBUDSMAN]
    ).order_by("naam", "pk")


def _open_returns() -> Prefetch:
    return Prefetch(
        "noodremmen",
        queryset=Noodrem.objects.filter(
            niveau=Niveau.ORGANISATIE, status=NoodremStatus.GETROKKEN
        ).select_related("ontvanger_organisatie"),
        to_attr="open_teruggaven",
    )


def opdrachten_van(lid: Lid) -> tuple[list[Opdracht], list[Opdracht]]:
    """(given, received) by the member's organisation, newest first; each with `open_teruggaven`, the
    unanswered return whose term the list shows."""
    qs = (
        opdrachten_visible_for(lid)
        .select_related("opdrachtgever", "uitvoerder")
        .prefetch_related(_open_returns())
        .order_by("-aangemaakt_op", "-pk")
    )
    org = lid.organisatie_id
    alle = list(qs)
    return [o for o in alle if o.opdrachtgever_id == org], [o for o in alle if o.uitvoerder_id == org]


def opdracht_voor(lid: Lid, uuid: str) -> Opdracht | None:
    return (
        opdrachten_visible_for(lid)
        .select_related("opdrachtgever", "uitvoerder", "regel", "aangemaakt_door__organisatie")
        .prefetch_related(
            "versies",
            Prefetch("toetsen", queryset=Uitvoeringstoets.objects.select_related("door__organisatie")),
            "besluiten__door__organisatie",
            "besluiten__gewogen_toets",
            _open_returns(),
        )
        .filter(uuid=uuid)
        .first()
    )


def laatste_toets(opdracht: Opdracht) -> Uitvoeringstoets | None:
    """The toets of the current version, from the prefetched list (the decision weighs this one)."""
    toetsen = sorted(opdracht.toetsen.all(), key=lambda t: (t.gegeven_op, t.pk))
    return toetsen[-1] if toetsen else None


def noodremmen_over(lid: Lid, opdracht: Opdracht) -> QuerySet[Noodrem]:
    return (
        noodremmen_visible_for(lid)
        .filter(opdracht=opdracht)
        .select_related("ontvanger_organisatie")
        .order_by("ingediend_op", "pk")
    )


def budget_voor(organisatie: Organisatie, now: dt.datetime) -> Budget:
    """The referral budget as the executor sees it: returns left in this period."""
    return terugverwijzingsbudget(organisatie, now)


def is_uitvoerder(lid: Lid) -> bool:
    """Ministries, parliament and the ombudsman give or oversee opdrachten; they have no referral budget."""
    return lid.organisatie.soort not in (Soort.MINISTERIE, Soort.PARLEMENT, Soort.OMBUDSMAN)
