"""What services store, notify and mail is Dutch, whatever language the request is in.

Choice labels are lazy (ADR 0012): interpolated while an English page or an API call with
`Accept-Language: en` is being served they would come out English and be stored that way. Services
render them through `brontekst`, so every interface gets the same stored text.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation


def brontekst(label: object) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return str(label)


def bronweergave(obj: object, field: str) -> str:
    """`obj.get_<field>_display()` in Dutch: Django forces the label to text in the active language."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(getattr(obj, f"get_{field}_display")())
