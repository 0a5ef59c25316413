from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from schakel.api import filters
from schakel.api.actor import current_lid
from schakel.api.common import CodesField, GebeurtenissenMixin, TextField, UuidsField
from schakel.casussen.models import Beraad, Casus, Maatwerkbesluit, Perspectief, Uitkomst
from schakel.casussen.services import (
    beraad_conclude,
    beraad_start,
    bijdrage_add,
    casus_afsluiten,
    casus_correct,
    casus_create,
    maatwerkbesluit_take,
)
from schakel.casussen.workflow import CasusStatus
from schakel.core.errors import NietGevonden, ValidatieFout
from schakel.organisaties.models import Lid
from schakel.precedenten.api import PrecedentSerializer, present
from schakel.precedenten.selectors import vergelijkbaar_met
from schakel.precedenten.services import casus_delen
from schakel.regels.models import Regel
from schakel.regels.selectors import regel_get
from schakel.toegang.selectors import beraden_visible_for, casussen_visible_for, maatwerkbesluiten_visible_for


def _codes(**kwargs: Any) -> serializers.ListField:
    return serializers.ListField(child=serializers.CharField(max_length=40), max_length=50, **kwargs)


def _uuids(**kwargs: Any) -> serializers.ListField:
    return serializers.ListField(child=serializers.UUIDField(), max_length=50, **kwargs)


def _regels(uuids: list[Any]) -> list[Regel]:
    return [regel_get(u, field="regels") for u in uuids]


class MaatwerkbesluitSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    casus = serializers.UUIDField(source="casus.uuid")
    regel = serializers.UUIDField(source="regel.uuid")
    beginselen = CodesField()
    besluit = serializers.CharField()
    motivering = serializers.CharField()
    genomen_op = serializers.DateTimeField()
    door_rol = serializers.CharField(source="door.rol")
    beraad = serializers.UUIDField(source="beraad.uuid", allow_null=True)
    vervangt = serializers.UUIDField(source="vervangt.uuid", allow_null=True)
    motivering_verschil = serializers.CharField()
    precedenten = serializers.ListField(child=serializers.UUIDField())


class BijdrageSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    perspectief = serializers.CharField()
    tekst = serializers.CharField()
    door_rol = serializers.CharField(source="door.rol")
    door_organisatie = serializers.CharField(source="door.organisatie.code")


class BeraadSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    casus = serializers.UUIDField(source="casus.uuid")
    vraag = serializers.CharField()
    status = serializers.CharField()
    deelnemers = UuidsField()
    bijdragen = BijdrageSerializer(many=True)
    uitkomst = serializers.CharField()
    motivering = serializers.CharField()
    afgerond_op = serializers.DateTimeField(allow_null=True)


class CasusSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    titel = serializers.CharField()
    omschrijving = serializers.CharField()
    organisatie = serializers.CharField(source="organisatie.code")
    behandelaar_rol = serializers.CharField(source="behandelaar.rol")
    regels = UuidsField()
    beginselen = CodesField()
    status = serializers.CharField()
    gedeeld = serializers.BooleanField()
    aangemaakt_op = serializers.DateTimeField()


class CasusInSerializer(serializers.Serializer):
    titel = serializers.CharField(max_length=200)
    omschrijving = TextField()
    regels = _uuids()
    beginselen = _codes(required=False, default=list)


class CorrectieSerializer(serializers.Serializer):
    titel = serializers.CharField(max_length=200)
    omschrijving = TextField()


class MotiveringSerializer(serializers.Serializer):
    motivering = TextField()


class BeraadInSerializer(serializers.Serializer):
    vraag = TextField()
    deelnemers = _uuids(help_text="Uuid's van de lidmaatschappen die u uitnodigt")


class BijdrageInSerializer(serializers.Serializer):
    perspectief = serializers.ChoiceField(choices=Perspectief.choices)
    tekst = TextField()


