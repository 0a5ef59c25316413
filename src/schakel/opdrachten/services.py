from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from schakel.core import ledger
from schakel.core.errors import GeenToegang, OngeldigeOvergang, require
from schakel.core.obligations import notify, require_motivering
from schakel.core.taal import bronweergave
from schakel.core.workflow import lock
from schakel.opdrachten.models import (
    BesluitKeuze,
    Opdracht,
    OpdrachtBesluit,
    OpdrachtVersie,
    Uitvoerbaar,
    Uitvoeringstoets,
)
from schakel.opdrachten.workflow import OpdrachtStatus, opdracht_transition
from schakel.organisaties.ladder import Ontvanger, first_step
from schakel.organisaties.models import Lid, Organisatie, Rol, Soort
from schakel.regels.models import Regel

OPDRACHTGEVER_ROLLEN = {Rol.BELEIDSDIRECTIE, Rol.BEWINDSPERSOON}
TOETS_ROLLEN = {Rol.BESTUUR, Rol.TEAMLEIDER, Rol.MAATWERKCOORDINATOR}


def _require_opdrachtgever(door: Lid, opdracht: Opdracht) -> None:
    if not (
        door.actief and door.organisatie_id == opdracht.opdrachtgever_id and door.rol in OPDRACHTGEVER_ROLLEN
    ):
        raise GeenToegang(
            "Alleen de beleidsdirectie of bewindspersoon van de opdrachtgever kan dit.", field="door"
        )


def opdracht_create(
    *,
    door: Lid,
    uitvoerder: Organisatie,
    titel: str,
    omschrijving: str,
    regel: Regel | None = None,
    now: dt.datetime | None = None,
) -> Opdracht:
    now = now or timezone.now()
    if not (door.actief and door.organisatie.soort == Soort.MINISTERIE and door.rol in OPDRACHTGEVER_ROLLEN):
        raise GeenToegang(
            "Alleen de beleidsdirectie of bewindspersoon van een ministerie geeft een opdracht.", field="door"
        )
    require(
        uitvoerder.soort not in (Soort.MINISTERIE, Soort.PARLEMENT),
        "De uitvoerder moet een uitvoerende organisatie zijn.",
        field="uitvoerder",
    )
    titel = (titel or "").strip()
    require(bool(titel) and len(titel) <= 200, "Geef een titel van hoogstens 200 tekens.", field="titel")
    omschrijving = require_motivering(omschrijving, field="omschrijving", wat="omschrijving")
    with transaction.atomic():
        opdracht = Opdracht.objects.create(
            titel=titel,
            omschrijving=omschrijving,
            opdrachtgever=door.organisatie,
            uitvoerder=uitvoerder,
            regel=regel,
            aangemaakt_door=door,
        )
        OpdrachtVersie.objects.create(
            opdracht=opdracht, versie=1, titel=titel, omschrijving=omschrijving, op=now
        )
        ledger.append(
            "opdracht.aangemaakt",
            subject=opdracht,
            actor=door.ledger_ref,
            data={
                "titel": titel,
                "omschrijving": omschrijving,
                "uitvoerder": str(uitvoerder.uuid),
                "regel": str(regel.uuid) if regel else None,
            },
        )
    return opdracht


def opdracht_request_toets(*, opdracht: Opdracht, door: Lid, now: dt.datetime | None = None) -> Opdracht:
    now = now or timezone.now()
    _require_opdrachtgever(door, opdracht)
    with transaction.atomic():
        opdracht = lock(opdracht)
        opdracht_transition(
            opdracht,
            to=OpdrachtStatus.TOETS_GEVRAAGD,
            actor=door.ledger_ref,
            data={"versie": opdracht.versie},
        )
        notify(
            Ontvanger(opdracht.uitvoerder, Rol.BESTUUR),
            soort="toets",
            item=opdracht,
            now=now,
            tekst=f"Uitvoeringstoets gevraagd: {opdracht.titel}",
        )
    return opdracht


