from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.loader import render_to_string

from schakel.register import formats
from schakel.register.staat import staat
from schakel.register.views import staat_context


class Command(BaseCommand):
    help = "De Staat van de Uitvoering van één jaar: html, pdf, csv of json op stdout (of --uit bestand)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", "--jaar", dest="jaar", type=int, required=True)
        parser.add_argument(
            "--format", dest="formaat", choices=["html", "pdf", "csv", "json"], default="html"
        )
        parser.add_argument("--output", "--uit", dest="uit", default="", help="Bestand; standaard stdout.")

    def handle(self, *args: Any, **options: Any) -> None:
        jaar = options["jaar"]
        if not 1900 < jaar < 3000:
            raise CommandError("Geef een jaar tussen 1901 en 2999.")
        rapport = staat(jaar)
        formaat = options["formaat"]
        data: bytes
        if formaat == "pdf":
            data = formats.staat_pdf(rapport)
        elif formaat == "csv":
            data = formats.staat_csv(rapport).encode()
        elif formaat == "json":
            data = formats.staat_json(rapport).encode()
        else:
            data = render_to_string("register/staat_los.html", staat_context(rapport)).encode()
        if options["uit"]:
            with open(options["uit"], "wb") as fh:
                fh.write(data)
            self.stderr.write(f"Geschreven: {options['uit']}")
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
