from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from schakel.api import filters
from schakel.api.actor import current_lid
from schakel.api.common import (
    AntwoordInSerializer,
    AntwoordOutSerializer,
    CodesField,
    GebeurtenissenMixin,
    TermijnMixin,
    TextField,
    UuidsField,
)
from schakel.beginselen.models import Beginsel
from schakel.casussen.models import Casus
from schakel.core.errors import NietGevonden, OngeldigeOvergang
from schakel.regels.selectors import regel_get
from schakel.signalen.models import Signaal, SignaalAntwoord
from schakel.signalen.services import signaal_afronden, signaal_answer, signaal_escalate, signaal_raise
from schakel.signalen.workflow import SignaalStatus
from schakel.toegang.selectors import casussen_visible_for, signalen_visible_for


class SignaalSerializer(TermijnMixin, serializers.Serializer):
    uuid = serializers.UUIDField()
    titel = serializers.CharField()
    knelpunt = serializers.CharField()
    regel = serializers.UUIDField(source="regel.uuid")
    status = serializers.CharField()
    bron = serializers.CharField()
    indiener = serializers.SerializerMethodField()
    casussen = UuidsField()
    beginselen = CodesField()
    antwoorden = AntwoordOutSerializer(many=True)

    def get_indiener(self, obj: Signaal) -> dict[str, str]:
        return {"organisatie": obj.indiener.organisatie.code, "rol": obj.indiener.rol}


class SignaalInSerializer(serializers.Serializer):
    regel = serializers.UUIDField()
    titel = serializers.CharField(max_length=200)
    knelpunt = TextField()
    casussen = serializers.ListField(
        child=serializers.UUIDField(), max_length=100, required=False, default=list
    )
    beginselen = serializers.ListField(
        child=serializers.CharField(max_length=40), max_length=50, required=False, default=list
    )


class SignaalAntwoordInSerializer(AntwoordInSerializer):
    pass


class ToelichtingSerializer(serializers.Serializer):
    toelichting = TextField()


class SignaalViewSet(
    GebeurtenissenMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Signals about a knelpunt in a rule, addressed to its owner, answered comply or explain."""

    serializer_class = SignaalSerializer
    lookup_field = "uuid"
    lookup_value_converter = "uuid"

    def get_queryset(self) -> QuerySet[Signaal]:
        if getattr(self, "swagger_fake_view", False):
            return Signaal.objects.none()
        qs = (
            signalen_visible_for(current_lid(self.request))
            .select_related("regel", "ontvanger_organisatie", "indiener__organisatie")
            .prefetch_related(
                # The item shows its casussen and principles by uuid and code: their texts stay behind.
                Prefetch("casussen", Casus.objects.only("uuid")),
                Prefetch("beginselen", Beginsel.objects.only("code")),
                Prefetch("antwoorden", SignaalAntwoord.objects.select_related("door")),
            )
        )
        return filters.apply(
            qs,
            self.request,
            status=SignaalStatus.values,
            organisatie="ontvanger_organisatie",
            regel="regel",
            beginsel="beginselen",
            termijn=True,
        )

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "now": timezone.now()}

    @extend_schema(
        parameters=filters.parameters(
            status=SignaalStatus.values, organisatie=True, regel=True, beginsel=True, termijn=True
        )
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    def _present(self, signaal: Signaal, code: int = status.HTTP_200_OK) -> Response:
        item = self.get_queryset().get(pk=signaal.pk)
        return Response(SignaalSerializer(item, context=self.get_serializer_context()).data, status=code)

    @extend_schema(
        request=SignaalInSerializer, responses={201: SignaalSerializer}, summary="Stuur een signaal"
    )
    def create(self, request: Request) -> Response:
        data = SignaalInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        lid = current_lid(request)
        casussen = list(casussen_visible_for(lid).filter(uuid__in=v["casussen"]))
        if len(casussen) != len(set(v["casussen"])):
            raise NietGevonden("Een of meer casussen bestaan niet of u mag ze niet zien.", field="casussen")
        signaal = signaal_raise(
            door=lid,
            regel=regel_get(v["regel"]),
            titel=v["titel"],
            knelpunt=v["knelpunt"],
            casussen=casussen,
            beginsel_codes=v["beginselen"],
        )
        return self._present(signaal, status.HTTP_201_CREATED)

    @extend_schema(
        request=SignaalAntwoordInSerializer,
        responses={201: AntwoordOutSerializer},
        summary="Beantwoord: opvolgen of uitleggen",
    )
    @action(detail=True, methods=["post"])
    def beantwoorden(self, request: Request, uuid: str | None = None) -> Response:
        signaal = self.get_object()
        data = SignaalAntwoordInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        antwoord = signaal_answer(signaal=signaal, door=current_lid(request), **data.validated_data)
        return Response(AntwoordOutSerializer(antwoord).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ToelichtingSerializer, responses={200: SignaalSerializer}, summary="Rond af")
    @action(detail=True, methods=["post"])
    def afronden(self, request: Request, uuid: str | None = None) -> Response:
        signaal = self.get_object()
        data = ToelichtingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        signaal_afronden(signaal=signaal, door=current_lid(request), **data.validated_data)
        return self._present(signaal)

    @extend_schema(
        request=None, responses={200: SignaalSerializer}, summary="Escaleer nu (termijn verstreken)"
    )
    @action(detail=True, methods=["post"])
    def escaleren(self, request: Request, uuid: str | None = None) -> Response:
        signaal = self.get_object()
        current_lid(request)
        if not signaal_escalate(signaal=signaal):
            raise OngeldigeOvergang(
                "Escaleren kan pas als de termijn ongebruikt is verstreken, en één keer per niveau.",
                field="uiterlijk",
            )
        return self._present(signaal)
