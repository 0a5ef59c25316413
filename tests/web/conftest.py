from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.test import Client

from schakel.organisaties.models import Lid


@pytest.fixture(autouse=True)
def _fresh_throttles():  # type: ignore[no-untyped-def]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def login(world, client: Client) -> Callable[[str], Client]:  # type: ignore[no-untyped-def]
    """`login("uo.teamleider")`: the test client, logged in as that membership's user."""

    def make(key: str) -> Client:
        lid: Lid = world.lid(key)
        client.force_login(lid.gebruiker)
        return client

    return make
