from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from schakel.organisaties.models import Lid


@pytest.fixture(autouse=True)
def _fresh_throttles():  # type: ignore[no-untyped-def]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def anon() -> APIClient:
    return APIClient()


@pytest.fixture
def client_for(world) -> Callable[[Lid | str], APIClient]:  # type: ignore[no-untyped-def]
    """An API client acting as one membership: `client_for("uo.professional")` or `client_for(lid)`."""

    def make(who: Lid | str) -> APIClient:
        lid = world.lid(who) if isinstance(who, str) else who
        client = APIClient()
        client.force_authenticate(user=lid.gebruiker)
        client.credentials(HTTP_SCHAKEL_LID=str(lid.uuid))
        return client

    return make
