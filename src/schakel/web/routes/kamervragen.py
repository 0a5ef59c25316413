"""Kamervragen: parliament's direct line to an executive organisation's board."""

from django.urls import URLPattern, path

from schakel.web.views import kamervraag

urlpatterns: list[URLPattern] = [
    path("kamervragen/", kamervraag.kamervraag_lijst, name="kamervragen"),
    path("kamervragen/nieuw/", kamervraag.kamervraag_nieuw, name="kamervraag_nieuw"),
    path("kamervragen/<uuid:uuid>/", kamervraag.kamervraag_detail, name="kamervraag"),
    path(
        "kamervragen/<uuid:uuid>/beantwoorden/",
        kamervraag.kamervraag_beantwoorden_view,
        name="kamervraag_beantwoorden",
    ),
]
