from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from schakel.beginselen.models import Beginsel
from schakel.beginselen.selectors import beginselen_by_codes
from schakel.casussen.models import Casus, Maatwerkbesluit
from schakel.casussen.pseudonymise import pseudonymise
from schakel.core import ledger
from schakel.core.errors import BudgetOp, GeenToegang, OngeldigeOvergang, ValidatieFout, require
from schakel.core.obligations import (
    AntwoordSoort,
    escalate,
    notify,
    record_answer,
    require_motivering,
    require_recipient,
    start_fields,
    validate_answer,
)
from schakel.core.taal import bronweergave
from schakel.core.terms import termijn_voor
from schakel.core.workflow import lock
from schakel.noodremmen.models import (
    Anonimiteit,
    Bericht,
    BurgerSoort,
    Niveau,
    Noodrem,
    NoodremAntwoord,
    NoodremMelder,
    TeruggaveKeuze,
)
from schakel.noodremmen.receipt import code_hash, new_code
from schakel.noodremmen.selectors import terugverwijzingsbudget
from schakel.noodremmen.workflow import NoodremStatus, noodrem_transition
from schakel.opdrachten.models import Opdracht
from schakel.opdrachten.services import opdracht_amend
from schakel.opdrachten.workflow import OpdrachtStatus, opdracht_transition
from schakel.organisaties.ladder import Ontvanger, first_step
from schakel.organisaties.models import Lid, Organisatie, Rol
from schakel.regels.models import Regel


@dataclass(frozen=True)
class Getrokken:
    noodrem: Noodrem
    ontvangstcode: str | None  # shown once to the puller; only its hash is stored
    beginselen: tuple[Beginsel, ...]  # the principles it was pulled on, in the order given


def _recipient(
    niveau: str,
    *,
    casus: Casus | None,
    regel: Regel | None,
    maatwerkbesluit: Maatwerkbesluit | None,
    opdracht: Opdracht | None,
    zaak_organisatie: Organisatie | None,
) -> Ontvanger:
    if niveau == Niveau.ORGANISATIE:
        assert opdracht is not None
        return first_step(opdracht.opdrachtgever)
    if casus is not None:
        return first_step(casus.organisatie)
    if regel is not None:
        return Ontvanger(regel.eigenaar_organisatie, regel.eigenaar_rol)
    if maatwerkbesluit is not None:
        return first_step(maatwerkbesluit.casus.organisatie)
    if opdracht is not None:
        return Ontvanger(opdracht.uitvoerder, Rol.BESTUUR)
    assert zaak_organisatie is not None
    return first_step(zaak_organisatie)


