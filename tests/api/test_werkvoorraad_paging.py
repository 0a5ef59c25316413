"""The werkvoorraad API pages by cursor through signalen and noodremmen together, overdue first then by
term, with a fixed number of queries however many items are open."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import casus, noodrem, signaal

API = "/api/v1/werkvoorraad/"
pytestmark = pytest.mark.django_db


def _items(world: Any, n: int) -> list[str]:
    """n open items for uo.teamleider, alternating kinds and subjects, half of them overdue."""
    made = []
    for i in range(n):
        when = timezone.now() - dt.timedelta(days=90 if i % 2 else 0, hours=i)
        if i % 3 == 0:
            made.append(signaal(world, now=when))
        elif i % 3 == 1:
            made.append(noodrem(world, now=when))
        else:
            made.append(noodrem(world, now=when, casus=casus(world)))
    return [str(m.uuid) for m in made]


def _walk(client: Any, url: str) -> tuple[list[dict[str, Any]], list[str]]:
    rows, pages = [], []
    while url:
        body = client.get(url).json()
        rows += body["results"]
        pages.append(url)
        url = body["next"]
    return rows, pages


def test_pages_hold_every_item_once_overdue_first_then_by_term(world, client_for) -> None:  # type: ignore[no-untyped-def]
    made = _items(world, 7)
    client = client_for("uo.teamleider")
    whole = client.get(f"{API}?aantal=200").json()
    assert whole["next"] is None and whole["previous"] is None
    order = [(not r["te_laat"], r["uiterlijk"]) for r in whole["results"]]
    assert order == sorted(order)
    assert sorted(r["uuid"] for r in whole["results"]) == sorted(made)

    rows, pages = _walk(client, f"{API}?aantal=2")
    assert [r["uuid"] for r in rows] == [r["uuid"] for r in whole["results"]]
    assert len(pages) == 4
    # and back again from the last page
    last = client.get(pages[-1]).json()
    back = client.get(last["previous"]).json()
    assert [r["uuid"] for r in back["results"]] == [r["uuid"] for r in rows[4:6]]
    first = client.get(client.get(back["previous"]).json()["previous"]).json()
    assert [r["uuid"] for r in first["results"]] == [r["uuid"] for r in rows[:2]]
    assert first["previous"] is None


def test_filters_apply_before_paging(world, client_for) -> None:  # type: ignore[no-untyped-def]
    _items(world, 6)
    client = client_for("uo.teamleider")
    brakes, _ = _walk(client, f"{API}?soort=noodrem&aantal=1")
    assert len(brakes) == 4 and {r["soort"] for r in brakes} == {"noodrem"}
    late, _ = _walk(client, f"{API}?te_laat=true&aantal=2")
    assert len(late) == 3 and all(r["te_laat"] for r in late)
    on_time, _ = _walk(client, f"{API}?te_laat=false&soort=signaal")
    assert len(on_time) == 1 and not on_time[0]["te_laat"]


def test_constant_queries_for_2_and_20_items(world, client_for) -> None:  # type: ignore[no-untyped-def]
    # Per kind with open items: its page's keys, then those rows; a kind with none costs one query.
    client = client_for("uo.teamleider")

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(API)
        assert response.status_code == 200
        return len(ctx.captured_queries)

    _items(world, 2)  # a signaal and a noodrem
    two = count()
    _items(world, 18)
    assert len(client.get(API).json()["results"]) == 20
    assert count() == two


def test_a_made_up_cursor_is_a_400_naming_it(world, client_for) -> None:  # type: ignore[no-untyped-def]
    for cursor in ("bm9uc2Vucw", "x", "bmF8MjAyNi0wMS0wMXxzaWduYWFsfDE"):  # last: no time zone
        response = client_for("uo.teamleider").get(f"{API}?cursor={cursor}")
        assert response.status_code == 400, cursor
        assert "cursor" in response.content.decode()


def test_others_see_nothing_and_anonymous_is_refused(world, client_for, anon) -> None:  # type: ignore[no-untyped-def]
    _items(world, 3)
    assert client_for("gem.teamleider").get(API).json()["results"] == []
    assert anon.get(API).status_code in (401, 403)
