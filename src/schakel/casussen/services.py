from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from schakel.beginselen.selectors import beginselen_by_codes
from schakel.casussen.models import (
    Beraad,
    Bijdrage,
    Casus,
    CasusVersie,
    Maatwerkbesluit,
    Perspectief,
    Uitkomst,
)
from schakel.casussen.pseudonymise import pseudonymise
from schakel.casussen.workflow import BeraadStatus, CasusStatus, beraad_transition, casus_transition
from schakel.core import ledger
from schakel.core.errors import GeenToegang, OngeldigeOvergang, ValidatieFout, require
from schakel.core.obligations import motivering_ok, require_motivering
from schakel.core.taal import brontekst
from schakel.core.workflow import lock
from schakel.organisaties.models import Lid, Rol
from schakel.precedenten.selectors import tegengestelde_precedenten
from schakel.precedenten.services import casus_indexeren, patroon_check
from schakel.regels.models import Regel

BEHANDELROLLEN: set[str] = {Rol.PROFESSIONAL, Rol.TEAMLEIDER, Rol.MAATWERKCOORDINATOR}


def _require_member(door: Lid, casus: Casus, rollen: set[str] | None = None) -> None:
    if not door.actief or door.organisatie_id != casus.organisatie_id or (rollen and door.rol not in rollen):
        raise GeenToegang("Alleen de organisatie die de casus behandelt kan dit doen.", field="door")


def _clean_text(value: str, *, field: str, label: str, max_length: int | None = None) -> str:
    value = (value or "").strip()
    require(bool(value), f"Vul {label} in.", field=field)
    if max_length:
        require(
            len(value) <= max_length,
            f"{label.capitalize()} is te lang (hoogstens {max_length} tekens).",
            field=field,
        )
    return pseudonymise(value)


def casus_create(
    *,
    door: Lid,
    titel: str,
    omschrijving: str,
    regels: Sequence[Regel],
    beginsel_codes: Sequence[str] = (),
    now: dt.datetime | None = None,
) -> Casus:
    """Record a case in which a rule works out unjustly. Text is pseudonymised before it is stored."""
    now = now or timezone.now()
    if not (door.actief and door.rol in BEHANDELROLLEN):
        raise GeenToegang(
            "Alleen een professional, teamleider of maatwerkcoördinator legt een casus vast.", field="door"
        )
    titel = _clean_text(titel, field="titel", label="de titel", max_length=200)
    omschrijving = _clean_text(omschrijving, field="omschrijving", label="de omschrijving")
    require(bool(regels), "Noem ten minste één regel die in deze casus knelt.", field="regels")
    beginselen = beginselen_by_codes(beginsel_codes)
    with transaction.atomic():
        casus = Casus.objects.create(
            titel=titel, omschrijving=omschrijving, organisatie=door.organisatie, behandelaar=door
        )
        casus.regels.set(regels)
        casus.beginselen.set(beginselen)
        CasusVersie.objects.create(
            casus=casus, versie=1, titel=titel, omschrijving=omschrijving, door=door, op=now
        )
        ledger.append(
            "casus.vastgelegd",
            subject=casus,
            actor=door.ledger_ref,
            data={
                "titel": titel,
                "omschrijving": omschrijving,
                "organisatie": str(door.organisatie.uuid),
                "regels": [str(r.uuid) for r in regels],
                "beginselen": [b.code for b in beginselen],
            },
        )
        casus_indexeren(casus)
    return casus


def casus_correct(
    *, casus: Casus, door: Lid, titel: str, omschrijving: str, now: dt.datetime | None = None
) -> Casus:
    """A correction is a new version; every earlier text stays in CasusVersie and the ledger."""
    now = now or timezone.now()
    _require_member(door, casus, BEHANDELROLLEN)
    titel = _clean_text(titel, field="titel", label="de titel", max_length=200)
    omschrijving = _clean_text(omschrijving, field="omschrijving", label="de omschrijving")
    with transaction.atomic():
        casus = lock(casus)
        versie = casus.versie + 1
        CasusVersie.objects.create(
            casus=casus, versie=versie, titel=titel, omschrijving=omschrijving, door=door, op=now
        )
        Casus.objects.filter(pk=casus.pk).update(titel=titel, omschrijving=omschrijving, versie=versie)
        casus.refresh_from_db()
        ledger.append(
            "casus.gecorrigeerd",
            subject=casus,
            actor=door.ledger_ref,
            data={"versie": versie, "titel": titel, "omschrijving": omschrijving},
        )
        casus_indexeren(casus)
    return casus


