"""Casework pages: recording and editing a casus, beraad, maatwerkbesluit, fix → solve proposals, search."""

from django.urls import URLPattern, path

from schakel.web.views import beraad, casus_bewerken, maatwerk, voorstel, zoeken

urlpatterns: list[URLPattern] = [
    path("casussen/nieuw/", casus_bewerken.casus_nieuw, name="casus_nieuw"),
    path("casussen/<uuid:uuid>/corrigeren/", casus_bewerken.casus_wijzigen, name="casus_wijzigen"),
    path("casussen/<uuid:uuid>/afsluiten/", casus_bewerken.casus_afsluiten_view, name="casus_afsluiten"),
    path("casussen/<uuid:uuid>/beraad/", beraad.beraad_starten, name="beraad_starten"),
    path("casussen/<uuid:uuid>/maatwerk/", maatwerk.maatwerkbesluit_nemen, name="maatwerkbesluit_nemen"),
    path("beraden/<uuid:uuid>/", beraad.beraad_detail, name="beraad"),
    path("beraden/<uuid:uuid>/bijdragen/", beraad.beraad_bijdragen, name="beraad_bijdragen"),
    path("beraden/<uuid:uuid>/afronden/", beraad.beraad_afronden, name="beraad_afronden"),
    path("maatwerkbesluiten/<uuid:uuid>/", maatwerk.maatwerkbesluit_detail, name="maatwerkbesluit"),
    path("voorstellen/", voorstel.voorstel_lijst, name="voorstellen"),
    path("voorstellen/<uuid:uuid>/", voorstel.voorstel_detail, name="voorstel"),
    path(
        "voorstellen/<uuid:uuid>/bevestigen/", voorstel.voorstel_bevestigen_view, name="voorstel_bevestigen"
    ),
    path("voorstellen/<uuid:uuid>/afwijzen/", voorstel.voorstel_afwijzen_view, name="voorstel_afwijzen"),
    path("zoeken/", zoeken.zoeken, name="zoeken"),
]
