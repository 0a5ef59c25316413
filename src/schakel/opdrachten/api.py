from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from schakel.api import filters
from schakel.api.actor import current_lid
from schakel.api.common import GebeurtenissenMixin, TextField
from schakel.core.errors import NietGevonden
from schakel.noodremmen.api import GetrokkenSerializer, NoodremSerializer
from schakel.noodremmen.models import Anonimiteit, Niveau
from schakel.noodremmen.services import noodrem_pull
from schakel.opdrachten.models import BesluitKeuze, Opdracht, Uitvoerbaar
from schakel.opdrachten.services import opdracht_create, opdracht_decide, opdracht_request_toets, toets_submit
from schakel.opdrachten.workflow import OpdrachtStatus
from schakel.organisaties.selectors import organisatie_by_code
from schakel.regels.selectors import regel_get
from schakel.toegang.selectors import opdrachten_visible_for


class ToetsSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    opdracht_versie = serializers.IntegerField()
    uitvoerbaar = serializers.CharField()
    voorwaarden = serializers.CharField()
    kosten = serializers.CharField()
    doorlooptijd = serializers.CharField()
    ict = serializers.CharField()
    effect_burgers = serializers.CharField()
    ondergrenzen = serializers.CharField()
    waardenafweging = serializers.CharField()
    gegeven_op = serializers.DateTimeField()


class BesluitSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    keuze = serializers.CharField()
    motivering = serializers.CharField()
    gewogen_toets = serializers.UUIDField(source="gewogen_toets.uuid", allow_null=True)
    weging_toets = serializers.CharField()
    genomen_op = serializers.DateTimeField()


class OpdrachtSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    titel = serializers.CharField()
    omschrijving = serializers.CharField()
    opdrachtgever = serializers.CharField(source="opdrachtgever.code")
    uitvoerder = serializers.CharField(source="uitvoerder.code")
    regel = serializers.UUIDField(source="regel.uuid", allow_null=True)
    status = serializers.CharField()
    versie = serializers.IntegerField()
    toetsen = ToetsSerializer(many=True)
    besluiten = BesluitSerializer(many=True)
    teruggaven = serializers.SerializerMethodField()

    def get_teruggaven(self, obj: Opdracht) -> list[str]:
        """The organisation brakes that returned this opdracht (uuids; see /noodremmen/)."""
        return [str(n.uuid) for n in obj.noodremmen.all() if n.niveau == Niveau.ORGANISATIE]


class OpdrachtInSerializer(serializers.Serializer):
    uitvoerder = serializers.CharField(max_length=40, help_text="Code van de uitvoeringsorganisatie")
    titel = serializers.CharField(max_length=200)
    omschrijving = TextField()
    regel = serializers.UUIDField(required=False, allow_null=True, default=None)


class ToetsInSerializer(serializers.Serializer):
    uitvoerbaar = serializers.ChoiceField(choices=Uitvoerbaar.choices)
    voorwaarden = TextField(required=False, allow_blank=True, default="")
    kosten = TextField()
    doorlooptijd = serializers.CharField(max_length=200)
    ict = TextField()
    effect_burgers = TextField()
    ondergrenzen = TextField()
    waardenafweging = TextField()


class BesluitInSerializer(serializers.Serializer):
    keuze = serializers.ChoiceField(choices=BesluitKeuze.choices)
    motivering = TextField()
    gewogen_toets = serializers.UUIDField(required=False, allow_null=True, default=None)
    weging_toets = TextField(required=False, allow_blank=True, default="")


class TeruggaveInSerializer(serializers.Serializer):
    beginselen = serializers.ListField(child=serializers.CharField(max_length=40), max_length=50)
    motivering = TextField()


