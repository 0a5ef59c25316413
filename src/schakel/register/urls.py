from django.urls import path

from schakel.register import views
from schakel.register.feeds import NieuweAntwoorden

app_name = "register"
urlpatterns = [
    path("", views.index, name="index"),
    path("item/<uuid:uuid>/", views.item, name="item"),
    path("organisatie/<slug:code>/", views.organisatie, name="organisatie"),
    path("regel/<uuid:uuid>/", views.regel, name="regel"),
    path("antwoorden.atom", NieuweAntwoorden(), name="feed"),
    path("register.csv", views.download_csv, name="csv"),
    path("register.json", views.download_json, name="json"),
    path("staat/<int:jaar>/", views.staat_pagina, name="staat"),
    path("staat/<int:jaar>/staat.<str:formaat>", views.staat_download, name="staat_download"),
]
