from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from schakel.api import filters
from schakel.api.actor import current_lid
from schakel.api.common import (
    AntwoordInSerializer,
    AntwoordOutSerializer,
    GebeurtenissenMixin,
    TermijnMixin,
    TextField,
)
from schakel.beginselen.models import Beginsel
from schakel.core.errors import NietGevonden, OngeldigeOvergang, require
from schakel.noodremmen.models import Anonimiteit, Niveau, Noodrem, NoodremAntwoord, TeruggaveKeuze
from schakel.noodremmen.services import (
    Getrokken,
    bericht_add,
    noodrem_answer,
    noodrem_escalate,
    noodrem_pull,
)
from schakel.noodremmen.workflow import NoodremStatus
from schakel.organisaties.models import Lid
from schakel.regels.selectors import regel_get
from schakel.toegang.selectors import (
    casussen_visible_for,
    maatwerkbesluiten_visible_for,
    noodremmen_visible_for,
    opdrachten_visible_for,
)


class OnderwerpSerializer(serializers.Serializer):
    type = serializers.CharField()
    uuid = serializers.UUIDField()


class NoodremSerializer(TermijnMixin, serializers.Serializer):
    uuid = serializers.UUIDField()
    niveau = serializers.CharField()
    status = serializers.CharField()
    onderwerp = serializers.SerializerMethodField()
    beginselen = serializers.SerializerMethodField()
    motivering = serializers.CharField()
    anonimiteit = serializers.CharField()
    getrokken_door = serializers.SerializerMethodField()
    antwoorden = AntwoordOutSerializer(many=True)

    def get_onderwerp(self, obj: Noodrem) -> dict[str, str] | None:
        subject = obj.onderwerp
        if subject is None:
            return None
        return {"type": subject._meta.model_name or "", "uuid": str(subject.uuid)}

    def get_beginselen(self, obj: Noodrem) -> list[str]:
        return [b.code for b in obj.beginselen.all()]

    def get_getrokken_door(self, obj: Noodrem) -> dict[str, str] | None:
        # Only a puller who chose to be named is shown; the others are not even hinted at.
        if obj.anonimiteit != Anonimiteit.GENOEMD or obj.getrokken_door is None:
            return None
        return {"organisatie": obj.getrokken_door.organisatie.code, "rol": obj.getrokken_door.rol}


class PullSerializer(serializers.Serializer):
    niveau = serializers.ChoiceField(choices=[Niveau.PROFESSIONAL, Niveau.ORGANISATIE])
    casus = serializers.UUIDField(required=False)
    regel = serializers.UUIDField(required=False)
    maatwerkbesluit = serializers.UUIDField(required=False)
    opdracht = serializers.UUIDField(required=False)
    beginselen = serializers.ListField(child=serializers.CharField(max_length=40), max_length=50)
    motivering = TextField()
    anonimiteit = serializers.ChoiceField(choices=Anonimiteit.choices, default=Anonimiteit.GENOEMD)


class GetrokkenSerializer(serializers.Serializer):
    noodrem = NoodremSerializer()
    ontvangstcode = serializers.CharField(allow_null=True)


class NoodremAntwoordInSerializer(AntwoordInSerializer):
    teruggave_keuze = serializers.ChoiceField(
        choices=TeruggaveKeuze.choices, required=False, allow_blank=True, default=""
    )
    kamerbrief = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class BerichtInSerializer(serializers.Serializer):
    tekst = serializers.CharField(max_length=5000)


class BerichtSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    van_burger = serializers.BooleanField()
    tekst = serializers.CharField()
    aangemaakt_op = serializers.DateTimeField()


def resolve_subject(data: dict[str, Any], lid: Lid) -> dict[str, Any]:
    """The subject of a brake, looked up among what the puller may see: a casus, decision or opdracht of
    another organisation is not found (and its existence is not revealed); rules are public."""
    visible = {
        "casus": casussen_visible_for,
        "maatwerkbesluit": maatwerkbesluiten_visible_for,
        "opdracht": opdrachten_visible_for,
    }
    out: dict[str, Any] = {}
    for name in ("casus", "regel", "maatwerkbesluit", "opdracht"):
        if not data.get(name):
            continue
        if name == "regel":
            out[name] = regel_get(data[name])
            continue
        # Only the visibility of what was named is built: a pull names one subject, and building all
        # three querysets cost more than the look-up itself.
        found = visible[name](lid).filter(uuid=data[name]).first()
        if found is None:
            raise NietGevonden("Niet gevonden, of u mag het niet zien.", field=name)
        out[name] = found
    return out


