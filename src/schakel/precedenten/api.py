from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from schakel.api.actor import current_lid
from schakel.api.common import TextField, UuidsField
from schakel.api.filters import moment
from schakel.core.errors import require
from schakel.precedenten.models import Uitkomst, Voorstel, VoorstelStatus
from schakel.precedenten.selectors import Precedent, vergelijkbaar
from schakel.precedenten.services import voorstel_afwijzen, voorstel_bevestigen


class PrecedentSerializer(serializers.Serializer):
    casus = serializers.UUIDField(source="casus.uuid")
    titel = serializers.CharField(source="casus.titel")
    organisatie = serializers.CharField(source="casus.organisatie.code")
    uitkomst = serializers.CharField(source="document.uitkomst")
    besluiten = serializers.ListField(
        child=serializers.DictField(child=serializers.CharField()), source="document.besluiten"
    )
    score = serializers.FloatField()
    gelijkenis = serializers.FloatField(
        help_text="Aandeel van de woorden van de vraag dat in deze casus staat"
    )
    waarom = serializers.CharField()
    gedeelde_regels = serializers.ListField(child=serializers.UUIDField())
    gedeelde_beginselen = serializers.ListField(child=serializers.CharField())
    gedeelde_woorden = serializers.ListField(child=serializers.CharField(), source="gedeelde_termen")


def present(precedenten: list[Precedent]) -> list[dict[str, Any]]:
    return list(PrecedentSerializer(precedenten, many=True).data)


class PrecedentenView(APIView):
    """Search casusprudentie: own casussen and those shared with the learning network."""

    @extend_schema(
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, required=True, description="Zoektekst (beschrijving)"),
            OpenApiParameter("regel", OpenApiTypes.UUID),
            OpenApiParameter("beginsel", OpenApiTypes.STR),
            OpenApiParameter("uitkomst", OpenApiTypes.STR, enum=Uitkomst.values),
            OpenApiParameter("organisatie", OpenApiTypes.STR),
            OpenApiParameter("van", OpenApiTypes.DATE),
            OpenApiParameter("tot", OpenApiTypes.DATE),
            OpenApiParameter("aantal", OpenApiTypes.INT, description="Hoogstens 50; standaard 10"),
        ],
        responses=PrecedentSerializer(many=True),
        summary="Zoek precedenten",
    )
    def get(self, request: Request) -> Response:
        lid = current_lid(request)
        p = request.query_params
        q = p.get("q", "").strip()
        require(bool(q) and len(q) <= 20_000, "Geef een zoektekst (hoogstens 20.000 tekens).", field="q")
        uitkomst = p.get("uitkomst") or None
        require(
            uitkomst in (None, *Uitkomst.values), f"Kies uit: {', '.join(Uitkomst.values)}.", field="uitkomst"
        )
        aantal = p.get("aantal", "10")
        require(
            aantal.isdigit() and 1 <= int(aantal) <= 50,
            "Geef een aantal van 1 tot en met 50.",
            field="aantal",
        )
        van = moment(p["van"], "van") if p.get("van") else None
        tot = moment(p["tot"], "tot") + dt.timedelta(days=1) if p.get("tot") else None
        found = vergelijkbaar(
            organisatie=lid.organisatie,
            tekst=q,
            regel=p.get("regel") or None,
            beginsel=(p.get("beginsel") or "").strip().upper() or None,
            uitkomst=uitkomst,
            van_organisatie=p.get("organisatie") or None,
            periode=(van, tot),
            limit=int(aantal),
        )
        return Response(present(found))


class VoorstelSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    regel = serializers.UUIDField(source="regel.uuid")
    regel_titel = serializers.CharField(source="regel.titel")
    organisatie = serializers.CharField(source="organisatie.code")
    aantal = serializers.IntegerField()
    casussen = UuidsField()
    status = serializers.CharField()
    motivering = serializers.CharField()
    signaal = serializers.UUIDField(source="signaal.uuid", allow_null=True)
    aangemaakt_op = serializers.DateTimeField()


class BevestigenSerializer(serializers.Serializer):
    titel = serializers.CharField(max_length=200)
    knelpunt = TextField()
    beginselen = serializers.ListField(
        child=serializers.CharField(max_length=40), max_length=50, required=False, default=list
    )


class AfwijzenSerializer(serializers.Serializer):
    motivering = TextField()


class VoorstelViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Fix → solve: proposals for a structural signaal when deviations from one rule pile up."""

    serializer_class = VoorstelSerializer
    lookup_field = "uuid"
    lookup_value_converter = "uuid"

    def get_queryset(self) -> QuerySet[Voorstel]:
        if getattr(self, "swagger_fake_view", False):
            return Voorstel.objects.none()
        qs = (
            Voorstel.objects.filter(organisatie=current_lid(self.request).organisatie)
            .select_related("regel", "organisatie", "signaal")
            .prefetch_related("casussen")
        )
        status = self.request.query_params.get("status")
        if status:
            require(
                status in VoorstelStatus.values,
                f"Kies uit: {', '.join(VoorstelStatus.values)}.",
                field="status",
            )
            qs = qs.filter(status=status)
        return qs

    @extend_schema(parameters=[OpenApiParameter("status", OpenApiTypes.STR, enum=VoorstelStatus.values)])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=BevestigenSerializer,
        responses={200: VoorstelSerializer},
        summary="Bevestig: stuur het signaal",
    )
    @action(detail=True, methods=["post"])
    def bevestigen(self, request: Request, uuid: str | None = None) -> Response:
        voorstel = self.get_object()
        data = BevestigenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        voorstel_bevestigen(
            voorstel=voorstel,
            door=current_lid(request),
            titel=v["titel"],
            knelpunt=v["knelpunt"],
            beginsel_codes=v["beginselen"],
        )
        return Response(VoorstelSerializer(self.get_queryset().get(pk=voorstel.pk)).data)

    @extend_schema(
        request=AfwijzenSerializer, responses={200: VoorstelSerializer}, summary="Wijs af, met motivering"
    )
    @action(detail=True, methods=["post"])
    def afwijzen(self, request: Request, uuid: str | None = None) -> Response:
        voorstel = self.get_object()
        data = AfwijzenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        voorstel_afwijzen(
            voorstel=voorstel, door=current_lid(request), motivering=data.validated_data["motivering"]
        )
        return Response(VoorstelSerializer(self.get_queryset().get(pk=voorstel.pk)).data)
