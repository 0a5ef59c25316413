"""Raising a signaal about a rule (from the rule's page, or from a casus with `?casus=<uuid>`): the
knelpunt goes to the rule's owner, who must comply or explain within the term."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from schakel.casussen.models import Casus
from schakel.core.errors import SchakelError
from schakel.organisaties.ladder import Ontvanger
from schakel.organisaties.models import Lid
from schakel.regels.models import Regel
from schakel.signalen.services import signaal_raise
from schakel.toegang.selectors import casussen_visible_for
from schakel.web.forms import BeginselenMixin
from schakel.web.views.common import add_service_error, lid, lid_required


class SignaalIndienenForm(BeginselenMixin):
    titel = forms.CharField(
        label=gettext_lazy("Korte titel van het knelpunt"),
        max_length=200,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input"}),
        error_messages={
            "required": gettext_lazy("Vul dit veld in."),
            "max_length": gettext_lazy("De titel is te lang (hoogstens 200 tekens)."),
        },
    )
    knelpunt = forms.CharField(
        label=gettext_lazy("Wat knelt er aan deze regel?"),
        help_text=gettext_lazy(
            "Beschrijf wat de regel doet in de praktijk en voor wie dat slecht uitpakt. Schrijf ten minste "
            "8 woorden. Noem geen namen of andere gegevens van burgers: Schakel haalt die eruit."
        ),
        widget=forms.Textarea(attrs={"rows": 6, "class": "utrecht-textarea utrecht-textarea--html-textarea"}),
        max_length=20_000,
        error_messages={"required": gettext_lazy("Vul dit veld in.")},
    )
    casussen = forms.MultipleChoiceField(
        label=gettext_lazy("Welke casussen laten het knelpunt zien?"),
        help_text=gettext_lazy("Casussen zijn het bewijs. De eigenaar van de regel ziet ze bij het signaal."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("Kies een casus uit de lijst.")},
    )
    field_order = ["titel", "knelpunt", "beginselen", "casussen"]

    def __init__(self, *args: Any, casussen: Sequence[Casus], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        beginselen = self.fields["beginselen"]
        beginselen.required = False
        beginselen.label = _("Welke beginselen van goed bestuur komen door deze regel in de knel?")
        beginselen.help_text = _(
            "Niet verplicht, wel sterk: bij uitleggen moet de eigenaar op elk gekozen beginsel ingaan."
        )
        self.casus_keuzes = {str(c.uuid): c for c in casussen}
        field = self.fields["casussen"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(k, c.titel) for k, c in self.casus_keuzes.items()]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "titel": data["titel"],
            "knelpunt": data["knelpunt"],
            "beginsel_codes": data["beginselen"],
            "casussen": [self.casus_keuzes[k] for k in data["casussen"]],
        }


def _casussen(member: Lid, regel: Regel, gekozen: str | None) -> list[Casus]:
    """Visible casussen about this rule, plus the one the member came from even if it names other rules."""
    qs = casussen_visible_for(member).order_by("-aangemaakt_op", "-pk")
    about = list(qs.filter(regels=regel).distinct())
    if gekozen and not any(str(c.uuid) == gekozen for c in about):
        extra = qs.filter(uuid=gekozen).first() if _is_uuid(gekozen) else None
        if extra is not None:
            about.insert(0, extra)
    return about


def _is_uuid(value: str) -> bool:
    try:
        forms.UUIDField().clean(value)
    except forms.ValidationError:
        return False
    return True


@lid_required
def signaal_indienen(request: HttpRequest, uuid: str) -> HttpResponse:
    member = lid(request)
    regel = get_object_or_404(Regel.objects.select_related("eigenaar_organisatie", "uitvoerder"), uuid=uuid)
    gekozen = request.GET.get("casus")
    casussen = _casussen(member, regel, gekozen)
    if request.method == "POST":
        form = SignaalIndienenForm(request.POST, casussen=casussen)
    else:
        initial = {"casussen": [gekozen]} if gekozen and any(str(c.uuid) == gekozen for c in casussen) else {}
        form = SignaalIndienenForm(initial=initial, casussen=casussen)
    if request.method == "POST" and form.is_valid():
        try:
            s = signaal_raise(door=member, regel=regel, **form.service_kwargs())
        except SchakelError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Uw signaal is verstuurd naar de eigenaar van de regel. Die moet binnen de termijn antwoorden."
                ),
            )
            return redirect("web:signaal", uuid=s.uuid)
    eigenaar = Ontvanger(regel.eigenaar_organisatie, regel.eigenaar_rol)
    context = {"form": form, "r": regel, "eigenaar": str(eigenaar)}
    return render(request, "web/signaal_indienen.html", context, status=400 if form.is_bound else 200)
