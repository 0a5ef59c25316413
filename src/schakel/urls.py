from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("beheer/", admin.site.urls),
    path("api/v1/", include(("schakel.api.urls", "api"), namespace="api")),
    path("register/", include("schakel.register.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("schakel.web.urls")),
]
if settings.OIDC_ENABLED:
    urlpatterns.insert(0, path("oidc/", include("mozilla_django_oidc.urls")))

handler500 = "schakel.api.problems.server_error"
handler404 = "schakel.api.problems.not_found"
