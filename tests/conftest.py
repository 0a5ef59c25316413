from __future__ import annotations

import pytest

from schakel.beginselen.services import beginselen_load_default


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
