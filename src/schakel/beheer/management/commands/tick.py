from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from schakel.beheer.tick import tick


class Command(BaseCommand):
    help = "Escaleer elk item waarvan de termijn is verstreken één trede op de ladder."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now", help="Doe alsof het nu dit moment is (ISO-8601), bijv. 2026-12-01T09:00:00+01:00"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        if options["now"]:
            try:
                now = dt.datetime.fromisoformat(options["now"])
            except ValueError as exc:
                raise CommandError(f"--now: geen geldig ISO-8601-moment: {options['now']!r}") from exc
            if timezone.is_naive(now):
                now = timezone.make_aware(now)
        result = tick(now=now)
        self.stdout.write(
            f"{result.total} geëscaleerd ({result.signalen} signalen, {result.noodremmen} noodremmen, "
            f"{result.kamervragen} Kamervragen)"
        )