def toets_submit(
    *,
    opdracht: Opdracht,
    door: Lid,
    uitvoerbaar: str,
    kosten: str,
    doorlooptijd: str,
    ict: str,
    effect_burgers: str,
    ondergrenzen: str,
    waardenafweging: str,
    voorwaarden: str = "",
    now: dt.datetime | None = None,
) -> Uitvoeringstoets:
    """The executor's assessment. Quality is always linked to means: ondergrenzen and costs are required."""
    now = now or timezone.now()
    if not (door.actief and door.organisatie_id == opdracht.uitvoerder_id and door.rol in TOETS_ROLLEN):
        raise GeenToegang(
            "Alleen de uitvoerder (bestuur of teamleider) geeft de uitvoeringstoets.", field="door"
        )
    require(uitvoerbaar in Uitvoerbaar.values, "Kies ja, onder voorwaarden of nee.", field="uitvoerbaar")
    values = {
        "kosten": kosten,
        "doorlooptijd": doorlooptijd,
        "ict": ict,
        "effect_burgers": effect_burgers,
        "ondergrenzen": ondergrenzen,
        "waardenafweging": waardenafweging,
    }
    for field, value in values.items():
        require(bool((value or "").strip()), "Dit onderdeel van de toets is verplicht.", field=field)
    values = {k: v.strip() for k, v in values.items()}
    if uitvoerbaar == Uitvoerbaar.ONDER_VOORWAARDEN:
        require(bool((voorwaarden or "").strip()), "Noem de voorwaarden.", field="voorwaarden")
    with transaction.atomic():
        opdracht = lock(opdracht)
        if opdracht.status != OpdrachtStatus.TOETS_GEVRAAGD:
            raise OngeldigeOvergang("Er is geen uitvoeringstoets gevraagd.", field="status")
        toets = Uitvoeringstoets.objects.create(
            opdracht=opdracht,
            opdracht_versie=opdracht.versie,
            uitvoerbaar=uitvoerbaar,
            voorwaarden=(voorwaarden or "").strip(),
            door=door,
            gegeven_op=now,
            **values,
        )
        opdracht_transition(
            opdracht,
            to=OpdrachtStatus.GETOETST,
            actor=door.ledger_ref,
            data={
                "toets": str(toets.uuid),
                "uitvoerbaar": uitvoerbaar,
                "voorwaarden": toets.voorwaarden,
                **values,
            },
        )
        notify(
            first_step(opdracht.opdrachtgever),
            soort="toets",
            item=opdracht,
            now=now,
            tekst=f"Uitvoeringstoets ontvangen ({bronweergave(toets, 'uitvoerbaar')}): {opdracht.titel}",
        )
    return toets


def opdracht_decide(
    *,
    opdracht: Opdracht,
    door: Lid,
    keuze: str,
    motivering: str,
    gewogen_toets: Uitvoeringstoets | None = None,
    weging_toets: str = "",
    now: dt.datetime | None = None,
) -> OpdrachtBesluit:
    """The noodsignaal gate: a decision after a 'nee' or 'onder voorwaarden' toets must name that toets
    and weigh it explicitly; otherwise nothing is recorded."""
    now = now or timezone.now()
    _require_opdrachtgever(door, opdracht)
    require(keuze in BesluitKeuze.values, "Kies vaststellen of intrekken.", field="keuze")
    motivering = require_motivering(motivering, field="motivering")
    with transaction.atomic():
        opdracht = lock(opdracht)
        if opdracht.status != OpdrachtStatus.GETOETST:
            raise OngeldigeOvergang("Een besluit volgt op een uitvoeringstoets.", field="status")
        laatste = opdracht.toetsen.order_by("-gegeven_op", "-pk").first()
        assert laatste is not None
        if laatste.negatief:
            require(
                gewogen_toets is not None and gewogen_toets.pk == laatste.pk,
                f"De uitvoeringstoets zegt '{bronweergave(laatste, 'uitvoerbaar')}': weeg die toets uitdrukkelijk "
                "mee in het besluit.",
                field="gewogen_toets",
            )
            weging_toets = require_motivering(weging_toets, field="weging_toets", wat="weging van de toets")
        besluit = OpdrachtBesluit.objects.create(
            opdracht=opdracht,
            keuze=keuze,
            motivering=motivering,
            gewogen_toets=gewogen_toets,
            weging_toets=(weging_toets or "").strip(),
            door=door,
            genomen_op=now,
        )
        to = OpdrachtStatus.VASTGESTELD if keuze == BesluitKeuze.VASTSTELLEN else OpdrachtStatus.INGETROKKEN
        opdracht_transition(
            opdracht,
            to=to,
            actor=door.ledger_ref,
            data={
                "besluit": str(besluit.uuid),
                "keuze": keuze,
                "motivering": motivering,
                "toets": str(laatste.uuid),
                "uitvoerbaar": laatste.uitvoerbaar,
                "weging_toets": besluit.weging_toets,
            },
        )
    return besluit


def opdracht_amend(*, opdracht: Opdracht, omschrijving: str, actor: str, now: dt.datetime) -> Opdracht:
    """A new version of the text after a return; the caller holds the lock and owns the transition."""
    versie = opdracht.versie + 1
    OpdrachtVersie.objects.create(
        opdracht=opdracht, versie=versie, titel=opdracht.titel, omschrijving=omschrijving, op=now
    )
    Opdracht.objects.filter(pk=opdracht.pk).update(omschrijving=omschrijving, versie=versie)
    opdracht.omschrijving, opdracht.versie = omschrijving, versie
    ledger.append(
        "opdracht.gewijzigd",
        subject=opdracht,
        actor=actor,
        data={"versie": versie, "omschrijving": omschrijving},
    )
    return opdracht
