"""Forms for the casework pages (casus, beraad, maatwerkbesluit, voorstel, zoeken). Like web/forms.py they
only parse; the services decide what is valid and say why, and the view puts that next to the field."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from schakel.casussen.models import Beraad, Perspectief, Uitkomst
from schakel.casussen.workflow import CasusStatus
from schakel.organisaties.models import Lid, Organisatie
from schakel.precedenten.models import Uitkomst as ZoekUitkomst
from schakel.regels.models import Regel
from schakel.web.forms import BeginselenMixin, DateInput

VERPLICHT = {"required": _("Vul dit veld in.")}
KIES_UIT_LIJST = _("Kies een waarde uit de lijst.")


def _textarea(rows: int = 5) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "class": "utrecht-textarea utrecht-textarea--html-textarea"})


def _textbox(**attrs: Any) -> forms.TextInput:
    return forms.TextInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input", **attrs})


def _select(**attrs: Any) -> forms.Select:
    return forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select", **attrs})


def _motivering(label: Any, help_text: Any = None, *, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text
        or _("Schrijf ten minste 8 woorden. Noem geen namen of andere gegevens van burgers."),
        widget=_textarea(),
        max_length=20_000,
        required=required,
        error_messages=VERPLICHT,
    )


def regel_keuzes(regels: Iterable[Regel]) -> list[tuple[str, str]]:
    return [(str(r.uuid), f"{r} ({r.get_soort_display()})") for r in regels]


def _keuzes_met_leeg(leeg: Any, keuzes: Iterable[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", leeg), *keuzes]


class CasusTekstForm(forms.Form):
    titel = forms.CharField(
        label=_("Titel"),
        help_text=_("Een korte zin over wat er knelt, zonder namen."),
        max_length=200,
        widget=_textbox(autocomplete="off"),
        error_messages={"required": _("Vul de titel in."), "max_length": _("De titel is te lang.")},
    )
    omschrijving = forms.CharField(
        label=_("Wat is er aan de hand?"),
        help_text=_(
            "Beschrijf de situatie en waarom de regel hier onrechtvaardig uitpakt. Schakel haalt namen, "
            "BSN's, adressen en andere persoonsgegevens automatisch uit de tekst voordat die wordt opgeslagen."
        ),
        widget=_textarea(8),
        max_length=50_000,
        error_messages={"required": _("Vul de omschrijving in.")},
    )


class CasusForm(CasusTekstForm, BeginselenMixin):
    regels = forms.MultipleChoiceField(
        label=_("Welke regels knellen?"),
        help_text=_("Kies ten minste één regel. Houd Ctrl (of Cmd) ingedrukt om er meer te kiezen."),
        widget=forms.SelectMultiple(attrs={"class": "utrecht-select utrecht-select--html-select", "size": 8}),
        error_messages={
            "required": _("Noem ten minste één regel die in deze casus knelt."),
            "invalid_choice": KIES_UIT_LIJST,
        },
    )
    field_order = ["titel", "omschrijving", "regels", "beginselen"]

    def __init__(self, *args: Any, regels: Sequence[Regel], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["regels"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = regel_keuzes(regels)
        beginselen = self.fields["beginselen"]
        beginselen.required = False
        beginselen.label = _("Welke beginselen van goed bestuur spelen hier?")
        beginselen.help_text = _("Niet verplicht, maar het helpt bij het vinden van vergelijkbare casussen.")


class AfsluitenForm(forms.Form):
    motivering = _motivering(
        _("Waarom sluit u de casus af zonder af te wijken?"),
        _("Leg uit waarom de regel hier toch gevolgd wordt. Schrijf ten minste 8 woorden."),
    )


class DeelnemersField(forms.MultipleChoiceField):
    """Members of every organisation, grouped per organisation (optgroups in the select)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            choices=(),
            widget=forms.SelectMultiple(
                attrs={"class": "utrecht-select utrecht-select--html-select", "size": 12}
            ),
            error_messages={
                "required": _("Nodig ten minste één deelnemer uit."),
                "invalid_choice": _("Kies deelnemers uit de lijst."),
            },
            **kwargs,
        )


