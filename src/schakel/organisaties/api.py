from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from schakel.api.actor import current_lid
from schakel.organisaties.models import Lid, Organisatie
from schakel.organisaties.selectors import leden_van


class OrganisatieSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    code = serializers.CharField()
    naam = serializers.CharField()
    soort = serializers.CharField()
    hoger = serializers.CharField(source="hoger.code", allow_null=True)
    ladder = serializers.SerializerMethodField()

    def get_ladder(self, obj: Organisatie) -> list[str]:
        return [trede.rol for trede in obj.ladder.all()]


class LidSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    organisatie = serializers.CharField(source="organisatie.code")
    rol = serializers.CharField()
    naam = serializers.SerializerMethodField()

    def get_naam(self, obj: Lid) -> str:
        return obj.gebruiker.get_full_name() or obj.gebruiker.get_username()


class OrganisatieViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The participating organisations and their escalation ladders: a public directory for members."""

    serializer_class = OrganisatieSerializer
    lookup_field = "code"
    pagination_class = None

    def get_queryset(self) -> QuerySet[Organisatie]:
        if not getattr(self, "swagger_fake_view", False):
            current_lid(self.request)
        return Organisatie.objects.select_related("hoger").prefetch_related("ladder").order_by("code")

    @extend_schema(responses=LidSerializer(many=True), summary="Actieve leden (om uit te nodigen)")
    @action(detail=True, methods=["get"])
    def leden(self, request: Request, code: str | None = None) -> Response:
        organisatie = self.get_object()
        leden = Lid.objects.filter(organisatie=organisatie, actief=True).select_related(
            "organisatie", "gebruiker"
        )
        return Response(LidSerializer(leden, many=True).data)


class IkSerializer(serializers.Serializer):
    gebruiker = serializers.CharField()
    lidmaatschappen = LidSerializer(many=True)
    actief_lidmaatschap = LidSerializer(allow_null=True)


class IkView(APIView):
    """Who am I: my memberships, and which one acts (choose with the Schakel-Lid header)."""

    @extend_schema(responses=IkSerializer, summary="Mijn lidmaatschappen")
    def get(self, request: Request) -> Response:
        leden = list(leden_van(request.user))
        actief: Any = None
        if len(leden) == 1 or request.META.get("HTTP_SCHAKEL_LID"):
            actief = current_lid(request)
        body = {
            "gebruiker": request.user.get_username(),
            "lidmaatschappen": LidSerializer(leden, many=True).data,
            "actief_lidmaatschap": LidSerializer(actief).data if actief else None,
        }
        return Response(body)
