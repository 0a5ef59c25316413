"""Casussen (list and detail with rules, principles and the ledger timeline) and rules."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from schakel.casussen.services import BEHANDELROLLEN
from schakel.noodremmen.titel import noodrem_titel
from schakel.organisaties.models import Rol
from schakel.precedenten.selectors import vergelijkbaar_met
from schakel.regels.models import Regel
from schakel.toegang.selectors import casussen_visible_for, noodremmen_visible_for, signalen_visible_for
from schakel.web.selectors import lid_label
from schakel.web.views.common import lid, lid_required
from schakel.web.werk_forms import CasusFilterForm
from schakel.web.werk_selectors import casussen_gefilterd, organisaties_te_kiezen, regels_te_kiezen


@lid_required
def casus_lijst(request: HttpRequest) -> HttpResponse:
    member = lid(request)
    form = CasusFilterForm(
        request.GET or None, regels=regels_te_kiezen(), organisaties=organisaties_te_kiezen()
    )
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    context = {
        "casussen": casussen_gefilterd(member, filters),
        "filter_form": form,
        "mag_vastleggen": member.rol in BEHANDELROLLEN,
    }
    return render(request, "web/casus_lijst.html", context, status=400 if form.errors else 200)


@lid_required
def casus_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    member = lid(request)
    qs = (
        casussen_visible_for(member)
        .select_related("organisatie", "behandelaar__organisatie")
        .prefetch_related(
            "regels",
            "beginselen",
            "maatwerkbesluiten__regel",
            "maatwerkbesluiten__beginselen",
            "beraden",
        )
    )
    c = get_object_or_404(qs, uuid=uuid)
    noodremmen = noodremmen_visible_for(member).filter(casus=c).select_related("casus")
    context = {
        "c": c,
        "behandelaar": lid_label(c.behandelaar),
        "noodremmen": [(n, noodrem_titel(n)) for n in noodremmen],
        "signalen": signalen_visible_for(member).filter(casussen=c),
        "precedenten": vergelijkbaar_met(c, organisatie=member.organisatie),
        # Which buttons to show; the services check again when they write.
        "behandelt": member.organisatie_id == c.organisatie_id and member.rol in BEHANDELROLLEN,
        "mag_beraad": member.organisatie_id == c.organisatie_id and member.rol == Rol.MAATWERKCOORDINATOR,
    }
    return render(request, "web/casus_detail.html", context)


@lid_required
def regel_lijst(request: HttpRequest) -> HttpResponse:
    regels = Regel.objects.select_related("eigenaar_organisatie", "uitvoerder").order_by("titel", "pk")
    return render(request, "web/regel_lijst.html", {"regels": regels})


@lid_required
def regel_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    r = get_object_or_404(Regel.objects.select_related("eigenaar_organisatie", "uitvoerder"), uuid=uuid)
    return render(request, "web/regel_detail.html", {"r": r})
