"""The yearly Staat van de Uitvoering on the national dataset: the time to compute its data
(`register.staat.staat`, what `schakel report --year` renders) and the peak memory of the process that
does it, beside one raw GROUP BY over the same rows (the year's signalen per first organisation).

Targets (issue 6): ≤ 10 s, < 1 GB.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from table import Context, Figure  # noqa: E402

YEAR = 2025  # the dataset's last full year (it runs from 1 January 2025 up to 23 November 2026)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def measure(ctx: Context) -> list[Figure]:
    import generate

    generate.setup_django()
    from django.db import connection

    from schakel.organisaties.models import Organisatie
    from schakel.register.selectors import jaar_grenzen
    from schakel.register.staat import staat

    Organisatie.objects.exists()  # connect and load the app code before measuring
    before = _rss_mb()
    t0 = time.perf_counter()
    data = staat(YEAR, now=generate.NOW)
    seconds = time.perf_counter() - t0
    peak = _rss_mb()
    rows = data["totaal"]["knelpunten_ingediend"] + data["totaal"]["noodremmen_getrokken"]

    start, end = jaar_grenzen(YEAR)
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ontvanger_organisatie_id, COUNT(*), "
            "SUM(CASE WHEN status = 'opgelost' THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN status = 'afgewezen' THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN beantwoord_op IS NOT NULL AND escalatieniveau = 0 AND beantwoord_op <= uiterlijk "
            "THEN 1 ELSE 0 END) "
            "FROM signalen_signaal WHERE ingediend_op >= %s AND ingediend_op < %s GROUP BY ontvanger_organisatie_id",
            [connection.ops.adapt_datetimefield_value(start), connection.ops.adapt_datetimefield_value(end)],
        )
        cursor.fetchall()
    raw = time.perf_counter() - t0
    return [
        Figure(
            f"report {YEAR} data ({rows:,} signalen + noodremmen)",
            seconds,
            "s",
            raw,
            "one raw GROUP BY (signalen per organisation)",
            "≤ 10 s",
            seconds <= 10,
        ),
        Figure(
            f"report {YEAR}: peak RSS of the process",
            peak,
            "MB",
            before,
            "RSS before the report (Django loaded)",
            "< 1024 MB",
            peak < 1024,
        ),
    ]
