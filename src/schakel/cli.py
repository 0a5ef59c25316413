"""The `schakel` console script: Django's management commands plus Schakel's own.

A refusal by a service (SchakelError) is printed once, in Dutch, naming the field, with exit code 2."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "schakel.settings")
    from django.core.management import execute_from_command_line

    from schakel.core.errors import SchakelError

    args = ["schakel", *(sys.argv[1:] if argv is None else argv)]
    try:
        execute_from_command_line(args)
    except SchakelError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