class AfrondenInSerializer(serializers.Serializer):
    uitkomst = serializers.ChoiceField(choices=Uitkomst.choices)
    motivering = TextField()
    regel = serializers.UUIDField(required=False, allow_null=True, default=None)
    signaal_titel = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class MaatwerkbesluitInSerializer(serializers.Serializer):
    regel = serializers.UUIDField()
    beginselen = _codes()
    besluit = TextField()
    motivering = TextField()
    beraad = serializers.UUIDField(required=False, allow_null=True, default=None)
    vervangt = serializers.UUIDField(required=False, allow_null=True, default=None)
    motivering_verschil = TextField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Verplicht als een sterk vergelijkbare casus over deze regel zonder afwijking werd afgesloten",
    )


def _leden(uuids: list[Any]) -> list[Lid]:
    found = {m.uuid: m for m in Lid.objects.filter(uuid__in=uuids).select_related("organisatie")}
    missing = [str(u) for u in uuids if u not in found]
    if missing:
        raise ValidatieFout(f"Onbekend lidmaatschap: {', '.join(missing)}.", field="deelnemers")
    return [found[u] for u in uuids]


def _one(qs: QuerySet[Any], uuid: Any, field: str) -> Any:
    if uuid is None:
        return None
    found = qs.filter(uuid=uuid).first()
    if found is None:
        raise NietGevonden("Niet gevonden, of u mag het niet zien.", field=field)
    return found


