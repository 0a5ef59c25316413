"""Reads at national scale: the inbox (werkvoorraad) of a member of a big organisation, and the detail
of a casus, signaal and noodrem — each through the API with Django's test client (the whole stack:
middleware, authentication, permission checks, serializers; only the socket is left out), p50 and p95,
beside the single raw SQL query that returns the same rows. Precedent search over the national
collection beside the raw engine query (every query term, ranked by the engine).

Target (issue 7): inbox and item reads p95 ≤ 30 ms.
"""

from __future__ import annotations

import gc
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from table import Context, Figure  # noqa: E402

TARGET_MS = 30.0


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)] if ordered else math.nan


# CPU time of this process per call, beside the wall time: on a machine shared with other work the
# wall time includes waiting for a core; the CPU time does not (it leaves out the database server's).
CPU: list[float] = []


def timed(calls: list[Callable[[], Any]], warm: int = 3) -> list[float]:
    for call in calls[:warm]:
        call()
    out = []
    CPU.clear()
    for call in calls:
        c0, t0 = time.process_time(), time.perf_counter()
        call()
        out.append((time.perf_counter() - t0) * 1000)
        CPU.append((time.process_time() - c0) * 1000)
    return out


def figures(
    label: str, ours: list[float], cpu: list[float], raw: list[float], raw_label: str
) -> list[Figure]:
    p95, raw95 = pct(ours, 0.95), pct(raw, 0.95)
    return [
        Figure(f"{label} p50", pct(ours, 0.5), "ms", pct(raw, 0.5), raw_label),
        Figure(f"{label} p95", p95, "ms", raw95, raw_label, f"≤ {TARGET_MS:.0f} ms", p95 <= TARGET_MS),
        Figure(f"{label} p95, CPU of the app process", pct(cpu, 0.95), "ms"),
    ]


