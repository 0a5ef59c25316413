"""Kamervragen published like a signaal: question, committee, organisation asked, term, answer or silence;
answer-time percentiles ranked in SQL equal their definition."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import statistics
from fractions import Fraction
from math import ceil
from typing import Any

import pytest
import time_machine
from django.db.models import Value
from django.test import Client

from schakel.core.terms import AMSTERDAM
from schakel.kamervragen.models import Kamervraag
from schakel.kamervragen.selectors import kamervragen_publiek
from schakel.kamervragen.services import kamervraag_beantwoorden, kamervraag_stellen
from schakel.register.antwoordtijden import antwoordtijden, nearest_rank
from schakel.register.staat import percentiel
from tests.register.test_register import ANTWOORD, VRAAG, data  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _rows(client: Client, query: str) -> list[dict[str, Any]]:
    return json.loads(client.get("/register/register.json?" + query).content)["items"]


def test_kamervragen_are_listed_with_committee_and_organisation_asked(data, client):  # noqa: F811
    rows = _rows(client, "soort=kamervraag")
    assert len(rows) == Kamervraag.objects.count() == 4
    assert {r["soort"] for r in rows} == {"kamervraag"}
    assert {r["commissie"]["code"] for r in rows} == {"tk"}
    assert {r["organisatie"]["code"] for r in rows} == {"uo"}
    assert all(r["vraag"] == VRAAG and r["beginselen"] == [] for r in rows)
    assert _rows(client, "commissie=tk") == rows
    assert _rows(client, "commissie=uo") == []
    assert {r["id"] for r in _rows(client, "soort=kamervraag&jaar=2025")} == {
        str(data["kamervragen"]["vorig_jaar"].uuid)
    }
    wet = data["wet"]
    assert {r["id"] for r in _rows(client, f"soort=kamervraag&regel={wet.uuid}")} == {
        str(data["kamervragen"][k].uuid) for k in ("te_laat", "vorig_jaar")
    }
    per_org = {r["id"] for r in _rows(client, "organisatie=uo") if r["soort"] == "kamervraag"}
    assert per_org == {r["id"] for r in rows}
    # Parliament's own page lists the questions its committee asked.
    page = client.get("/register/organisatie/tk/").content.decode()
    assert page.count("/register/item/") == 4 and "Kamervragen die Tweede Kamer heeft gesteld" in page


def test_answer_in_time_late_and_silence_are_shown(data, client):  # noqa: F811
    vragen = data["kamervragen"]
    op_tijd = client.get(f"/register/item/{vragen['op_tijd'].uuid}/").content.decode()
    assert ANTWOORD in op_tijd and "binnen de termijn" in op_tijd and "Tweede Kamer" in op_tijd
    te_laat = client.get(f"/register/item/{vragen['te_laat'].uuid}/").content.decode()
    assert ANTWOORD in te_laat and "na de termijn" in te_laat
    stil = Kamervraag.objects.get(pk=vragen["stil"].pk)
    eerste = kamervragen_publiek().get(pk=stil.pk).eerste_uiterlijk
    assert stil.escalatieniveau > 0 and eerste < stil.uiterlijk
    page = client.get(f"/register/item/{stil.uuid}/").content.decode()
    assert f"Niet beantwoord, termijn verstreken op {eerste.isoformat()[:10]}" in page
    lijst = client.get("/register/?soort=kamervraag").content.decode()
    assert f"niet beantwoord, termijn verstreken op {eerste.isoformat()[:10]}" in lijst
    (rij,) = [r for r in _rows(client, "soort=kamervraag&status=te_laat")]
    assert rij["id"] == str(stil.uuid) and rij["antwoord"] is None


def test_griffie_member_is_never_published(data, client):  # noqa: F811
    griffie = data["kamervragen"]["op_tijd"].gesteld_door
    bestuur = Kamervraag.objects.get(pk=data["kamervragen"]["op_tijd"].pk).antwoord.door
    urls = [
        "/register/",
        "/register/?soort=kamervraag",
        "/register/organisatie/tk/",
        "/register/register.csv",
    ]
    urls += ["/register/register.json", "/register/antwoorden.atom", "/register/staat/2026/staat.json"]
    urls += [f"/register/item/{kv.uuid}/" for kv in Kamervraag.objects.all()]
    text = "\n".join(client.get(u).content.decode() for u in urls)
    for lid in (griffie, bestuur):
        for secret in (str(lid.uuid), lid.gebruiker.email, f">{lid.gebruiker.get_username()}<"):
            assert secret not in text, secret
    assert "Kamervraag beantwoord" in text  # the feed carries the answers


def test_csv_has_the_question_columns(data, client):  # noqa: F811
    reader = csv.DictReader(
        io.StringIO(client.get("/register/register.csv?soort=kamervraag").content.decode())
    )
    rows = list(reader)
    assert len(rows) == 4
    assert {r["commissie_code"] for r in rows} == {"tk"} and {r["commissie_naam"] for r in rows} == {
        "Tweede Kamer"
    }
    assert all(r["vraag"] == VRAAG and r["eerste_uiterlijk"] for r in rows)
    assert sorted(r["termijnstatus"] for r in rows) == sorted(
        ["op_tijd_beantwoord", "op_tijd_beantwoord", "te_laat_beantwoord", "te_laat"]
    )


def test_staat_shows_kamervragen_in_every_format(data, client):  # noqa: F811
    rapport = json.loads(client.get("/register/staat/2026/staat.json").content)
    assert rapport["totaal"]["kamervragen_gesteld"] == 3
    assert rapport["verschil"]["kamervragen_gesteld"] == 2
    (uo,) = [o for o in rapport["per_organisatie"] if o["code"] == "uo"]
    assert uo["cijfers"]["kamervragen_onbeantwoord"] == 1
    page = client.get("/register/staat/2026/").content.decode()
    assert "Kamervragen per organisatie" in page and "Kamervragen binnen de termijn beantwoord" in page
    assert "kamervragen_te_laat" in client.get("/register/staat/2026/staat.csv").content.decode()


# --- percentiles ------------------------------------------------------------------------------------


def test_nearest_rank_is_exact_integer_arithmetic():
    for n in range(1, 1001):
        assert nearest_rank(n, 90) == ceil(Fraction(90 * n, 100))
    # 0.9 * 70 is 63.000000000000007 in floating point: the 63rd value, not the 64th.
    assert percentiel([float(i) for i in range(1, 71)], 90) == 63.0


def test_sql_median_and_p90_equal_the_definition(world):
    """Answer times per organisation (odd and even counts, ties) ranked by the database, against
    statistics.median and the nearest-rank 90th percentile over the full lists."""
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=AMSTERDAM)
    delays = {world.uitvoerder: [5, 1, 9, 3, 3, 14, 2], world.gemeente: [4, 8, 1, 6, 2, 20]}
    expected: dict[Any, list[float]] = {}
    for org, hours in delays.items():
        for i, h in enumerate(hours):
            asked = start + dt.timedelta(days=i, minutes=7 * i)
            with time_machine.travel(asked, tick=False):
                kv = kamervraag_stellen(door=world.lid("tk.griffie"), organisatie=org, vraag=VRAAG, now=asked)
            answered = asked + dt.timedelta(hours=h, seconds=i)
            with time_machine.travel(answered, tick=False):
                kamervraag_beantwoorden(
                    kamervraag=kv, door=world.lid(f"{org.code}.bestuur"), tekst=ANTWOORD, now=answered
                )
            expected.setdefault(org.pk, []).append((answered - asked).total_seconds() / 86400)
    # One unanswered question counts nowhere in the answer times.
    kamervraag_stellen(door=world.lid("tk.griffie"), organisatie=world.uitvoerder, vraag=VRAAG)
    got = antwoordtijden(kamervragen_publiek(), "eerste_org_id")
    for pk, waarden in expected.items():
        assert got[pk] == (statistics.median(waarden), percentiel(waarden, 90))
    alle = [w for ws in expected.values() for w in ws]
    assert antwoordtijden(kamervragen_publiek(), None) == {
        None: (statistics.median(alle), percentiel(alle, 90))
    }
    assert antwoordtijden(kamervragen_publiek().filter(pk__lt=0), None) == {}
    # A constant group key is one group.
    assert len(antwoordtijden(kamervragen_publiek().annotate(_c=Value(1)), "_c")) == 1
