from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.factories import noodrem, signaal


def test_werkvoorraad_lists_open_items_overdue_first_with_days_left(world, login):
    long_ago = timezone.now() - dt.timedelta(days=60)
    late = noodrem(world, now=long_ago)
    fresh = noodrem(world)
    s = signaal(world)
    html = login("uo.teamleider").get("/werkvoorraad/").content.decode()
    assert html.index(f"/noodremmen/{late.uuid}/") < html.index(f"/noodremmen/{fresh.uuid}/")
    assert f"/signalen/{s.uuid}/" in html
    assert "Te laat" in html
    assert "dagen" in html
    assert "5 werkdagen" in html


def test_werkvoorraad_of_someone_else_is_empty(world, login):
    noodrem(world)
    html = login("gem.professional").get("/werkvoorraad/").content.decode()
    assert "U heeft niets open staan." in html


def test_answered_items_leave_the_werkvoorraad(world, login):
    n = noodrem(world, state="opgevolgd")
    html = login("uo.teamleider").get("/werkvoorraad/").content.decode()
    assert f"/noodremmen/{n.uuid}/" not in html


def test_werkvoorraad_pages_with_vorige_and_volgende(world, login, monkeypatch):
    import re

    from schakel.web.views import werkvoorraad as view

    monkeypatch.setattr(view, "PER_PAGINA", 2)
    long_ago = timezone.now() - dt.timedelta(days=60)
    made = [noodrem(world, now=long_ago), noodrem(world), signaal(world), noodrem(world)]
    client = login("uo.teamleider")
    seen, url, pages = [], "/werkvoorraad/", []
    while url:
        html = client.get(url).content.decode()
        pages.append(html)
        seen += re.findall(r'href="/(?:noodremmen|signalen)/([0-9a-f-]{36})/"', html)
        volgende = re.search(r'rel="next" href="([^"]+)"', html)
        url = "/werkvoorraad/" + volgende.group(1).replace("&amp;", "&") if volgende else ""
    assert sorted(seen) == sorted(str(m.uuid) for m in made) and len(pages) == 2
    assert seen[0] == str(made[0].uuid)  # overdue first
    assert "Open items (4)" in pages[0] and "Open items (4)" in pages[1]
    assert 'rel="prev"' not in pages[0] and ">Volgende<" in pages[0]
    assert ">Vorige<" in pages[1] and 'rel="next"' not in pages[1]
    assert 'aria-label="Pagina’s van de werkvoorraad"' in pages[0]
    vorige = re.search(r'rel="prev" href="([^"]+)"', pages[1]).group(1)
    assert seen[:2] == re.findall(
        r'href="/(?:noodremmen|signalen)/([0-9a-f-]{36})/"',
        client.get("/werkvoorraad/" + vorige).content.decode(),
    )


def test_a_mangled_page_link_shows_the_first_page(world, login):
    n = noodrem(world)
    response = login("uo.teamleider").get("/werkvoorraad/?pagina=kapot")
    assert response.status_code == 200 and f"/noodremmen/{n.uuid}/" in response.content.decode()


def test_werkvoorraad_page_needs_a_login(client):
    response = client.get("/werkvoorraad/")
    assert response.status_code == 302