def measure(ctx: Context) -> list[Figure]:
    import generate

    generate.setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # allows the test client's host; mail to memory
    # As in a web worker: the gunicorn master freezes the loaded application's heap before it forks
    # (gunicorn_conf.when_ready), so the garbage collector does not walk it on every collection.
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (a worker has resolved its URLs before its first request)
    gc.freeze()
    n = 40 if ctx.quick else 200
    out: list[Figure] = []
    out += _inbox(Client(), connection, n)
    out += _items(Client(), connection, n)
    out += _precedents(connection, max(10, n // 4))
    return out


def _get(client: Any, url: str, lid_uuid: str) -> Callable[[], Any]:
    def call() -> Any:
        response = client.get(url, secure=True, HTTP_SCHAKEL_LID=lid_uuid)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: {response.status_code} {response.content[:200]!r}")
        return response

    return call


def _inbox(client: Any, connection: Any, n: int) -> list[Figure]:
    from django.db.models import Count

    from schakel.noodremmen.models import Noodrem
    from schakel.organisaties.ladder import roles, roles_acted_for
    from schakel.organisaties.models import Lid, Organisatie
    from schakel.signalen.models import Signaal

    # The organisation with the most open items; its member highest on the ladder sees all of them.
    busiest = (
        Signaal.objects.filter(status="open")
        .values_list("ontvanger_organisatie")
        .order_by()
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    org = Organisatie.objects.get(pk=busiest[0])
    top = roles(org)[-1]
    lid = Lid.objects.filter(organisatie=org, rol=top, actief=True).select_related("gebruiker").first()
    assert lid is not None
    rollen = roles_acted_for(lid)
    open_items = (
        Signaal.objects.filter(status="open", ontvanger_organisatie=org, ontvanger_rol__in=rollen).count()
        + Noodrem.objects.filter(
            status="getrokken", ontvanger_organisatie=org, ontvanger_rol__in=rollen
        ).count()
    )
    client.force_login(lid.gebruiker)
    # The inbox comes in pages (ADR 0020): the first page, and the next one by its cursor, alternately.
    first = _get(client, "/api/v1/werkvoorraad/", str(lid.uuid))
    second = _get(client, first().json()["next"].split("testserver", 1)[-1], str(lid.uuid))
    ours = timed([first, second] * min(n // 2, 30))
    cpu = list(CPU)
    marks = ", ".join(["%s"] * len(rollen))
    # The same rows as one page: the open items with the earliest terms, 50 of them.
    sql = (
        "SELECT 'signaal', uuid, titel, uiterlijk, escalatieniveau FROM signalen_signaal "
        f"WHERE status = 'open' AND ontvanger_organisatie_id = %s AND ontvanger_rol IN ({marks}) "
        "UNION ALL SELECT 'noodrem', uuid, niveau, uiterlijk, escalatieniveau FROM noodremmen_noodrem "
        f"WHERE status = 'getrokken' AND ontvanger_organisatie_id = %s AND ontvanger_rol IN ({marks}) "
        "ORDER BY 4 LIMIT 50"
    )
    params = [org.pk, *rollen, org.pk, *rollen]

    def raw() -> Any:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    raw_ms = timed([raw] * n)
    return figures(
        f"inbox page of 50, {open_items} open items (API)", ours, cpu, raw_ms, "raw SQL, first 50 rows"
    )


def _items(client: Any, connection: Any, n: int) -> list[Figure]:
    from schakel.casussen.models import Casus
    from schakel.noodremmen.models import Noodrem
    from schakel.organisaties.models import Lid
    from schakel.signalen.models import Signaal

    out: list[Figure] = []
    step = max(1, Casus.objects.count() // n)
    kinds: list[tuple[str, Any, str, Callable[[Any], Lid]]] = [
        ("casus", Casus, "casussen", lambda c: c.behandelaar),
        ("signaal", Signaal, "signalen", lambda s: s.indiener),
        (
            "noodrem",
            Noodrem,
            "noodremmen",
            lambda r: Lid.objects.filter(
                organisatie_id=r.ontvanger_organisatie_id, rol=r.ontvanger_rol, actief=True
            ).first(),
        ),
    ]
    for soort, model, path, reader in kinds:
        total = model.objects.count()
        step = max(1, total // n)
        ids = list(model.objects.order_by("pk").values_list("pk", flat=True)[::step][:n]) if total else []
        ours: list[float] = []
        cpu: list[float] = []
        raw_ms: list[float] = []
        table = model._meta.db_table
        for pk in ids:
            item = model.objects.get(pk=pk)
            lid = reader(item)
            client.force_login(lid.gebruiker)
            call = _get(client, f"/api/v1/{path}/{item.uuid}/", str(lid.uuid))
            call()  # warm this session
            c0, t0 = time.process_time(), time.perf_counter()
            call()
            ours.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            value = model._meta.get_field("uuid").get_db_prep_value(item.uuid, connection)
            with connection.cursor() as cursor:
                t0 = time.perf_counter()
                cursor.execute(f"SELECT * FROM {table} WHERE uuid = %s", [value])
                cursor.fetchall()
                raw_ms.append((time.perf_counter() - t0) * 1000)
        out += figures(f"{soort} detail read (API)", ours, cpu, raw_ms, "raw SQL, one row by uuid")
    return out


def _precedents(connection: Any, n: int) -> list[Figure]:
    """Similar casussen for existing casussen (the casus page's list) beside the engine ranking all
    matches itself: FTS5 bm25() on SQLite, ts_rank over an OR of the words on PostgreSQL."""
    from schakel.casussen.models import Casus
    from schakel.precedenten.analyse import stems, words
    from schakel.precedenten.selectors import vergelijkbaar_met

    total = Casus.objects.count()
    step = max(1, total // n)
    casussen = list(Casus.objects.order_by("pk")[::step][:n])
    ours = timed([lambda c=c: vergelijkbaar_met(c) for c in casussen], warm=2)
    pg = connection.vendor == "postgresql"

    def raw(c: Any) -> Any:
        text = f"{c.titel}\n{c.omschrijving}"
        with connection.cursor() as cursor:
            if pg:
                query = " | ".join(dict.fromkeys(words(text)))
                cursor.execute(
                    "SELECT id FROM precedenten_zoekdocument, to_tsquery('dutch', %s) q "
                    "WHERE zoekvector @@ q ORDER BY ts_rank(zoekvector, q) DESC LIMIT 10",
                    [query],
                )
            else:
                query = " OR ".join('"' + s + '"' for s in dict.fromkeys(stems(text)))
                cursor.execute(
                    "SELECT rowid FROM precedenten_fts WHERE precedenten_fts MATCH %s "
                    "ORDER BY bm25(precedenten_fts) LIMIT 10",
                    [query],
                )
            return cursor.fetchall()

    few = casussen[: max(5, n // 5)]
    raw_ms = timed([lambda c=c: raw(c) for c in few], warm=1)
    engine = "ts_rank over all words" if pg else "FTS5 bm25() over all stems"
    p95 = pct(ours, 0.95)
    return [
        Figure(
            f"precedent search p95 ({total:,} casussen)",
            p95,
            "ms",
            pct(raw_ms, 0.95),
            f"raw engine query ({engine})",
        )
    ]