def noodrem_pull(
    *,
    niveau: str,
    beginsel_codes: Sequence[str],
    motivering: str,
    door: Lid | None = None,
    anonimiteit: str = Anonimiteit.GENOEMD,
    casus: Casus | None = None,
    regel: Regel | None = None,
    maatwerkbesluit: Maatwerkbesluit | None = None,
    opdracht: Opdracht | None = None,
    zaak_organisatie: Organisatie | None = None,
    zaak_kenmerk: str = "",
    burger_soort: str = "",
    now: dt.datetime | None = None,
) -> Getrokken:
    """Pull an emergency brake. It needs a subject, at least one principle and a real motivation; the
    recipient must comply or explain within the term. Anyone in any participating organisation may pull a
    professional brake; a citizen needs no account and follows the brake with the receipt code."""
    now = now or timezone.now()
    require(niveau in Niveau.values, f"Onbekend niveau {niveau!r}.", field="niveau")
    require(anonimiteit in Anonimiteit.values, f"Onbekende keuze {anonimiteit!r}.", field="anonimiteit")
    subjects = [s for s in (casus, regel, maatwerkbesluit, opdracht) if s is not None]
    zaak_kenmerk = (zaak_kenmerk or "").strip()

    if niveau == Niveau.BURGER:
        require(door is None, "Een burger trekt de noodrem zonder account.", field="door")
        require(burger_soort in BurgerSoort.values, "Kies bezwaar of klacht.", field="burger_soort")
        require(
            len(zaak_kenmerk) <= 100, "Het kenmerk is te lang (hoogstens 100 tekens).", field="zaak_kenmerk"
        )
        anonimiteit = Anonimiteit.ANONIEM
    else:
        require(
            door is not None and door.actief,
            "Alleen een actief lid van een deelnemende organisatie kan deze noodrem trekken.",
            field="door",
        )
        require(
            not burger_soort and not zaak_kenmerk, "Bezwaar of klacht is voor burgers.", field="burger_soort"
        )
    if niveau == Niveau.BURGER:
        require(
            len(subjects) + (zaak_organisatie is not None) == 1,
            "Noem de organisatie waar het om gaat, of één casus, regel, besluit of opdracht.",
            field="onderwerp",
        )
    else:
        require(
            len(subjects) == 1 and zaak_organisatie is None,
            "Noem precies één onderwerp: een casus, regel, maatwerkbesluit of opdracht.",
            field="onderwerp",
        )
    if niveau == Niveau.ORGANISATIE:
        assert door is not None
        require(
            opdracht is not None,
            "Een organisatie geeft een opdracht terug: noem de opdracht.",
            field="opdracht",
        )
        assert opdracht is not None
        if door.organisatie_id != opdracht.uitvoerder_id or door.rol != Rol.BESTUUR:
            raise GeenToegang(
                "Alleen het bestuur van de uitvoerder kan een opdracht teruggeven.", field="door"
            )
        require(
            anonimiteit == Anonimiteit.GENOEMD,
            "Een organisatie geeft een opdracht met naam terug.",
            field="anonimiteit",
        )
    beginselen = beginselen_by_codes(beginsel_codes)
    require(
        bool(beginselen),
        "Noem ten minste één beginsel van goed bestuur dat in het geding is.",
        field="beginselen",
    )
    motivering = pseudonymise(require_motivering(motivering, field="motivering"))
    ontvanger = _recipient(
        niveau,
        casus=casus,
        regel=regel,
        maatwerkbesluit=maatwerkbesluit,
        opdracht=opdracht,
        zaak_organisatie=zaak_organisatie,
    )
    termijn = termijn_voor(f"noodrem_{niveau}")
    code = new_code() if anonimiteit != Anonimiteit.GENOEMD else None

    with transaction.atomic():
        if niveau == Niveau.ORGANISATIE:
            assert door is not None and opdracht is not None
            opdracht = lock(opdracht)
            if opdracht.status != OpdrachtStatus.VASTGESTELD:
                raise OngeldigeOvergang(
                    "Alleen een vastgestelde opdracht kan worden teruggegeven.", field="opdracht"
                )
            budget = terugverwijzingsbudget(door.organisatie, now)
            if budget.over <= 0:
                raise BudgetOp(
                    f"Uw organisatie heeft in deze periode al {budget.besteed} van {budget.limiet} "
                    "terugverwijzingen gebruikt die niet zijn toegekend.",
                    field="opdracht",
                )
        noodrem = Noodrem.objects.create(
            niveau=niveau,
            casus=casus,
            regel=regel,
            maatwerkbesluit=maatwerkbesluit,
            opdracht=opdracht,
            zaak_kenmerk=zaak_kenmerk,
            burger_soort=burger_soort,
            motivering=motivering,
            anonimiteit=anonimiteit,
            getrokken_door=door if anonimiteit == Anonimiteit.GENOEMD else None,
            van_organisatie=door.organisatie
            if door is not None and anonimiteit != Anonimiteit.ANONIEM
            else None,
            ontvangstcode_hash=code_hash(code) if code else "",
            **start_fields(ontvanger, now=now, termijn=termijn),
        )
        # A new brake has no principles yet: insert the links without set()'s read of the existing ones.
        Noodrem.beginselen.through.objects.bulk_create(
            [Noodrem.beginselen.through(noodrem=noodrem, beginsel=b) for b in beginselen]
        )
        if anonimiteit == Anonimiteit.VERTROUWELIJK:
            assert door is not None
            NoodremMelder.objects.create(noodrem=noodrem, lid=door)
        actor = (
            door.ledger_ref
            if anonimiteit == Anonimiteit.GENOEMD and door
            else ("burger" if niveau == Niveau.BURGER else str(anonimiteit))
        )
        onderwerp = noodrem.onderwerp
        ledger.append(
            "noodrem.getrokken",
            subject=noodrem,
            actor=actor,
            data={
                "niveau": niveau,
                "onderwerp": {"type": onderwerp._meta.model_name, "uuid": str(onderwerp.uuid)}
                if onderwerp
                else None,
                "zaak_organisatie": str(zaak_organisatie.uuid) if zaak_organisatie else None,
                "zaak_kenmerk": zaak_kenmerk,
                "burger_soort": burger_soort,
                "beginselen": [b.code for b in beginselen],
                "motivering": motivering,
                "anonimiteit": anonimiteit,
                "ontvanger": {"organisatie": str(ontvanger.organisatie.uuid), "rol": ontvanger.rol},
                "termijn": noodrem.termijn,
                "uiterlijk": noodrem.uiterlijk.isoformat(),
            },
        )
        if niveau == Niveau.ORGANISATIE:
            assert opdracht is not None
            opdracht_transition(
                opdracht, to=OpdrachtStatus.TERUGGEGEVEN, actor=actor, data={"noodrem": str(noodrem.uuid)}
            )
        notify(
            ontvanger,
            soort="noodrem",
            item=noodrem,
            now=now,
            tekst=f"Er is aan de noodrem getrokken ({bronweergave(noodrem, 'niveau')}). Antwoord uiterlijk "
            f"{timezone.localtime(noodrem.uiterlijk):%d-%m-%Y}: opvolgen of uitleggen.",
        )
    return Getrokken(noodrem, code, tuple(beginselen))


