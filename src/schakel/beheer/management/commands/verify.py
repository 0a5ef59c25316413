from __future__ import annotations

import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from schakel.core import ledger


class Command(BaseCommand):
    help = "Controleer de hele hashketen van het logboek."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--in-python",
            action="store_true",
            help=(
                "Bereken elke hash opnieuw in Python in plaats van in PostgreSQL: trager, maar "
                "onafhankelijk van de database (op SQLite gebeurt dat altijd)."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = ledger.verify(in_python=options["in_python"])
        if result.ok:
            self.stdout.write(f"OK {result.count} events")
            return
        self.stderr.write(f"FOUT bij gebeurtenis {result.first_bad_seq}: {result.reason}")
        sys.exit(1)
