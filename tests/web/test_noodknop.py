"""The public noodknop page: no login, explains in plain Dutch what a noodrem is and why principles and a
motivation are required, and leads a professional to log in and a citizen to the citizen portal."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext


def test_noodknop_is_public_and_explains_why(beginselen, client):
    response = client.get("/noodknop/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wat is een noodrem?" in html
    assert "Waarom vragen we om beginselen en een motivering?" in html
    assert "ten minste 8 woorden" in html
    assert "Evenredigheid" in html  # the principles one may invoke are listed


def test_noodknop_leads_professionals_to_log_in_and_citizens_to_the_portal(beginselen, client):
    html = client.get("/noodknop/").content.decode()
    assert 'href="/inloggen/?next=%2Fregels%2F"' in html
    assert 'href="/inloggen/?next=%2Fopdrachten%2F"' in html
    assert 'href="/burger/"' in html


def test_logged_in_member_goes_straight_to_the_pages(world, login):
    html = login("gem.professional").get("/noodknop/").content.decode()
    assert 'href="/regels/"' in html and 'href="/opdrachten/"' in html
    assert "/inloggen/?next=" not in html


def test_noodknop_accepts_only_reading(beginselen, client):
    assert client.post("/noodknop/", {}).status_code == 405


def test_noodknop_query_count_is_fixed(beginselen, client):
    client.get("/noodknop/")
    with CaptureQueriesContext(connection) as ctx:
        client.get("/noodknop/")
    assert len(ctx.captured_queries) <= 3
