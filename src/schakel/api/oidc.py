"""OpenID Connect single sign-on for employees (off unless SCHAKEL_OIDC_CLIENT_ID is set).

A login is matched to an existing Schakel user by the `preferred_username` claim (configurable); users
are never created by a login, because membership of an organisation in a role is decided in Schakel,
not by the identity provider."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from mozilla_django_oidc.auth import OIDCAuthenticationBackend


class SchakelOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[Any]:
        username = claims.get(settings.SCHAKEL_OIDC_USERNAME_CLAIM)
        if not username:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(username=username, is_active=True)

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(claims.get(settings.SCHAKEL_OIDC_USERNAME_CLAIM))
