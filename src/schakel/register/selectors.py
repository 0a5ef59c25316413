"""The public register: every signaal, noodrem, returned opdracht and Kamervraag, without personal data.

What is never read here, so it can never reach a public page or download: `Noodrem.getrokken_door`,
`Noodrem.van_organisatie`, `NoodremMelder`, `Noodrem.motivering` (except an organisation's own return),
`Noodrem.zaak_kenmerk`, `Signaal.indiener`, `Antwoord.door`, receipt-code hashes, berichten, and of a
Kamervraag the griffie member (`gesteld_door` beyond its committee) and who answered.
A citizen's brake shows only organisation, principles, term and answer.
"""

from __future__ import annotations

import datetime as dt
import heapq
import uuid
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import BigIntegerField, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schakel.core.stilten import afleidingen_uit_stilten
from schakel.core.terms import AMSTERDAM
from schakel.kamervragen.models import Kamervraag
from schakel.kamervragen.selectors import kamervragen_publiek
from schakel.noodremmen.models import Niveau, Noodrem, NoodremAntwoord
from schakel.signalen.models import Signaal, SignaalAntwoord

SIGNAAL = "signaal"
NOODREM = "noodrem"
OPDRACHT = "opdracht"
KAMERVRAAG = "kamervraag"
# Labels for the pages (lazy: in the page's language); the feed and the downloads use the keys or brontekst.
SOORTEN = {
    SIGNAAL: _("Signaal (knelpunt)"),
    NOODREM: _("Noodrem"),
    OPDRACHT: _("Teruggegeven opdracht"),
    KAMERVRAAG: _("Kamervraag"),
}

# Short, for after the kind: "Noodrem (burger)". The choices' own labels are written for the form that picks one.
NIVEAUS = {
    Niveau.BURGER: _("burger"),
    Niveau.PROFESSIONAL: _("professional"),
    Niveau.ORGANISATIE: _("organisatie"),
}

OPEN = "open"
TE_LAAT = "te_laat"
OP_TIJD_BEANTWOORD = "op_tijd_beantwoord"
TE_LAAT_BEANTWOORD = "te_laat_beantwoord"
TERMIJNSTATUSSEN = {
    OPEN: _("Open, binnen de termijn"),
    TE_LAAT: _("Open, termijn verstreken"),
    OP_TIJD_BEANTWOORD: _("Op tijd beantwoord"),
    TE_LAAT_BEANTWOORD: _("Te laat beantwoord"),
}

SIGNAAL_LABEL = Signaal._meta.label_lower
NOODREM_LABEL = Noodrem._meta.label_lower


def jaar_grenzen(jaar: int) -> tuple[dt.datetime, dt.datetime]:
    """1 January 00:00 up to (not including) the next 1 January, Dutch time."""
    return dt.datetime(jaar, 1, 1, tzinfo=AMSTERDAM), dt.datetime(jaar + 1, 1, 1, tzinfo=AMSTERDAM)


def _met_afleidingen(qs: QuerySet[Any], label: str, antwoorden: QuerySet[Any], link: str) -> QuerySet[Any]:
    """Annotate what the register and the report derive: the first recipient and deadline (before any
    escalation), the top of the ladder reached, answered within the first term, and the kind of the
    latest answer."""
    laatste = antwoorden.filter(**{link: OuterRef("pk")}).order_by("-gegeven_op", "-pk")
    return qs.annotate(**afleidingen_uit_stilten(label), antwoord_soort=Subquery(laatste.values("soort")[:1]))


def signalen_qs() -> QuerySet[Signaal]:
    return _met_afleidingen(Signaal.objects.all(), SIGNAAL_LABEL, SignaalAntwoord.objects.all(), "signaal")


def noodremmen_qs() -> QuerySet[Noodrem]:
    qs = Noodrem.objects.annotate(
        regel_ref_id=Coalesce(
            F("regel_id"),
            F("maatwerkbesluit__regel_id"),
            F("opdracht__regel_id"),
            output_field=BigIntegerField(),
        )
    )
    return _met_afleidingen(qs, NOODREM_LABEL, NoodremAntwoord.objects.all(), "noodrem")


# --- derived figures as Q objects, shared by the register filters and the report -------------------

Q_BEANTWOORD = Q(beantwoord_op__isnull=False)
# Answered within the first term: no escalation and before the deadline.
Q_OP_TIJD = Q(beantwoord_op__isnull=False, escalatieniveau=0, beantwoord_op__lte=F("uiterlijk"))
Q_TE_LAAT_BEANTWOORD = Q_BEANTWOORD & ~Q_OP_TIJD