def casus_afsluiten(*, casus: Casus, door: Lid, motivering: str) -> Casus:
    """Close a case in which the rule was followed after all; the reason is on the record."""
    _require_member(door, casus, BEHANDELROLLEN)
    motivering = require_motivering(motivering, field="motivering")
    with transaction.atomic():
        casus = lock(casus)
        casus_transition(
            casus, to=CasusStatus.AFGEROND, actor=door.ledger_ref, data={"motivering": motivering}
        )
        casus_indexeren(casus)
    return casus


def beraad_start(*, casus: Casus, door: Lid, vraag: str, deelnemers: Sequence[Lid]) -> Beraad:
    """Open a moral deliberation; the chair is a maatwerkcoördinator of the casus's organisation."""
    _require_member(door, casus, {Rol.MAATWERKCOORDINATOR})
    vraag = _clean_text(vraag, field="vraag", label="de vraag aan het beraad")
    require(bool(deelnemers), "Nodig ten minste één deelnemer uit.", field="deelnemers")
    require(all(d.actief for d in deelnemers), "Alle deelnemers moeten actief lid zijn.", field="deelnemers")
    with transaction.atomic():
        casus = lock(casus)
        if casus.beraden.filter(status=BeraadStatus.OPEN).exists():
            raise OngeldigeOvergang("Er loopt al een beraad over deze casus.", field="casus")
        beraad = Beraad.objects.create(casus=casus, voorzitter=door, vraag=vraag)
        beraad.deelnemers.set(deelnemers)
        if casus.status != CasusStatus.IN_BERAAD:
            casus_transition(casus, to=CasusStatus.IN_BERAAD, actor=door.ledger_ref)
        ledger.append(
            "beraad.gestart",
            subject=beraad,
            actor=door.ledger_ref,
            data={"casus": str(casus.uuid), "vraag": vraag, "deelnemers": [str(d.uuid) for d in deelnemers]},
        )
    return beraad


def bijdrage_add(*, beraad: Beraad, door: Lid, perspectief: str, tekst: str) -> Bijdrage:
    """One contribution per perspective, by an invited participant or the chair."""
    require(perspectief in Perspectief.values, f"Onbekend perspectief {perspectief!r}.", field="perspectief")
    tekst = pseudonymise(require_motivering(tekst, field="tekst", wat="bijdrage"))
    with transaction.atomic():
        beraad = lock(beraad)
        if beraad.status != BeraadStatus.OPEN:
            raise OngeldigeOvergang("Dit beraad is afgerond.", field="beraad")
        if door.pk != beraad.voorzitter_id and not beraad.deelnemers.filter(pk=door.pk).exists():
            raise GeenToegang("Alleen uitgenodigde deelnemers dragen bij.", field="door")
        if beraad.bijdragen.filter(perspectief=perspectief).exists():
            raise ValidatieFout(
                f"Het perspectief '{brontekst(Perspectief(perspectief).label)}' heeft al een bijdrage.",
                field="perspectief",
            )
        bijdrage = Bijdrage.objects.create(beraad=beraad, perspectief=perspectief, tekst=tekst, door=door)
        ledger.append(
            "beraad.bijdrage",
            subject=beraad,
            actor=door.ledger_ref,
            data={"bijdrage": str(bijdrage.uuid), "perspectief": perspectief, "tekst": tekst},
        )
    return bijdrage


def beraad_conclude(
    *,
    beraad: Beraad,
    door: Lid,
    uitkomst: str,
    motivering: str,
    regel: Regel | None = None,
    signaal_titel: str = "",
    now: dt.datetime | None = None,
) -> Beraad:
    """Record the outcome. A solve raises a structural signaal about the rule with the casus as evidence."""
    from schakel.signalen.models import SignaalBron
    from schakel.signalen.services import signaal_raise

    require(uitkomst in Uitkomst.values, "Kies fix, solve of geen actie.", field="uitkomst")
    motivering = require_motivering(motivering, field="motivering")
    with transaction.atomic():
        beraad = lock(beraad)
        if door.pk != beraad.voorzitter_id:
            raise GeenToegang("Alleen de voorzitter rondt het beraad af.", field="door")
        casus = beraad.casus
        if uitkomst == Uitkomst.SOLVE:
            require(regel is not None, "Noem bij een solve de regel die moet veranderen.", field="regel")
            assert regel is not None
            require(
                casus.regels.filter(pk=regel.pk).exists(),
                "Die regel hoort niet bij deze casus.",
                field="regel",
            )
        Beraad.objects.filter(pk=beraad.pk).update(
            uitkomst=uitkomst, motivering=motivering, afgerond_op=now or timezone.now()
        )
        beraad_transition(
            beraad,
            to=BeraadStatus.AFGEROND,
            actor=door.ledger_ref,
            data={"uitkomst": uitkomst, "motivering": motivering},
        )
        casus = lock(casus)
        if casus.status == CasusStatus.IN_BERAAD:
            casus_transition(casus, to=CasusStatus.OPEN, actor=door.ledger_ref)
        if uitkomst == Uitkomst.SOLVE and regel is not None:
            signaal_raise(
                door=door,
                regel=regel,
                titel=signaal_titel or f"Structureel knelpunt: {regel.titel}",
                knelpunt=motivering,
                casussen=[casus],
                bron=SignaalBron.BERAAD,
                beginsel_codes=list(casus.beginselen.values_list("code", flat=True)),
                now=now,
            )
        beraad.refresh_from_db()
        casus_indexeren(Casus.objects.get(pk=beraad.casus_id))
    return beraad


