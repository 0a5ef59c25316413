from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from schakel.beheer.transfer import import_jsonl
from schakel.core.errors import SchakelError


class Command(BaseCommand):
    help = "Importeer een export (JSON-regels) in een lege database en controleer het logboek."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("bestand")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            count = import_jsonl(Path(options["bestand"]))
        except SchakelError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Geïmporteerd; logboek OK {count} events")
