from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework.routers import DefaultRouter

from schakel.noodremmen.api import NoodremViewSet

router = DefaultRouter(trailing_slash=True)
router.register("noodremmen", NoodremViewSet, basename="noodrem")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("schema/viewer/", SpectacularRedocView.as_view(url_name="api:schema"), name="schema-viewer"),
    path("", include(router.urls)),
]
