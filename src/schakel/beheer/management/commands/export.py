from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from schakel.beheer.transfer import export_jsonl


class Command(BaseCommand):
    help = "Exporteer alles, het logboek inbegrepen, verliesvrij als JSON-regels."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["jsonl"], default="jsonl")
        parser.add_argument("--output", "-o", help="Bestand (standaard: standaarduitvoer)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as out:
                export_jsonl(out)
        else:
            export_jsonl(sys.stdout)
