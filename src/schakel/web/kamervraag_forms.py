"""Forms for the Kamervraag pages. They only parse what the browser sends; kamervragen/services.py decides
what is valid and says why in Dutch (shown next to the field it names)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from schakel.organisaties.models import Organisatie
from schakel.regels.models import Regel

VERPLICHT = {"required": _("Vul dit veld in.")}
_SELECT = {"class": "utrecht-select utrecht-select--html-select"}
_TEXTAREA = {"rows": 6, "class": "utrecht-textarea utrecht-textarea--html-textarea"}


class KamervraagForm(forms.Form):
    organisatie = forms.ChoiceField(
        label=_("Aan welke organisatie stelt u de vraag?"),
        help_text=_("De vraag gaat naar het bestuur van een uitvoerende organisatie."),
        widget=forms.Select(attrs=_SELECT),
        error_messages={
            "required": _("Kies een organisatie."),
            "invalid_choice": _("Kies een organisatie uit de lijst."),
        },
    )
    regel = forms.ChoiceField(
        label=_("Over welke regel gaat de vraag?"),
        required=False,
        widget=forms.Select(attrs=_SELECT),
        error_messages={"invalid_choice": _("Kies een regel uit de lijst.")},
    )
    vraag = forms.CharField(
        label=_("Uw vraag"),
        help_text=_(
            "Het bestuur antwoordt binnen de termijn. Schrijf ten minste 8 woorden. "
            "Noem geen namen of andere gegevens van burgers."
        ),
        widget=forms.Textarea(attrs=_TEXTAREA),
        max_length=20_000,
        error_messages={**VERPLICHT, "max_length": _("De vraag is te lang (hoogstens 20.000 tekens).")},
    )

    def __init__(
        self, *args: Any, organisaties: Iterable[Organisatie], regels: Iterable[Regel], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.organisaties = {str(o.uuid): o for o in organisaties}
        self.regels = {str(r.uuid): r for r in regels}
        organisatie = self.fields["organisatie"]
        regel = self.fields["regel"]
        assert isinstance(organisatie, forms.ChoiceField) and isinstance(regel, forms.ChoiceField)
        organisatie.choices = [("", _("Kies een organisatie"))] + [
            (k, o.naam) for k, o in self.organisaties.items()
        ]
        regel.choices = [("", _("Geen bepaalde regel"))] + [(k, str(r)) for k, r in self.regels.items()]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "organisatie": self.organisaties[data["organisatie"]],
            "regel": self.regels.get(data.get("regel") or ""),
            "vraag": data["vraag"],
        }


class KamervraagAntwoordForm(forms.Form):
    tekst = forms.CharField(
        label=_("Uw antwoord"),
        help_text=_(
            "Het antwoord komt in het openbaar register. Schrijf ten minste 8 woorden. "
            "Noem geen namen of andere gegevens van burgers."
        ),
        widget=forms.Textarea(attrs=_TEXTAREA),
        max_length=20_000,
        error_messages={**VERPLICHT, "max_length": _("Het antwoord is te lang (hoogstens 20.000 tekens).")},
    )
