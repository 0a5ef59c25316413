from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

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
    "casus.vastgelegd": _("Casus vastgelegd"),
    "casus.gecorrigeerd": _("Tekst van de casus gecorrigeerd"),
    "casus.status": _("Status van de casus gewijzigd"),
    "beraad.gestart": _("Moreel beraad gestart"),
    "beraad.bijdrage": _("Bijdrage aan het beraad"),
    "beraad.status": _("Beraad afgerond"),
    "maatwerkbesluit.genomen": _("Maatwerkbesluit genomen"),
    "signaal.gegeven": _("Signaal gegeven"),
    "signaal.status": _("Status van het signaal gewijzigd"),
    "signaal.geescaleerd": _("Termijn verstreken: geëscaleerd"),
    "signaal.stilte": _("Termijn verstreken: stilte vastgelegd"),
    "noodrem.getrokken": _("Aan de noodrem getrokken"),
    "noodrem.status": _("Noodrem beantwoord"),
    "noodrem.bericht": _("Bericht"),
    "noodrem.geescaleerd": _("Termijn verstreken: geëscaleerd"),
    "noodrem.stilte": _("Termijn verstreken: stilte vastgelegd"),
    "opdracht.aangemaakt": _("Opdracht aangemaakt"),
    "opdracht.gewijzigd": _("Opdracht gewijzigd"),
    "opdracht.status": _("Status van de opdracht gewijzigd"),
    "regel.aangemaakt": _("Regel vastgelegd"),
    "casus.gedeeld": _("Casus gedeeld met het lerend netwerk"),
    "voorstel.gedaan": _("Voorstel: van maatwerk naar een structurele oplossing"),
    "voorstel.status": _("Voorstel bevestigd of afgewezen"),
    "kamervraag.gesteld": _("Kamervraag gesteld"),
    "kamervraag.status": _("Kamervraag beantwoord"),
}

# Kinds not named above still read as Dutch, by what their suffix says happened.
KIND_SUFFIX_LABELS = {
    ".status": _("Status gewijzigd"),
    ".geescaleerd": _("Termijn verstreken: geëscaleerd"),
    ".stilte": _("Termijn verstreken: stilte vastgelegd"),
}


def kind_label(kind: str) -> str:
    if kind in KIND_LABELS:
        return str(KIND_LABELS[kind])
    suffix = kind[kind.rfind(".") :]
    return str(KIND_SUFFIX_LABELS.get(suffix, kind))


ACTOR_LABELS = {
    "systeem": _("Schakel (automatisch)"),
    "burger": _("Een burger"),
    "vertrouwelijk": _("Vertrouwelijke melder"),
    "anoniem": _("Anonieme melder"),
    "ontvangstcode": _("Indiener (met ontvangstcode)"),
}


@dataclass(frozen=True)
class Gebeurtenis:
    seq: int
    at: dt.datetime
    wat: str
    wie: str


def lid_label(lid: Lid) -> str:
    """A member as role and organisation; names of people are not shown."""
    return gettext("%(rol)s bij %(organisatie)s") % {
        "rol": lid.get_rol_display(),
        "organisatie": lid.organisatie.naam,
    }


def tijdlijn(item: Model) -> list[Gebeurtenis]:
    """The item's own ledger events, with actors shown as role and organisation (never a hidden puller:
    the ledger records those as 'vertrouwelijk' or 'anoniem')."""
    events = list(ledger.events_for(item))
    refs = {e.actor.removeprefix("lid:") for e in events if e.actor.startswith("lid:")}
    leden = {str(m.uuid): m for m in Lid.objects.filter(uuid__in=refs).select_related("organisatie")}

    def wie(actor: str) -> str:
        if actor.startswith("lid:"):
            m = leden.get(actor.removeprefix("lid:"))
            return lid_label(m) if m else gettext("Een lid")
        return str(ACTOR_LABELS.get(actor, actor))

    return [
        Gebeurtenis(
            seq=e.seq,
            at=dt.datetime.fromisoformat(e.at),
            wat=kind_label(e.kind),
            wie=wie(e.actor),
        )
        for e in events
    ]


def logboek_ok(item: Model) -> bool:
    """The item's record is intact: each of its events still hashes to its stored digest and links to
    the event before it. Two queries whatever the ledger's size; the whole chain is `schakel verify`'s
    job, not a page view's (at national scale that is millions of events)."""
    events = list(ledger.events_for(item))
    voorgangers = dict(
        LedgerEvent.objects.filter(seq__in=[e.seq - 1 for e in events]).values_list("seq", "hash")
    )
    for e in events:
        digest = ledger.event_digest(
            e.prev_hash, e.seq, e.at, e.kind, e.subject_type, e.subject_id, e.actor, e.body
        )
        if (
            digest != e.hash
            or voorgangers.get(e.seq - 1, ledger.GENESIS if e.seq == 1 else None) != e.prev_hash
        ):
            return False
    return True


def melder_tekst(n: Noodrem) -> str:
    """Who pulled, as far as the reader may know. A confidential or anonymous puller is never named,
    not even by organisation."""
    if n.niveau == Niveau.BURGER:
        return gettext("Een burger, zonder account")
    if n.anonimiteit == Anonimiteit.GENOEMD and n.getrokken_door is not None:
        return lid_label(n.getrokken_door)
    if n.anonimiteit == Anonimiteit.VERTROUWELIJK:
        return gettext("Vertrouwelijk: alleen de vertrouwenspersoon weet wie dit meldde")
    return gettext("Anoniem")


def onderwerp_url(item: Model | None) -> str | None:
    if item is None:
        return None
    name = {
        "casus": "web:casus",
        "regel": "web:regel",
        "maatwerkbesluit": "web:maatwerkbesluit",
        "opdracht": "web:opdracht",
    }.get(item._meta.model_name or "")
    return reverse(name, args=[item.uuid]) if name else None  # type: ignore[attr-defined]
