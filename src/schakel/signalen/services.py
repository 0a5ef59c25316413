from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from schakel.beginselen.selectors import beginselen_by_codes
from schakel.casussen.models import Casus
from schakel.casussen.pseudonymise import pseudonymise
from schakel.core import ledger
from schakel.core.errors import OngeldigeOvergang, require
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
from schakel.organisaties.ladder import Ontvanger
from schakel.organisaties.models import Lid
from schakel.regels.models import Regel
from schakel.signalen.models import Signaal, SignaalAntwoord, SignaalBron
from schakel.signalen.workflow import SignaalStatus, signaal_transition


def signaal_raise(
    *,
    door: Lid,
    regel: Regel,
    titel: str,
    knelpunt: str,
    casussen: Sequence[Casus] = (),
    beginsel_codes: Sequence[str] = (),
    bron: str = SignaalBron.HANDMATIG,
    now: dt.datetime | None = None,
) -> Signaal:
    """Raise a knelpunt about a rule; it goes to the rule's owner, who must answer within the term."""
    now = now or timezone.now()
    require(door.actief, "Alleen een actief lid kan een signaal geven.", field="door")
    titel = pseudonymise((titel or "").strip())
    require(bool(titel), "Geef het signaal een titel.", field="titel")
    require(len(titel) <= 200, "De titel is te lang (hoogstens 200 tekens).", field="titel")
    knelpunt = pseudonymise(
        require_motivering(knelpunt, field="knelpunt", wat="beschrijving van het knelpunt")
    )
    require(bron in SignaalBron.values, f"Onbekende bron {bron!r}.", field="bron")
    beginselen = beginselen_by_codes(beginsel_codes)
    ontvanger = Ontvanger(regel.eigenaar_organisatie, regel.eigenaar_rol)
    termijn = termijn_voor("signaal")
    with transaction.atomic():
        signaal = Signaal.objects.create(
            regel=regel,
            titel=titel,
            knelpunt=knelpunt,
            indiener=door,
            bron=bron,
            **start_fields(ontvanger, now=now, termijn=termijn),
        )
        signaal.casussen.set(casussen)
        signaal.beginselen.set(beginselen)
        ledger.append(
            "signaal.gegeven",
            subject=signaal,
            actor=door.ledger_ref,
            data={
                "regel": str(regel.uuid),
                "titel": titel,
                "knelpunt": knelpunt,
                "bron": bron,
                "casussen": [str(c.uuid) for c in casussen],
                "beginselen": [b.code for b in beginselen],
                "ontvanger": {"organisatie": str(ontvanger.organisatie.uuid), "rol": ontvanger.rol},
                "termijn": signaal.termijn,
                "uiterlijk": signaal.uiterlijk.isoformat(),
            },
        )
        notify(
            ontvanger,
            soort="nieuw",
            item=signaal,
            now=now,
            tekst=f"Nieuw signaal over een regel die u beheert: {regel.titel}",
        )
    return signaal


def signaal_answer(
    *,
    signaal: Signaal,
    door: Lid,
    soort: str,
    toelichting: str,
    maatregel: str = "",
    gereed_op: dt.date | None = None,
    per_beginsel: dict[str, str] | None = None,
    now: dt.datetime | None = None,
) -> SignaalAntwoord:
    """Comply (what will change, by when) or explain (why not, per principle invoked)."""
    now = now or timezone.now()
    with transaction.atomic():
        signaal = lock(signaal)
        if signaal.status != SignaalStatus.OPEN:
            raise OngeldigeOvergang("Dit signaal is al beantwoord.", field="status")
        require_recipient(door, signaal)
        codes = list(signaal.beginselen.values_list("code", flat=True))
        fields = validate_answer(
            soort=soort,
            toelichting=toelichting,
            maatregel=maatregel,
            gereed_op=gereed_op,
            per_beginsel=per_beginsel or {},
            codes=codes,
            ingediend_op=signaal.ingediend_op,
        )
        if soort == AntwoordSoort.COMPLY:
            require(gereed_op is not None, "Zeg wanneer de verandering klaar is.", field="gereed_op")
        antwoord, data = record_answer(
            signaal, antwoord_model=SignaalAntwoord, door=door, fields=fields, now=now
        )
        signaal_transition(signaal, to=SignaalStatus.BEANTWOORD, actor=door.ledger_ref, data=data)
        notify(
            Ontvanger(signaal.indiener.organisatie, signaal.indiener.rol),
            soort="antwoord",
            item=signaal,
            now=now,
            tekst=f"Uw signaal over {signaal.regel.titel} is beantwoord ({soort}).",
        )
    return antwoord


def signaal_afronden(
    *, signaal: Signaal, door: Lid, toelichting: str, now: dt.datetime | None = None
) -> Signaal:
    """Close an answered signal: opgelost after comply (the change is made), afgewezen after explain."""
    now = now or timezone.now()
    toelichting = require_motivering(toelichting, field="toelichting", wat="toelichting")
    with transaction.atomic():
        signaal = lock(signaal)
        require_recipient(door, signaal)
        antwoord = signaal.antwoorden.order_by("-gegeven_op").first()
        if antwoord is None:
            raise OngeldigeOvergang("Een signaal wordt pas afgerond na een antwoord.", field="status")
        to = SignaalStatus.OPGELOST if antwoord.soort == AntwoordSoort.COMPLY else SignaalStatus.AFGEWEZEN
        signaal_transition(signaal, to=to, actor=door.ledger_ref, data={"toelichting": toelichting})
        notify(
            Ontvanger(signaal.indiener.organisatie, signaal.indiener.rol),
            soort="afgerond",
            item=signaal,
            now=now,
            tekst=f"Uw signaal is afgerond: {bronweergave(signaal, 'status')}",
        )
    return signaal


def signaal_escalate(*, signaal: Signaal, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    with transaction.atomic():
        signaal = lock(signaal)
        if signaal.status != SignaalStatus.OPEN:
            return False
        return escalate(signaal, now=now, termijn=termijn_voor("signaal"))
