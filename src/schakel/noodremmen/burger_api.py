"""The citizen's side: no account. Filing returns a receipt code; that code alone opens that one item and
its messages (header `Schakel-Ontvangstcode`). Failed look-ups are throttled per client address."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from schakel.api.common import CodesField, TextField
from schakel.api.throttles import BurgerIndienenThrottle
from schakel.beveiliging.pogingen import client_adres
from schakel.noodremmen.api import BerichtInSerializer
from schakel.noodremmen.models import BurgerSoort, Niveau, Noodrem
from schakel.noodremmen.ontvangstcode import noodrem_openen
from schakel.noodremmen.services import bericht_add, noodrem_pull
from schakel.organisaties.selectors import organisatie_by_code

HEADER = "HTTP_SCHAKEL_ONTVANGSTCODE"
CODE_PARAMETER = OpenApiParameter(
    "Schakel-Ontvangstcode",
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=True,
    description="De ontvangstcode die u bij het indienen kreeg",
)


class BurgerAntwoordSerializer(serializers.Serializer):
    soort = serializers.CharField()
    toelichting = serializers.CharField()
    maatregel = serializers.CharField()
    gereed_op = serializers.DateField(allow_null=True)
    per_beginsel = serializers.DictField(child=serializers.CharField())
    gegeven_op = serializers.DateTimeField()


class BurgerBerichtSerializer(serializers.Serializer):
    van_burger = serializers.BooleanField()
    tekst = serializers.CharField()
    aangemaakt_op = serializers.DateTimeField()


class BurgerNoodremSerializer(serializers.Serializer):
    burger_soort = serializers.CharField()
    organisatie = serializers.CharField(source="ontvanger_organisatie.naam")
    zaak_kenmerk = serializers.CharField()
    status = serializers.CharField()
    status_tekst = serializers.CharField(source="get_status_display")
    ingediend_op = serializers.DateTimeField()
    uiterlijk = serializers.DateTimeField()
    te_laat = serializers.SerializerMethodField()
    beginselen = CodesField()
    motivering = serializers.CharField()
    antwoorden = BurgerAntwoordSerializer(many=True)
    berichten = BurgerBerichtSerializer(many=True)

    def get_te_laat(self, obj: Noodrem) -> bool:
        return bool(obj.is_te_laat(timezone.now()))


class IndienenSerializer(serializers.Serializer):
    organisatie = serializers.CharField(max_length=40, help_text="Code van de organisatie waar uw zaak loopt")
    zaak_kenmerk = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    burger_soort = serializers.ChoiceField(choices=BurgerSoort.choices)
    beginselen = serializers.ListField(child=serializers.CharField(max_length=40), max_length=50)
    motivering = TextField()


class IngediendSerializer(serializers.Serializer):
    ontvangstcode = serializers.CharField(help_text="Bewaar deze code: alleen hiermee volgt u uw zaak")
    noodrem = BurgerNoodremSerializer()


class BurgerViewSet(viewsets.ViewSet):
    """Noodrem for citizens: file without an account, then follow it with the receipt code."""

    authentication_classes: list[Any] = []
    permission_classes: list[Any] = []

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        # Every answer here carries a receipt code or what one opened: no cache may keep it.
        response = super().finalize_response(request, response, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    def _item(self, request: Request) -> Noodrem:
        return noodrem_openen(code=request.META.get(HEADER, ""), adres=client_adres(request))

    @extend_schema(
        request=IndienenSerializer,
        responses={201: IngediendSerializer},
        summary="Dien een bezwaar of klacht in (noodrem voor burgers)",
    )
    def create(self, request: Request) -> Response:
        throttle = BurgerIndienenThrottle()
        if not throttle.allow_request(request, self):
            self.throttled(request, throttle.wait() or 60.0)
        data = IndienenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        result = noodrem_pull(
            niveau=Niveau.BURGER,
            zaak_organisatie=organisatie_by_code(v["organisatie"]),
            zaak_kenmerk=v["zaak_kenmerk"],
            burger_soort=v["burger_soort"],
            beginsel_codes=v["beginselen"],
            motivering=v["motivering"],
        )
        body = {
            "ontvangstcode": result.ontvangstcode,
            "noodrem": BurgerNoodremSerializer(result.noodrem).data,
        }
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[CODE_PARAMETER], responses=BurgerNoodremSerializer, summary="Volg uw zaak")
    @action(detail=False, methods=["get"])
    def zaak(self, request: Request) -> Response:
        return Response(BurgerNoodremSerializer(self._item(request)).data)

    @extend_schema(
        parameters=[CODE_PARAMETER],
        request=BerichtInSerializer,
        responses={201: BurgerBerichtSerializer},
        summary="Stuur een bericht over uw zaak",
    )
    @action(detail=False, methods=["post"], url_path="zaak/berichten")
    def berichten(self, request: Request) -> Response:
        noodrem = self._item(request)
        data = BerichtInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        bericht = bericht_add(noodrem=noodrem, tekst=data.validated_data["tekst"])
        return Response(BurgerBerichtSerializer(bericht).data, status=status.HTTP_201_CREATED)