def q_termijnstatus(status: str, now: dt.datetime) -> Q:
    if status == OPEN:
        return Q(beantwoord_op__isnull=True, uiterlijk__gte=now)
    if status == TE_LAAT:
        return Q(beantwoord_op__isnull=True, uiterlijk__lt=now)
    if status == OP_TIJD_BEANTWOORD:
        return Q_OP_TIJD
    if status == TE_LAAT_BEANTWOORD:
        return Q_TE_LAAT_BEANTWOORD
    return Q()


def termijnstatus(item: Any, now: dt.datetime) -> str:
    if item.beantwoord_op is None:
        return TE_LAAT if now > item.uiterlijk else OPEN
    if item.escalatieniveau == 0 and item.beantwoord_op <= item.uiterlijk:
        return OP_TIJD_BEANTWOORD
    return TE_LAAT_BEANTWOORD


@dataclass(frozen=True)
class Filters:
    soort: str = ""
    organisatie: str = ""  # organisation code (first recipient)
    regel: str = ""  # regel uuid
    status: str = ""  # a TERMIJNSTATUSSEN key
    jaar: int | None = None
    commissie: str = ""  # organisation code of the committee that asked (Kamervragen only)

    @classmethod
    def uit(cls, data: Any) -> Filters:
        """Parse query parameters; unknown values are ignored (a public page never errors on a filter)."""
        soort = data.get("soort", "")
        status = data.get("status", "")
        jaar_raw = (data.get("jaar") or "").strip()
        jaar = int(jaar_raw) if jaar_raw.isdigit() and 1900 < int(jaar_raw) < 3000 else None
        regel = (data.get("regel") or "").strip()
        try:
            regel = str(uuid.UUID(regel)) if regel else ""
        except ValueError:
            regel = ""
        return cls(
            soort=soort if soort in SOORTEN else "",
            organisatie=(data.get("organisatie") or "").strip()[:40],
            regel=regel,
            status=status if status in TERMIJNSTATUSSEN else "",
            jaar=jaar,
            commissie=(data.get("commissie") or "").strip()[:40],
        )


def _org_pk(code: str) -> int | None:
    from schakel.organisaties.models import Organisatie

    return Organisatie.objects.filter(code=code).values_list("pk", flat=True).first()


def _filter(qs: QuerySet[Any], f: Filters, now: dt.datetime, *, regel_field: str) -> QuerySet[Any]:
    if f.organisatie:
        org = _org_pk(f.organisatie)
        qs = qs.filter(eerste_org_id=org) if org is not None else qs.none()
    if f.regel:
        qs = qs.filter(**{f"{regel_field}__uuid": f.regel}) if regel_field else qs.none()
    if f.status:
        qs = qs.filter(q_termijnstatus(f.status, now))
    if f.jaar:
        start, end = jaar_grenzen(f.jaar)
        qs = qs.filter(ingediend_op__gte=start, ingediend_op__lt=end)
    return qs


def _regel_filter_noodrem(qs: QuerySet[Any], f: Filters) -> QuerySet[Any]:
    if not f.regel:
        return qs
    from schakel.regels.models import Regel

    pk = Regel.objects.filter(uuid=f.regel).values_list("pk", flat=True).first()
    return qs.filter(regel_ref_id=pk).exclude(niveau=Niveau.BURGER) if pk is not None else qs.none()


def _org(o: Any) -> dict[str, str] | None:
    return {"code": o.code, "naam": o.naam} if o is not None else None


def _antwoord(a: Any, *, opdracht: bool) -> dict[str, Any] | None:
    if a is None:
        return None
    result: dict[str, Any] = {
        "soort": a.soort,
        "toelichting": a.toelichting,
        "maatregel": a.maatregel,
        "gereed_op": a.gereed_op.isoformat() if a.gereed_op else None,
        "per_beginsel": a.per_beginsel,
        "gegeven_op": a.gegeven_op.isoformat(),
    }
    if opdracht:
        result["teruggave_keuze"] = a.teruggave_keuze
        result["kamerbrief"] = a.kamerbrief
    return result


def _latest(antwoorden: list[Any]) -> Any:
    return max(antwoorden, key=lambda a: (a.gegeven_op, a.pk)) if antwoorden else None