def noodrem_answer(
    *,
    noodrem: Noodrem,
    door: Lid,
    soort: str,
    toelichting: str,
    maatregel: str = "",
    gereed_op: dt.date | None = None,
    per_beginsel: dict[str, str] | None = None,
    teruggave_keuze: str = "",
    kamerbrief: str = "",
    now: dt.datetime | None = None,
) -> NoodremAntwoord:
    """Comply (say what was done) or explain (continue, addressing every principle invoked).

    For a returned opdracht the principal chooses: withdraw or amend (comply) or re-justify (explain);
    a re-justification is the minister's and records the letter that informed parliament."""
    now = now or timezone.now()
    with transaction.atomic():
        noodrem = lock(noodrem)
        if noodrem.status != NoodremStatus.GETROKKEN:
            raise OngeldigeOvergang("Deze noodrem is al beantwoord.", field="status")
        require_recipient(door, noodrem)
        codes = list(noodrem.beginselen.values_list("code", flat=True))
        extra: dict[str, Any] = {}
        if noodrem.niveau == Niveau.ORGANISATIE:
            require(
                teruggave_keuze in TeruggaveKeuze.values,
                "Kies intrekken, wijzigen of herbevestigen.",
                field="teruggave_keuze",
            )
            expected = (
                AntwoordSoort.EXPLAIN
                if teruggave_keuze == TeruggaveKeuze.HERBEVESTIGEN
                else AntwoordSoort.COMPLY
            )
            require(
                soort == expected,
                "Intrekken of wijzigen is opvolgen; herbevestigen is uitleggen.",
                field="soort",
            )
            if teruggave_keuze == TeruggaveKeuze.HERBEVESTIGEN:
                if door.rol != Rol.BEWINDSPERSOON:
                    raise GeenToegang(
                        "Alleen de bewindspersoon kan een teruggegeven opdracht herbevestigen.", field="door"
                    )
                kamerbrief = (kamerbrief or "").strip()
                require(
                    bool(kamerbrief),
                    "Noem het kenmerk van de brief waarmee de Kamer is geïnformeerd.",
                    field="kamerbrief",
                )
            extra = {"teruggave_keuze": teruggave_keuze, "kamerbrief": (kamerbrief or "").strip()}
        elif teruggave_keuze or kamerbrief:
            raise ValidatieFout("Deze velden horen bij een teruggegeven opdracht.", field="teruggave_keuze")
        fields = validate_answer(
            soort=soort,
            toelichting=toelichting,
            maatregel=maatregel,
            gereed_op=gereed_op,
            per_beginsel=per_beginsel or {},
            codes=codes,
            ingediend_op=noodrem.ingediend_op,
        )
        fields["maatregel"] = pseudonymise(fields["maatregel"])
        antwoord, data = record_answer(
            noodrem, antwoord_model=NoodremAntwoord, door=door, fields=fields, now=now, extra=extra
        )
        to = NoodremStatus.OPGEVOLGD if soort == AntwoordSoort.COMPLY else NoodremStatus.UITGELEGD
        noodrem_transition(noodrem, to=to, actor=door.ledger_ref, data=data)
        _notify_puller_side(noodrem, soort=soort, now=now)
        if noodrem.niveau == Niveau.ORGANISATIE:
            _settle_return(
                noodrem,
                teruggave_keuze=teruggave_keuze,
                maatregel=fields["maatregel"],
                actor=door.ledger_ref,
                now=now,
            )
    return antwoord


