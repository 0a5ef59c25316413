from __future__ import annotations

from typing import Any, NoReturn

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from schakel.api.models import ApiToken
from schakel.api.tokens import token_hash
from schakel.beveiliging.inloggen import inlog_mislukt, inlog_wachttijd, te_vaak_tekst
from schakel.beveiliging.pogingen import TeVaak, client_adres


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
            self._mislukt(request)
        return token.gebruiker, token

    def _mislukt(self, request: Request) -> NoReturn:
        # Counted per address only (a token names no account). A right token is looked up before the
        # limit is read, so normal calls cost no extra query; tokens are 256-bit random, the limit is
        # there to slow down a hostile or broken client, not to stop guessing that cannot succeed.
        adres = client_adres(request)
        wacht = inlog_wachttijd(gebruikersnaam="", adres=adres)
        if wacht:
            raise TeVaak(te_vaak_tekst(wacht), wacht=wacht)
        inlog_mislukt(gebruikersnaam="", adres=adres)
        raise exceptions.AuthenticationFailed("Onbekend of ingetrokken token.")

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
