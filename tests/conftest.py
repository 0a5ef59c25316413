from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from schakel.beginselen.services import beginselen_load_default
from schakel.organisaties.models import Lid


@pytest.fixture(autouse=True)
def _mail_locmem(settings):  # type: ignore[no-untyped-def]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def beginselen(db):  # type: ignore[no-untyped-def]
    beginselen_load_default()


@pytest.fixture
def world(beginselen):  # type: ignore[no-untyped-def]
    from tests.factories import World

    return World.build()


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
