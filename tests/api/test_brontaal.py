"""What a service stores is Dutch whichever language the caller asked for (ADR 0012)."""

from __future__ import annotations

import pytest

from schakel.core.models import Notificatie

pytestmark = pytest.mark.django_db


def test_an_english_api_call_still_stores_a_dutch_notification(world, anon):
    response = anon.post(
        "/api/v1/burger/",
        {
            "organisatie": "gem",
            "burger_soort": "klacht",
            "beginselen": ["NO-MAATWERK"],
            "motivering": "Ik kreeg geen uitleg over het besluit en niemand belde mij terug na drie weken.",
        },
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 201, response.content
    tekst = Notificatie.objects.latest("pk").tekst
    assert "(Burger)" in tekst and "Citizen" not in tekst
