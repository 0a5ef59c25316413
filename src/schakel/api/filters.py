"""Query-string filters shared by the list endpoints. They only parse: a bad value is a 400 naming the
parameter, never a silently empty list."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.request import Request

from schakel.beginselen.models import Beginsel
from schakel.core.errors import ValidatieFout
from schakel.organisaties.models import Organisatie


def _uuid(value: str, name: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError as exc:
        raise ValidatieFout("Geef een geldige uuid.", field=name) from exc


def moment(value: str, name: str) -> dt.datetime:
    """An ISO 8601 date or moment, as UTC (databases differ in which offsets they accept)."""
    try:
        parsed = dt.datetime.fromisoformat(value)
        aware = parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)
        return aware.astimezone(dt.UTC)
    except (ValueError, OverflowError) as exc:
        raise ValidatieFout("Geef een datum of tijdstip in ISO 8601, bijv. 2026-12-31.", field=name) from exc


def _choice(value: str, name: str, choices: Iterable[str]) -> str:
    allowed = list(choices)
    if value not in allowed:
        raise ValidatieFout(f"Kies uit: {', '.join(allowed)}.", field=name)
    return value


def _bool(value: str, name: str) -> bool:
    if value.lower() in ("true", "1", "ja"):
        return True
    if value.lower() in ("false", "0", "nee"):
        return False
    raise ValidatieFout("Gebruik true of false.", field=name)


def apply(
    qs: QuerySet[Any],
    request: Request,
    *,
    status: Iterable[str] = (),
    organisatie: str | None = None,
    regel: str | None = None,
    beginsel: str | None = None,
    termijn: bool = False,
) -> QuerySet[Any]:
    """Apply the filters this resource supports; each keyword names the field path to filter on."""
    params = request.query_params
    if status and params.get("status"):
        qs = qs.filter(status=_choice(params["status"], "status", status))
    if organisatie and params.get("organisatie"):
        if not Organisatie.objects.filter(code=params["organisatie"]).exists():
            raise ValidatieFout("Geen organisatie met deze code.", field="organisatie")
        qs = qs.filter(**{f"{organisatie}__code": params["organisatie"]})
    if regel and params.get("regel"):
        qs = qs.filter(**{f"{regel}__uuid": _uuid(params["regel"], "regel")})
    if beginsel and params.get("beginsel"):
        code = params["beginsel"].strip().upper()
        if not Beginsel.objects.filter(code=code).exists():
            raise ValidatieFout("Onbekend beginsel.", field="beginsel")
        qs = qs.filter(**{f"{beginsel}__code": code}).distinct()
    if termijn:
        if params.get("te_laat"):
            late = dict(beantwoord_op__isnull=True, uiterlijk__lt=timezone.now())
            qs = qs.filter(**late) if _bool(params["te_laat"], "te_laat") else qs.exclude(**late)
        if params.get("uiterlijk_voor"):
            qs = qs.filter(uiterlijk__lt=moment(params["uiterlijk_voor"], "uiterlijk_voor"))
        if params.get("uiterlijk_na"):
            qs = qs.filter(uiterlijk__gte=moment(params["uiterlijk_na"], "uiterlijk_na"))
    return qs


def parameters(
    *,
    status: Iterable[str] = (),
    organisatie: bool = False,
    regel: bool = False,
    beginsel: bool = False,
    termijn: bool = False,
) -> list[OpenApiParameter]:
    """The same filters, described for the OpenAPI document."""
    out = []
    if status:
        out.append(OpenApiParameter("status", OpenApiTypes.STR, enum=list(status), description="Status"))
    if organisatie:
        out.append(OpenApiParameter("organisatie", OpenApiTypes.STR, description="Code van de organisatie"))
    if regel:
        out.append(OpenApiParameter("regel", OpenApiTypes.UUID, description="Uuid van de regel"))
    if beginsel:
        out.append(OpenApiParameter("beginsel", OpenApiTypes.STR, description="Code van het beginsel"))
    if termijn:
        out += [
            OpenApiParameter("te_laat", OpenApiTypes.BOOL, description="Alleen (niet) te late items"),
            OpenApiParameter("uiterlijk_voor", OpenApiTypes.DATETIME, description="Termijn eindigt vóór"),
            OpenApiParameter("uiterlijk_na", OpenApiTypes.DATETIME, description="Termijn eindigt op of na"),
        ]
    return out