def _common(item: Any, orgs: dict[int, Any], now: dt.datetime) -> dict[str, Any]:
    return {
        "id": str(item.uuid),
        "organisatie": _org(orgs.get(item.eerste_org_id)),
        "huidige_ontvanger": {**(_org(item.ontvanger_organisatie) or {}), "rol": item.ontvanger_rol},
        "beginselen": sorted(b.code for b in item.beginselen.all()) if hasattr(item, "beginselen") else [],
        "ingediend_op": item.ingediend_op.isoformat(),
        "termijn": item.termijn,
        "uiterlijk": item.uiterlijk.isoformat(),
        "eerste_uiterlijk": item.eerste_uiterlijk.isoformat(),
        "beantwoord_op": item.beantwoord_op.isoformat() if item.beantwoord_op else None,
        "status": item.status,
        "termijnstatus": termijnstatus(item, now),
        "escalatieniveau": item.escalatieniveau,
        "top_bereikt": bool(item.top_bereikt),
        "commissie": None,
        "vraag": "",
    }


def _regel(r: Any) -> dict[str, str] | None:
    return {"id": str(r.uuid), "titel": r.titel, "soort": r.soort} if r is not None else None


def signaal_rij(s: Signaal, orgs: dict[int, Any], now: dt.datetime) -> dict[str, Any]:
    return {
        "soort": SIGNAAL,
        "niveau": "",
        "titel": s.titel,
        "knelpunt": s.knelpunt,
        "bron": s.bron,
        "regel": _regel(s.regel),
        **_common(s, orgs, now),
        "antwoord": _antwoord(_latest(list(s.antwoorden.all())), opdracht=False),
    }


_ONDERWERP = {
    "casus": "over een casus",
    "regel": "over een regel",
    "maatwerkbesluit": "over een maatwerkbesluit",
    "opdracht": "over een opdracht",
}


def noodrem_rij(n: Noodrem, orgs: dict[int, Any], now: dt.datetime) -> dict[str, Any]:
    opdracht = n.niveau == Niveau.ORGANISATIE
    if n.niveau == Niveau.BURGER:
        titel, regel, toelichting = "Bezwaar of klacht van een burger", None, ""
    elif opdracht:
        assert n.opdracht is not None
        titel, regel, toelichting = n.opdracht.titel, n.opdracht.regel, n.motivering
    else:
        soort = next((k for k in _ONDERWERP if getattr(n, f"{k}_id")), "")
        titel = f"Noodrem {_ONDERWERP.get(soort, '')}".strip()
        regel = n.regel or (n.maatwerkbesluit.regel if n.maatwerkbesluit else None)
        regel = regel or (n.opdracht.regel if n.opdracht else None)
        toelichting = ""
    return {
        "soort": OPDRACHT if opdracht else NOODREM,
        "niveau": n.niveau,
        "titel": titel,
        # Only an organisation's own motivation for returning an opdracht is public; a professional's or
        # citizen's motivation can identify them or the citizen.
        "knelpunt": toelichting,
        "bron": "",
        "regel": _regel(regel),
        **_common(n, orgs, now),
        "antwoord": _antwoord(_latest(list(n.antwoorden.all())), opdracht=opdracht),
    }


def _titel_van_vraag(vraag: str) -> str:
    eerste = " ".join(vraag.split())
    return eerste if len(eerste) <= 90 else eerste[:89].rstrip() + "…"


def kamervraag_rij(kv: Kamervraag, orgs: dict[int, Any], now: dt.datetime) -> dict[str, Any]:
    """A question from parliament: no principles and no comply/explain; the answer is plain text."""
    antwoord = getattr(kv, "antwoord", None)
    return {
        "soort": KAMERVRAAG,
        "niveau": "",
        "titel": _titel_van_vraag(kv.vraag),
        "knelpunt": "",
        "bron": "",
        "regel": _regel(kv.regel),
        **_common(kv, orgs, now),
        "commissie": _org(orgs.get(kv.commissie_id)),  # type: ignore[attr-defined]
        "vraag": kv.vraag,
        "antwoord": None
        if antwoord is None
        else {
            "soort": "",
            "toelichting": antwoord.tekst,
            "maatregel": "",
            "gereed_op": None,
            "per_beginsel": {},
            "gegeven_op": antwoord.gegeven_op.isoformat(),
        },
    }


def alle_organisaties() -> dict[int, Any]:
    from schakel.organisaties.models import Organisatie

    return {o.pk: o for o in Organisatie.objects.all()}


def _kamervragen_qs(f: Filters, now: dt.datetime) -> QuerySet[Kamervraag]:
    kv = _filter(
        kamervragen_publiek().select_related("regel", "ontvanger_organisatie", "antwoord"),
        f,
        now,
        regel_field="regel",
    )
    if f.commissie:
        org = _org_pk(f.commissie)
        kv = kv.filter(commissie_id=org) if org is not None else kv.none()
    return kv.order_by("-ingediend_op", "-pk")


