"""Serializers and view pieces that several resources share. Serializers only parse and present;
every write goes through a service."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from schakel.core import ledger
from schakel.core.models import LedgerEvent
from schakel.core.obligations import AntwoordSoort

MAX_TEXT = 20_000


class TextField(serializers.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", MAX_TEXT)
        kwargs.setdefault("trim_whitespace", True)
        super().__init__(**kwargs)


class OrganisatieRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()


class OntvangerSerializer(serializers.Serializer):
    organisatie = OrganisatieRefSerializer(source="ontvanger_organisatie")
    rol = serializers.CharField(source="ontvanger_rol")


class TermijnMixin(serializers.Serializer):
    ingediend_op = serializers.DateTimeField()
    termijn = serializers.CharField()
    uiterlijk = serializers.DateTimeField()
    te_laat = serializers.SerializerMethodField()
    escalatieniveau = serializers.IntegerField()
    beantwoord_op = serializers.DateTimeField(allow_null=True)
    ontvanger = OntvangerSerializer(source="*")

    def get_te_laat(self, obj: Any) -> bool:
        return bool(obj.is_te_laat(self.context["now"]))


class AntwoordInSerializer(serializers.Serializer):
    soort = serializers.ChoiceField(choices=AntwoordSoort.choices)
    toelichting = TextField()
    maatregel = TextField(required=False, allow_blank=True, default="")
    gereed_op = serializers.DateField(required=False, allow_null=True, default=None)
    per_beginsel = serializers.DictField(child=TextField(allow_blank=True), required=False, default=dict)


class AntwoordOutSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    soort = serializers.CharField()
    toelichting = serializers.CharField()
    maatregel = serializers.CharField()
    gereed_op = serializers.DateField(allow_null=True)
    per_beginsel = serializers.DictField(child=serializers.CharField())
    gegeven_op = serializers.DateTimeField()
    door_rol = serializers.CharField(source="door.rol")


class GebeurtenisSerializer(serializers.Serializer):
    seq = serializers.IntegerField()
    at = serializers.CharField()
    kind = serializers.CharField()
    actor = serializers.CharField()
    inhoud = serializers.JSONField(source="data")
    hash = serializers.CharField()


class GebeurtenissenMixin:
    """`GET …/{uuid}/gebeurtenissen/`: the ledger events of one item, with the chain verified."""

    @extend_schema(responses=GebeurtenisSerializer(many=True), summary="Logboek van dit item")
    @action(detail=True, methods=["get"], pagination_class=None)
    def gebeurtenissen(self, request: Request, uuid: str | None = None) -> Response:
        item = self.get_object()  # type: ignore[attr-defined]
        events: list[LedgerEvent] = list(ledger.events_for(item))
        return Response(GebeurtenisSerializer(events, many=True).data)


class SlugsField(serializers.Field):
    """A read-only list of one attribute (code or uuid) of the related objects."""

    def __init__(self, slug: str, **kwargs: Any) -> None:
        kwargs["read_only"] = True
        self.slug = slug
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> list[str]:
        return [str(getattr(item, self.slug)) for item in value.all()]


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class CodesField(SlugsField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__("code", **kwargs)


@extend_schema_field({"type": "array", "items": {"type": "string", "format": "uuid"}})
class UuidsField(SlugsField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__("uuid", **kwargs)
