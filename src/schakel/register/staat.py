"""De Staat van de Uitvoering for one year, computed with SQL aggregation (GROUP BY per organisation and
per rule); only the answer times are fetched as one column per kind to take the median and 90th percentile.

Definitions (see docs/register.md): an item belongs to the year in which it was raised (`ingediend_op`,
Dutch time); its state is the state when the report is made. The organisation is the first recipient
(before any escalation). "Per wet" groups by rules of soort `wet`.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import defaultdict
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from schakel.casussen.models import Maatwerkbesluit
from schakel.core.obligations import AntwoordSoort
from schakel.noodremmen.models import Niveau, TeruggaveKeuze
from schakel.organisaties.models import Organisatie
from schakel.precedenten.models import Voorstel, VoorstelStatus
from schakel.regels.models import Regel, RegelSoort
from schakel.register.selectors import Q_OP_TIJD, jaar_grenzen, noodremmen_qs, signalen_qs
from schakel.signalen.models import SignaalBron
from schakel.signalen.workflow import SignaalStatus

COMPLY, EXPLAIN = AntwoordSoort.COMPLY.value, AntwoordSoort.EXPLAIN.value

CIJFERS: dict[str, str] = {
    "knelpunten_ingediend": "Knelpunten (signalen) ingediend",
    "knelpunten_opgelost": "Knelpunten opgelost",
    "knelpunten_afgewezen": "Knelpunten afgewezen",
    "knelpunten_open": "Knelpunten nog open (niet opgelost of afgewezen)",
    "signalen_comply": "Signalen: opvolgen (comply)",
    "signalen_explain": "Signalen: uitleggen (explain)",
    "signalen_op_tijd": "Signalen binnen de eerste termijn beantwoord",
    "signalen_antwoorddagen_mediaan": "Signalen: mediane antwoordtijd (dagen)",
    "signalen_antwoorddagen_p90": "Signalen: 90e percentiel antwoordtijd (dagen)",
    "noodremmen_getrokken": "Noodremmen getrokken (burger en professional)",
    "noodremmen_op_tijd": "Noodremmen binnen de eerste termijn beantwoord",
    "noodremmen_geescaleerd": "Noodremmen geëscaleerd",
    "noodremmen_genegeerd": "Noodremmen genegeerd (stilte aan de top van de ladder, nog zonder antwoord)",
    "noodremmen_open": "Noodremmen nog zonder antwoord",
    "noodremmen_comply": "Noodremmen: opvolgen (comply)",
    "noodremmen_explain": "Noodremmen: uitleggen (explain)",
    "noodremmen_antwoorddagen_mediaan": "Noodremmen: mediane antwoordtijd (dagen)",
    "noodremmen_antwoorddagen_p90": "Noodremmen: 90e percentiel antwoordtijd (dagen)",
    "opdrachten_teruggegeven": "Opdrachten teruggegeven",
    "opdrachten_ingetrokken": "Teruggegeven opdrachten ingetrokken",
    "opdrachten_gewijzigd": "Teruggegeven opdrachten gewijzigd (nieuwe toets)",
    "opdrachten_herbevestigd": "Teruggegeven opdrachten herbevestigd (Kamer geïnformeerd)",
    "opdrachten_open": "Teruggegeven opdrachten nog zonder antwoord",
    "maatwerkbesluiten": "Maatwerkbesluiten genomen (zonder correcties)",
    "voorstellen_bevestigd": "Voorstellen fix → solve bevestigd",
    "structureel_opgelost": "Structurele signalen (uit beraad of patroon) opgelost",
}
TIJDEN = {k for k in CIJFERS if "antwoorddagen" in k}


def percentiel(waarden: list[float], p: float) -> float | None:
    """Nearest rank: the smallest value with at least p% of the values at or below it."""
    if not waarden:
        return None
    s = sorted(waarden)
    return s[max(0, math.ceil(p / 100 * len(s)) - 1)]


def mediaan(waarden: list[float]) -> float | None:
    return statistics.median(waarden) if waarden else None


def _dagen(delta: dt.timedelta) -> float:
    return delta.total_seconds() / 86400


def _group_counts(qs: QuerySet[Any], key: Any, aggs: dict[str, Any]) -> dict[Any, dict[str, int]]:
    rows = qs.order_by().values(_k=key).annotate(**aggs)
    return {r.pop("_k"): r for r in rows}


def _tijden(qs: QuerySet[Any], key: Any) -> dict[Any, list[float]]:
    result: dict[Any, list[float]] = defaultdict(list)
    for k, ingediend, beantwoord in (
        qs.filter(beantwoord_op__isnull=False)
        .order_by()
        .annotate(_k=key)
        .values_list("_k", "ingediend_op", "beantwoord_op")
    ):
        result[k].append(_dagen(beantwoord - ingediend))
    return result


def _in_jaar(qs: QuerySet[Any], jaar: int, field: str = "ingediend_op") -> QuerySet[Any]:
    start, end = jaar_grenzen(jaar)
    return qs.filter(**{f"{field}__gte": start, f"{field}__lt": end})


def _cijfers(jaar: int) -> dict[str, dict[Any, dict[str, Any]]]:
    """All figures per grouping ('organisatie' by id, 'wet' by regel id, 'totaal' under key None)."""
    sig = _in_jaar(signalen_qs(), jaar)
    nr_all = _in_jaar(noodremmen_qs(), jaar)
    nr = nr_all.exclude(niveau=Niveau.ORGANISATIE)
    opd = nr_all.filter(niveau=Niveau.ORGANISATIE)
    mb = _in_jaar(Maatwerkbesluit.objects.filter(vervangt__isnull=True), jaar, "genomen_op")
    vs = _in_jaar(Voorstel.objects.filter(status=VoorstelStatus.BEVESTIGD), jaar, "besloten_op")

    sig_aggs = {
        "knelpunten_ingediend": Count("pk"),
        "knelpunten_opgelost": Count("pk", filter=Q(status=SignaalStatus.OPGELOST)),
        "knelpunten_afgewezen": Count("pk", filter=Q(status=SignaalStatus.AFGEWEZEN)),
        "knelpunten_open": Count("pk", filter=Q(status__in=[SignaalStatus.OPEN, SignaalStatus.BEANTWOORD])),
        "signalen_comply": Count("pk", filter=Q(antwoord_soort=COMPLY)),
        "signalen_explain": Count("pk", filter=Q(antwoord_soort=EXPLAIN)),
        "signalen_op_tijd": Count("pk", filter=Q_OP_TIJD),
        "structureel_opgelost": Count(
            "pk",
            filter=Q(status=SignaalStatus.OPGELOST, bron__in=[SignaalBron.BERAAD, SignaalBron.PATROON]),
        ),
    }
    nr_aggs = {
        "noodremmen_getrokken": Count("pk"),
        "noodremmen_op_tijd": Count("pk", filter=Q_OP_TIJD),
        "noodremmen_geescaleerd": Count("pk", filter=Q(escalatieniveau__gt=0)),
        "noodremmen_genegeerd": Count("pk", filter=Q(top_bereikt=True, beantwoord_op__isnull=True)),
        "noodremmen_open": Count("pk", filter=Q(beantwoord_op__isnull=True)),
        "noodremmen_comply": Count("pk", filter=Q(antwoord_soort=COMPLY)),
        "noodremmen_explain": Count("pk", filter=Q(antwoord_soort=EXPLAIN)),
    }
    keuze = "antwoorden__teruggave_keuze"
    opd_aggs = {
        "opdrachten_teruggegeven": Count("pk", distinct=True),
        "opdrachten_ingetrokken": Count("pk", distinct=True, filter=Q(**{keuze: TeruggaveKeuze.INTREKKEN})),
        "opdrachten_gewijzigd": Count("pk", distinct=True, filter=Q(**{keuze: TeruggaveKeuze.WIJZIGEN})),
        "opdrachten_herbevestigd": Count(
            "pk", distinct=True, filter=Q(**{keuze: TeruggaveKeuze.HERBEVESTIGEN})
        ),
        "opdrachten_open": Count("pk", distinct=True, filter=Q(beantwoord_op__isnull=True)),
    }
    groups: dict[str, dict[str, Any]] = {
        "organisatie": {
            "sig": F("eerste_org_id"),
            "nr": F("eerste_org_id"),
            "mb": F("casus__organisatie_id"),
            "vs": F("organisatie_id"),
        },
        "wet": {"sig": F("regel_id"), "nr": F("regel_ref_id"), "mb": F("regel_id"), "vs": F("regel_id")},
    }
    out: dict[str, dict[Any, dict[str, Any]]] = {}
    for name, keys in groups.items():
        table: dict[Any, dict[str, Any]] = defaultdict(dict)
        parts = [
            (sig, keys["sig"], sig_aggs),
            (nr, keys["nr"], nr_aggs),
            (opd, keys["nr"], opd_aggs),
            (mb, keys["mb"], {"maatwerkbesluiten": Count("pk")}),
            (vs, keys["vs"], {"voorstellen_bevestigd": Count("pk")}),
        ]
        for qs, key, aggs in parts:
            for k, counts in _group_counts(qs, key, aggs).items():
                table[k].update(counts)
        for prefix, qs, key in (("signalen", sig, keys["sig"]), ("noodremmen", nr, keys["nr"])):
            for k, waarden in _tijden(qs, key).items():
                table[k][f"{prefix}_antwoorddagen_mediaan"] = mediaan(waarden)
                table[k][f"{prefix}_antwoorddagen_p90"] = percentiel(waarden, 90)
        out[name] = table
    totaal: dict[str, Any] = {}
    for qs, aggs in ((sig, sig_aggs), (nr, nr_aggs), (opd, opd_aggs)):
        totaal.update(qs.order_by().aggregate(**aggs))
    totaal["maatwerkbesluiten"] = mb.count()
    totaal["voorstellen_bevestigd"] = vs.count()
    for prefix, qs in (("signalen", sig), ("noodremmen", nr)):
        per_item = _tijden(qs, F("pk"))
        alle = [w for ws in per_item.values() for w in ws]
        totaal[f"{prefix}_antwoorddagen_mediaan"] = mediaan(alle)
        totaal[f"{prefix}_antwoorddagen_p90"] = percentiel(alle, 90)
    out["totaal"] = {None: totaal}
    return out


def _volledig(c: dict[str, Any]) -> dict[str, Any]:
    return {k: (c.get(k) if k in TIJDEN else int(c.get(k) or 0)) for k in CIJFERS}


def _rond(v: Any) -> Any:
    return round(v, 2) if isinstance(v, float) else v


def staat(jaar: int, *, now: dt.datetime | None = None) -> dict[str, Any]:
    """The report as plain data (JSON-ready): totals, per organisation, per law, and change to last year."""
    now = now or timezone.now()
    dit = _cijfers(jaar)
    vorig = _cijfers(jaar - 1)
    orgs = {o.pk: o for o in Organisatie.objects.all()}
    wetten = {r.pk: r for r in Regel.objects.filter(soort=RegelSoort.WET)}

    def per_org(t: dict[Any, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        return {orgs[k].code: _volledig(v) for k, v in t.items() if k in orgs}

    def per_wet(t: dict[Any, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        return {str(wetten[k].uuid): _volledig(v) for k, v in t.items() if k in wetten}

    totaal = _volledig(dit["totaal"][None])
    vorig_totaal = _volledig(vorig["totaal"][None])
    org_nu, org_vorig = per_org(dit["organisatie"]), per_org(vorig["organisatie"])
    code_naar_org = {o.code: o for o in orgs.values()}
    wet_nu = per_wet(dit["wet"])
    uuid_naar_wet = {str(r.uuid): r for r in wetten.values()}

    def verschil(nu: dict[str, Any], toen: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for k in CIJFERS:
            a, b = nu.get(k), toen.get(k)
            result[k] = _rond(a - b) if a is not None and b is not None else None
        return result

    return {
        "jaar": jaar,
        "gemaakt_op": now.isoformat(),
        "cijfers": CIJFERS,
        "totaal": {k: _rond(v) for k, v in totaal.items()},
        "vorig_jaar": {k: _rond(v) for k, v in vorig_totaal.items()},
        "verschil": verschil(totaal, vorig_totaal),
        "per_organisatie": [
            {
                "code": code,
                "naam": code_naar_org[code].naam,
                "cijfers": {k: _rond(v) for k, v in c.items()},
                "verschil": verschil(c, org_vorig.get(code, _volledig({}))),
            }
            for code, c in sorted(org_nu.items(), key=lambda kv: code_naar_org[kv[0]].naam)
        ],
        "per_wet": [
            {
                "id": wid,
                "titel": str(uuid_naar_wet[wid]),
                "cijfers": {k: _rond(v) for k, v in c.items()},
            }
            for wid, c in sorted(wet_nu.items(), key=lambda kv: uuid_naar_wet[kv[0]].titel)
        ],
    }
