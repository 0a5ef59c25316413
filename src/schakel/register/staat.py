"""De Staat van de Uitvoering for one year, computed with SQL aggregation: one GROUP BY (organisation,
rule) per kind of item, rolled up here into per organisation, per law and the total; median and 90th
percentile answer times ranked by a window query in the database (`antwoordtijden.py`).

Definitions (see docs/register.md): an item belongs to the year in which it was raised (`ingediend_op`,
Dutch time); its state is the state when the report is made. The organisation is the first recipient
(before any escalation). "Per wet" groups by rules of soort `wet`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from schakel.casussen.models import Maatwerkbesluit
from schakel.core.obligations import AntwoordSoort
from schakel.kamervragen.selectors import kamervragen_publiek
from schakel.noodremmen.models import Niveau, TeruggaveKeuze
from schakel.organisaties.models import Organisatie
from schakel.precedenten.models import Voorstel, VoorstelStatus
from schakel.regels.models import Regel, RegelSoort
from schakel.register.antwoordtijden import antwoordtijden, nearest_rank
from schakel.register.selectors import (
    Q_OP_TIJD,
    Q_TE_LAAT_BEANTWOORD,
    jaar_grenzen,
    noodremmen_qs,
    signalen_qs,
)
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
    "kamervragen_gesteld": "Kamervragen gesteld",
    "kamervragen_op_tijd": "Kamervragen binnen de termijn beantwoord",
    "kamervragen_te_laat": "Kamervragen na de termijn beantwoord",
    "kamervragen_onbeantwoord": "Kamervragen nog niet beantwoord",
    "kamervragen_antwoorddagen_mediaan": "Kamervragen: mediane antwoordtijd (dagen)",
    "kamervragen_antwoorddagen_p90": "Kamervragen: 90e percentiel antwoordtijd (dagen)",
}
TIJDEN = {k for k in CIJFERS if "antwoorddagen" in k}


def percentiel(waarden: list[float], p: int) -> float | None:
    """Nearest rank: the smallest value with at least p% of the values at or below it (for recounts)."""
    if not waarden:
        return None
    return sorted(waarden)[nearest_rank(len(waarden), p) - 1]


def _in_jaar(qs: QuerySet[Any], jaar: int, field: str = "ingediend_op") -> QuerySet[Any]:
    start, end = jaar_grenzen(jaar)
    return qs.filter(**{f"{field}__gte": start, f"{field}__lt": end})


def _cijfers(jaar: int, *, per_wet: bool = True) -> dict[str, dict[Any, dict[str, Any]]]:
    """All figures per grouping ('organisatie' by id, 'wet' by regel id, 'totaal' under key None).
    Without `per_wet` the answer times per law are left out (last year's are never shown)."""
    sig = _in_jaar(signalen_qs(), jaar)
    nr_all = _in_jaar(noodremmen_qs(), jaar)
    nr = nr_all.exclude(niveau=Niveau.ORGANISATIE)
    opd = nr_all.filter(niveau=Niveau.ORGANISATIE)
    kv = _in_jaar(kamervragen_publiek(), jaar)
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
    kv_aggs = {
        "kamervragen_gesteld": Count("pk"),
        "kamervragen_op_tijd": Count("pk", filter=Q_OP_TIJD),
        "kamervragen_te_laat": Count("pk", filter=Q_TE_LAAT_BEANTWOORD),
        "kamervragen_onbeantwoord": Count("pk", filter=Q(beantwoord_op__isnull=True)),
    }
    # (items, organisation key, rule key, figures): one GROUP BY per kind; a row's counts belong to exactly
    # one organisation and one rule, so the per-organisation, per-law and total figures are sums of them.
    parts: list[tuple[QuerySet[Any], str, str, dict[str, Any]]] = [
        (sig, "eerste_org_id", "regel_id", sig_aggs),
        (nr, "eerste_org_id", "regel_ref_id", nr_aggs),
        (opd, "eerste_org_id", "regel_ref_id", opd_aggs),
        (kv, "eerste_org_id", "regel_id", kv_aggs),
        (mb, "casus__organisatie_id", "regel_id", {"maatwerkbesluiten": Count("pk")}),
        (vs, "organisatie_id", "regel_id", {"voorstellen_bevestigd": Count("pk")}),
    ]
    out: dict[str, dict[Any, dict[str, Any]]] = {
        "organisatie": defaultdict(dict),
        "wet": defaultdict(dict),
        "totaal": defaultdict(dict),
    }
    for qs, org_key, wet_key, aggs in parts:
        for row in qs.order_by().values(_org=F(org_key), _wet=F(wet_key)).annotate(**aggs):
            keys = {"organisatie": row.pop("_org"), "wet": row.pop("_wet"), "totaal": None}
            for groep, k in keys.items():
                table = out[groep][k]
                for cijfer, waarde in row.items():
                    table[cijfer] = table.get(cijfer, 0) + waarde
    tijden = [
        ("signalen", sig, "regel_id"),
        ("noodremmen", nr, "regel_ref_id"),
        ("kamervragen", kv, "regel_id"),
    ]
    for prefix, qs, wet_key in tijden:
        groepen = [("organisatie", "eerste_org_id"), ("totaal", None)] + (
            [("wet", wet_key)] if per_wet else []
        )
        for groep, key in groepen:
            for k, (med, p90) in antwoordtijden(qs, key).items():
                out[groep][k][f"{prefix}_antwoorddagen_mediaan"] = med
                out[groep][k][f"{prefix}_antwoorddagen_p90"] = p90
    out["totaal"].setdefault(None, {})
    return out


def _volledig(c: dict[str, Any]) -> dict[str, Any]:
    return {k: (c.get(k) if k in TIJDEN else int(c.get(k) or 0)) for k in CIJFERS}


def _rond(v: Any) -> Any:
    return round(v, 2) if isinstance(v, float) else v


def staat(jaar: int, *, now: dt.datetime | None = None) -> dict[str, Any]:
    """The report as plain data (JSON-ready): totals, per organisation, per law, and change to last year."""
    now = now or timezone.now()
    dit = _cijfers(jaar)
    vorig = _cijfers(jaar - 1, per_wet=False)
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
            # From the shown (rounded) figures, so that the published difference adds up.
            result[k] = _rond(_rond(a) - _rond(b)) if a is not None and b is not None else None
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
