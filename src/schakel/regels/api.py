from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from schakel.api.actor import current_lid
from schakel.api.common import GebeurtenissenMixin, TextField
from schakel.core.errors import require
from schakel.organisaties.selectors import organisatie_by_code
from schakel.regels.models import Regel, RegelSoort
from schakel.regels.services import regel_register


class RegelSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    titel = serializers.CharField()
    soort = serializers.CharField()
    bwb_id = serializers.CharField()
    artikel = serializers.CharField()
    omschrijving = serializers.CharField()
    uitvoerder = serializers.CharField(source="uitvoerder.code")
    eigenaar = serializers.SerializerMethodField()

    def get_eigenaar(self, obj: Regel) -> dict[str, str]:
        return {"organisatie": obj.eigenaar_organisatie.code, "rol": obj.eigenaar_rol}


class RegelInSerializer(serializers.Serializer):
    titel = serializers.CharField(max_length=200)
    soort = serializers.ChoiceField(choices=RegelSoort.choices)
    uitvoerder = serializers.CharField(max_length=40, help_text="Code van de uitvoerende organisatie")
    bwb_id = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    artikel = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    omschrijving = TextField(required=False, allow_blank=True, default="")
    eigenaar_organisatie = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    eigenaar_rol = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")


class RegelViewSet(
    GebeurtenissenMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Rules and who owns them. Every member may read them; signals and brakes name them."""

    serializer_class = RegelSerializer
    lookup_field = "uuid"
    lookup_value_converter = "uuid"

    def get_queryset(self) -> QuerySet[Regel]:
        if getattr(self, "swagger_fake_view", False):
            return Regel.objects.none()
        current_lid(self.request)
        qs = Regel.objects.select_related("uitvoerder", "eigenaar_organisatie")
        params = self.request.query_params
        if params.get("organisatie"):
            code = params["organisatie"]
            qs = qs.filter(Q(uitvoerder__code=code) | Q(eigenaar_organisatie__code=code))
        if params.get("soort"):
            soort = params["soort"]
            require(soort in RegelSoort.values, f"Kies uit: {', '.join(RegelSoort.values)}.", field="soort")
            qs = qs.filter(soort=soort)
        return qs

    @extend_schema(
        parameters=[
            OpenApiParameter("organisatie", OpenApiTypes.STR, description="Uitvoerder of eigenaar (code)"),
            OpenApiParameter("soort", OpenApiTypes.STR, enum=RegelSoort.values),
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(request=RegelInSerializer, responses={201: RegelSerializer}, summary="Leg een regel vast")
    def create(self, request: Request) -> Response:
        data = RegelInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        regel = regel_register(
            door=current_lid(request),
            titel=v["titel"],
            soort=v["soort"],
            uitvoerder=organisatie_by_code(v["uitvoerder"], field="uitvoerder"),
            bwb_id=v["bwb_id"],
            artikel=v["artikel"],
            omschrijving=v["omschrijving"],
            eigenaar_organisatie=organisatie_by_code(v["eigenaar_organisatie"], field="eigenaar_organisatie")
            if v["eigenaar_organisatie"]
            else None,
            eigenaar_rol=v["eigenaar_rol"] or None,
        )
        return Response(RegelSerializer(regel).data, status=status.HTTP_201_CREATED)