def deelnemer_keuzes(leden: Iterable[Lid]) -> list[tuple[str, list[tuple[str, str]]]]:
    groepen: dict[str, list[tuple[str, str]]] = {}
    for m in leden:
        label = f"{m.gebruiker.get_username()} – {m.get_rol_display()}"
        groepen.setdefault(m.organisatie.naam, []).append((str(m.uuid), label))
    return list(groepen.items())


class BeraadStartForm(forms.Form):
    vraag = forms.CharField(
        label=_("Welke vraag legt u aan het beraad voor?"),
        help_text=_("Bijvoorbeeld: mogen we hier afwijken van de regel, en moet de regel veranderen?"),
        widget=_textarea(4),
        max_length=20_000,
        error_messages={"required": _("Vul de vraag aan het beraad in.")},
    )
    deelnemers = DeelnemersField(
        label=_("Wie nodigt u uit?"),
        help_text=_(
            "Haal het hele systeem in de kamer: juridisch, financieel, professioneel, burger of "
            "cliëntenraad, ICT en beleid. Deelnemers mogen uit elke organisatie komen. Houd Ctrl (of Cmd) "
            "ingedrukt om er meer te kiezen."
        ),
    )

    def __init__(self, *args: Any, leden: Iterable[Lid], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["deelnemers"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = deelnemer_keuzes(leden)


class BijdrageForm(forms.Form):
    perspectief = forms.ChoiceField(
        label=_("Vanuit welk perspectief draagt u bij?"),
        help_text=_("Elk perspectief heeft één bijdrage."),
        choices=Perspectief.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een perspectief."), "invalid_choice": _("Kies een perspectief.")},
    )
    tekst = _motivering(_("Wat is uw bijdrage?"))


class BeraadAfrondenForm(forms.Form):
    uitkomst = forms.ChoiceField(
        label=_("Wat is de uitkomst?"),
        choices=Uitkomst.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies fix, solve of geen actie."),
            "invalid_choice": _("Kies fix, solve of geen actie."),
        },
    )
    motivering = _motivering(_("Motivering van de uitkomst"))
    regel = forms.ChoiceField(
        label=_("Welke regel moet veranderen? (bij solve)"),
        required=False,
        widget=_select(),
        error_messages={"invalid_choice": KIES_UIT_LIJST},
    )
    signaal_titel = forms.CharField(
        label=_("Titel van het signaal (bij solve)"),
        required=False,
        max_length=200,
        widget=_textbox(),
    )

    def __init__(self, *args: Any, regels: Sequence[Regel], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["regel"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = _keuzes_met_leeg(_("Kies een regel"), regel_keuzes(regels))
        for name in ("regel", "signaal_titel"):
            self.fields[name].voorwaardelijk = True  # type: ignore[attr-defined]


class MaatwerkForm(BeginselenMixin):
    regel = forms.ChoiceField(
        label=_("Van welke regel wijkt u af?"),
        widget=_select(),
        error_messages={"required": _("Kies de regel waarvan u afwijkt."), "invalid_choice": KIES_UIT_LIJST},
    )
    besluit = forms.CharField(
        label=_("Wat besluit u?"),
        help_text=_("Beschrijf wat u anders doet dan de regel zegt."),
        widget=_textarea(4),
        max_length=20_000,
        error_messages={"required": _("Vul het besluit in.")},
    )
    motivering = _motivering(_("Waarom wijkt u af?"))
    motivering_verschil = _motivering(
        _("Waarom is deze casus anders dan de vergelijkbare casussen zonder afwijking?"),
        _("Gelijke gevallen behandelen we gelijk. Leg uit wat hier anders is. Schrijf ten minste 8 woorden."),
        required=False,
    )
    beraad = forms.ChoiceField(
        label=_("Volgt dit besluit uit een beraad?"),
        required=False,
        widget=_select(),
        error_messages={"invalid_choice": KIES_UIT_LIJST},
    )
    field_order = ["regel", "besluit", "motivering", "beginselen", "beraad", "motivering_verschil"]

    def __init__(
        self, *args: Any, regels: Sequence[Regel], beraden: Sequence[Beraad] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["regel"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = _keuzes_met_leeg(_("Kies een regel"), regel_keuzes(regels))
        beraad = self.fields["beraad"]
        assert isinstance(beraad, forms.ChoiceField)
        beraad.choices = _keuzes_met_leeg(
            _("Nee, zonder beraad"),
            [
                (str(b.uuid), f"{_('Beraad van')} {b.aangemaakt_op:%d-%m-%Y}: {b.get_uitkomst_display()}")
                for b in beraden
            ],
        )
        self.fields["beginselen"].label = _("Op welke beginselen steunt de afwijking?")
        self.fields["beginselen"].help_text = _("Kies ten minste één beginsel.")
        self.fields["motivering_verschil"].voorwaardelijk = True  # type: ignore[attr-defined]


class VoorstelBevestigenForm(BeginselenMixin):
    titel = forms.CharField(
        label=_("Titel van het signaal"),
        max_length=200,
        widget=_textbox(),
        error_messages={"required": _("Vul de titel in.")},
    )
    knelpunt = _motivering(
        _("Wat is het knelpunt in de regel?"),
        _("De eigenaar van de regel leest dit. Schrijf ten minste 8 woorden."),
    )
    field_order = ["titel", "knelpunt", "beginselen"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["beginselen"].required = False
        self.fields["beginselen"].label = _("Welke beginselen zijn in het geding?")
        self.fields["beginselen"].help_text = _("Niet verplicht.")


class VoorstelAfwijzenForm(forms.Form):
    motivering = _motivering(
        _("Waarom stuurt u geen signaal?"),
        _("Leg uit waarom dit geen structureel knelpunt is. Schrijf ten minste 8 woorden."),
    )


class ZoekForm(forms.Form):
    """Precedent search. Every filter is optional; GET, so a search can be bookmarked and shared."""

    q = forms.CharField(
        label=_("Zoek op woorden"),
        help_text=_("Bijvoorbeeld: voorschot terugvorderen schulden."),
        required=False,
        max_length=500,
        widget=forms.TextInput(
            attrs={"class": "utrecht-textbox utrecht-textbox--html-input", "type": "search"}
        ),
    )
    regel = forms.ChoiceField(label=_("Regel"), required=False, widget=_select())
    beginsel = forms.ChoiceField(label=_("Beginsel"), required=False, widget=_select())
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), required=False, widget=_select())
    organisatie = forms.ChoiceField(label=_("Organisatie"), required=False, widget=_select())
    van = forms.DateField(
        label=_("Vastgelegd vanaf"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 2026-01-31.")},
    )
    tot = forms.DateField(
        label=_("Vastgelegd tot en met"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 2026-12-31.")},
    )

    def __init__(
        self,
        *args: Any,
        regels: Iterable[Regel],
        beginselen: Iterable[Any],
        organisaties: Iterable[Organisatie],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = {
            "regel": _keuzes_met_leeg(_("Alle regels"), regel_keuzes(regels)),
            "beginsel": _keuzes_met_leeg(_("Alle beginselen"), [(b.code, b.naam) for b in beginselen]),
            "uitkomst": _keuzes_met_leeg(_("Alle uitkomsten"), ZoekUitkomst.choices),
            "organisatie": _keuzes_met_leeg(_("Alle organisaties"), [(o.code, o.naam) for o in organisaties]),
        }
        for name, options in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = options
            field.error_messages["invalid_choice"] = KIES_UIT_LIJST


class CasusFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, widget=_select())
    organisatie = forms.ChoiceField(label=_("Organisatie"), required=False, widget=_select())
    regel = forms.ChoiceField(label=_("Regel"), required=False, widget=_select())

    def __init__(
        self, *args: Any, regels: Iterable[Regel], organisaties: Iterable[Organisatie], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = {
            "status": _keuzes_met_leeg(_("Alle statussen"), CasusStatus.choices),
            "organisatie": _keuzes_met_leeg(_("Alle organisaties"), [(o.code, o.naam) for o in organisaties]),
            "regel": _keuzes_met_leeg(_("Alle regels"), regel_keuzes(regels)),
        }
        for name, options in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = options
            field.error_messages["invalid_choice"] = KIES_UIT_LIJST
