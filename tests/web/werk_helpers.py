"""Shared checks for the casework page tests."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

BOUND = 30


def error_next_to(html: str, input_id: str, text: str) -> bool:
    """The Dutch error is rendered in the field's own error element (id `<input>-fout`)."""
    match = re.search(rf'id="{re.escape(input_id)}-fout">(.*?)</div>', html, re.S)
    return bool(match) and text in match.group(1)  # type: ignore[union-attr]


def count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


def assert_constant_queries(
    client: Client, url: str, add: Callable[[], Any], *, bound: int = BOUND, allow_fewer: bool = False
) -> None:
    """The page costs as many queries with ten items as with one, and stays under a fixed bound.

    `allow_fewer`: the precedent search widens with an extra query when it finds few candidates, so a
    page that searches may cost less with more items, never more."""
    add()
    client.get(url)  # warm caches (session, content types)
    one = count(client, url)
    for _ in range(9):
        add()
    ten = count(client, url)
    assert ten <= one if allow_fewer else ten == one, f"{url}: {one} queries with 1 item, {ten} with 10"
    assert ten <= bound, f"{url}: {ten} queries"
