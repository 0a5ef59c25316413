from __future__ import annotations

import signal
import sys
import threading
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from schakel.casussen.pseudonimiseerder import Pseudonimiseerder
from schakel.casussen.pseudonymise import deduce_pass, warm


class Command(BaseCommand):
    help = (
        "Laad deduce één keer en pseudonimiseer teksten voor de web- en tick-processen via een Unix-socket "
        "(zet daar SCHAKEL_PSEUDONIMISEER_SOCKET op hetzelfde pad). Stopt netjes op SIGTERM."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--socket",
            metavar="PAD",
            default=settings.SCHAKEL_PSEUDONIMISEER_SOCKET,
            help="Pad van de Unix-socket (standaard: SCHAKEL_PSEUDONIMISEER_SOCKET).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["socket"]
        if not path:
            raise CommandError("Geef --socket PAD, of zet SCHAKEL_PSEUDONIMISEER_SOCKET.")
        if settings.SCHAKEL_DEDUCE:
            # Load before binding: the socket exists only once the service can answer.
            warm()
            deidentify = deduce_pass
        else:
            self.stderr.write("Let op: SCHAKEL_DEDUCE staat uit; alleen de vaste vormen worden vervangen.")

            def deidentify(text: str) -> str:
                return text

        try:
            server = Pseudonimiseerder(path, deidentify, log=lambda message: self.stderr.write(message))
        except OSError as exc:
            raise CommandError(f"Kan niet luisteren op {path}: {exc.strerror or exc}") from exc
        stop = threading.Event()

        def on_signal(signum: int, frame: Any) -> None:
            stop.set()

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
        serving = threading.Thread(target=server.serve_forever, name="pseudonimiseer", daemon=True)
        serving.start()
        self.stdout.write(f"Klaar: pseudonimiseert op {path}")
        sys.stdout.flush()
        try:
            stop.wait()
        finally:
            server.shutdown()
            server.server_close()
        self.stdout.write("Gestopt.")
