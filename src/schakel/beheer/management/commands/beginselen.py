from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from schakel.beginselen.services import beginselen_load_default


class Command(BaseCommand):
    help = "Laad het normenkader (Awb, Nationale ombudsman, ROB-wegingskader); alleen gewijzigde teksten worden nieuw."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{beginselen_load_default()} beginselen nieuw of bijgewerkt")
