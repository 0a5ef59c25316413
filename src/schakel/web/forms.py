"""Forms only parse what the browser sends; the services decide what is valid and say why in Dutch.

Labels are Dutch msgids: class-level ones lazy (translated when rendered), per-request ones with gettext."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from schakel.beginselen.models import Beginsel
from schakel.beginselen.selectors import beginselen_actueel
from schakel.core.obligations import AntwoordSoort
from schakel.noodremmen.models import Anonimiteit, BurgerSoort, TeruggaveKeuze
from schakel.organisaties.models import Lid, Organisatie

VERPLICHT = {"required": _("Vul dit veld in.")}


def _textarea(rows: int = 5) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "class": "utrecht-textarea utrecht-textarea--html-textarea"})


def _textbox(**attrs: Any) -> forms.TextInput:
    return forms.TextInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input", **attrs})


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d", attrs={"class": "utrecht-textbox utrecht-textbox--html-input"})


class BeginselenField(forms.MultipleChoiceField):
    """Checkboxes for the current principles, grouped per framework in the template."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("Kies ten minste één beginsel dat in het geding is."),
                "invalid_choice": _("Kies een beginsel uit de lijst."),
            },
        )
        super().__init__(choices=(), **kwargs)


def beginselen_groepen(beginselen: Iterable[Beginsel]) -> list[tuple[str, list[Beginsel]]]:
    groepen: dict[str, list[Beginsel]] = {}
    for b in beginselen:
        groepen.setdefault(b.get_kader_display(), []).append(b)
    return list(groepen.items())


