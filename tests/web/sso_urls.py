"""The URLs as they are when SCHAKEL_OIDC_CLIENT_ID is set (schakel/urls.py decides at import)."""

from django.urls import include, path

from schakel.urls import handler404, handler500
from schakel.urls import urlpatterns as base

urlpatterns = [path("oidc/", include("mozilla_django_oidc.urls")), *base]
__all__ = ["handler404", "handler500", "urlpatterns"]