class CasusViewSet(
    GebeurtenissenMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Casussen: pseudonymised situations where a rule works out unjustly, with beraad and maatwerk."""

    serializer_class = CasusSerializer
    lookup_field = "uuid"
    lookup_value_converter = "uuid"

    def get_queryset(self) -> QuerySet[Casus]:
        if getattr(self, "swagger_fake_view", False):
            return Casus.objects.none()
        qs = (
            casussen_visible_for(current_lid(self.request))
            .select_related("organisatie", "behandelaar")
            .prefetch_related("regels", "beginselen")
        )
        return filters.apply(
            qs,
            self.request,
            status=CasusStatus.values,
            organisatie="organisatie",
            regel="regels",
            beginsel="beginselen",
        )

    @extend_schema(
        parameters=filters.parameters(status=CasusStatus.values, organisatie=True, regel=True, beginsel=True)
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    def _present(self, casus: Casus) -> Response:
        return Response(CasusSerializer(self.get_queryset().get(pk=casus.pk)).data)

    @extend_schema(request=CasusInSerializer, responses={201: CasusSerializer}, summary="Leg een casus vast")
    def create(self, request: Request) -> Response:
        data = CasusInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        casus = casus_create(
            door=current_lid(request),
            titel=v["titel"],
            omschrijving=v["omschrijving"],
            regels=_regels(v["regels"]),
            beginsel_codes=v["beginselen"],
        )
        response = self._present(casus)
        response.status_code = status.HTTP_201_CREATED
        return response

    @extend_schema(
        request=CorrectieSerializer, responses={200: CasusSerializer}, summary="Corrigeer (nieuwe versie)"
    )
    @action(detail=True, methods=["post"])
    def corrigeren(self, request: Request, uuid: str | None = None) -> Response:
        casus = self.get_object()
        data = CorrectieSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        casus_correct(casus=casus, door=current_lid(request), **data.validated_data)
        return self._present(casus)

    @extend_schema(
        request=MotiveringSerializer, responses={200: CasusSerializer}, summary="Sluit de casus af"
    )
    @action(detail=True, methods=["post"])
    def afsluiten(self, request: Request, uuid: str | None = None) -> Response:
        casus = self.get_object()
        data = MotiveringSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        casus_afsluiten(casus=casus, door=current_lid(request), **data.validated_data)
        return self._present(casus)

    @extend_schema(
        request=BeraadInSerializer, responses={201: BeraadSerializer}, summary="Start moreel beraad"
    )
    @action(detail=True, methods=["post"])
    def beraad(self, request: Request, uuid: str | None = None) -> Response:
        casus = self.get_object()
        data = BeraadInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        beraad = beraad_start(
            casus=casus,
            door=current_lid(request),
            vraag=data.validated_data["vraag"],
            deelnemers=_leden(data.validated_data["deelnemers"]),
        )
        return Response(BeraadSerializer(beraad).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["get"], responses=MaatwerkbesluitSerializer(many=True), summary="Maatwerkbesluiten"
    )
    @extend_schema(
        methods=["post"],
        request=MaatwerkbesluitInSerializer,
        responses={201: MaatwerkbesluitSerializer},
        summary="Neem een maatwerkbesluit",
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def maatwerkbesluiten(self, request: Request, uuid: str | None = None) -> Response:
        casus = self.get_object()
        if request.method == "GET":
            besluiten = casus.maatwerkbesluiten.select_related("casus", "regel", "door", "beraad", "vervangt")
            return Response(MaatwerkbesluitSerializer(besluiten, many=True).data)
        data = MaatwerkbesluitInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        lid = current_lid(request)
        besluit = maatwerkbesluit_take(
            casus=casus,
            door=lid,
            regel=regel_get(v["regel"]),
            beginsel_codes=v["beginselen"],
            besluit=v["besluit"],
            motivering=v["motivering"],
            beraad=_one(beraden_visible_for(lid), v["beraad"], "beraad"),
            vervangt=_one(maatwerkbesluiten_visible_for(lid), v["vervangt"], "vervangt"),
            motivering_verschil=v["motivering_verschil"],
        )
        return Response(MaatwerkbesluitSerializer(besluit).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        responses=PrecedentSerializer(many=True), summary="Vergelijkbare eerdere casussen en hun besluiten"
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def vergelijkbaar(self, request: Request, uuid: str | None = None) -> Response:
        casus = self.get_object()
        return Response(present(vergelijkbaar_met(casus, organisatie=current_lid(request).organisatie)))

    @extend_schema(request=None, responses={200: CasusSerializer}, summary="Deel met het leernetwerk")
    @action(detail=True, methods=["post"])
    def delen(self, request: Request, uuid: str | None = None) -> Response:
        casus = self.get_object()
        casus_delen(casus=casus, door=current_lid(request))
        return self._present(casus)


class BeraadViewSet(GebeurtenissenMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A moral deliberation: one contribution per perspective, then fix, solve or geen actie."""

    serializer_class = BeraadSerializer
    lookup_field = "uuid"
    lookup_value_converter = "uuid"

    def get_queryset(self) -> QuerySet[Beraad]:
        if getattr(self, "swagger_fake_view", False):
            return Beraad.objects.none()
        return (
            beraden_visible_for(current_lid(self.request))
            .select_related("casus")
            .prefetch_related("deelnemers", "bijdragen__door__organisatie")
        )

    @extend_schema(request=BijdrageInSerializer, responses={201: BijdrageSerializer}, summary="Draag bij")
    @action(detail=True, methods=["post"])
    def bijdragen(self, request: Request, uuid: str | None = None) -> Response:
        beraad = self.get_object()
        data = BijdrageInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        bijdrage = bijdrage_add(beraad=beraad, door=current_lid(request), **data.validated_data)
        return Response(BijdrageSerializer(bijdrage).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AfrondenInSerializer, responses={200: BeraadSerializer}, summary="Rond af")
    @action(detail=True, methods=["post"])
    def afronden(self, request: Request, uuid: str | None = None) -> Response:
        beraad = self.get_object()
        data = AfrondenInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        beraad_conclude(
            beraad=beraad,
            door=current_lid(request),
            uitkomst=v["uitkomst"],
            motivering=v["motivering"],
            regel=regel_get(v["regel"]) if v["regel"] else None,
            signaal_titel=v["signaal_titel"],
        )
        return Response(BeraadSerializer(self.get_queryset().get(pk=beraad.pk)).data)


class MaatwerkbesluitViewSet(
    GebeurtenissenMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Maatwerkbesluiten: deviations from a named rule, citing principles, with a motivation."""

    serializer_class = MaatwerkbesluitSerializer
    lookup_field = "uuid"
    lookup_value_converter = "uuid"

    def get_queryset(self) -> QuerySet[Maatwerkbesluit]:
        if getattr(self, "swagger_fake_view", False):
            return Maatwerkbesluit.objects.none()
        qs = (
            maatwerkbesluiten_visible_for(current_lid(self.request))
            .select_related("casus", "regel", "door", "beraad", "vervangt")
            .prefetch_related("beginselen")
        )
        return filters.apply(
            qs, self.request, organisatie="casus__organisatie", regel="regel", beginsel="beginselen"
        )

    @extend_schema(parameters=filters.parameters(organisatie=True, regel=True, beginsel=True))
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)
