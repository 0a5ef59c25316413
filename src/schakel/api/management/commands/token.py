from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from schakel.api.models import ApiToken
from schakel.api.tokens import token_create, token_revoke

ACTOR = "cli:token"


class Command(BaseCommand):
    help = "API-tokens: `token create --user NAAM` toont een nieuw token (eenmalig), `token list`, `token revoke PREFIX`."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="actie", required=True)
        create = sub.add_parser("create", help="Maak een token voor een gebruiker")
        create.add_argument("--user", required=True, help="Gebruikersnaam")
        create.add_argument("--naam", default="", help="Waarvoor het token is, bijv. 'zaaksysteem UWV'")
        listing = sub.add_parser("list", help="Toon tokens (alleen het begin)")
        listing.add_argument("--user", default="", help="Alleen van deze gebruiker")
        revoke = sub.add_parser("revoke", help="Trek een token in")
        revoke.add_argument("prefix", help="De eerste 8 tekens van het token")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["actie"] == "create":
            self.stdout.write(token_create(gebruikersnaam=options["user"], naam=options["naam"], actor=ACTOR))
        elif options["actie"] == "list":
            tokens = ApiToken.objects.select_related("gebruiker").order_by("aangemaakt_op")
            if options["user"]:
                tokens = tokens.filter(gebruiker__username=options["user"])
            for t in tokens:
                state = f"ingetrokken {t.ingetrokken_op:%Y-%m-%d}" if t.ingetrokken_op else "actief"
                self.stdout.write(f"{t.prefix}…  {t.gebruiker.get_username():20}  {state:22}  {t.naam}")
        else:
            n = token_revoke(prefix=options["prefix"], actor=ACTOR)
            self.stdout.write(f"{n} token(s) ingetrokken")
