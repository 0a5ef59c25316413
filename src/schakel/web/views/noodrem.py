"""Noodrem: the detail page with the comply-or-explain answer form and messages, and pulling a brake on a
casus, regel, maatwerkbesluit or opdracht."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from schakel.core.errors import SchakelError
from schakel.noodremmen.models import Niveau, Noodrem
from schakel.noodremmen.services import bericht_add, noodrem_answer, noodrem_pull
from schakel.noodremmen.workflow import NoodremStatus
from schakel.organisaties.ladder import may_act_for
from schakel.organisaties.models import Lid
from schakel.regels.models import Regel
from schakel.toegang.selectors import (
    casussen_visible_for,
    maatwerkbesluiten_visible_for,
    noodremmen_visible_for,
    opdrachten_visible_for,
)
from schakel.web.forms import AntwoordForm, BerichtForm, NoodremTrekkenForm
from schakel.web.selectors import lid_label, logboek_ok, melder_tekst, noodrem_titel, onderwerp_url, tijdlijn
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
            "getrokken_door__organisatie",
        )
        .prefetch_related("beginselen", "antwoorden__door__organisatie", "berichten__door__organisatie")
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
    context = {
        "n": n,
        "titel": noodrem_titel(n),
        "melder": melder_tekst(n),
        "onderwerp": n.onderwerp,
        "onderwerp_url": onderwerp_url(n.onderwerp),
        "antwoorden": [(a, lid_label(a.door)) for a in n.antwoorden.all()],
        "berichten": [
            (b, "De indiener" if b.van_burger else (lid_label(b.door) if b.door else "De organisatie"))
            for b in n.berichten.all()
        ],
        "mag_antwoorden": mag_antwoorden,
        "mag_bericht": mag_bericht,
        "form": antwoord_form or (_answer_form(n) if mag_antwoorden else None),
        "bericht_form": bericht_form or (BerichtForm() if mag_bericht else None),
        "tijdlijn": tijdlijn(n),
        "logboek_ok": logboek_ok(),
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
        messages.success(request, "Uw antwoord is opgeslagen. De melder krijgt bericht.")
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
            messages.success(request, "Uw bericht is verstuurd.")
            return redirect("web:noodrem", uuid=n.uuid)
    return _detail(request, n, bericht_form=form, status=400)


def _subject_qs(member: Lid, soort: str) -> QuerySet[Any]:
    """What a member may pull a brake on: any rule; a casus, besluit or opdracht they can see."""
    if soort == "regel":
        return Regel.objects.select_related("eigenaar_organisatie", "uitvoerder")
    if soort == "casus":
        return casussen_visible_for(member)
    if soort == "maatwerkbesluit":
        return maatwerkbesluiten_visible_for(member)
    if soort == "opdracht":
        return opdrachten_visible_for(member)
    raise Http404


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
                request, "U heeft aan de noodrem getrokken. De ontvanger moet binnen de termijn antwoorden."
            )
            return redirect("web:noodrem", uuid=result.noodrem.uuid)
    context = {
        "form": form,
        "onderwerp": onderwerp,
        "soort_label": onderwerp._meta.verbose_name,
        "onderwerp_url": onderwerp_url(onderwerp),
    }
    return render(request, "web/noodrem_trekken.html", context, status=400 if form.is_bound else 200)