def _notify_puller_side(noodrem: Noodrem, *, soort: str, now: dt.datetime) -> None:
    """Tell the pulling side an answer came, without revealing a confidential puller to anyone else:
    a named puller's role is told; for a confidential one, the vertrouwenspersoon of their organisation
    (who knows them) is; a citizen or anonymous puller follows the item with the receipt code."""
    tekst = f"Er is een antwoord ({soort}) op een noodrem ({bronweergave(noodrem, 'niveau')})."
    if noodrem.anonimiteit == Anonimiteit.GENOEMD and noodrem.getrokken_door is not None:
        ontvanger = Ontvanger(noodrem.getrokken_door.organisatie, noodrem.getrokken_door.rol)
    elif noodrem.anonimiteit == Anonimiteit.VERTROUWELIJK and noodrem.van_organisatie is not None:
        ontvanger = Ontvanger(noodrem.van_organisatie, Rol.VERTROUWENSPERSOON)
    else:
        return
    notify(ontvanger, soort="antwoord", item=noodrem, now=now, tekst=tekst)


def _settle_return(
    noodrem: Noodrem, *, teruggave_keuze: str, maatregel: str, actor: str, now: dt.datetime
) -> None:
    assert noodrem.opdracht is not None
    opdracht = lock(noodrem.opdracht)
    if teruggave_keuze == TeruggaveKeuze.INTREKKEN:
        opdracht_transition(
            opdracht, to=OpdrachtStatus.INGETROKKEN, actor=actor, data={"noodrem": str(noodrem.uuid)}
        )
    elif teruggave_keuze == TeruggaveKeuze.WIJZIGEN:
        opdracht_amend(opdracht=opdracht, omschrijving=maatregel, actor=actor, now=now)
        opdracht_transition(
            opdracht,
            to=OpdrachtStatus.TOETS_GEVRAAGD,
            actor=actor,
            data={"noodrem": str(noodrem.uuid), "versie": opdracht.versie},
        )
    else:
        opdracht_transition(
            opdracht, to=OpdrachtStatus.VASTGESTELD, actor=actor, data={"noodrem": str(noodrem.uuid)}
        )


def noodrem_escalate(*, noodrem: Noodrem, now: dt.datetime | None = None) -> bool:
    """One step up the ladder when the term passed unanswered; a citizen's brake ends at the ombudsman."""
    now = now or timezone.now()
    with transaction.atomic():
        noodrem = lock(noodrem)
        if noodrem.status != NoodremStatus.GETROKKEN:
            return False
        return escalate(
            noodrem,
            now=now,
            termijn=termijn_voor(f"noodrem_{noodrem.niveau}"),
            via_ombudsman=noodrem.niveau == Niveau.BURGER,
        )


def bericht_add(
    *, noodrem: Noodrem, tekst: str, door: Lid | None = None, now: dt.datetime | None = None
) -> Bericht:
    """A message on a brake: from the citizen (door=None, after opening it with the receipt code) or from
    a member of the recipient organisation."""
    now = now or timezone.now()
    tekst = pseudonymise((tekst or "").strip())
    require(bool(tekst), "Schrijf een bericht.", field="tekst")
    require(len(tekst) <= 5000, "Het bericht is te lang (hoogstens 5000 tekens).", field="tekst")
    if door is None:
        require(
            bool(noodrem.ontvangstcode_hash),
            "Bij deze noodrem horen geen berichten met een ontvangstcode.",
            field="ontvangstcode",
        )
    elif door.organisatie_id != noodrem.ontvanger_organisatie_id:
        raise GeenToegang("Alleen de ontvangende organisatie kan hier berichten sturen.", field="door")
    with transaction.atomic():
        bericht = Bericht.objects.create(noodrem=noodrem, van_burger=door is None, door=door, tekst=tekst)
        ledger.append(
            "noodrem.bericht",
            subject=noodrem,
            actor=door.ledger_ref if door else "ontvangstcode",
            data={"bericht": str(bericht.uuid), "tekst": tekst},
        )
        if door is None:
            notify(
                noodrem.ontvanger,
                soort="bericht",
                item=noodrem,
                now=now,
                tekst="Nieuw bericht bij een noodrem.",
            )
    return bericht
