"""Kamervragen, parliament's direct line: the list of questions asked by my committee or put to my
organisation, asking one (the griffie), and the detail page where the board answers within the term."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from schakel.core.errors import SchakelError
from schakel.kamervragen.models import Kamervraag, KamervraagStatus
from schakel.kamervragen.selectors import kamervragen_visible_for
from schakel.kamervragen.services import kamervraag_beantwoorden, kamervraag_stellen
from schakel.organisaties.ladder import may_act_for
from schakel.organisaties.models import Lid, Rol, Soort
from schakel.regels.models import Regel
from schakel.web.kamervraag_forms import KamervraagAntwoordForm, KamervraagForm
from schakel.web.opdracht_selectors import uitvoerders
from schakel.web.selectors import lid_label
from schakel.web.views.common import add_service_error, lid, lid_required


def mag_stellen(member: Lid) -> bool:
    """Mirrors the service's own check, only to choose which button and page to show."""
    return member.actief and member.rol == Rol.GRIFFIE and member.organisatie.soort == Soort.PARLEMENT


def _kamervragen(member: Lid) -> QuerySet[Kamervraag]:
    return kamervragen_visible_for(member).select_related(
        "ontvanger_organisatie", "gesteld_door__organisatie", "regel", "antwoord__door__organisatie"
    )


@lid_required
def kamervraag_lijst(request: HttpRequest) -> HttpResponse:
    member = lid(request)
    # Open questions first ("gesteld" sorts after "beantwoord", hence descending), then by term: an
    # overdue term lies before every running one.
    alle = list(_kamervragen(member).order_by("-status", "uiterlijk", "pk"))
    org = member.organisatie_id
    gesteld = [kv for kv in alle if kv.gesteld_door.organisatie_id == org]
    ontvangen = [kv for kv in alle if kv.gesteld_door.organisatie_id != org]
    context = {"gesteld": gesteld, "ontvangen": ontvangen, "mag_stellen": mag_stellen(member)}
    return render(request, "web/kamervraag_lijst.html", context)


def _kamervraag_form(data: Any = None) -> KamervraagForm:
    regels = Regel.objects.select_related("uitvoerder").order_by("titel", "pk")
    return KamervraagForm(data, organisaties=uitvoerders(), regels=regels)


@lid_required
def kamervraag_nieuw(request: HttpRequest) -> HttpResponse:
    member = lid(request)
    if not mag_stellen(member):
        return render(request, "web/kamervraag_geen_toegang.html", status=403)
    form = _kamervraag_form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            kv = kamervraag_stellen(door=member, **form.service_kwargs())
        except SchakelError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("Uw Kamervraag is gesteld. Het bestuur van de organisatie krijgt bericht.")
            )
            return redirect("web:kamervraag", uuid=kv.uuid)
    status = 400 if form.is_bound else 200
    return render(request, "web/kamervraag_nieuw.html", {"form": form}, status=status)


def _detail(
    request: HttpRequest, kv: Kamervraag, *, form: KamervraagAntwoordForm | None = None, status: int = 200
) -> HttpResponse:
    member = lid(request)
    mag_antwoorden = form is not None or (
        kv.status == KamervraagStatus.GESTELD and may_act_for(member, kv.ontvanger)
    )
    antwoord = getattr(kv, "antwoord", None)
    context = {
        "kv": kv,
        "antwoord": antwoord,
        "antwoord_door": lid_label(antwoord.door) if antwoord else "",
        "mag_antwoorden": mag_antwoorden,
        "form": form or (KamervraagAntwoordForm() if mag_antwoorden else None),
    }
    return render(request, "web/kamervraag_detail.html", context, status=status)


@lid_required
def kamervraag_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    return _detail(request, get_object_or_404(_kamervragen(lid(request)), uuid=uuid))


@lid_required
@require_POST
def kamervraag_beantwoorden_view(request: HttpRequest, uuid: str) -> HttpResponse:
    kv = get_object_or_404(_kamervragen(lid(request)), uuid=uuid)
    form = KamervraagAntwoordForm(request.POST)
    if form.is_valid():
        try:
            kamervraag_beantwoorden(kamervraag=kv, door=lid(request), tekst=form.cleaned_data["tekst"])
        except SchakelError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Uw antwoord is verstuurd. Het staat nu in het openbaar register."))
            return redirect("web:kamervraag", uuid=kv.uuid)
    return _detail(request, kv, form=form, status=400)
