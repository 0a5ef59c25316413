from __future__ import annotations

from django.test import Client

from schakel.core import ledger


def test_world_builds_and_ledger_verifies(world):
    result = ledger.verify()
    assert result.ok and result.count > 10


def test_start_page_serves(db):
    response = Client().get("/")
    assert response.status_code == 200
    assert "Schakel" in response.content.decode()
