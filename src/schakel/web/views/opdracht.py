"""Opdrachten: the list of what my organisation gave and received, giving one (the ministry), the detail
page with the uitvoeringstoets and the noodsignaal gate, asking and giving the toets, and the principal's
decision. Returning an opdracht is a brake: see views/noodrem.py `opdracht_teruggeven`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from schakel.core.errors import SchakelError
from schakel.noodremmen.selectors import Budget
from schakel.opdrachten.models import Opdracht
from schakel.opdrachten.services import opdracht_create, opdracht_decide, opdracht_request_toets, toets_submit
from schakel.opdrachten.workflow import OpdrachtStatus
from schakel.organisaties.models import Lid
from schakel.regels.models import Regel
from schakel.web.opdracht_forms import BesluitForm, OpdrachtForm, ToetsForm
from schakel.web.opdracht_selectors import (
    budget_voor,
    is_opdrachtgever,
    is_uitvoerder,
    laatste_toets,
    mag_opdracht_geven,
    mag_teruggeven,
    mag_toetsen,
    noodremmen_over,
    opdracht_voor,
    opdrachten_van,
    uitvoerders,
)
from schakel.web.views.common import add_service_error, lid, lid_required


def _opdracht(member: Lid, uuid: str) -> Opdracht:
    o = opdracht_voor(member, uuid)
    if o is None:
        raise Http404
    return o


def _budget(member: Lid) -> Budget | None:
    """Only an executing organisation has a referral budget to show."""
    return budget_voor(member.organisatie, timezone.now()) if is_uitvoerder(member) else None


@lid_required
def opdracht_lijst(request: HttpRequest) -> HttpResponse:
    member = lid(request)
    gegeven, ontvangen = opdrachten_van(member)
    context = {
        "gegeven": gegeven,
        "ontvangen": ontvangen,
        "mag_geven": mag_opdracht_geven(member),
        "budget": _budget(member),
        "periode": settings.SCHAKEL_TERUGVERWIJZING_PERIODE,
    }
    return render(request, "web/opdracht_lijst.html", context)


def _opdracht_form(data: Any = None) -> OpdrachtForm:
    regels = Regel.objects.select_related("uitvoerder").order_by("titel", "pk")
    return OpdrachtForm(data, uitvoerders=uitvoerders(), regels=regels)


@lid_required
def opdracht_nieuw(request: HttpRequest) -> HttpResponse:
    member = lid(request)
    if not mag_opdracht_geven(member):
        return render(request, "web/opdracht_geen_toegang.html", status=403)
    form = _opdracht_form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            o = opdracht_create(door=member, **form.service_kwargs())
        except SchakelError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("De opdracht is vastgelegd. Vraag de uitvoerder nu om een uitvoeringstoets.")
            )
            return redirect("web:opdracht", uuid=o.uuid)
    status = 400 if form.is_bound else 200
    return render(request, "web/opdracht_nieuw.html", {"form": form}, status=status)


def _detail(
    request: HttpRequest,
    o: Opdracht,
    *,
    toets_form: ToetsForm | None = None,
    besluit_form: BesluitForm | None = None,
    fout: str = "",
    status: int = 200,
) -> HttpResponse:
    member = lid(request)
    toets = laatste_toets(o)
    noodsignaal = toets is not None and toets.negatief and toets.opdracht_versie == o.versie
    opdrachtgever = is_opdrachtgever(member, o)
    toetser = mag_toetsen(member, o)
    if toets_form is None and toetser and o.status == OpdrachtStatus.TOETS_GEVRAAGD:
        toets_form = ToetsForm()
    if besluit_form is None and opdrachtgever and o.status == OpdrachtStatus.GETOETST:
        besluit_form = BesluitForm(noodsignaal=noodsignaal)
    teruggaven = o.open_teruggaven  # type: ignore[attr-defined]
    context = {
        "o": o,
        "toets": toets,
        "toetsen": list(o.toetsen.all()),
        "besluiten": list(o.besluiten.all()),
        "versies": list(o.versies.all()),
        "noodsignaal": noodsignaal,
        "opdrachtgever": opdrachtgever,
        "mag_toets_vragen": opdrachtgever and o.status == OpdrachtStatus.ONTWERP,
        "toets_form": toets_form,
        "besluit_form": besluit_form,
        "teruggave": teruggaven[0] if teruggaven else None,
        "mag_teruggeven": mag_teruggeven(member, o) and o.status == OpdrachtStatus.VASTGESTELD,
        "budget": _budget(member) if member.organisatie_id == o.uitvoerder_id else None,
        "periode": settings.SCHAKEL_TERUGVERWIJZING_PERIODE,
        "noodremmen": list(noodremmen_over(member, o)),
        "fout": fout,
    }
    return render(request, "web/opdracht_detail.html", context, status=status)


@lid_required
def opdracht_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    return _detail(request, _opdracht(lid(request), uuid))


@lid_required
@require_POST
def opdracht_toets_vragen(request: HttpRequest, uuid: str) -> HttpResponse:
    o = _opdracht(lid(request), uuid)
    try:
        opdracht_request_toets(opdracht=o, door=lid(request))
    except SchakelError as error:
        return _detail(request, o, fout=error.message, status=error.status)
    messages.success(request, _("De uitvoerder is gevraagd om een uitvoeringstoets."))
    return redirect("web:opdracht", uuid=o.uuid)


@lid_required
@require_POST
def opdracht_toets(request: HttpRequest, uuid: str) -> HttpResponse:
    o = _opdracht(lid(request), uuid)
    form = ToetsForm(request.POST)
    if form.is_valid():
        try:
            toets = toets_submit(opdracht=o, door=lid(request), **form.cleaned_data)
        except SchakelError as error:
            add_service_error(form, error)
        else:
            if toets.negatief:
                messages.success(
                    request,
                    _(
                        "Uw uitvoeringstoets is verstuurd. U heeft een noodsignaal gegeven: de opdrachtgever "
                        "moet uw toets uitdrukkelijk wegen voordat de opdracht verder kan."
                    ),
                )
            else:
                messages.success(request, _("Uw uitvoeringstoets is verstuurd naar de opdrachtgever."))
            return redirect("web:opdracht", uuid=o.uuid)
    return _detail(request, o, toets_form=form, status=400)


@lid_required
@require_POST
def opdracht_besluit(request: HttpRequest, uuid: str) -> HttpResponse:
    o = _opdracht(lid(request), uuid)
    toets = laatste_toets(o)
    noodsignaal = toets is not None and toets.negatief
    form = BesluitForm(request.POST, noodsignaal=noodsignaal)
    if form.is_valid():
        data = form.cleaned_data
        try:
            opdracht_decide(
                opdracht=o,
                door=lid(request),
                keuze=data["keuze"],
                motivering=data["motivering"],
                gewogen_toets=toets if data.get("gewogen_toets") else None,
                weging_toets=data.get("weging_toets", ""),
            )
        except SchakelError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Uw besluit over de opdracht is vastgelegd."))
            return redirect("web:opdracht", uuid=o.uuid)
    return _detail(request, o, besluit_form=form, status=400)
