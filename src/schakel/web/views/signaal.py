"""Signaal detail, the owner's comply-or-explain answer, and closing it after the answer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from schakel.core.errors import SchakelError
from schakel.organisaties.ladder import may_act_for
from schakel.organisaties.models import Lid
from schakel.signalen.models import Signaal, SignaalAntwoord
from schakel.signalen.services import signaal_afronden, signaal_answer
from schakel.signalen.workflow import SignaalStatus
from schakel.toegang.selectors import casussen_visible_for, signalen_visible_for
from schakel.web.forms import AntwoordForm
from schakel.web.selectors import lid_label
from schakel.web.views.antwoord import handle_answer
from schakel.web.views.common import add_service_error, lid, lid_required


class AfrondenForm(forms.Form):
    toelichting = forms.CharField(
        label=gettext_lazy("Toelichting bij het afronden"),
        help_text=gettext_lazy(
            "Na opvolgen: is de verandering gedaan? Na uitleggen: waarom blijft de regel zoals hij is? "
            "Schrijf ten minste 8 woorden."
        ),
        widget=forms.Textarea(attrs={"rows": 4, "class": "utrecht-textarea utrecht-textarea--html-textarea"}),
        max_length=20_000,
        error_messages={"required": gettext_lazy("Vul dit veld in.")},
    )


def _signaal(member: Lid, uuid: str) -> Signaal:
    qs = (
        signalen_visible_for(member)
        .select_related("regel", "ontvanger_organisatie", "indiener__organisatie")
        .prefetch_related(
            "beginselen", Prefetch("antwoorden", SignaalAntwoord.objects.select_related("door__organisatie"))
        )
    )
    return get_object_or_404(qs, uuid=uuid)


def _detail(
    request: HttpRequest,
    s: Signaal,
    *,
    form: AntwoordForm | None = None,
    afronden_form: AfrondenForm | None = None,
    status: int = 200,
) -> HttpResponse:
    member = lid(request)
    mag_antwoorden = form is not None or (s.status == SignaalStatus.OPEN and may_act_for(member, s.ontvanger))
    # The service lets whoever may answer for the owner close it; the raiser reads the result.
    mag_afronden = afronden_form is not None or (
        s.status == SignaalStatus.BEANTWOORD and may_act_for(member, s.ontvanger)
    )
    context = {
        "s": s,
        "indiener": lid_label(s.indiener),
        "casussen": casussen_visible_for(member).filter(signalen=s),
        "antwoorden": [(a, lid_label(a.door)) for a in s.antwoorden.all()],
        "mag_antwoorden": mag_antwoorden,
        "form": form or (AntwoordForm(beginselen=list(s.beginselen.all())) if mag_antwoorden else None),
        "mag_afronden": mag_afronden,
        "afronden_form": afronden_form or (AfrondenForm() if mag_afronden else None),
    }
    return render(request, "web/signaal_detail.html", context, status=status)


@lid_required
def signaal_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    return _detail(request, _signaal(lid(request), uuid))


@lid_required
@require_POST
def signaal_beantwoorden(request: HttpRequest, uuid: str) -> HttpResponse:
    s = _signaal(lid(request), uuid)
    form = AntwoordForm(request.POST, beginselen=list(s.beginselen.all()))

    def answer(**kwargs: Any) -> Any:
        return signaal_answer(signaal=s, door=lid(request), **kwargs)

    if handle_answer(request, form, answer):
        messages.success(request, _("Uw antwoord is opgeslagen. De indiener krijgt bericht."))
        return redirect("web:signaal", uuid=s.uuid)
    return _detail(request, s, form=form, status=400)


@lid_required
@require_POST
def signaal_afronden_view(request: HttpRequest, uuid: str) -> HttpResponse:
    s = _signaal(lid(request), uuid)
    form = AfrondenForm(request.POST)
    if form.is_valid():
        try:
            signaal_afronden(signaal=s, door=lid(request), toelichting=form.cleaned_data["toelichting"])
        except SchakelError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Het signaal is afgerond. De indiener krijgt bericht."))
            return redirect("web:signaal", uuid=s.uuid)
    return _detail(request, s, afronden_form=form, status=400)
