"""Opdrachten with their toets, decision and return; raising and closing a signaal; the public noodknop."""

from django.urls import URLPattern, path

from schakel.web.views import noodknop, noodrem, opdracht, signaal, signaal_indienen

urlpatterns: list[URLPattern] = [
    path("opdrachten/", opdracht.opdracht_lijst, name="opdrachten"),
    path("opdrachten/nieuw/", opdracht.opdracht_nieuw, name="opdracht_nieuw"),
    path("opdrachten/<uuid:uuid>/", opdracht.opdracht_detail, name="opdracht"),
    path(
        "opdrachten/<uuid:uuid>/toets-vragen/", opdracht.opdracht_toets_vragen, name="opdracht_toets_vragen"
    ),
    path("opdrachten/<uuid:uuid>/toets/", opdracht.opdracht_toets, name="opdracht_toets"),
    path("opdrachten/<uuid:uuid>/besluit/", opdracht.opdracht_besluit, name="opdracht_besluit"),
    path("opdrachten/<uuid:uuid>/teruggeven/", noodrem.opdracht_teruggeven, name="opdracht_teruggeven"),
    path("regels/<uuid:uuid>/signaal-indienen/", signaal_indienen.signaal_indienen, name="signaal_indienen"),
    path("signalen/<uuid:uuid>/afronden/", signaal.signaal_afronden_view, name="signaal_afronden"),
    path("noodknop/", noodknop.noodknop, name="noodknop"),
]
