from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("beheer/", admin.site.urls),
    path("api/v1/", include(("schakel.api.urls", "api"), namespace="api")),
    path("", include("schakel.web.urls")),
]