def maatwerkbesluit_take(
    *,
    casus: Casus,
    door: Lid,
    regel: Regel,
    beginsel_codes: Sequence[str],
    besluit: str,
    motivering: str,
    beraad: Beraad | None = None,
    vervangt: Maatwerkbesluit | None = None,
    motivering_verschil: str = "",
    now: dt.datetime | None = None,
) -> Maatwerkbesluit:
    """Deviate from a named rule in one casus, citing principles. A correction replaces, never edits.

    When a highly similar casus on the same rule was closed without deviating, the decision must also
    motivate the difference; the precedents and that motivation go on the record."""
    now = now or timezone.now()
    _require_member(door, casus, BEHANDELROLLEN)
    require(casus.regels.filter(pk=regel.pk).exists(), "Die regel hoort niet bij deze casus.", field="regel")
    beginselen = beginselen_by_codes(beginsel_codes)
    require(bool(beginselen), "Noem ten minste één beginsel waarop de afwijking steunt.", field="beginselen")
    besluit = _clean_text(besluit, field="besluit", label="het besluit")
    motivering = pseudonymise(require_motivering(motivering, field="motivering"))
    if beraad is not None:
        require(beraad.casus_id == casus.pk, "Dat beraad gaat over een andere casus.", field="beraad")
    tegengesteld = tegengestelde_precedenten(casus, regel_uuid=str(regel.uuid), organisatie=door.organisatie)
    motivering_verschil = (motivering_verschil or "").strip()
    if tegengesteld:
        if not motivering_ok(motivering_verschil):
            titels = "; ".join(f"'{p.casus.titel}'" for p in tegengesteld[:3])
            raise ValidatieFout(
                f"Een sterk vergelijkbare casus over deze regel werd zonder afwijking afgesloten ({titels}). "
                "Motiveer waarom deze casus anders is.",
                field="motivering_verschil",
            )
        motivering_verschil = pseudonymise(motivering_verschil)
    else:
        motivering_verschil = ""
    with transaction.atomic():
        casus = lock(casus)
        if casus.status == CasusStatus.IN_BERAAD:
            raise OngeldigeOvergang("Rond eerst het beraad af.", field="casus")
        if vervangt is not None:
            require(
                vervangt.casus_id == casus.pk,
                "Het vervangen besluit hoort bij een andere casus.",
                field="vervangt",
            )
            if Maatwerkbesluit.objects.filter(vervangt=vervangt).exists():
                raise OngeldigeOvergang("Dat besluit is al vervangen.", field="vervangt")
        mb = Maatwerkbesluit.objects.create(
            casus=casus,
            regel=regel,
            besluit=besluit,
            motivering=motivering,
            door=door,
            genomen_op=now,
            beraad=beraad,
            vervangt=vervangt,
            motivering_verschil=motivering_verschil,
            precedenten=[str(p.casus.uuid) for p in tegengesteld],
        )
        mb.beginselen.set(beginselen)
        ledger.append(
            "maatwerkbesluit.genomen",
            subject=mb,
            actor=door.ledger_ref,
            data={
                "casus": str(casus.uuid),
                "regel": str(regel.uuid),
                "beginselen": [b.code for b in beginselen],
                "besluit": besluit,
                "motivering": motivering,
                "vervangt": str(vervangt.uuid) if vervangt else None,
                "precedenten": [str(p.casus.uuid) for p in tegengesteld],
                "motivering_verschil": motivering_verschil,
            },
        )
        if casus.status == CasusStatus.OPEN:
            casus_transition(
                casus, to=CasusStatus.AFGEROND, actor=door.ledger_ref, data={"maatwerkbesluit": str(mb.uuid)}
            )
        casus_indexeren(casus)
        patroon_check(regel=regel, organisatie=casus.organisatie, now=now)
    return mb