def register_querysets(
    f: Filters, now: dt.datetime
) -> tuple[QuerySet[Signaal], QuerySet[Noodrem], QuerySet[Kamervraag]]:
    sig = signalen_qs().select_related("regel", "ontvanger_organisatie")
    nr = noodremmen_qs().select_related(
        "regel", "opdracht__regel", "maatwerkbesluit__regel", "ontvanger_organisatie"
    )
    sig = _filter(sig, f, now, regel_field="regel")
    nr = _regel_filter_noodrem(_filter(nr, replace(f, regel=""), now, regel_field=""), f)
    kv = _kamervragen_qs(f, now)
    if f.soort == SIGNAAL:
        nr, kv = nr.none(), kv.none()
    elif f.soort == NOODREM:
        sig, nr, kv = sig.none(), nr.exclude(niveau=Niveau.ORGANISATIE), kv.none()
    elif f.soort == OPDRACHT:
        sig, nr, kv = sig.none(), nr.filter(niveau=Niveau.ORGANISATIE), kv.none()
    elif f.soort == KAMERVRAAG or f.commissie:
        sig, nr = sig.none(), nr.none()
    sig = sig.prefetch_related("beginselen", "antwoorden").order_by("-ingediend_op", "-pk")
    nr = nr.prefetch_related("beginselen", "antwoorden").order_by("-ingediend_op", "-pk")
    return sig, nr, kv


def register_rijen(
    f: Filters | None = None, *, now: dt.datetime | None = None, offset: int = 0, limit: int | None = None
) -> tuple[list[dict[str, Any]], int]:
    """Public rows, newest first, and the total number that match."""
    now = now or timezone.now()
    f = f or Filters()
    sig, nr, kv = register_querysets(f, now)
    total = sig.count() + nr.count() + kv.count()
    orgs = alle_organisaties()
    end = None if limit is None else offset + limit

    def eerste(qs: QuerySet[Any]) -> QuerySet[Any]:
        return qs if end is None else qs[:end]

    merged = heapq.merge(
        (signaal_rij(s, orgs, now) for s in eerste(sig)),
        (noodrem_rij(n, orgs, now) for n in eerste(nr)),
        (kamervraag_rij(k, orgs, now) for k in eerste(kv)),
        key=lambda r: r["ingediend_op"],
        reverse=True,
    )
    rows = list(merged)
    return rows[offset:end], total


def register_item(uuid: Any, *, now: dt.datetime) -> dict[str, Any] | None:
    """One public row by its uuid, whatever its kind; None when there is none."""
    sig, nr, kv = register_querysets(Filters(), now)
    orgs = alle_organisaties()
    if (s := sig.filter(uuid=uuid).first()) is not None:
        return signaal_rij(s, orgs, now)
    if (n := nr.filter(uuid=uuid).first()) is not None:
        return noodrem_rij(n, orgs, now)
    if (k := kv.filter(uuid=uuid).first()) is not None:
        return kamervraag_rij(k, orgs, now)
    return None


def nieuwe_antwoorden(limit: int = 50) -> list[dict[str, Any]]:
    """The latest answers, for the Atom feed."""
    now = timezone.now()
    orgs = alle_organisaties()
    sig = (
        signalen_qs()
        .filter(Q_BEANTWOORD)
        .select_related("regel", "ontvanger_organisatie")
        .prefetch_related("beginselen", "antwoorden")
        .order_by("-beantwoord_op")[:limit]
    )
    nr = (
        noodremmen_qs()
        .filter(Q_BEANTWOORD)
        .select_related("regel", "opdracht__regel", "maatwerkbesluit__regel", "ontvanger_organisatie")
        .prefetch_related("beginselen", "antwoorden")
        .order_by("-beantwoord_op")[:limit]
    )
    kv = (
        kamervragen_publiek()
        .filter(Q_BEANTWOORD)
        .select_related("regel", "ontvanger_organisatie", "antwoord")
        .order_by("-beantwoord_op")[:limit]
    )
    rows = (
        [signaal_rij(s, orgs, now) for s in sig]
        + [noodrem_rij(n, orgs, now) for n in nr]
        + [kamervraag_rij(k, orgs, now) for k in kv]
    )
    rows.sort(key=lambda r: r["beantwoord_op"], reverse=True)
    return rows[:limit]


def organisaties_met_items() -> list[Any]:
    from schakel.organisaties.models import Organisatie

    return list(Organisatie.objects.order_by("naam"))


def commissies() -> list[Any]:
    from schakel.organisaties.models import Organisatie, Soort

    return list(Organisatie.objects.filter(soort=Soort.PARLEMENT).order_by("naam"))


def regels() -> list[Any]:
    from schakel.regels.models import Regel

    return list(Regel.objects.order_by("titel"))
