"""Fix → solve proposals: the maatwerkcoördinator confirms one (it becomes a signaal to the rule's owner)
or dismisses it with a motivation."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from schakel.core.errors import SchakelError
from schakel.organisaties.models import Lid, Rol
from schakel.precedenten.models import Voorstel, VoorstelStatus
from schakel.precedenten.services import voorstel_afwijzen, voorstel_bevestigen
from schakel.web.views.casus_bewerken import geen_toegang
from schakel.web.views.common import add_service_error, lid, lid_required
from schakel.web.werk_forms import VoorstelAfwijzenForm, VoorstelBevestigenForm
from schakel.web.werk_selectors import voorstel_voor, voorstellen_voor


def _alleen_coordinator(request: HttpRequest) -> HttpResponse | None:
    if lid(request).rol != Rol.MAATWERKCOORDINATOR:
        return geen_toegang(
            request, _("Alleen de maatwerkcoördinator beslist over voorstellen voor een signaal.")
        )
    return None


def _voorstel(member: Lid, uuid: str) -> Voorstel:
    try:
        return voorstel_voor(member, uuid)
    except Voorstel.DoesNotExist as exc:
        raise Http404 from exc


@lid_required
def voorstel_lijst(request: HttpRequest) -> HttpResponse:
    if (weigering := _alleen_coordinator(request)) is not None:
        return weigering
    return render(request, "web/voorstel_lijst.html", {"voorstellen": voorstellen_voor(lid(request))})


def _detail(
    request: HttpRequest,
    v: Voorstel,
    *,
    bevestigen: VoorstelBevestigenForm | None = None,
    afwijzen: VoorstelAfwijzenForm | None = None,
    status: int = 200,
) -> HttpResponse:
    open_ = v.status == VoorstelStatus.OPEN
    initial = {"titel": _("Structureel knelpunt: %(regel)s") % {"regel": v.regel.titel}}
    context = {
        "v": v,
        "casussen": list(v.casussen.all()),
        "bevestigen_form": bevestigen or (VoorstelBevestigenForm(initial=initial) if open_ else None),
        "afwijzen_form": afwijzen or (VoorstelAfwijzenForm() if open_ else None),
    }
    return render(request, "web/voorstel_detail.html", context, status=status)


@lid_required
def voorstel_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    if (weigering := _alleen_coordinator(request)) is not None:
        return weigering
    return _detail(request, _voorstel(lid(request), uuid))


@lid_required
@require_POST
def voorstel_bevestigen_view(request: HttpRequest, uuid: str) -> HttpResponse:
    if (weigering := _alleen_coordinator(request)) is not None:
        return weigering
    v = _voorstel(lid(request), uuid)
    form = VoorstelBevestigenForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            v = voorstel_bevestigen(
                voorstel=v,
                door=lid(request),
                titel=data["titel"],
                knelpunt=data["knelpunt"],
                beginsel_codes=data["beginselen"],
            )
        except SchakelError as error:
            add_service_error(form, error, aliases={"status": "", "regel": ""})
        else:
            messages.success(request, _("Het signaal is verstuurd naar de eigenaar van de regel."))
            assert v.signaal is not None
            return redirect("web:signaal", uuid=v.signaal.uuid)
    return _detail(request, v, bevestigen=form, status=400)


@lid_required
@require_POST
def voorstel_afwijzen_view(request: HttpRequest, uuid: str) -> HttpResponse:
    if (weigering := _alleen_coordinator(request)) is not None:
        return weigering
    v = _voorstel(lid(request), uuid)
    form = VoorstelAfwijzenForm(request.POST)
    if form.is_valid():
        try:
            voorstel_afwijzen(voorstel=v, door=lid(request), motivering=form.cleaned_data["motivering"])
        except SchakelError as error:
            add_service_error(form, error, aliases={"status": ""})
        else:
            messages.success(request, _("Het voorstel is afgewezen. Uw motivering staat in het logboek."))
            return redirect("web:voorstel", uuid=v.uuid)
    return _detail(request, v, afwijzen=form, status=400)