class BeginselenMixin(forms.Form):
    beginselen = BeginselenField(
        label=_("Welke beginselen van goed bestuur zijn in het geding?"),
        help_text=_("Kies ten minste één beginsel. De ontvanger moet op elk gekozen beginsel ingaan."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        actueel = list(beginselen_actueel())
        field = self.fields["beginselen"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(b.code, b.naam) for b in actueel]
        self.beginselen_groepen = beginselen_groepen(actueel)


class KiesLidForm(forms.Form):
    lid = forms.ChoiceField(
        label=_("Als wie werkt u nu?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een lidmaatschap."),
            "invalid_choice": _("Kies een lidmaatschap."),
        },
    )

    def __init__(self, *args: Any, leden: Sequence[Lid], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["lid"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (
                str(m.uuid),
                gettext("%(rol)s bij %(organisatie)s")
                % {"rol": m.get_rol_display(), "organisatie": m.organisatie.naam},
            )
            for m in leden
        ]


class AntwoordForm(forms.Form):
    """Comply or explain. The per-principle fields are made for every principle that was invoked."""

    soort = forms.ChoiceField(
        label=_("Uw antwoord"),
        choices=AntwoordSoort.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies opvolgen of uitleggen.")},
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        help_text=_("Leg in gewone woorden uit wat u besluit en waarom."),
        widget=_textarea(),
        max_length=20_000,
        error_messages=VERPLICHT,
    )
    maatregel = forms.CharField(
        label=_("Wat doet u? (bij opvolgen)"),
        help_text=_("Beschrijf wat er is of wordt gedaan."),
        widget=_textarea(3),
        required=False,
        max_length=20_000,
    )
    gereed_op = forms.DateField(
        label=_("Klaar op (bij opvolgen)"),
        help_text=_("De datum waarop de verandering klaar is."),
        widget=DateInput(),
        required=False,
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 2027-01-31.")},
    )

    def __init__(
        self, *args: Any, beginselen: Sequence[Beginsel], teruggave: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for name in ("maatregel", "gereed_op"):
            self.fields[name].voorwaardelijk = True  # type: ignore[attr-defined]
        self.beginselen = list(beginselen)
        self.per_beginsel_velden: list[str] = []
        for b in self.beginselen:
            name = f"per_beginsel_{b.code}"
            self.fields[name] = forms.CharField(
                label=gettext("Uitleg bij %(beginsel)s (bij uitleggen)") % {"beginsel": b.naam},
                help_text=b.uitleg,
                widget=_textarea(3),
                required=False,
                max_length=20_000,
            )
            self.fields[name].voorwaardelijk = True  # type: ignore[attr-defined]
            self.per_beginsel_velden.append(name)
        if teruggave:
            self.fields["teruggave_keuze"] = forms.ChoiceField(
                label=_("Wat doet u met de teruggegeven opdracht?"),
                choices=TeruggaveKeuze.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Kies intrekken, wijzigen of herbevestigen.")},
            )
            self.fields["kamerbrief"] = forms.CharField(
                label=_("Kenmerk van de brief aan de Kamer (bij herbevestigen)"),
                required=False,
                max_length=200,
                widget=_textbox(),
            )

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        kwargs: dict[str, Any] = {
            "soort": data["soort"],
            "toelichting": data["toelichting"],
            "maatregel": data.get("maatregel", ""),
            "gereed_op": data.get("gereed_op"),
            "per_beginsel": {
                b.code: data.get(f"per_beginsel_{b.code}", "")
                for b in self.beginselen
                if data["soort"] == AntwoordSoort.EXPLAIN
            },
        }
        if "teruggave_keuze" in self.fields:
            kwargs["teruggave_keuze"] = data["teruggave_keuze"]
            kwargs["kamerbrief"] = data.get("kamerbrief", "")
        return kwargs

    def add_per_beginsel_error(self, message: str) -> None:
        """The service names the principles it misses; put the message next to each of them."""
        named = [f"per_beginsel_{b.code}" for b in self.beginselen if b.code in message]
        for name in named or self.per_beginsel_velden[:1]:
            self.add_error(name, message)
        if not self.per_beginsel_velden:
            self.add_error(None, message)


class NoodremTrekkenForm(BeginselenMixin):
    motivering = forms.CharField(
        label=_("Waarom trekt u aan de noodrem?"),
        help_text=_(
            "Beschrijf wat er mis gaat en voor wie. Schrijf ten minste 8 woorden. "
            "Noem geen namen of andere gegevens van burgers."
        ),
        widget=_textarea(6),
        max_length=20_000,
        error_messages=VERPLICHT,
    )
    anonimiteit = forms.ChoiceField(
        label=_("Wie mag weten dat u dit meldt?"),
        choices=Anonimiteit.choices,
        initial=Anonimiteit.GENOEMD,
        widget=forms.RadioSelect,
        help_text=_(
            "Bij vertrouwelijk of anoniem ziet de ontvanger niet wie u bent. "
            "U krijgt dan een ontvangstcode om de noodrem te volgen."
        ),
        error_messages={"required": _("Kies met naam, vertrouwelijk of anoniem.")},
    )


class BurgerIndienenForm(BeginselenMixin):
    burger_soort = forms.ChoiceField(
        label=_("Wat wilt u indienen?"),
        choices=BurgerSoort.choices,
        widget=forms.RadioSelect,
        help_text=_("Een bezwaar gaat over een besluit. Een klacht gaat over hoe u bent behandeld."),
        error_messages={"required": _("Kies bezwaar of klacht.")},
    )
    organisatie = forms.ChoiceField(
        label=_("Bij welke organisatie loopt uw zaak?"),
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
        error_messages={"required": _("Kies een organisatie."), "invalid_choice": _("Kies een organisatie.")},
    )
    zaak_kenmerk = forms.CharField(
        label=_("Kenmerk van uw zaak (niet verplicht)"),
        help_text=_("Staat in de brief die u kreeg, bijvoorbeeld Z-2026-0042."),
        required=False,
        max_length=100,
        widget=_textbox(autocomplete="off"),
    )
    motivering = forms.CharField(
        label=_("Wat is er gebeurd, en wat gaat er volgens u mis?"),
        help_text=_("Schrijf ten minste 8 woorden."),
        widget=_textarea(6),
        max_length=20_000,
        error_messages=VERPLICHT,
    )
    field_order = ["burger_soort", "organisatie", "zaak_kenmerk", "beginselen", "motivering"]

    def __init__(self, *args: Any, organisaties: Iterable[Organisatie], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisatie"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", gettext("Kies een organisatie"))] + [(o.code, o.naam) for o in organisaties]
        self.fields["beginselen"].label = gettext("Wat heeft de overheid volgens u niet goed gedaan?")
        self.fields["beginselen"].help_text = gettext("Kies wat het beste past. Meer dan één mag.")


class OntvangstcodeForm(forms.Form):
    ontvangstcode = forms.CharField(
        label=_("Uw ontvangstcode"),
        help_text=_(
            "U kreeg deze code toen u uw bezwaar, klacht of noodrem indiende. "
            "Bijvoorbeeld ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2."
        ),
        max_length=60,
        widget=_textbox(autocomplete="off", spellcheck="false"),
        error_messages=VERPLICHT,
    )


class BerichtForm(forms.Form):
    tekst = forms.CharField(
        label=_("Uw bericht"),
        widget=_textarea(4),
        max_length=5000,
        error_messages={"required": _("Schrijf een bericht."), "max_length": _("Het bericht is te lang.")},
    )
