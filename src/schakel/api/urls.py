from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework.routers import DefaultRouter

from schakel.beginselen.api import BeginselViewSet
from schakel.casussen.api import BeraadViewSet, CasusViewSet, MaatwerkbesluitViewSet
from schakel.kamervragen.api import KamervraagViewSet
from schakel.noodremmen.api import NoodremViewSet
from schakel.noodremmen.burger_api import BurgerViewSet
from schakel.opdrachten.api import OpdrachtViewSet
from schakel.organisaties.api import IkView, OrganisatieViewSet
from schakel.precedenten.api import PrecedentenView, VoorstelViewSet
from schakel.regels.api import RegelViewSet
from schakel.signalen.api import SignaalViewSet
from schakel.werkvoorraad.api import MeldingViewSet, WerkvoorraadViewSet

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("werkvoorraad", WerkvoorraadViewSet, basename="werkvoorraad")
router.register("meldingen", MeldingViewSet, basename="melding")
router.register("organisaties", OrganisatieViewSet, basename="organisatie")
router.register("beginselen", BeginselViewSet, basename="beginsel")
router.register("regels", RegelViewSet, basename="regel")
router.register("casussen", CasusViewSet, basename="casus")
router.register("beraden", BeraadViewSet, basename="beraad")
router.register("maatwerkbesluiten", MaatwerkbesluitViewSet, basename="maatwerkbesluit")
router.register("signalen", SignaalViewSet, basename="signaal")
router.register("noodremmen", NoodremViewSet, basename="noodrem")
router.register("opdrachten", OpdrachtViewSet, basename="opdracht")
router.register("kamervragen", KamervraagViewSet, basename="kamervraag")
router.register("voorstellen", VoorstelViewSet, basename="voorstel")
router.register("burger", BurgerViewSet, basename="burger")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "schema/viewer/",
        SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html"),
        name="schema-viewer",
    ),
    path("ik/", IkView.as_view(), name="ik"),
    path("precedenten/", PrecedentenView.as_view(), name="precedenten"),
    path("", include(router.urls)),
]
