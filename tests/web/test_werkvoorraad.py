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
