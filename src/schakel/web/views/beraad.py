"""Moreel beraad: the coordinator starts one on a casus and invites participants from any organisation;
each perspective contributes once; the chair concludes with fix, solve or geen actie."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from schakel.casussen.models import Beraad, Perspectief
from schakel.casussen.services import beraad_conclude, beraad_start, bijdrage_add
from schakel.casussen.workflow import BeraadStatus
from schakel.core.errors import SchakelError
from schakel.organisaties.models import Lid, Rol
from schakel.web.selectors import lid_label
from schakel.web.views.casus_bewerken import geen_toegang, gevonden_casus
from schakel.web.views.common import add_service_error, lid, lid_required
from schakel.web.werk_forms import BeraadAfrondenForm, BeraadStartForm, BijdrageForm
from schakel.web.werk_selectors import beraad_voor, deelnemers_te_kiezen


def _beraad(member: Lid, uuid: str) -> Beraad:
    try:
        return beraad_voor(member, uuid)
    except Beraad.DoesNotExist as exc:
        raise Http404 from exc


@lid_required
def beraad_starten(request: HttpRequest, uuid: str) -> HttpResponse:
    member = lid(request)
    c = gevonden_casus(member, uuid)
    if member.organisatie_id != c.organisatie_id or member.rol != Rol.MAATWERKCOORDINATOR:
        return geen_toegang(
            request,
            _("Alleen de maatwerkcoördinator van de organisatie die de casus behandelt start een beraad."),
            reverse("web:casus", args=[c.uuid]),
        )
    leden = list(deelnemers_te_kiezen())
    form = BeraadStartForm(request.POST or None, leden=leden)
    if request.method == "POST" and form.is_valid():
        gekozen = set(form.cleaned_data["deelnemers"])
        try:
            b = beraad_start(
                casus=c,
                door=member,
                vraag=form.cleaned_data["vraag"],
                deelnemers=[m for m in leden if str(m.uuid) in gekozen],
            )
        except SchakelError as error:
            add_service_error(form, error, aliases={"casus": ""})
        else:
            messages.success(request, _("Het beraad is gestart. De deelnemers zien het in hun casussen."))
            return redirect("web:beraad", uuid=b.uuid)
    context = {"form": form, "casus": c}
    return render(request, "web/beraad_start.html", context, status=400 if form.is_bound else 200)


def _detail(
    request: HttpRequest,
    b: Beraad,
    *,
    bijdrage_form: BijdrageForm | None = None,
    afronden_form: BeraadAfrondenForm | None = None,
    status: int = 200,
) -> HttpResponse:
    member = lid(request)
    deelnemers = list(b.deelnemers.all())
    bijdragen = list(b.bijdragen.all())
    open_ = b.status == BeraadStatus.OPEN
    mag_bijdragen = open_ and (member.pk == b.voorzitter_id or any(d.pk == member.pk for d in deelnemers))
    is_voorzitter = open_ and member.pk == b.voorzitter_id
    gedaan = {x.perspectief for x in bijdragen}
    context = {
        "b": b,
        "casus": b.casus,
        "voorzitter": lid_label(b.voorzitter),
        "deelnemers": [lid_label(d) for d in deelnemers],
        "bijdragen": [(x, lid_label(x.door)) for x in bijdragen],
        "open_perspectieven": [label for value, label in Perspectief.choices if value not in gedaan],
        "bijdrage_form": bijdrage_form or (BijdrageForm() if mag_bijdragen else None),
        "afronden_form": afronden_form
        or (BeraadAfrondenForm(regels=list(b.casus.regels.all())) if is_voorzitter else None),
    }
    return render(request, "web/beraad_detail.html", context, status=status)


@lid_required
def beraad_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    return _detail(request, _beraad(lid(request), uuid))


@lid_required
@require_POST
def beraad_bijdragen(request: HttpRequest, uuid: str) -> HttpResponse:
    b = _beraad(lid(request), uuid)
    form = BijdrageForm(request.POST)
    if form.is_valid():
        try:
            bijdrage_add(
                beraad=b,
                door=lid(request),
                perspectief=form.cleaned_data["perspectief"],
                tekst=form.cleaned_data["tekst"],
            )
        except SchakelError as error:
            add_service_error(form, error, aliases={"beraad": ""})
        else:
            messages.success(request, _("Uw bijdrage is opgeslagen."))
            return redirect("web:beraad", uuid=b.uuid)
    return _detail(request, b, bijdrage_form=form, status=400)


@lid_required
@require_POST
def beraad_afronden(request: HttpRequest, uuid: str) -> HttpResponse:
    b = _beraad(lid(request), uuid)
    regels = list(b.casus.regels.all())
    form = BeraadAfrondenForm(request.POST, regels=regels)
    if form.is_valid():
        data = form.cleaned_data
        try:
            beraad_conclude(
                beraad=b,
                door=lid(request),
                uitkomst=data["uitkomst"],
                motivering=data["motivering"],
                regel=next((r for r in regels if str(r.uuid) == data["regel"]), None),
                signaal_titel=data["signaal_titel"],
            )
        except SchakelError as error:
            add_service_error(form, error, aliases={"beraad": "", "status": "", "titel": "signaal_titel"})
        else:
            messages.success(request, _("Het beraad is afgerond. De uitkomst staat in het logboek."))
            return redirect("web:beraad", uuid=b.uuid)
    return _detail(request, b, afronden_form=form, status=400)
