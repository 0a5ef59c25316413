from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from schakel.core import ledger


class Command(BaseCommand):
    help = "Controleer de hele hashketen van het logboek."

    def handle(self, *args: Any, **options: Any) -> None:
        result = ledger.verify()
        if result.ok:
            self.stdout.write(f"OK {result.count} events")
            return
        self.stderr.write(f"FOUT bij gebeurtenis {result.first_bad_seq}: {result.reason}")
        sys.exit(1)
