from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Model
from django.urls import reverse
from django.utils import timezone

from schakel.core import ledger
from schakel.core.models import LedgerEvent
from schakel.noodremmen.models import Anonimiteit, Niveau, Noodrem
from schakel.noodremmen.workflow import NoodremStatus
from schakel.organisaties.models import Lid, Organisatie
from schakel.signalen.models import Signaal
from schakel.signalen.workflow import SignaalStatus


def start_overview() -> dict[str, int]:
    now = timezone.now()
    return {
        "organisaties": Organisatie.objects.count(),
        "signalen_open": Signaal.objects.filter(status=SignaalStatus.OPEN).count(),
        "signalen_te_laat": Signaal.objects.filter(status=SignaalStatus.OPEN, uiterlijk__lt=now).count(),
        "noodremmen_open": Noodrem.objects.filter(status=NoodremStatus.GETROKKEN).count(),
        "noodremmen_te_laat": Noodrem.objects.filter(
            status=NoodremStatus.GETROKKEN, uiterlijk__lt=now
        ).count(),
        "gebeurtenissen": LedgerEvent.objects.count(),
    }


# --- Presentation reads for the web pages -----------------------------------------------------------

KIND_LABELS = {
    "casus.vastgelegd": "Casus vastgelegd",
    "casus.gecorrigeerd": "Tekst van de casus gecorrigeerd",
    "casus.status": "Status van de casus gewijzigd",
    "beraad.gestart": "Moreel beraad gestart",
    "beraad.bijdrage": "Bijdrage aan het beraad",
    "beraad.status": "Beraad afgerond",
    "maatwerkbesluit.genomen": "Maatwerkbesluit genomen",
    "signaal.gegeven": "Signaal gegeven",
    "signaal.status": "Status van het signaal gewijzigd",
    "signaal.geescaleerd": "Termijn verstreken: geëscaleerd",
    "signaal.stilte": "Termijn verstreken: stilte vastgelegd",
    "noodrem.getrokken": "Aan de noodrem getrokken",
    "noodrem.status": "Noodrem beantwoord",
    "noodrem.bericht": "Bericht",
    "noodrem.geescaleerd": "Termijn verstreken: geëscaleerd",
    "noodrem.stilte": "Termijn verstreken: stilte vastgelegd",
    "opdracht.aangemaakt": "Opdracht aangemaakt",
    "opdracht.gewijzigd": "Opdracht gewijzigd",
    "opdracht.status": "Status van de opdracht gewijzigd",
    "regel.aangemaakt": "Regel vastgelegd",
}

ACTOR_LABELS = {
    "systeem": "Schakel (automatisch)",
    "burger": "Een burger",
    "vertrouwelijk": "Vertrouwelijke melder",
    "anoniem": "Anonieme melder",
    "ontvangstcode": "Indiener (met ontvangstcode)",
}


@dataclass(frozen=True)
class Gebeurtenis:
    seq: int
    at: dt.datetime
    wat: str
    wie: str


def lid_label(lid: Lid) -> str:
    """A member as role and organisation; names of people are not shown."""
    return f"{lid.get_rol_display()} bij {lid.organisatie.naam}"


def tijdlijn(item: Model) -> list[Gebeurtenis]:
    """The item's own ledger events, with actors shown as role and organisation (never a hidden puller:
    the ledger records those as 'vertrouwelijk' or 'anoniem')."""
    events = list(ledger.events_for(item))
    refs = {e.actor.removeprefix("lid:") for e in events if e.actor.startswith("lid:")}
    leden = {str(m.uuid): m for m in Lid.objects.filter(uuid__in=refs).select_related("organisatie")}

    def wie(actor: str) -> str:
        if actor.startswith("lid:"):
            m = leden.get(actor.removeprefix("lid:"))
            return lid_label(m) if m else "Een lid"
        return ACTOR_LABELS.get(actor, actor)

    return [
        Gebeurtenis(
            seq=e.seq,
            at=dt.datetime.fromisoformat(e.at),
            wat=KIND_LABELS.get(e.kind, e.kind),
            wie=wie(e.actor),
        )
        for e in events
    ]


def logboek_ok() -> bool:
    return ledger.verify().ok


def noodrem_titel(n: Noodrem) -> str:
    if n.niveau == Niveau.BURGER:
        soort = n.get_burger_soort_display() or "Bezwaar of klacht"
        return f"{soort} van een burger" + (f" (kenmerk {n.zaak_kenmerk})" if n.zaak_kenmerk else "")
    onderwerp = n.onderwerp
    if onderwerp is None:
        return f"Noodrem ({n.get_niveau_display()})"
    return f"Noodrem over {onderwerp._meta.verbose_name} “{onderwerp}”"


def melder_tekst(n: Noodrem) -> str:
    """Who pulled, as far as the reader may know. A confidential or anonymous puller is never named,
    not even by organisation."""
    if n.niveau == Niveau.BURGER:
        return "Een burger, zonder account"
    if n.anonimiteit == Anonimiteit.GENOEMD and n.getrokken_door is not None:
        return lid_label(n.getrokken_door)
    if n.anonimiteit == Anonimiteit.VERTROUWELIJK:
        return "Vertrouwelijk: alleen de vertrouwenspersoon weet wie dit meldde"
    return "Anoniem"


def onderwerp_url(item: Model | None) -> str | None:
    if item is None:
        return None
    name = {"casus": "web:casus", "regel": "web:regel"}.get(item._meta.model_name or "")
    return reverse(name, args=[item.uuid]) if name else None  # type: ignore[attr-defined]
