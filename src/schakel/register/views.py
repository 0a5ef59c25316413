"""Public pages: no login. Parse the query, call a selector, render."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from schakel.organisaties.models import Organisatie, Soort
from schakel.regels.models import Regel
from schakel.register import formats
from schakel.register.charts import grafieken
from schakel.register.selectors import (
    NIVEAUS,
    SOORTEN,
    TERMIJNSTATUSSEN,
    Filters,
    commissies,
    organisaties_met_items,
    regels,
    register_item,
    register_rijen,
)
from schakel.register.staat import CIJFERS, staat

PER_PAGINA = 50


def _lijst(request: HttpRequest, f: Filters, extra: dict[str, Any], template: str) -> HttpResponse:
    try:
        pagina = max(1, int(request.GET.get("pagina", "1")))
    except ValueError:
        pagina = 1
    rijen, totaal = register_rijen(f, offset=(pagina - 1) * PER_PAGINA, limit=PER_PAGINA)
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "rijen": rijen,
        "totaal": totaal,
        "pagina": pagina,
        "volgende": pagina + 1 if pagina * PER_PAGINA < totaal else None,
        "vorige": pagina - 1 if pagina > 1 else None,
        "query": query.urlencode(),
        "filters": f,
        "soorten": SOORTEN,
        "niveaus": NIVEAUS,
        "statussen": TERMIJNSTATUSSEN,
        "organisaties": organisaties_met_items(),
        "commissies": commissies(),
        "regels": regels(),
        "jaren": range(timezone.localdate().year, timezone.localdate().year - 10, -1),
        **extra,
    }
    return render(request, template, context)


def index(request: HttpRequest) -> HttpResponse:
    return _lijst(request, Filters.uit(request.GET), {}, "register/index.html")


def organisatie(request: HttpRequest, code: str) -> HttpResponse:
    org = get_object_or_404(Organisatie, code=code)
    # Parliament answers nothing here; its page lists the questions its committee asked.
    veld = "commissie" if org.soort == Soort.PARLEMENT else "organisatie"
    f = Filters.uit({**request.GET.dict(), veld: code})
    return _lijst(request, f, {"organisatie": org}, "register/organisatie.html")


def regel(request: HttpRequest, uuid: Any) -> HttpResponse:
    r = get_object_or_404(Regel, uuid=uuid)
    f = Filters.uit({**request.GET.dict(), "regel": str(uuid)})
    return _lijst(request, f, {"regel": r}, "register/regel.html")


def item(request: HttpRequest, uuid: Any) -> HttpResponse:
    rij = register_item(uuid, now=timezone.now())
    if rij is None:
        raise Http404
    return render(
        request,
        "register/item.html",
        {"rij": rij, "soorten": SOORTEN, "niveaus": NIVEAUS, "statussen": TERMIJNSTATUSSEN},
    )


def _download(request: HttpRequest) -> list[dict[str, Any]]:
    rijen, _ = register_rijen(Filters.uit(request.GET))
    return rijen


def download_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(formats.register_csv(_download(request)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="schakel-register.csv"'
    return response


def download_json(request: HttpRequest) -> HttpResponse:
    return HttpResponse(formats.register_json(_download(request)), content_type="application/json")


def _jaar(jaar: int) -> int:
    if not 1900 < jaar < 3000:
        raise Http404
    return jaar


def staat_pagina(request: HttpRequest, jaar: int) -> HttpResponse:
    rapport = staat(_jaar(jaar))
    return render(request, "register/staat.html", staat_context(rapport))


def staat_context(rapport: dict[str, Any]) -> dict[str, Any]:
    return {
        "rapport": rapport,
        "cijfers": CIJFERS,
        "grafieken": grafieken(rapport),
        "totaal_rijen": [
            (k, label, rapport["totaal"][k], rapport["verschil"][k]) for k, label in CIJFERS.items()
        ],
        "org_rijen": [
            (o, [(label, o["cijfers"][k], o["verschil"][k]) for k, label in CIJFERS.items()])
            for o in rapport["per_organisatie"]
        ],
        "wet_rijen": [
            (w, [(label, w["cijfers"][k]) for k, label in CIJFERS.items()]) for w in rapport["per_wet"]
        ],
    }


def staat_download(request: HttpRequest, jaar: int, formaat: str) -> HttpResponse:
    rapport = staat(_jaar(jaar))
    if formaat == "json":
        return HttpResponse(formats.staat_json(rapport), content_type="application/json")
    if formaat == "csv":
        r = HttpResponse(formats.staat_csv(rapport), content_type="text/csv; charset=utf-8")
        r["Content-Disposition"] = f'attachment; filename="staat-{jaar}.csv"'
        return r
    if formaat == "pdf":
        r = HttpResponse(formats.staat_pdf(rapport), content_type="application/pdf")
        r["Content-Disposition"] = f'attachment; filename="staat-{jaar}.pdf"'
        return r
    raise Http404
