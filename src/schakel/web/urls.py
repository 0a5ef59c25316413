from django.urls import path

from schakel.web import views
from schakel.web.routes import kamervragen as kamervragen_routes
from schakel.web.routes import opdracht as opdracht_routes
from schakel.web.routes import werk as werk_routes
from schakel.web.views import account, burger, casus, noodrem, signaal, vertrouwenspersoon, werkvoorraad

app_name = "web"
urlpatterns = [
    path("", views.start, name="start"),
    path("inloggen/", account.inloggen, name="inloggen"),
    path("uitloggen/", account.uitloggen, name="uitloggen"),
    path("lidmaatschap/", account.kies_lid, name="kies_lid"),
    path("werkvoorraad/", werkvoorraad.werkvoorraad_view, name="werkvoorraad"),
    path("vertrouwelijk/", vertrouwenspersoon.vertrouwenspersoon, name="vertrouwenspersoon"),
    path("noodremmen/<uuid:uuid>/", noodrem.noodrem_detail, name="noodrem"),
    path("noodremmen/<uuid:uuid>/beantwoorden/", noodrem.noodrem_beantwoorden, name="noodrem_beantwoorden"),
    path("noodremmen/<uuid:uuid>/bericht/", noodrem.noodrem_bericht, name="noodrem_bericht"),
    path(
        "noodrem-trekken/<str:soort>/<uuid:uuid>/",
        noodrem.noodrem_trekken,
        name="noodrem_trekken",
    ),
    path("signalen/<uuid:uuid>/", signaal.signaal_detail, name="signaal"),
    path("signalen/<uuid:uuid>/beantwoorden/", signaal.signaal_beantwoorden, name="signaal_beantwoorden"),
    path("casussen/", casus.casus_lijst, name="casussen"),
    path("casussen/<uuid:uuid>/", casus.casus_detail, name="casus"),
    path("regels/", casus.regel_lijst, name="regels"),
    path("regels/<uuid:uuid>/", casus.regel_detail, name="regel"),
    path("burger/", burger.burger_start, name="burger"),
    path("burger/indienen/", burger.burger_indienen, name="burger_indienen"),
    path("burger/volgen/", burger.burger_volgen, name="burger_volgen"),
    path("burger/zaak/", burger.burger_zaak, name="burger_zaak"),
    path("burger/zaak/bericht/", burger.burger_bericht, name="burger_bericht"),
    path("burger/zaak/sluiten/", burger.burger_sluiten, name="burger_sluiten"),
]
urlpatterns += werk_routes.urlpatterns + opdracht_routes.urlpatterns
urlpatterns += kamervragen_routes.urlpatterns
