"""Accessible form fields: a label for every field, the explanation and the error next to it, both tied
to the input with aria-describedby; groups of choices in a fieldset with a legend."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms, template
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import timezone
from django.utils.translation import ngettext

from schakel.web.selectors import logboek_ok, tijdlijn

register = template.Library()


def _ids(field: forms.BoundField) -> dict[str, str]:
    base = field.auto_id or field.html_name
    return {"uitleg": f"{base}-uitleg", "fout": f"{base}-fout"}


def _describedby(field: forms.BoundField) -> str:
    ids = _ids(field)
    parts = []
    if field.errors:
        parts.append(ids["fout"])
    if field.help_text:
        parts.append(ids["uitleg"])
    return " ".join(parts)


def first_input_id(field: forms.BoundField) -> str:
    if isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{field.auto_id}_0"
    return str(field.auto_id)


@register.inclusion_tag("web/_tijdlijn.html")
def tijdlijn_van(item: Any) -> dict[str, Any]:
    """The item's own ledger events with the record-verified mark: every detail page shows it."""
    return {"tijdlijn": tijdlijn(item), "logboek_ok": logboek_ok(item)}


@register.inclusion_tag("web/_veld.html")
def veld(field: forms.BoundField) -> dict[str, Any]:
    attrs: dict[str, str | bool] = {}
    describedby = _describedby(field)
    if describedby:
        attrs["aria-describedby"] = describedby
    if field.errors:
        attrs["aria-invalid"] = "true"
    if field.field.required:
        attrs["aria-required"] = "true"
    return {"field": field, "widget": field.as_widget(attrs=attrs), "ids": _ids(field)}


@register.inclusion_tag("web/_keuzes.html")
def keuzes(field: forms.BoundField) -> dict[str, Any]:
    return {"field": field, "ids": _ids(field), "describedby": _describedby(field)}


@register.inclusion_tag("web/_beginselen.html")
def beginselen_veld(field: forms.BoundField, groepen: Any) -> dict[str, Any]:
    chosen = {str(v) for v in (field.value() or [])}
    return {
        "field": field,
        "ids": _ids(field),
        "describedby": _describedby(field),
        "groepen": groepen,
        "chosen": chosen,
    }


@register.inclusion_tag("web/_foutoverzicht.html")
def foutoverzicht(form: forms.Form) -> dict[str, Any]:
    items = []
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS:
            continue
        bound = form[name]
        for error in errors:
            items.append({"id": first_input_id(bound), "label": bound.label, "fout": error})
    return {"form": form, "items": items, "algemeen": form.non_field_errors()}


@register.filter
def dagen_over(uiterlijk: dt.datetime | None) -> int | None:
    """Whole calendar days (Amsterdam) from today until the term; negative when it has passed."""
    if uiterlijk is None:
        return None
    return (timezone.localtime(uiterlijk).date() - timezone.localdate()).days


@register.filter
def termijn_tekst(termijn: str) -> str:
    """A term as stored ("5 werkdagen", Dutch: ADR 0003) in the active language."""
    aantal, _, eenheid = termijn.partition(" ")
    if not aantal.isdigit():
        return termijn
    n = int(aantal)
    if eenheid == "werkdagen":
        return ngettext("%(n)d werkdag", "%(n)d werkdagen", n) % {"n": n}
    if eenheid == "kalenderdagen":
        return ngettext("%(n)d kalenderdag", "%(n)d kalenderdagen", n) % {"n": n}
    return termijn


@register.filter
def absoluut(value: int) -> int:
    return abs(value)


@register.filter
def te_laat(item: Any) -> bool:
    return bool(item.is_te_laat(timezone.now()))


@register.filter
def bound(form: forms.Form, name: str) -> forms.BoundField:
    return form[name]


@register.filter
def uit(labels: dict[str, Any], key: str) -> Any:
    """`{{ statussen|uit:r.termijnstatus }}`: the label of a code, the code itself when there is none."""
    return labels.get(key, key)
