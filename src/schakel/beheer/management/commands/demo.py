from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from schakel.beheer.demo import DEMO_PASSWORD, load_demo
from schakel.organisaties.models import Organisatie


class Command(BaseCommand):
    help = "Laad de demo (eenmalig; nogmaals draaien verandert niets)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true", help="Alleen als de database nog leeg is.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and Organisatie.objects.exists():
            self.stdout.write("Database bevat al gegevens; demo niet geladen.")
            return
        if load_demo():
            self.stdout.write(
                f"Demo geladen. Inloggen kan met bijv. 'petra' en wachtwoord '{DEMO_PASSWORD}'."
            )
        else:
            self.stdout.write("Demo was al geladen; niets veranderd.")
