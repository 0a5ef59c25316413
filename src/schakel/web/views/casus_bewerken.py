"""Recording a casus, correcting its text and closing it without a deviation."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from schakel.casussen.models import Casus
from schakel.casussen.services import BEHANDELROLLEN, casus_afsluiten, casus_correct, casus_create
from schakel.core.errors import SchakelError
from schakel.organisaties.models import Lid
from schakel.web.views.common import add_service_error, lid, lid_required
from schakel.web.werk_forms import AfsluitenForm, CasusForm, CasusTekstForm
from schakel.web.werk_selectors import casus_voor, regels_te_kiezen


def geen_toegang(request: HttpRequest, reden: str, terug: str | None = None) -> HttpResponse:
    return render(request, "web/werk_geen_toegang.html", {"reden": reden, "terug": terug}, status=403)


def behandelt(member: Lid, casus: Casus) -> bool:
    """Shown or hidden in the page only; the service itself checks again when it writes."""
    return member.organisatie_id == casus.organisatie_id and member.rol in BEHANDELROLLEN


def gevonden_casus(member: Lid, uuid: str) -> Casus:
    try:
        return casus_voor(member, uuid)
    except Casus.DoesNotExist as exc:
        raise Http404 from exc


def _opgeslagen(request: HttpRequest, ingevuld: str, casus: Casus) -> None:
    if ingevuld.strip() != casus.omschrijving:
        messages.success(
            request,
            _(
                "De casus is opgeslagen. Schakel heeft persoonsgegevens in de tekst vervangen. "
                "Hieronder ziet u de tekst zoals die is opgeslagen."
            ),
        )
    else:
        messages.success(request, _("De casus is opgeslagen. Er zijn geen persoonsgegevens gevonden."))


@lid_required
def casus_nieuw(request: HttpRequest) -> HttpResponse:
    member = lid(request)
    if member.rol not in BEHANDELROLLEN:
        return geen_toegang(
            request, _("Alleen een professional, teamleider of maatwerkcoördinator legt een casus vast.")
        )
    regels = list(regels_te_kiezen())
    form = CasusForm(request.POST or None, regels=regels)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        gekozen = set(data["regels"])
        try:
            c = casus_create(
                door=member,
                titel=data["titel"],
                omschrijving=data["omschrijving"],
                regels=[r for r in regels if str(r.uuid) in gekozen],
                beginsel_codes=data["beginselen"],
            )
        except SchakelError as error:
            add_service_error(form, error)
        else:
            _opgeslagen(request, data["omschrijving"], c)
            return redirect("web:casus", uuid=c.uuid)
    context = {"form": form, "casus": None}
    return render(request, "web/casus_form.html", context, status=400 if form.is_bound else 200)


@lid_required
def casus_wijzigen(request: HttpRequest, uuid: str) -> HttpResponse:
    member = lid(request)
    c = gevonden_casus(member, uuid)
    terug = reverse("web:casus", args=[c.uuid])
    if not behandelt(member, c):
        return geen_toegang(
            request, _("Alleen de organisatie die de casus behandelt kan de tekst corrigeren."), terug
        )
    initial = {"titel": c.titel, "omschrijving": c.omschrijving}
    form = CasusTekstForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            c = casus_correct(
                casus=c,
                door=member,
                titel=form.cleaned_data["titel"],
                omschrijving=form.cleaned_data["omschrijving"],
            )
        except SchakelError as error:
            add_service_error(form, error)
        else:
            _opgeslagen(request, form.cleaned_data["omschrijving"], c)
            return redirect("web:casus", uuid=c.uuid)
    context = {"form": form, "casus": c}
    return render(request, "web/casus_form.html", context, status=400 if form.is_bound else 200)


@lid_required
def casus_afsluiten_view(request: HttpRequest, uuid: str) -> HttpResponse:
    member = lid(request)
    c = gevonden_casus(member, uuid)
    terug = reverse("web:casus", args=[c.uuid])
    if not behandelt(member, c):
        return geen_toegang(
            request, _("Alleen de organisatie die de casus behandelt kan haar afsluiten."), terug
        )
    form = AfsluitenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            casus_afsluiten(casus=c, door=member, motivering=form.cleaned_data["motivering"])
        except SchakelError as error:
            add_service_error(form, error, aliases={"status": ""})
        else:
            messages.success(request, _("De casus is afgesloten. De motivering staat in het logboek."))
            return redirect("web:casus", uuid=c.uuid)
    context = {"form": form, "casus": c}
    return render(request, "web/casus_form_afsluiten.html", context, status=400 if form.is_bound else 200)
