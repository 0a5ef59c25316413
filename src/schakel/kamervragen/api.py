from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from schakel.api import filters
from schakel.api.actor import current_lid
from schakel.api.common import GebeurtenissenMixin, TermijnMixin, TextField
from schakel.kamervragen.models import Kamervraag, KamervraagStatus
from schakel.kamervragen.selectors import kamervragen_visible_for
from schakel.kamervragen.services import kamervraag_beantwoorden, kamervraag_stellen
from schakel.organisaties.selectors import organisatie_by_code
from schakel.regels.selectors import regel_get


class KamervraagAntwoordSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    tekst = serializers.CharField()
    gegeven_op = serializers.DateTimeField()


class KamervraagSerializer(TermijnMixin, serializers.Serializer):
    uuid = serializers.UUIDField()
    vraag = serializers.CharField()
    gesteld_door = serializers.CharField(source="gesteld_door.organisatie.code")
    regel = serializers.UUIDField(source="regel.uuid", allow_null=True)
    status = serializers.CharField()
    antwoord = serializers.SerializerMethodField()

    @extend_schema_field(KamervraagAntwoordSerializer(allow_null=True))
    def get_antwoord(self, obj: Kamervraag) -> dict[str, Any] | None:
        antwoord = getattr(obj, "antwoord", None)
        return dict(KamervraagAntwoordSerializer(antwoord).data) if antwoord else None


class KamervraagInSerializer(serializers.Serializer):
    organisatie = serializers.CharField(max_length=40, help_text="Code van de uitvoerende organisatie")
    vraag = TextField()
    regel = serializers.UUIDField(required=False, allow_null=True, default=None)


class KamervraagAntwoordInSerializer(serializers.Serializer):
    tekst = TextField()


class KamervraagViewSet(
    GebeurtenissenMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Parliament's direct line: questions from a Kamercommissie-griffie to an executive organisation."""

    serializer_class = KamervraagSerializer
    lookup_field = "uuid"
    lookup_value_converter = "uuid"

    def get_queryset(self) -> QuerySet[Kamervraag]:
        if getattr(self, "swagger_fake_view", False):
            return Kamervraag.objects.none()
        qs = kamervragen_visible_for(current_lid(self.request)).select_related(
            "ontvanger_organisatie", "gesteld_door__organisatie", "regel", "antwoord"
        )
        return filters.apply(
            qs,
            self.request,
            status=KamervraagStatus.values,
            organisatie="ontvanger_organisatie",
            termijn=True,
        )

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "now": timezone.now()}

    @extend_schema(
        parameters=filters.parameters(status=KamervraagStatus.values, organisatie=True, termijn=True)
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=KamervraagInSerializer, responses={201: KamervraagSerializer}, summary="Stel een Kamervraag"
    )
    def create(self, request: Request) -> Response:
        data = KamervraagInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        kv = kamervraag_stellen(
            door=current_lid(request),
            organisatie=organisatie_by_code(v["organisatie"]),
            vraag=v["vraag"],
            regel=regel_get(v["regel"]) if v["regel"] else None,
        )
        return Response(
            KamervraagSerializer(
                self.get_queryset().get(pk=kv.pk), context=self.get_serializer_context()
            ).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        request=KamervraagAntwoordInSerializer,
        responses={201: KamervraagAntwoordSerializer},
        summary="Beantwoord",
    )
    @action(detail=True, methods=["post"])
    def beantwoorden(self, request: Request, uuid: str | None = None) -> Response:
        kv = self.get_object()
        data = KamervraagAntwoordInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        antwoord = kamervraag_beantwoorden(
            kamervraag=kv, door=current_lid(request), tekst=data.validated_data["tekst"]
        )
        return Response(KamervraagAntwoordSerializer(antwoord).data, status=status.HTTP_201_CREATED)
