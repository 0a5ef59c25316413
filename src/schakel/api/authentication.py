from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from schakel.api.models import ApiToken
from schakel.api.tokens import token_hash


class TokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Token sk_…` — looked up by hash, never compared in plain text."""

    keyword = "Token"

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() != self.keyword.lower():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                "Ongeldige Authorization-header: gebruik 'Token <sleutel>'."
            )
        token = (
            ApiToken.objects.select_related("gebruiker")
            .filter(sleutel_hash=token_hash(header[1]), ingetrokken_op__isnull=True)
            .first()
        )
        if token is None or not token.gebruiker.is_active:
            raise exceptions.AuthenticationFailed("Onbekend of ingetrokken token.")
        return token.gebruiker, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "schakel.api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token sk_…` — maak er een met `schakel token create --user NAAM`.",
        }