def _as_pulled(result: Getrokken) -> Noodrem:
    """The brake as the response shows it. Just pulled, it has exactly the principles it was pulled on and
    no answers: those are filled in the way prefetch_related would, instead of read back with two more
    queries on every pull (the busiest write there is)."""
    noodrem = result.noodrem
    beginselen = Beginsel.objects.filter(pk__in=[b.pk for b in result.beginselen])
    beginselen._result_cache = list(result.beginselen)
    antwoorden = NoodremAntwoord.objects.none()
    antwoorden._result_cache = []
    noodrem._prefetched_objects_cache = {"beginselen": beginselen, "antwoorden": antwoorden}  # type: ignore[attr-defined]
    return noodrem


class NoodremViewSet(
    GebeurtenissenMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Emergency brakes. Pull one, answer it (comply or explain), exchange messages, read its record."""

    serializer_class = NoodremSerializer
    lookup_field = "uuid"
    lookup_value_converter = "uuid"
    filterset_fields: list[str] = []

    @extend_schema(
        parameters=filters.parameters(
            status=NoodremStatus.values, organisatie=True, regel=True, beginsel=True, termijn=True
        )
        + [OpenApiParameter("niveau", OpenApiTypes.STR, enum=Niveau.values, description="Niveau")]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Noodrem]:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no caller
            return Noodrem.objects.none()
        qs = (
            noodremmen_visible_for(current_lid(self.request))
            .select_related(
                "ontvanger_organisatie",
                "casus",
                "regel",
                "maatwerkbesluit",
                "opdracht",
                "getrokken_door__organisatie",
            )
            .prefetch_related(
                Prefetch("beginselen", Beginsel.objects.only("code")),  # shown by code only
                Prefetch("antwoorden", NoodremAntwoord.objects.select_related("door")),
            )
        )
        qs = filters.apply(
            qs,
            self.request,
            status=NoodremStatus.values,
            organisatie="ontvanger_organisatie",
            regel="regel",
            beginsel="beginselen",
            termijn=True,
        )
        niveau = self.request.query_params.get("niveau")
        if niveau:
            require(niveau in Niveau.values, f"Kies uit: {', '.join(Niveau.values)}.", field="niveau")
            qs = qs.filter(niveau=niveau)
        return qs

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "now": timezone.now()}

    @extend_schema(
        request=PullSerializer, responses={201: GetrokkenSerializer}, summary="Trek aan de noodrem"
    )
    def create(self, request: Request) -> Response:
        data = PullSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        lid = current_lid(request)
        result = noodrem_pull(
            niveau=v["niveau"],
            door=lid,
            anonimiteit=v["anonimiteit"],
            beginsel_codes=v["beginselen"],
            motivering=v["motivering"],
            **resolve_subject(v, lid),
        )
        body = {
            "noodrem": NoodremSerializer(_as_pulled(result), context=self.get_serializer_context()).data,
            "ontvangstcode": result.ontvangstcode,
        }
        response = Response(body, status=status.HTTP_201_CREATED)
        if result.ontvangstcode:
            add_never_cache_headers(response)  # the code is shown once, and kept nowhere
        return response

    @extend_schema(
        request=NoodremAntwoordInSerializer,
        responses={201: AntwoordOutSerializer},
        summary="Beantwoord: opvolgen of uitleggen",
    )
    @action(detail=True, methods=["post"])
    def beantwoorden(self, request: Request, uuid: str | None = None) -> Response:
        noodrem = self.get_object()
        data = NoodremAntwoordInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        antwoord = noodrem_answer(noodrem=noodrem, door=current_lid(request), **data.validated_data)
        return Response(AntwoordOutSerializer(antwoord).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], responses=BerichtSerializer(many=True), summary="Berichten")
    @extend_schema(
        methods=["post"],
        request=BerichtInSerializer,
        responses={201: BerichtSerializer},
        summary="Stuur een bericht",
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def berichten(self, request: Request, uuid: str | None = None) -> Response:
        noodrem = self.get_object()
        if request.method == "POST":
            data = BerichtInSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            bericht = bericht_add(
                noodrem=noodrem, door=current_lid(request), tekst=data.validated_data["tekst"]
            )
            return Response(BerichtSerializer(bericht).data, status=status.HTTP_201_CREATED)
        return Response(BerichtSerializer(noodrem.berichten.all(), many=True).data)

    @extend_schema(
        request=None, responses={200: NoodremSerializer}, summary="Escaleer nu (termijn verstreken)"
    )
    @action(detail=True, methods=["post"])
    def escaleren(self, request: Request, uuid: str | None = None) -> Response:
        noodrem = self.get_object()
        if not noodrem_escalate(noodrem=noodrem):
            raise OngeldigeOvergang(
                "Escaleren kan pas als de termijn ongebruikt is verstreken, en één keer per niveau.",
                field="uiterlijk",
            )
        noodrem = self.get_queryset().get(pk=noodrem.pk)
        return Response(NoodremSerializer(noodrem, context=self.get_serializer_context()).data)
