"""Noodrem: the detail page with the comply-or-explain answer form and messages, pulling a brake on a
casus, regel, maatwerkbesluit or opdracht, and the executor's bestuur returning an opdracht (the
organisation brake)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from schakel.core.errors import SchakelError
from schakel.noodremmen.models import Bericht, Niveau, Noodrem, NoodremAntwoord
from schakel.noodremmen.services import bericht_add, noodrem_answer, noodrem_pull
from schakel.noodremmen.titel import noodrem_titel
from schakel.noodremmen.workflow import NoodremStatus
from schakel.opdrachten.workflow import OpdrachtStatus
from schakel.organisaties.ladder import may_act_for
from schakel.organisaties.models import Lid
from schakel.regels.models import Regel
from schakel.toegang.selectors import (
    casussen_visible_for,
    maatwerkbesluiten_visible_for,
    noodremmen_visible_for,
    onderwerp_verborgen_voor,
    opdrachten_visible_for,
)
from schakel.web.forms import AntwoordForm, BerichtForm, NoodremTrekkenForm
from schakel.web.opdracht_forms import TeruggevenForm
from schakel.web.opdracht_selectors import budget_voor, mag_teruggeven
from schakel.web.selectors import lid_label, melder_tekst, onderwerp_url
from schakel.web.views.antwoord import handle_answer
from schakel.web.views.common import add_service_error, lid, lid_required


def _noodrem(member: Lid, uuid: str) -> Noodrem:
    qs = (
        noodremmen_visible_for(member)
        .select_related(
            "ontvanger_organisatie",
            "casus",
            "regel",
            "maatwerkbesluit",
            "opdracht",
            "maatwerkbesluit__casus",
            "getrokken_door__organisatie",
        )
        .prefetch_related(
            "beginselen",
            Prefetch("antwoorden", NoodremAntwoord.objects.select_related("door__organisatie")),
            Prefetch("berichten", Bericht.objects.select_related("door__organisatie")),
        )
    )
    return get_object_or_404(qs, uuid=uuid)


def _answer_form(n: Noodrem, data: Any = None) -> AntwoordForm:
    return AntwoordForm(data, beginselen=list(n.beginselen.all()), teruggave=n.niveau == Niveau.ORGANISATIE)


def _detail(
    request: HttpRequest,
    n: Noodrem,
    *,
    antwoord_form: AntwoordForm | None = None,
    bericht_form: BerichtForm | None = None,
    status: int = 200,
) -> HttpResponse:
    member = lid(request)
    mag_antwoorden = (
        n.status == NoodremStatus.GETROKKEN and may_act_for(member, n.ontvanger) or antwoord_form is not None
    )
    mag_bericht = member.organisatie_id == n.ontvanger_organisatie_id
    noem = n.pk not in onderwerp_verborgen_voor(member, [n])
    onderwerp = n.onderwerp if noem else None
    context = {
        "n": n,
        "titel": noodrem_titel(n, noem_onderwerp=noem),
        "melder": melder_tekst(n),
        "onderwerp": onderwerp,
        "onderwerp_url": _onderwerp_url(onderwerp),
        "antwoorden": [(a, lid_label(a.door)) for a in n.antwoorden.all()],
        "berichten": [
            (b, _("De indiener") if b.van_burger else (lid_label(b.door) if b.door else _("De organisatie")))
            for b in n.berichten.all()
        ],
        "mag_antwoorden": mag_antwoorden,
        "mag_bericht": mag_bericht,
        "form": antwoord_form or (_answer_form(n) if mag_antwoorden else None),
        "bericht_form": bericht_form or (BerichtForm() if mag_bericht else None),
    }
    return render(request, "web/noodrem_detail.html", context, status=status)


@lid_required
def noodrem_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    return _detail(request, _noodrem(lid(request), uuid))


@lid_required
@require_POST
def noodrem_beantwoorden(request: HttpRequest, uuid: str) -> HttpResponse:
    n = _noodrem(lid(request), uuid)
    form = _answer_form(n, request.POST)

    def answer(**kwargs: Any) -> Any:
        return noodrem_answer(noodrem=n, door=lid(request), **kwargs)

    if handle_answer(request, form, answer):
        messages.success(request, _("Uw antwoord is opgeslagen. De melder krijgt bericht."))
        return redirect("web:noodrem", uuid=n.uuid)
    return _detail(request, n, antwoord_form=form, status=400)


@lid_required
@require_POST
def noodrem_bericht(request: HttpRequest, uuid: str) -> HttpResponse:
    n = _noodrem(lid(request), uuid)
    form = BerichtForm(request.POST)
    if form.is_valid():
        try:
            bericht_add(noodrem=n, door=lid(request), tekst=form.cleaned_data["tekst"])
        except SchakelError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Uw bericht is verstuurd."))
            return redirect("web:noodrem", uuid=n.uuid)
    return _detail(request, n, bericht_form=form, status=400)


def _subject_qs(member: Lid, soort: str) -> QuerySet[Any]:
    """What a member may pull a brake on: any rule; a casus, besluit or opdracht they can see. Each with
    what the service needs to find the recipient, so pulling costs no extra queries."""
    if soort == "regel":
        return Regel.objects.select_related("eigenaar_organisatie", "uitvoerder")
    if soort == "casus":
        return casussen_visible_for(member).select_related("organisatie")
    if soort == "maatwerkbesluit":
        return maatwerkbesluiten_visible_for(member).select_related("casus__organisatie", "regel")
    if soort == "opdracht":
        return opdrachten_visible_for(member).select_related("uitvoerder", "opdrachtgever")
    raise Http404


def _onderwerp_url(item: Any) -> str | None:
    """Where the subject of a brake lives: a besluit on its own page when the site has one (otherwise on
    its casus), an opdracht on its page."""
    if item is None:
        return None
    kind = item._meta.model_name
    if kind == "opdracht":
        return reverse("web:opdracht", args=[item.uuid])
    if kind == "maatwerkbesluit":
        try:
            return reverse("web:maatwerkbesluit", args=[item.uuid])
        except NoReverseMatch:
            return reverse("web:casus", args=[item.casus.uuid])
    return onderwerp_url(item)


@never_cache  # its answer to a confidential or anonymous pull is the receipt code
@lid_required
def noodrem_trekken(request: HttpRequest, soort: str, uuid: str) -> HttpResponse:
    member = lid(request)
    onderwerp: Any = get_object_or_404(_subject_qs(member, soort), uuid=uuid)
    form = NoodremTrekkenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = noodrem_pull(
                niveau=Niveau.PROFESSIONAL,
                door=member,
                anonimiteit=form.cleaned_data["anonimiteit"],
                beginsel_codes=form.cleaned_data["beginselen"],
                motivering=form.cleaned_data["motivering"],
                **{soort: onderwerp},
            )
        except SchakelError as error:
            add_service_error(form, error, aliases={"onderwerp": "", soort: ""})
        else:
            if result.ontvangstcode:
                # Shown once, in this response only: never in a URL, never stored in readable form.
                return render(
                    request,
                    "web/noodrem_getrokken.html",
                    {"n": result.noodrem, "ontvangstcode": result.ontvangstcode},
                    status=201,
                )
            messages.success(
                request,
                _("U heeft aan de noodrem getrokken. De ontvanger moet binnen de termijn antwoorden."),
            )
            return redirect("web:noodrem", uuid=result.noodrem.uuid)
    context = {
        "form": form,
        "onderwerp": onderwerp,
        "soort_label": onderwerp._meta.verbose_name,
        "onderwerp_url": _onderwerp_url(onderwerp),
        "mag_teruggeven": soort == "opdracht"
        and mag_teruggeven(member, onderwerp)
        and onderwerp.status == OpdrachtStatus.VASTGESTELD,
    }
    return render(request, "web/noodrem_trekken.html", context, status=400 if form.is_bound else 200)


@lid_required
def opdracht_teruggeven(request: HttpRequest, uuid: str) -> HttpResponse:
    """The organisation brake: the executor's bestuur returns a vastgesteld opdracht to the principal, who
    must then withdraw, amend or re-justify it. Costs one referral unless the principal upholds it."""
    member = lid(request)
    opdracht = get_object_or_404(_subject_qs(member, "opdracht"), uuid=uuid)
    if not mag_teruggeven(member, opdracht):
        return render(request, "web/opdracht_geen_toegang.html", status=403)
    form = TeruggevenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = noodrem_pull(
                niveau=Niveau.ORGANISATIE,
                door=member,
                opdracht=opdracht,
                beginsel_codes=form.cleaned_data["beginselen"],
                motivering=form.cleaned_data["motivering"],
            )
        except SchakelError as error:
            add_service_error(form, error, aliases={"onderwerp": "", "opdracht": ""})
        else:
            messages.success(
                request,
                _("U heeft de opdracht teruggegeven. De opdracht staat stil tot de opdrachtgever antwoordt."),
            )
            return redirect("web:noodrem", uuid=result.noodrem.uuid)
    context = {
        "form": form,
        "o": opdracht,
        "budget": budget_voor(member.organisatie, timezone.now()),
        "periode": settings.SCHAKEL_TERUGVERWIJZING_PERIODE,
    }
    return render(request, "web/opdracht_teruggeven.html", context, status=400 if form.is_bound else 200)
