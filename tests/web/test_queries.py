"""No N+1 on the main pages: the number of queries does not grow with the number of items shown. Each page
is measured with 1 item and again with 10; the counts must be equal and stay under a fixed bound."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from schakel.noodremmen.models import Anonimiteit, Niveau
from schakel.noodremmen.services import bericht_add
from tests.factories import RegelFactory, casus, noodrem, signaal

BOUND = 30


def count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


def _recipient_key(n: Any) -> str:
    return f"{n.ontvanger_organisatie.code}.{n.ontvanger_rol}"


class Page:
    """How to put one more item on a page, and who looks at it where."""

    def __init__(self, world: Any) -> None:
        self.world = world
        self.state: dict[str, Any] = {}

    def add(self) -> tuple[str, str]:
        raise NotImplementedError


class Werkvoorraad(Page):
    def add(self) -> tuple[str, str]:
        n = noodrem(self.world)
        signaal(self.world)
        return _recipient_key(n), "/werkvoorraad/"


class Casussen(Page):
    def add(self) -> tuple[str, str]:
        casus(self.world)
        return "uo.professional", "/casussen/"


class CasusDetail(Page):
    def add(self) -> tuple[str, str]:
        c = self.state.setdefault("casus", casus(self.world))
        noodrem(self.world, casus=c)
        return "uo.professional", f"/casussen/{c.uuid}/"


class Regels(Page):
    def add(self) -> tuple[str, str]:
        RegelFactory(uitvoerder=self.world.uitvoerder)
        return "uo.professional", "/regels/"


class NoodremDetail(Page):
    def add(self) -> tuple[str, str]:
        n = self.state.setdefault("noodrem", noodrem(self.world))
        recipient = self.world.lid(_recipient_key(n))
        bericht_add(noodrem=n, door=recipient, tekst="Wij kijken ernaar en komen hier snel op terug.")
        return _recipient_key(n), f"/noodremmen/{n.uuid}/"


class Vertrouwelijk(Page):
    def add(self) -> tuple[str, str]:
        noodrem(self.world, anonimiteit=Anonimiteit.VERTROUWELIJK)
        return "uo.vertrouwenspersoon", "/vertrouwelijk/"


PAGES: dict[str, Callable[[Any], Page]] = {
    "werkvoorraad": Werkvoorraad,
    "casussen": Casussen,
    "casus": CasusDetail,
    "regels": Regels,
    "noodrem": NoodremDetail,
    "vertrouwelijk": Vertrouwelijk,
}


@pytest.mark.parametrize("name", PAGES)
def test_query_count_does_not_grow_with_items(name, world, login, django_assert_max_num_queries):
    page = PAGES[name](world)
    key, url = page.add()
    client = login(key)
    client.get(url)  # first request warms caches (session, content types)
    one = count(client, url)
    for _ in range(9):
        page.add()
    with django_assert_max_num_queries(BOUND):
        ten = count(client, url)
    assert ten == one, f"{url}: {one} queries with 1 item, {ten} with 10"


def test_citizen_case_page_query_count_does_not_grow_with_messages(
    world, client, django_assert_max_num_queries
):
    n = noodrem(world, niveau=Niveau.BURGER)
    client.post("/burger/volgen/", {"ontvangstcode": n.ontvangstcode})
    bericht_add(noodrem=n, tekst="Ik heb nog een vraag over mijn zaak.")
    client.get("/burger/zaak/")
    one = count(client, "/burger/zaak/")
    for _ in range(9):
        bericht_add(noodrem=n, tekst="Ik heb nog een vraag over mijn zaak.")
    with django_assert_max_num_queries(BOUND):
        ten = count(client, "/burger/zaak/")
    assert ten == one


def test_start_page_query_count_is_fixed(world, client, django_assert_max_num_queries):
    noodrem(world)
    with django_assert_max_num_queries(10):
        assert client.get("/").status_code == 200
