from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_deduce(settings):  # type: ignore[no-untyped-def]
    """Pulls here are about throttles, headers and logs, not about recognising names."""
    settings.SCHAKEL_DEDUCE = False
