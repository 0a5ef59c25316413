from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from schakel.beginselen.models import Beginsel, Kader
from schakel.beginselen.selectors import beginselen_actueel
from schakel.core.errors import require


class BeginselSerializer(serializers.Serializer):
    code = serializers.CharField()
    versie = serializers.IntegerField()
    kader = serializers.CharField()
    naam = serializers.CharField()
    artikel = serializers.CharField()
    uitleg = serializers.CharField()
    bron = serializers.CharField()
    geldig_vanaf = serializers.DateField()


class BeginselViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The normative framework (current versions): Awb, ombudsman norms, ROB wegingskader. Public."""

    serializer_class = BeginselSerializer
    lookup_field = "code"
    pagination_class = None
    permission_classes: list = []
    authentication_classes: list = []

    def get_queryset(self) -> QuerySet[Beginsel]:
        qs = beginselen_actueel()
        kader = self.request.query_params.get("kader")
        if kader:
            require(kader in Kader.values, f"Kies uit: {', '.join(Kader.values)}.", field="kader")
            qs = qs.filter(kader=kader)
        return qs

    @extend_schema(parameters=[OpenApiParameter("kader", OpenApiTypes.STR, enum=Kader.values)])
    def list(self, request: Request, *args: object, **kwargs: object) -> Response:
        return super().list(request, *args, **kwargs)
