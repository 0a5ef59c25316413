"""Forms for the opdracht pages. They only parse what the browser sends; opdrachten/services.py decides what
is valid and says why in Dutch (shown next to the field it names)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from schakel.opdrachten.models import BesluitKeuze, Uitvoerbaar
from schakel.organisaties.models import Organisatie
from schakel.regels.models import Regel
from schakel.web.forms import BeginselenMixin

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

VERPLICHT = {"required": _("Vul dit veld in.")}
_SELECT = {"class": "utrecht-select utrecht-select--html-select"}


def _textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "class": "utrecht-textarea utrecht-textarea--html-textarea"})


def _textbox() -> forms.TextInput:
    return forms.TextInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input"})


def _tekst(
    label: _StrOrPromise, help_text: _StrOrPromise = "", *, rows: int = 4, required: bool = True
) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        widget=_textarea(rows),
        max_length=20_000,
        required=required,
        error_messages=VERPLICHT,
    )


class OpdrachtForm(forms.Form):
    titel = forms.CharField(
        label=_("Titel van de opdracht"),
        max_length=200,
        widget=_textbox(),
        error_messages={**VERPLICHT, "max_length": _("De titel is te lang (hoogstens 200 tekens).")},
    )
    uitvoerder = forms.ChoiceField(
        label=_("Welke organisatie voert de opdracht uit?"),
        widget=forms.Select(attrs=_SELECT),
        error_messages={"required": _("Kies een uitvoerder."), "invalid_choice": _("Kies een uitvoerder.")},
    )
    regel = forms.ChoiceField(
        label=_("Over welke regel gaat de opdracht?"),
        required=False,
        widget=forms.Select(attrs=_SELECT),
        error_messages={"invalid_choice": _("Kies een regel uit de lijst.")},
    )
    omschrijving = _tekst(
        _("Wat moet er gebeuren?"),
        _(
            "Beschrijf de opdracht zo dat de uitvoerder kan toetsen of die uitvoerbaar is. "
            "Schrijf ten minste 8 woorden."
        ),
        rows=6,
    )

    def __init__(
        self, *args: Any, uitvoerders: Iterable[Organisatie], regels: Iterable[Regel], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.uitvoerders = {str(o.uuid): o for o in uitvoerders}
        self.regels = {str(r.uuid): r for r in regels}
        uitvoerder = self.fields["uitvoerder"]
        regel = self.fields["regel"]
        assert isinstance(uitvoerder, forms.ChoiceField) and isinstance(regel, forms.ChoiceField)
        uitvoerder.choices = [("", _("Kies een organisatie"))] + [
            (k, o.naam) for k, o in self.uitvoerders.items()
        ]
        regel.choices = [("", _("Geen bepaalde regel"))] + [(k, str(r)) for k, r in self.regels.items()]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "titel": data["titel"],
            "omschrijving": data["omschrijving"],
            "uitvoerder": self.uitvoerders[data["uitvoerder"]],
            "regel": self.regels.get(data.get("regel") or ""),
        }


class ToetsForm(forms.Form):
    """The uitvoeringstoets: every part is required by the service, so the browser need not say so first."""

    uitvoerbaar = forms.ChoiceField(
        label=_("Is de opdracht uitvoerbaar?"),
        choices=Uitvoerbaar.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Kiest u onder voorwaarden of nee, dan is dat een noodsignaal. De opdrachtgever kan "
            "dan pas besluiten als die uw toets uitdrukkelijk weegt."
        ),
        error_messages={
            "required": _("Kies ja, onder voorwaarden of nee."),
            "invalid_choice": _("Kies ja, onder voorwaarden of nee."),
        },
    )
    voorwaarden = _tekst(_("Onder welke voorwaarden? (bij onder voorwaarden)"), required=False)
    kosten = _tekst(_("Wat kost het?"), _("Uitvoeringskosten, eenmalig en per jaar."))
    doorlooptijd = forms.CharField(
        label=_("Hoe lang duurt het voor het werkt?"),
        max_length=200,
        widget=_textbox(),
        error_messages={**VERPLICHT, "max_length": _("Houd het kort (hoogstens 200 tekens).")},
    )
    ict = _tekst(_("Wat betekent het voor de ICT?"))
    effect_burgers = _tekst(_("Wat merken burgers ervan?"))
    ondergrenzen = _tekst(
        _("Welke ondergrenzen van de dienstverlening komen in gevaar?"),
        _("Kwaliteit hangt aan middelen: zeg wat niet meer lukt als dit erbij komt."),
    )
    waardenafweging = _tekst(
        _("Welke waarden heeft u tegen elkaar afgewogen?"),
        _("Bijvoorbeeld rechtmatigheid tegenover bestaanszekerheid."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["voorwaarden"].voorwaardelijk = True  # type: ignore[attr-defined]


class BesluitForm(forms.Form):
    keuze = forms.ChoiceField(
        label=_("Uw besluit"),
        choices=BesluitKeuze.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies vaststellen of intrekken."),
            "invalid_choice": _("Kies vaststellen of intrekken."),
        },
    )
    motivering = _tekst(_("Motivering van het besluit"), _("Schrijf ten minste 8 woorden."), rows=5)
    gewogen_toets = forms.BooleanField(
        label=_("Ik heb het noodsignaal van de uitvoerder gelezen en weeg het mee in dit besluit."),
        required=False,
    )
    weging_toets = _tekst(
        _("Hoe weegt u het noodsignaal?"),
        _(
            "Ga in op wat de uitvoerder zegt over kosten, ondergrenzen en burgers. "
            "Schrijf ten minste 8 woorden."
        ),
        rows=5,
        required=False,
    )

    def __init__(self, *args: Any, noodsignaal: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not noodsignaal:
            del self.fields["gewogen_toets"], self.fields["weging_toets"]
        else:
            for name in ("gewogen_toets", "weging_toets"):
                self.fields[name].voorwaardelijk = True  # type: ignore[attr-defined]


class TeruggevenForm(BeginselenMixin):
    """An organisation brake: always named, so no choice of anonymity."""

    motivering = _tekst(
        _("Waarom geeft u de opdracht terug?"),
        _(
            "Zeg waarom de opdracht niet uitvoerbaar is of botst met de rechtsstaat. Schrijf ten minste 8 "
            "woorden. Noem geen namen of andere gegevens van burgers."
        ),
        rows=6,
    )
