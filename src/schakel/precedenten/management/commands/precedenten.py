from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from schakel.precedenten.services import herindexeren


class Command(BaseCommand):
    help = "Precedenten: `--herindexeer` bouwt de zoekindex opnieuw op uit alle casussen."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--herindexeer", action="store_true", help="Bouw de zoekindex opnieuw op")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["herindexeer"]:
            self.stdout.write(self.help)
            return
        self.stdout.write(f"{herindexeren()} casussen geïndexeerd")
