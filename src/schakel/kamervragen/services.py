"""Parliament's direct line: questions from a Kamercommissie-griffie to an executive organisation."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from schakel.casussen.pseudonymise import pseudonymise
from schakel.core import ledger
from schakel.core.errors import GeenToegang, OngeldigeOvergang, ValidatieFout, require
from schakel.core.obligations import escalate, notify, require_motivering, require_recipient, start_fields
from schakel.core.terms import termijn_voor
from schakel.core.workflow import lock
from schakel.kamervragen.models import Kamervraag, KamervraagAntwoord, KamervraagStatus
from schakel.kamervragen.workflow import kamervraag_transition
from schakel.organisaties.ladder import Ontvanger, first_step
from schakel.organisaties.models import Lid, Organisatie, Rol, Soort
from schakel.regels.models import Regel


def kamervraag_stellen(
    *,
    door: Lid,
    organisatie: Organisatie,
    vraag: str,
    regel: Regel | None = None,
    now: dt.datetime | None = None,
) -> Kamervraag:
    now = now or timezone.now()
    if not (door.actief and door.rol == Rol.GRIFFIE and door.organisatie.soort == Soort.PARLEMENT):
        raise GeenToegang("Alleen de griffie van een Kamercommissie stelt een Kamervraag.", field="door")
    if organisatie.soort in (Soort.PARLEMENT, Soort.MINISTERIE, Soort.OMBUDSMAN):
        raise ValidatieFout(
            "Een Kamervraag via deze lijn gaat aan een uitvoerende organisatie.", field="organisatie"
        )
    vraag = pseudonymise(require_motivering(vraag, field="vraag", wat="vraag"))
    require(len(vraag) <= 20_000, "De vraag is te lang (hoogstens 20.000 tekens).", field="vraag")
    ontvanger = Ontvanger(organisatie, Rol.BESTUUR)  # parliament asks the organisation's board
    termijn = termijn_voor("kamervraag")
    with transaction.atomic():
        kv = Kamervraag.objects.create(
            vraag=vraag, gesteld_door=door, regel=regel, **start_fields(ontvanger, now=now, termijn=termijn)
        )
        ledger.append(
            "kamervraag.gesteld",
            subject=kv,
            actor=door.ledger_ref,
            data={
                "organisatie": str(organisatie.uuid),
                "vraag": vraag,
                "regel": str(regel.uuid) if regel else None,
                "uiterlijk": kv.uiterlijk.isoformat(),
            },
        )
        notify(
            ontvanger,
            soort="kamervraag",
            item=kv,
            now=now,
            tekst="Er is een Kamervraag aan uw organisatie gesteld.",
        )
    return kv


def kamervraag_beantwoorden(
    *, kamervraag: Kamervraag, door: Lid, tekst: str, now: dt.datetime | None = None
) -> KamervraagAntwoord:
    now = now or timezone.now()
    tekst = pseudonymise(require_motivering(tekst, field="tekst", wat="antwoord"))
    with transaction.atomic():
        kamervraag = lock(kamervraag)
        if kamervraag.status != KamervraagStatus.GESTELD:
            raise OngeldigeOvergang("Deze Kamervraag is al beantwoord.", field="status")
        require_recipient(door, kamervraag)
        antwoord = KamervraagAntwoord.objects.create(
            kamervraag=kamervraag, tekst=tekst, door=door, gegeven_op=now
        )
        Kamervraag.objects.filter(pk=kamervraag.pk).update(beantwoord_op=now)
        kamervraag.beantwoord_op = now
        kamervraag_transition(
            kamervraag,
            to=KamervraagStatus.BEANTWOORD,
            actor=door.ledger_ref,
            data={"antwoord": str(antwoord.uuid), "tekst": tekst, "op_tijd": now <= kamervraag.uiterlijk},
        )
        notify(
            first_step(kamervraag.gesteld_door.organisatie),
            soort="antwoord",
            item=kamervraag,
            now=now,
            tekst="Uw Kamervraag is beantwoord.",
        )
    return antwoord


def kamervraag_escalate(*, kamervraag: Kamervraag, now: dt.datetime | None = None) -> bool:
    """Silence shows: one step up the ladder of the organisation when the term passed unanswered."""
    now = now or timezone.now()
    with transaction.atomic():
        kamervraag = lock(kamervraag)
        if kamervraag.status != KamervraagStatus.GESTELD:
            return False
        return escalate(kamervraag, now=now, termijn=termijn_voor("kamervraag"))
