from __future__ import annotations

import datetime as dt
import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, close_old_connections
from django.utils import timezone

from schakel.beheer.tick import tick
from schakel.core.mailuitgang import mail_verzenden


class Command(BaseCommand):
    help = (
        "Escaleer elk item waarvan de termijn is verstreken één trede op de ladder, en verstuur de "
        "e-mails die nog klaarstaan."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now", help="Doe alsof het nu dit moment is (ISO-8601), bijv. 2026-12-01T09:00:00+01:00"
        )
        parser.add_argument(
            "--elke",
            type=int,
            metavar="SECONDEN",
            help="Blijf draaien en kijk elke zoveel seconden opnieuw (de tick-worker); stopt netjes op SIGTERM.",
        )
        parser.add_argument(
            "--werkers",
            type=int,
            metavar="N",
            help="Zoveel threads escaleren naast elkaar (alleen PostgreSQL; standaard SCHAKEL_TICK_WORKERS).",
        )
        parser.add_argument(
            "--keer", type=int, metavar="N", help="Met --elke: stop na N rondes (voor tests en proefdraaien)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        every, times = options["elke"], options["keer"]
        self.workers = options["werkers"]
        if self.workers is not None and self.workers < 1:
            raise CommandError("--werkers: geef een aantal van 1 of meer.")
        if every is None:
            if times is not None:
                raise CommandError("--keer kan alleen samen met --elke.")
            self._once(self._now(options["now"]))
            return
        if options["now"]:
            raise CommandError("--now en --elke gaan niet samen: de worker kijkt steeds naar de echte tijd.")
        if every < 1:
            raise CommandError("--elke: geef een aantal seconden van 1 of meer.")
        if times is not None and times < 1:
            raise CommandError("--keer: geef een aantal van 1 of meer.")
        self._loop(every, times)

    def _now(self, raw: str | None) -> dt.datetime:
        if not raw:
            return timezone.now()
        try:
            now = dt.datetime.fromisoformat(raw)
        except ValueError as exc:
            raise CommandError(f"--now: geen geldig ISO-8601-moment: {raw!r}") from exc
        return timezone.make_aware(now) if timezone.is_naive(now) else now

    def _once(self, now: dt.datetime) -> None:
        result = tick(now=now, workers=self.workers)
        # After the escalations, so the mails they wrote go out in the same round.
        mail = mail_verzenden(now=now)
        regel = (
            f"{result.total} geëscaleerd ({result.signalen} signalen, {result.noodremmen} noodremmen, "
            f"{result.kamervragen} Kamervragen); {_emails(mail.verzonden)} verzonden"
        )
        if mail.mislukt:
            regel += f", {_emails(mail.mislukt)} geweigerd (volgende ronde opnieuw)"
        if mail.server_onbereikbaar:
            regel += "; mailserver niet bereikbaar, de e-mails wachten"
        self.stdout.write(regel)

    def _loop(self, every: int, times: int | None) -> None:
        stop = threading.Event()
        # SIGTERM (docker stop, systemd) ends the loop between rounds: a round always finishes, and each
        # escalation is its own transaction anyway.
        previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
        try:
            done = 0
            while not stop.is_set():
                # A connection broken by a database restart is dropped here, so the next round reconnects.
                close_old_connections()
                try:
                    self._once(timezone.now())
                except DatabaseError as exc:
                    self.stderr.write(
                        f"Database niet bereikbaar ({type(exc).__name__}); volgende ronde opnieuw."
                    )
                done += 1
                if times is not None and done >= times:
                    break
                stop.wait(every)
        finally:
            signal.signal(signal.SIGTERM, previous)


def _emails(n: int) -> str:
    return f"{n} e-mail" if n == 1 else f"{n} e-mails"
