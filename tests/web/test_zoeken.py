"""Precedent search page: free text ranked by similarity, filters on rule, principle, outcome,
organisation and period, only what the member may see; htmx gets just the results."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.utils import timezone

from schakel.casussen.models import Casus
from schakel.precedenten.services import casus_delen
from tests.factories import RegelFactory, casus, maatwerkbesluit
from tests.web.werk_helpers import assert_constant_queries, error_next_to


def test_search_page_without_query_asks_for_words(world, login):
    html = login("uo.professional").get("/zoeken/").content.decode()
    assert "Zoeken in casussen" in html and "Vul zoekwoorden in" in html


def test_free_text_finds_the_similar_casus_with_why(world, login):
    casus(
        world,
        titel="Voorschot kinderopvang terug",
        omschrijving="Het voorschot kinderopvangtoeslag moet terug.",
    )
    casus(world, titel="Parkeervergunning", omschrijving="De parkeervergunning werd te laat verleend.")
    html = login("uo.professional").get("/zoeken/", {"q": "voorschot kinderopvangtoeslag"}).content.decode()
    assert "Voorschot kinderopvang terug" in html and "Parkeervergunning" not in html
    assert "Waarom vergelijkbaar" in html


def test_filters_on_rule_principle_outcome_and_organisation(world, login):
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    a = casus(world, titel="Met maatwerk", regels=[regel], beginsel_codes=["AWB-EVENREDIGHEID"])
    maatwerkbesluit(world, a)
    casus(world, titel="Zonder maatwerk", beginsel_codes=[])
    client = login("uo.professional")
    assert "Zonder maatwerk" not in client.get("/zoeken/", {"regel": str(regel.uuid)}).content.decode()
    html = client.get("/zoeken/", {"uitkomst": "afgeweken"}).content.decode()
    assert "Met maatwerk" in html and "Zonder maatwerk" not in html
    html = client.get("/zoeken/", {"beginsel": "AWB-EVENREDIGHEID"}).content.decode()
    assert "Met maatwerk" in html and "Zonder maatwerk" not in html
    assert "Met maatwerk" not in client.get("/zoeken/", {"organisatie": "gem"}).content.decode()


def test_period_filter_with_frozen_time(world, login):
    with time_machine.travel(dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC), tick=False):
        casus(world, titel="Maart-casus")
    with time_machine.travel(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC), tick=False):
        casus(world, titel="Juni-casus")
        client = login("uo.professional")
        html = client.get("/zoeken/", {"van": "2026-05-01", "tot": "2026-06-01"}).content.decode()
    assert "Juni-casus" in html and "Maart-casus" not in html
    assert timezone.now().year >= 2026


def test_bad_date_is_a_dutch_error_next_to_the_field(world, login):
    response = login("uo.professional").get("/zoeken/", {"van": "gisteren"})
    assert response.status_code == 400
    assert error_next_to(response.content.decode(), "id_van", "Vul een geldige datum in")


def test_search_shows_only_own_and_shared_casussen(world, login):
    c = casus(world, titel="Voorschot terugvordering schulden")
    client = login("gem.professional")
    assert c.titel not in client.get("/zoeken/", {"q": "voorschot terugvordering"}).content.decode()
    casus_delen(casus=c, door=world.lid("uo.maatwerkcoordinator"))
    assert c.titel in client.get("/zoeken/", {"q": "voorschot terugvordering"}).content.decode()


def test_search_needs_login(client, world):
    response = client.get("/zoeken/?q=voorschot")
    assert response.status_code == 302 and "/inloggen/" in response["Location"]


def test_htmx_gets_only_the_results_and_errors_load_the_whole_page(world, login):
    casus(world, titel="Voorschot terug")
    client = login("uo.professional")
    part = client.get("/zoeken/", {"q": "voorschot"}, HTTP_HX_REQUEST="true")
    html = part.content.decode()
    assert html.startswith('<section id="zoekresultaten"') and "Voorschot terug" in html
    bad = client.get("/zoeken/", {"van": "gisteren"}, HTTP_HX_REQUEST="true")
    assert bad["HX-Redirect"] == "/zoeken/?van=gisteren"


def test_search_query_count_does_not_grow_with_results(world, login):
    assert_constant_queries(
        login("uo.professional"),
        "/zoeken/?q=voorschot+schulden",
        lambda: casus(world, omschrijving="Het voorschot brengt de burger in de schulden."),
        allow_fewer=True,
    )
    assert_constant_queries(
        login("uo.professional"),
        "/zoeken/?uitkomst=open",
        lambda: casus(world),
    )
    assert Casus.objects.count() == 20