class OpdrachtViewSet(
    GebeurtenissenMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Opdrachten from a ministry to an executive organisation, with uitvoeringstoets, besluit and return."""

    serializer_class = OpdrachtSerializer
    lookup_field = "uuid"
    lookup_value_converter = "uuid"

    def get_queryset(self) -> QuerySet[Opdracht]:
        if getattr(self, "swagger_fake_view", False):
            return Opdracht.objects.none()
        qs = (
            opdrachten_visible_for(current_lid(self.request))
            .select_related("opdrachtgever", "uitvoerder", "regel")
            .prefetch_related("toetsen", "besluiten__gewogen_toets", "noodremmen")
        )
        return filters.apply(
            qs, self.request, status=OpdrachtStatus.values, organisatie="uitvoerder", regel="regel"
        )

    @extend_schema(parameters=filters.parameters(status=OpdrachtStatus.values, organisatie=True, regel=True))
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    def _present(self, opdracht: Opdracht, code: int = status.HTTP_200_OK) -> Response:
        return Response(OpdrachtSerializer(self.get_queryset().get(pk=opdracht.pk)).data, status=code)

    @extend_schema(
        request=OpdrachtInSerializer, responses={201: OpdrachtSerializer}, summary="Geef een opdracht"
    )
    def create(self, request: Request) -> Response:
        data = OpdrachtInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        opdracht = opdracht_create(
            door=current_lid(request),
            uitvoerder=organisatie_by_code(v["uitvoerder"], field="uitvoerder"),
            titel=v["titel"],
            omschrijving=v["omschrijving"],
            regel=regel_get(v["regel"]) if v["regel"] else None,
        )
        return self._present(opdracht, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: OpdrachtSerializer}, summary="Vraag een uitvoeringstoets")
    @action(detail=True, methods=["post"], url_path="toets-aanvragen")
    def toets_aanvragen(self, request: Request, uuid: str | None = None) -> Response:
        opdracht = self.get_object()
        opdracht_request_toets(opdracht=opdracht, door=current_lid(request))
        return self._present(opdracht)

    @extend_schema(
        request=ToetsInSerializer, responses={201: ToetsSerializer}, summary="Lever de uitvoeringstoets"
    )
    @action(detail=True, methods=["post"])
    def toets(self, request: Request, uuid: str | None = None) -> Response:
        opdracht = self.get_object()
        data = ToetsInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        toets = toets_submit(opdracht=opdracht, door=current_lid(request), **data.validated_data)
        return Response(ToetsSerializer(toets).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=BesluitInSerializer, responses={201: BesluitSerializer}, summary="Besluit over de opdracht"
    )
    @action(detail=True, methods=["post"])
    def besluit(self, request: Request, uuid: str | None = None) -> Response:
        opdracht = self.get_object()
        data = BesluitInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        gewogen = None
        if v["gewogen_toets"]:
            gewogen = opdracht.toetsen.filter(uuid=v["gewogen_toets"]).first()
            if gewogen is None:
                raise NietGevonden("Deze toets hoort niet bij deze opdracht.", field="gewogen_toets")
        besluit = opdracht_decide(
            opdracht=opdracht,
            door=current_lid(request),
            keuze=v["keuze"],
            motivering=v["motivering"],
            gewogen_toets=gewogen,
            weging_toets=v["weging_toets"],
        )
        return Response(BesluitSerializer(besluit).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=TeruggaveInSerializer,
        responses={201: GetrokkenSerializer},
        summary="Geef terug (noodrem op organisatieniveau)",
    )
    @action(detail=True, methods=["post"])
    def teruggeven(self, request: Request, uuid: str | None = None) -> Response:
        opdracht = self.get_object()
        data = TeruggaveInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = noodrem_pull(
            niveau=Niveau.ORGANISATIE,
            door=current_lid(request),
            anonimiteit=Anonimiteit.GENOEMD,
            opdracht=opdracht,
            beginsel_codes=data.validated_data["beginselen"],
            motivering=data.validated_data["motivering"],
        )
        body = {
            "noodrem": NoodremSerializer(result.noodrem, context={"now": timezone.now()}).data,
            "ontvangstcode": result.ontvangstcode,
        }
        return Response(body, status=status.HTTP_201_CREATED)
