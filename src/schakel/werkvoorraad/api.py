from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from schakel.api.actor import current_lid
from schakel.api.pagination import Cursor
from schakel.core.errors import require
from schakel.core.models import Notificatie
from schakel.werkvoorraad.cursor import NA, VOOR, cursor_voor, lees_cursor
from schakel.werkvoorraad.selectors import (
    SOORTEN,
    Positie,
    Taak,
    meldingen,
    taak_titel,
    werkvoorraad_pagina,
)

_DATUMTIJD = serializers.DateTimeField()
_NUL = UUID(int=0)


# One row of the werkvoorraad. The fields declare the schema; `to_representation` fills them directly,
# without a DRF field per value: a page has 50 rows, and the field machinery cost about a quarter of a
# millisecond per row. tests/api/test_werkvoorraad_rows.py holds it to what the declared fields give.
# (A comment, not a docstring: drf-spectacular would publish a docstring in the schema.)
class TaakSerializer(serializers.Serializer):
    soort = serializers.CharField()
    uuid = serializers.UUIDField(source="item.uuid")
    titel = serializers.SerializerMethodField()
    uiterlijk = serializers.DateTimeField()
    te_laat = serializers.BooleanField()
    dagen_over = serializers.SerializerMethodField(
        help_text="Kalenderdagen tot de termijn; negatief als te laat"
    )
    escalatieniveau = serializers.IntegerField(source="item.escalatieniveau")
    url = serializers.SerializerMethodField()

    def get_titel(self, taak: Taak) -> str:
        return taak_titel(taak)

    def get_dagen_over(self, taak: Taak) -> int:
        return (timezone.localdate(taak.uiterlijk) - timezone.localdate(self.context["now"])).days

    def get_url(self, taak: Taak) -> str:
        return reverse(f"api:{taak.soort}-detail", kwargs={"uuid": taak.item.uuid})

    @cached_property
    def _paden(self) -> dict[str, str]:
        # One reverse() per kind and page, not per row: the uuid is the only part of the path that varies.
        return {soort: reverse(f"api:{soort}-detail", kwargs={"uuid": _NUL}) for soort in SOORTEN}

    @cached_property
    def _vandaag(self) -> dt.date:
        return timezone.localdate(self.context["now"])

    def to_representation(self, taak: Taak) -> dict[str, Any]:
        item: Any = taak.item
        return {
            "soort": taak.soort,
            "uuid": str(item.uuid),
            "titel": taak_titel(taak),
            "uiterlijk": _DATUMTIJD.to_representation(taak.uiterlijk),
            "te_laat": taak.te_laat,
            "dagen_over": (timezone.localdate(taak.uiterlijk) - self._vandaag).days,
            "escalatieniveau": item.escalatieniveau,
            "url": self._paden[taak.soort].replace(str(_NUL), str(item.uuid)),
        }


class WerkvoorraadViewSet(viewsets.GenericViewSet):
    """Mijn werkvoorraad: what my membership must answer, overdue first, then by term, in pages."""

    serializer_class = TaakSerializer
    # Used for the page size and the schema; the two-kind keyset paging itself is werkvoorraad_pagina.
    pagination_class = Cursor
    filter_backends: list[Any] = []

    @extend_schema(
        parameters=[
            OpenApiParameter("soort", OpenApiTypes.STR, enum=list(SOORTEN)),
            OpenApiParameter("te_laat", OpenApiTypes.BOOL),
        ],
        summary="Mijn werkvoorraad",
    )
    def list(self, request: Request) -> Response:
        now = timezone.now()
        soort = request.query_params.get("soort") or None
        if soort is not None:
            require(soort in SOORTEN, "Kies signaal, noodrem of kamervraag.", field="soort")
        te_laat = request.query_params.get("te_laat")
        if te_laat:
            require(te_laat in ("true", "false"), "Gebruik true of false.", field="te_laat")
        paginator = Cursor()
        aantal = paginator.get_page_size(request) or Cursor.page_size
        na = voor = None
        if cursor := request.query_params.get("cursor"):
            richting, positie = lees_cursor(cursor)
            na, voor = (positie, None) if richting == NA else (None, positie)
        pagina = werkvoorraad_pagina(
            current_lid(request),
            now=now,
            aantal=aantal,
            soort=soort,
            te_laat=(te_laat == "true") if te_laat else None,
            na=na,
            voor=voor,
        )
        base = request.build_absolute_uri()

        def link(richting: str, taak: Taak) -> str:
            return replace_query_param(base, "cursor", cursor_voor(richting, Positie.van(taak)))

        taken = pagina.taken
        return Response(
            {
                "next": link(NA, taken[-1]) if pagina.heeft_volgende and taken else None,
                "previous": link(VOOR, taken[0]) if pagina.heeft_vorige and taken else None,
                "results": TaakSerializer(taken, many=True, context={"now": now}).data,
            }
        )


class MeldingSerializer(serializers.Serializer):
    soort = serializers.CharField()
    onderwerp_type = serializers.CharField()
    onderwerp = serializers.CharField(source="onderwerp_id")
    tekst = serializers.CharField()
    aangemaakt_op = serializers.DateTimeField()


class MeldingViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """My notifications: new items, answers and escalations for the roles I act for."""

    serializer_class = MeldingSerializer

    def get_queryset(self) -> QuerySet[Notificatie]:
        if getattr(self, "swagger_fake_view", False):
            return Notificatie.objects.none()
        return meldingen(current_lid(self.request))
