from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from schakel.api.actor import current_lid
from schakel.core.errors import require
from schakel.core.models import Notificatie
from schakel.werkvoorraad.selectors import Taak, meldingen, werkvoorraad


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
        item: Any = taak.item
        if taak.soort == "signaal":
            return str(item.titel)
        onderwerp = item.onderwerp
        over = getattr(onderwerp, "titel", "") if onderwerp else (item.zaak_kenmerk or "een zaak")
        return f"Noodrem ({item.get_niveau_display()}) over {over}"

    def get_dagen_over(self, taak: Taak) -> int:
        return (timezone.localdate(taak.uiterlijk) - timezone.localdate(self.context["now"])).days

    def get_url(self, taak: Taak) -> str:
        name = "api:signaal-detail" if taak.soort == "signaal" else "api:noodrem-detail"
        return reverse(name, kwargs={"uuid": taak.item.uuid})


class WerkvoorraadViewSet(viewsets.ViewSet):
    """Mijn werkvoorraad: what my membership must answer, overdue first, then by term."""

    @extend_schema(
        parameters=[
            OpenApiParameter("soort", OpenApiTypes.STR, enum=["signaal", "noodrem"]),
            OpenApiParameter("te_laat", OpenApiTypes.BOOL),
        ],
        responses=TaakSerializer(many=True),
        summary="Mijn werkvoorraad",
    )
    def list(self, request: Request) -> Response:
        now = timezone.now()
        taken = werkvoorraad(current_lid(request), now=now)
        soort = request.query_params.get("soort")
        if soort:
            require(soort in ("signaal", "noodrem"), "Kies signaal of noodrem.", field="soort")
            taken = [t for t in taken if t.soort == soort]
        te_laat = request.query_params.get("te_laat")
        if te_laat:
            require(te_laat in ("true", "false"), "Gebruik true of false.", field="te_laat")
            taken = [t for t in taken if t.te_laat == (te_laat == "true")]
        return Response(TaakSerializer(taken, many=True, context={"now": now}).data)


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
