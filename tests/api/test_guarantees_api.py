"""The hard guarantees, held through the API.

1. No route closes an item without an answer: every action on an open signaal, noodrem, returned opdracht
   or casus, by the wrong actors or with bad bodies, leaves the item open and every table (the ledger
   included) exactly as it was.
2. Anonymity: who pulled a confidential or anonymous brake appears in no response and no e-mail.
3. Bad input is a 4xx problem+json naming the field, and changes nothing.
4. The citizen: file without an account, follow that one item with the receipt code; guessing is throttled.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone
from rest_framework.test import APIClient

from schakel.core.mailuitgang import mail_verzenden
from schakel.noodremmen.models import Noodrem
from tests.domain.snapshot import unchanged
from tests.factories import MOTIVERING, TOELICHTING, RegelFactory, casus, noodrem, opdracht, signaal

API = "/api/v1"
BEGINSEL = "AWB-EVENREDIGHEID"
HUGE = "woord " * 20_000  # 120k characters
GEREED = (dt.date.today() + dt.timedelta(days=30)).isoformat()
COMPLY = {
    "soort": "comply",
    "toelichting": TOELICHTING,
    "maatregel": "De regel wordt aangepast.",
    "gereed_op": GEREED,
}
EXPLAIN = {"soort": "explain", "toelichting": TOELICHTING, "per_beginsel": {BEGINSEL: TOELICHTING}}


@pytest.fixture(autouse=True)
def _no_deduce(settings):  # type: ignore[no-untyped-def]
    """These tests are about access and state, not about recognising names: the fixed-form pass suffices
    and keeps them fast and independent of the deduce tables."""
    settings.SCHAKEL_DEDUCE = False


def assert_problem(response: Any, status: int | tuple[int, ...], name: str | None = None) -> dict[str, Any]:
    statuses = status if isinstance(status, tuple) else (status,)
    assert response.status_code in statuses, (response.status_code, response.content[:500])
    assert response["Content-Type"] == "application/problem+json", response["Content-Type"]
    body = response.json()
    assert body["status"] == response.status_code and body["title"] and body["detail"], body
    assert "Traceback" not in response.content.decode()
    if name is not None:
        names = [p["name"] for p in body.get("invalid_params", [])]
        assert any(n == name or n.startswith(f"{name}.") for n in names), (name, body)
    return body


def client(client_for: Any, anon: APIClient, who: str) -> APIClient:
    return anon if who == "anon" else client_for(who)


# == 1. No route closes an item without an answer ======================================================
WRONG_ACTORS_SIGNAAL = [
    ("uo.professional", 403),
    ("uo.vertrouwenspersoon", 403),
    ("uo.beheerder", 403),
    ("uo.maatwerkcoordinator", 403),
    ("gem.teamleider", 404),
    ("min.beleidsdirectie", 404),
    ("anon", (401, 403)),
]
BAD_ANSWERS = [
    ({}, "soort"),
    ({"soort": "intrekken", "toelichting": TOELICHTING}, "soort"),
    ({"soort": "comply"}, "toelichting"),
    ({**COMPLY, "toelichting": "ok"}, "toelichting"),
    ({**COMPLY, "toelichting": HUGE}, "toelichting"),
    ({**COMPLY, "toelichting": ["lijst"]}, "toelichting"),
    ({**COMPLY, "maatregel": ""}, "maatregel"),
    ({**COMPLY, "gereed_op": "morgen"}, "gereed_op"),
    ({"soort": "explain", "toelichting": TOELICHTING}, "per_beginsel"),
    ({**EXPLAIN, "per_beginsel": {BEGINSEL: "nee"}}, "per_beginsel"),
    ({**EXPLAIN, "per_beginsel": {BEGINSEL: TOELICHTING, "AWB-ZORGVULDIGHEID": TOELICHTING}}, "per_beginsel"),
    ({**EXPLAIN, "per_beginsel": [TOELICHTING]}, "per_beginsel"),
    ("geen object", "non_field_errors"),
]


def attempts_on_open_signaal(item: Any) -> Iterator[tuple[str, str, str, Any, Any, str | None]]:
    """(who, method, path, body, expected status, field named) for every way to try closing it."""
    base = f"/signalen/{item.uuid}/"
    for who, status in WRONG_ACTORS_SIGNAAL:
        for body in (COMPLY, EXPLAIN):
            yield who, "post", base + "beantwoorden/", body, status, None
        yield who, "post", base + "afronden/", {"toelichting": TOELICHTING}, status, None
    for body, name in BAD_ANSWERS:
        yield "uo.teamleider", "post", base + "beantwoorden/", body, 400, name
    yield "uo.teamleider", "post", base + "beantwoorden/", {**COMPLY, "gereed_op": None}, 400, "gereed_op"
    yield "uo.teamleider", "post", base + "afronden/", {"toelichting": TOELICHTING}, 409, None
    yield "uo.teamleider", "post", base + "afronden/", {"toelichting": "klaar"}, 400, "toelichting"
    for who in ("uo.teamleider", "uo.professional"):
        yield who, "post", base + "escaleren/", None, 409, "uiterlijk"
    for method in ("put", "patch", "delete", "post"):
        yield "uo.teamleider", method, base, {"status": "opgelost"}, 405, None
    yield "uo.teamleider", "post", f"/noodremmen/{item.uuid}/beantwoorden/", COMPLY, 404, None


def attempts_on_open_noodrem(item: Any) -> Iterator[tuple[str, str, str, Any, Any, str | None]]:
    base = f"/noodremmen/{item.uuid}/"
    for who, status in WRONG_ACTORS_SIGNAAL:
        for body in (COMPLY, EXPLAIN):
            yield who, "post", base + "beantwoorden/", body, status, None
    for who, status in [("gem.teamleider", 404), ("min.beleidsdirectie", 404), ("anon", (401, 403))]:
        yield who, "post", base + "berichten/", {"tekst": "Wij hebben de noodrem gezien."}, status, None
    for body, name in BAD_ANSWERS:
        if name != "gereed_op":  # a brake may be complied with without a date
            yield "uo.teamleider", "post", base + "beantwoorden/", body, 400, name
    yield (
        "uo.teamleider",
        "post",
        base + "beantwoorden/",
        {**COMPLY, "teruggave_keuze": "intrekken"},
        400,
        ("teruggave_keuze"),
    )
    yield (
        "uo.teamleider",
        "post",
        base + "beantwoorden/",
        {**COMPLY, "teruggave_keuze": "weg"},
        400,
        ("teruggave_keuze"),
    )
    yield "uo.teamleider", "post", base + "beantwoorden/", {**EXPLAIN, "kamerbrief": "Kst 1"}, 400, None
    yield "uo.teamleider", "post", base + "berichten/", {"tekst": HUGE}, 400, "tekst"
    yield "uo.teamleider", "post", base + "berichten/", {"tekst": "   "}, 400, "tekst"
    yield "uo.teamleider", "post", base + "escaleren/", None, 409, "uiterlijk"
    for method in ("put", "patch", "delete", "post"):
        yield "uo.teamleider", method, base, {"status": "opgevolgd"}, 405, None
    yield "uo.teamleider", "post", f"/signalen/{item.uuid}/beantwoorden/", COMPLY, 404, None


def attempts_on_returned_opdracht(item: Any) -> Iterator[tuple[str, str, str, Any, Any, str | None]]:
    """The organisation brake that returned an opdracht goes to the ministry; only its answer settles it."""
    brake = item.noodremmen.get()
    base = f"/noodremmen/{brake.uuid}/beantwoorden/"
    intrekken = {**COMPLY, "teruggave_keuze": "intrekken"}
    herbevestigen = {**EXPLAIN, "teruggave_keuze": "herbevestigen", "kamerbrief": "Kamerstuk 123"}
    for who, status in [
        ("uo.bestuur", 403),
        ("uo.teamleider", 403),
        ("gem.bestuur", 404),
        ("tk.griffie", 404),
    ]:
        yield who, "post", base, intrekken, status, None
    yield "min.beleidsdirectie", "post", base, herbevestigen, 403, "door"
    yield "min.bewindspersoon", "post", base, {**herbevestigen, "kamerbrief": ""}, 400, "kamerbrief"
    yield "min.bewindspersoon", "post", base, {**herbevestigen, "soort": "comply"}, 400, "soort"
    yield "min.beleidsdirectie", "post", base, {**intrekken, "soort": "explain"}, 400, "soort"
    yield "min.beleidsdirectie", "post", base, COMPLY, 400, "teruggave_keuze"
    # the opdracht itself cannot be moved on past the unanswered brake
    opdracht_url = f"/opdrachten/{item.uuid}/"
    yield "min.beleidsdirectie", "post", opdracht_url + "toets-aanvragen/", None, 409, None
    besluit = {"keuze": "vaststellen", "motivering": MOTIVERING}
    yield "min.beleidsdirectie", "post", opdracht_url + "besluit/", besluit, 409, None
    yield (
        "uo.bestuur",
        "post",
        opdracht_url + "teruggeven/",
        {"beginselen": [BEGINSEL], "motivering": MOTIVERING},
        409,
        None,
    )
    for method in ("put", "patch", "delete"):
        yield "min.bewindspersoon", method, opdracht_url, {"status": "vastgesteld"}, 405, None


def attempts_on_open_casus(item: Any) -> Iterator[tuple[str, str, str, Any, Any, str | None]]:
    base = f"/casussen/{item.uuid}/"
    for who, status in [("uo.vertrouwenspersoon", 403), ("uo.bestuur", 403), ("gem.professional", 404)]:
        yield who, "post", base + "afsluiten/", {"motivering": MOTIVERING}, status, None
    for body, name in [
        ({}, "motivering"),
        ({"motivering": "klaar"}, "motivering"),
        ({"motivering": HUGE}, "motivering"),
    ]:
        yield "uo.professional", "post", base + "afsluiten/", body, 400, name
    besluit = {"regel": str(item.regels.get().uuid), "beginselen": [BEGINSEL], "besluit": "Afwijken."}
    yield "uo.professional", "post", base + "maatwerkbesluiten/", besluit, 400, "motivering"
    yield (
        "uo.professional",
        "post",
        base + "maatwerkbesluiten/",
        {**besluit, "motivering": MOTIVERING, "beginselen": []},
        400,
        "beginselen",
    )
    for method in ("put", "patch", "delete"):
        yield "uo.professional", method, base, {"status": "afgerond"}, 405, None


OPEN_ITEMS = {
    "signaal": (lambda w, r: signaal(w, regel=r), attempts_on_open_signaal, "/signalen/{}/", "open"),
    "noodrem": (lambda w, r: noodrem(w, regel=r), attempts_on_open_noodrem, "/noodremmen/{}/", "getrokken"),
    "teruggegeven-opdracht": (
        lambda w, r: _returned(w),
        attempts_on_returned_opdracht,
        "/opdrachten/{}/",
        "teruggegeven",
    ),
    "casus": (lambda w, r: casus(w, regels=[r]), attempts_on_open_casus, "/casussen/{}/", "open"),
}


def _returned(world: Any) -> Any:
    o = opdracht(world, state="vastgesteld")
    noodrem(world, niveau="organisatie", opdracht=o)
    o.refresh_from_db()
    return o


@pytest.mark.parametrize("kind", OPEN_ITEMS)
def test_no_route_closes_an_open_item_without_an_answer(kind, world, client_for, anon):  # type: ignore[no-untyped-def]
    make, attempts, detail, open_status = OPEN_ITEMS[kind]
    item = make(world, RegelFactory(uitvoerder=world.uitvoerder))
    clients: dict[str, APIClient] = {}
    tried = 0
    with unchanged():
        for who, method, path, body, status, name in attempts(item):
            c = clients.setdefault(who, client(client_for, anon, who))
            response = getattr(c, method)(API + path, body, format="json")
            assert_problem(response, status, name)
            tried += 1
    assert tried >= 10
    item.refresh_from_db()
    assert item.status == open_status
    assert getattr(item, "beantwoord_op", None) is None
    owner = {"signaal": "uo.teamleider", "noodrem": "uo.teamleider"}.get(kind, "uo.bestuur")
    if kind == "casus":
        owner = "uo.professional"
    assert client_for(owner).get(API + detail.format(item.uuid)).json()["status"] == open_status


def test_the_right_answer_then_closes_and_a_second_answer_is_refused(world, client_for):  # type: ignore[no-untyped-def]
    """The control experiment: the same routes do close the item when the recipient answers properly."""
    n = noodrem(world, regel=RegelFactory(uitvoerder=world.uitvoerder))
    tl = client_for("uo.teamleider")
    url = f"{API}/noodremmen/{n.uuid}/beantwoorden/"
    assert tl.post(url, EXPLAIN, format="json").status_code == 201
    assert tl.get(f"{API}/noodremmen/{n.uuid}/").json()["status"] == "uitgelegd"
    with unchanged():
        assert_problem(tl.post(url, COMPLY, format="json"), 409, "status")
        assert_problem(client_for("uo.bestuur").post(url, COMPLY, format="json"), 409)


# == 2. Anonymity ======================================================================================
PULLER = "uo.professional"


def _scalars(value: Any, key: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _scalars(v, str(k))
    elif isinstance(value, list):
        for v in value:
            yield from _scalars(v, key)
    else:
        yield key, value


def assert_no_trace(text: str, data: Any, secrets: list[str], user_id: int, where: str) -> None:
    for secret in secrets:
        assert secret.lower() not in text.lower(), (where, secret)
    for key, value in _scalars(data):
        if key in (
            "id",
            "pk",
            "user",
            "user_id",
            "gebruiker",
            "gebruiker_id",
            "lid",
            "lid_id",
            "melder",
            "door",
        ):
            assert value not in (user_id, str(user_id)), (where, key, value)
        assert key not in ("getrokken_door_id", "melder", "gebruiker_id", "user_id"), (where, key)


@pytest.mark.parametrize("anonimiteit", ["vertrouwelijk", "anoniem"])
def test_the_puller_of_a_confidential_or_anonymous_brake_appears_nowhere(  # type: ignore[no-untyped-def]
    anonimiteit, world, client_for, django_capture_on_commit_callbacks
):
    puller = world.lid(PULLER)
    get_user_model().objects.filter(pk=puller.gebruiker_id).update(
        first_name="Fenna", last_name="Klokkenluider", email="fenna.klokkenluider@uo.invalid"
    )
    puller.gebruiker.refresh_from_db()
    secrets = [
        puller.gebruiker.username,
        "Fenna",
        "Klokkenluider",
        puller.gebruiker.email,
        str(puller.uuid),
        puller.ledger_ref,
    ]
    regel = RegelFactory(uitvoerder=world.uitvoerder)  # a work instruction: the brake goes to uo.teamleider
    body = {
        "niveau": "professional",
        "regel": str(regel.uuid),
        "beginselen": [BEGINSEL],
        "motivering": MOTIVERING,
        "anonimiteit": anonimiteit,
    }
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pulled = client_for(PULLER).post(f"{API}/noodremmen/", body, format="json")
    assert pulled.status_code == 201, pulled.content
    uuid_ = pulled.json()["noodrem"]["uuid"]
    assert pulled.json()["noodrem"]["getrokken_door"] is None
    assert pulled.json()["ontvangstcode"]
    mail_verzenden(now=timezone.now())
    assert len(mail.outbox) == 1  # the recipient was told

    recipient = client_for("uo.teamleider")
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            recipient.post(
                f"{API}/noodremmen/{uuid_}/berichten/", {"tekst": "Gezien."}, format="json"
            ).status_code
            == 201
        )
    urls = [
        "/noodremmen/",
        "/noodremmen/?status=getrokken",
        f"/noodremmen/{uuid_}/",
        f"/noodremmen/{uuid_}/gebeurtenissen/",
        f"/noodremmen/{uuid_}/berichten/",
        "/werkvoorraad/",
        "/meldingen/",
        f"/regels/{regel.uuid}/",
    ]
    readers = ["uo.teamleider", "uo.bestuur", "uo.vertrouwenspersoon", "uo.beheerder"]
    checked = 0
    for phase in ("open", "beantwoord"):
        for who in readers:
            c = client_for(who)
            for url in urls:
                response = c.get(API + url)
                assert response.status_code == 200, (who, url, response.status_code)
                assert_no_trace(
                    response.content.decode(),
                    response.json(),
                    secrets,
                    puller.gebruiker_id,
                    f"{phase} {who} {url}",
                )
                checked += 1
        if phase == "open":
            assert uuid_ in recipient.get(f"{API}/werkvoorraad/").content.decode()
            with django_capture_on_commit_callbacks(execute=True):
                answered = recipient.post(f"{API}/noodremmen/{uuid_}/beantwoorden/", EXPLAIN, format="json")
            assert answered.status_code == 201, answered.content
    assert checked == 2 * len(readers) * len(urls)
    events = recipient.get(f"{API}/noodremmen/{uuid_}/gebeurtenissen/").json()
    assert events[0]["kind"] == "noodrem.getrokken" and events[0]["actor"] == anonimiteit
    mail_verzenden(now=timezone.now())
    for message in mail.outbox:
        text = "\n".join(
            [message.subject, message.body, message.from_email, *message.to, *message.cc, *message.bcc]
        )
        for alternative, _ in getattr(message, "alternatives", []):
            text += str(alternative)
        assert_no_trace(text, {}, secrets, puller.gebruiker_id, "mail")
        assert puller.gebruiker.email not in message.to


def test_a_named_brake_does_show_its_puller(world, client_for):  # type: ignore[no-untyped-def]
    """The control experiment: the serializer does know the puller, and shows only who chose to be named."""
    n = noodrem(world, regel=RegelFactory(uitvoerder=world.uitvoerder))
    shown = client_for("uo.teamleider").get(f"{API}/noodremmen/{n.uuid}/").json()["getrokken_door"]
    assert shown == {"organisatie": "uo", "rol": "professional"}


# == 3. Bad input ======================================================================================
def _regel(world: Any) -> str:
    return str(RegelFactory(uitvoerder=world.uitvoerder).uuid)


NIL = "00000000-0000-0000-0000-000000000000"


def _with(key: str, **changes: Any) -> Any:
    """A body builder: the valid body `items[key]` with some fields changed."""
    return lambda w, i: {**i[key], **changes}


# (id, who, method, path, body builder(world, items) or None, status, field named); rows are grouped by
# the first word of their id, one test per group.
# fmt: off
BAD_INPUT = [
    ("casus-titel-lijst", "uo.professional", "post", "/casussen/", _with("casus_in", titel=["x"]), 400, "titel"),
    ("casus-titel-object", "uo.professional", "post", "/casussen/", _with("casus_in", titel={"a": 1}), 400, "titel"),
    ("casus-titel-te-lang", "uo.professional", "post", "/casussen/", _with("casus_in", titel="x" * 201), 400, "titel"),
    ("casus-omschrijving-100k", "uo.professional", "post", "/casussen/", _with("casus_in", omschrijving=HUGE), 400, "omschrijving"),
    ("casus-nul-teken", "uo.professional", "post", "/casussen/", _with("casus_in", omschrijving="a\x00b"), 400, "omschrijving"),
    ("casus-leeg", "uo.professional", "post", "/casussen/", _with("casus_in", omschrijving="   "), 400, "omschrijving"),
    ("casus-regels-string", "uo.professional", "post", "/casussen/", _with("casus_in", regels="abc"), 400, "regels"),
    ("casus-regels-geen-uuid", "uo.professional", "post", "/casussen/", _with("casus_in", regels=["abc"]), 400, "regels"),
    ("casus-regels-leeg", "uo.professional", "post", "/casussen/", _with("casus_in", regels=[]), 400, "regels"),
    ("casus-beginsel-onbekend", "uo.professional", "post", "/casussen/", _with("casus_in", beginselen=["AWB-BESTAAT-NIET"]), 400, "beginselen"),
    ("casus-beginselen-geen-lijst", "uo.professional", "post", "/casussen/", _with("casus_in", beginselen="AWB"), 400, "beginselen"),
    ("casus-body-lijst", "uo.professional", "post", "/casussen/", lambda w, i: [i["casus_in"]], 400, "non_field_errors"),
    ("casus-corrigeren-titel-leeg", "uo.professional", "post", "/casussen/{casus}/corrigeren/", lambda w, i: {"titel": "", "omschrijving": "x"}, 400, "titel"),
    ("casus-beraad-deelnemer-geen-uuid", "uo.maatwerkcoordinator", "post", "/casussen/{casus}/beraad/", lambda w, i: {"vraag": "Wat nu?", "deelnemers": ["x"]}, 400, "deelnemers"),
    ("casus-beraad-deelnemer-onbekend", "uo.maatwerkcoordinator", "post", "/casussen/{casus}/beraad/", lambda w, i: {"vraag": "Wat nu?", "deelnemers": [NIL]}, 400, "deelnemers"),
    ("casus-besluit-beginsel-onbekend", "uo.professional", "post", "/casussen/{casus}/maatwerkbesluiten/", _with("besluit_in", beginselen=["XYZ"]), 400, "beginselen"),
    ("casus-besluit-regel-geen-uuid", "uo.professional", "post", "/casussen/{casus}/maatwerkbesluiten/", _with("besluit_in", regel="1"), 400, "regel"),
    ("casus-besluit-regel-van-andere-casus", "uo.professional", "post", "/casussen/{casus}/maatwerkbesluiten/", lambda w, i: {**i["besluit_in"], "regel": _regel(w)}, 400, "regel"),
    ("casus-besluit-vervangt-onbekend", "uo.professional", "post", "/casussen/{casus}/maatwerkbesluiten/", _with("besluit_in", vervangt=NIL), 404, "vervangt"),
    ("signaal-knelpunt-html-te-kort", "uo.professional", "post", "/signalen/", _with("signaal_in", knelpunt="<script>x</script>"), 400, "knelpunt"),
    ("signaal-knelpunt-100k", "uo.professional", "post", "/signalen/", _with("signaal_in", knelpunt=HUGE), 400, "knelpunt"),
    ("signaal-titel-lijst", "uo.professional", "post", "/signalen/", _with("signaal_in", titel=["x"]), 400, "titel"),
    ("signaal-beginsel-onbekend", "uo.professional", "post", "/signalen/", _with("signaal_in", beginselen=["NEE"]), 400, "beginselen"),
    ("signaal-casus-geen-uuid", "uo.professional", "post", "/signalen/", _with("signaal_in", casussen=["x42"]), 400, "casussen"),
    ("signaal-casus-onzichtbaar", "gem.professional", "post", "/signalen/", lambda w, i: {**i["signaal_in"], "casussen": [str(i["casus"].uuid)]}, 404, "casussen"),
    ("signaal-regel-onbekend", "uo.professional", "post", "/signalen/", _with("signaal_in", regel=NIL), 404, "regel"),
    ("noodrem-niveau-burger", "uo.professional", "post", "/noodremmen/", _with("pull_in", niveau="burger"), 400, "niveau"),
    ("noodrem-anonimiteit-onbekend", "uo.professional", "post", "/noodremmen/", _with("pull_in", anonimiteit="geheim"), 400, "anonimiteit"),
    ("noodrem-twee-onderwerpen", "uo.professional", "post", "/noodremmen/", lambda w, i: {**i["pull_in"], "casus": str(i["casus"].uuid)}, 400, "onderwerp"),
    ("noodrem-geen-onderwerp", "uo.professional", "post", "/noodremmen/", lambda w, i: {k: v for k, v in i["pull_in"].items() if k != "regel"}, 400, "onderwerp"),
    ("noodrem-geen-beginsel", "uo.professional", "post", "/noodremmen/", _with("pull_in", beginselen=[]), 400, "beginselen"),
    ("noodrem-beginsel-onbekend", "uo.professional", "post", "/noodremmen/", _with("pull_in", beginselen=["AWB-VERZONNEN"]), 400, "beginselen"),
    ("noodrem-motivering-te-kort", "uo.professional", "post", "/noodremmen/", _with("pull_in", motivering="<b>Fout</b>"), 400, "motivering"),
    ("noodrem-motivering-100k", "uo.professional", "post", "/noodremmen/", _with("pull_in", motivering=HUGE), 400, "motivering"),
    ("noodrem-regel-geen-uuid", "uo.professional", "post", "/noodremmen/", _with("pull_in", regel="regel-1"), 400, "regel"),
    ("opdracht-titel-leeg", "min.beleidsdirectie", "post", "/opdrachten/", _with("opdracht_in", titel=""), 400, "titel"),
    ("opdracht-omschrijving-100k", "min.beleidsdirectie", "post", "/opdrachten/", _with("opdracht_in", omschrijving=HUGE), 400, "omschrijving"),
    ("opdracht-uitvoerder-ministerie", "min.beleidsdirectie", "post", "/opdrachten/", _with("opdracht_in", uitvoerder="min"), 400, "uitvoerder"),
    ("regel-soort-onbekend", "uo.beheerder", "post", "/regels/", _with("regel_in", soort="decreet"), 400, "soort"),
    ("regel-bwb-id", "uo.beheerder", "post", "/regels/", _with("regel_in", soort="wet", bwb_id="ABC"), 400, "bwb_id"),
    ("regel-eigenaar-rol", "uo.beheerder", "post", "/regels/", _with("regel_in", eigenaar_rol="koning"), 400, "eigenaar_rol"),
    ("burger-soort", "anon", "post", "/burger/", _with("burger_in", burger_soort="woede"), 400, "burger_soort"),
    ("burger-beginsel-onbekend", "anon", "post", "/burger/", _with("burger_in", beginselen=["FOUT"]), 400, "beginselen"),
    ("burger-motivering-100k", "anon", "post", "/burger/", _with("burger_in", motivering=HUGE), 400, "motivering"),
    ("burger-kenmerk-te-lang", "anon", "post", "/burger/", _with("burger_in", zaak_kenmerk="k" * 101), 400, "zaak_kenmerk"),
    ("burger-organisatie-onbekend", "anon", "post", "/burger/", _with("burger_in", organisatie="xx"), 404, "organisatie"),
    # query-string filters: a bad value is a 400 naming the parameter, never a silently empty list
    ("filter-status", "uo.professional", "get", "/casussen/?status=weg", None, 400, "status"),
    ("filter-signaal-status", "uo.professional", "get", "/signalen/?status=gesloten", None, 400, "status"),
    ("filter-noodrem-status", "uo.professional", "get", "/noodremmen/?status=ingetrokken", None, 400, "status"),
    ("filter-opdracht-status", "uo.professional", "get", "/opdrachten/?status=klaar", None, 400, "status"),
    ("filter-regel-uuid", "uo.professional", "get", "/maatwerkbesluiten/?regel=abc", None, 400, "regel"),
    ("filter-te-laat", "uo.professional", "get", "/signalen/?te_laat=misschien", None, 400, "te_laat"),
    ("filter-uiterlijk", "uo.professional", "get", "/noodremmen/?uiterlijk_voor=gisteren", None, 400, "uiterlijk_voor"),
    ("filter-niveau", "uo.professional", "get", "/noodremmen/?niveau=koning", None, 400, "niveau"),
    ("filter-werkvoorraad-soort", "uo.professional", "get", "/werkvoorraad/?soort=taak", None, 400, "soort"),
    ("filter-werkvoorraad-te-laat", "uo.professional", "get", "/werkvoorraad/?te_laat=ja", None, 400, "te_laat"),
    ("filter-regel-soort", "uo.professional", "get", "/regels/?soort=decreet", None, 400, "soort"),
    ("filter-kader", "anon", "get", "/beginselen/?kader=bijbel", None, 400, "kader"),
    # malformed addresses: an invalid uuid in the path is simply not found
    ("pad-geen-uuid", "uo.professional", "get", "/casussen/abc/", None, 404, None),
    ("pad-geen-uuid-actie", "uo.teamleider", "post", "/noodremmen/abc/beantwoorden/", lambda w, i: COMPLY, 404, None),
    ("pad-onbekende-uuid", "uo.teamleider", "post", f"/signalen/{NIL}/beantwoorden/", lambda w, i: COMPLY, 404, None),
]
# A reference to something unknown is refused, but the error names another field than the request did.
MISNAMED = [
    ("casus-regel-onbekend", "uo.professional", "post", "/casussen/", _with("casus_in", regels=[NIL]), 404, "regels"),
    ("opdracht-uitvoerder-onbekend", "min.beleidsdirectie", "post", "/opdrachten/", _with("opdracht_in", uitvoerder="xx"), 404, "uitvoerder"),
    ("regel-eigenaar-onbekend", "uo.beheerder", "post", "/regels/", _with("regel_in", soort="wet", eigenaar_organisatie="xx"), 404, "eigenaar_organisatie"),
]
# filters.py promises "a bad value is a 400 naming the parameter, never a silently empty list"; these are
# silently empty.
SILENT_FILTERS = [
    ("filter-beginsel-onbekend", "uo.professional", "get", "/noodremmen/?beginsel=NEE", None, 400, "beginsel"),
    ("filter-organisatie-onbekend", "uo.professional", "get", "/signalen/?organisatie=xx", None, 400, "organisatie"),
]
# fmt: on
GROUPS = sorted({row[0].split("-")[0] for row in BAD_INPUT})


@pytest.fixture
def items(world) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    c = casus(world, regels=[regel])
    return {
        "casus": c,
        "casus_in": {"titel": "T", "omschrijving": "Een omschrijving.", "regels": [str(regel.uuid)]},
        "besluit_in": {
            "regel": str(regel.uuid),
            "beginselen": [BEGINSEL],
            "besluit": "Afwijken.",
            "motivering": MOTIVERING,
        },
        "signaal_in": {
            "regel": str(regel.uuid),
            "titel": "Knelpunt",
            "knelpunt": MOTIVERING,
            "beginselen": [BEGINSEL],
        },
        "pull_in": {
            "niveau": "professional",
            "regel": str(regel.uuid),
            "beginselen": [BEGINSEL],
            "motivering": MOTIVERING,
        },
        "opdracht_in": {"uitvoerder": "uo", "titel": "t", "omschrijving": MOTIVERING},
        "regel_in": {"titel": "t", "soort": "werkinstructie", "uitvoerder": "uo"},
        "burger_in": {
            "organisatie": "gem",
            "burger_soort": "klacht",
            "beginselen": [BEGINSEL],
            "motivering": MOTIVERING,
        },
    }


def _request(
    row: tuple[Any, ...], world: Any, items: dict[str, Any], client_for: Any, anon: APIClient
) -> Any:
    """Prepare the request (building whatever the body refers to) and return a function that sends it."""
    _, who, method, path, body, _, _ = row
    c = client(client_for, anon, who)
    url = API + path.format(casus=items["casus"].uuid)
    data = body(world, items) if body else None
    return lambda: getattr(c, method)(url, data, format="json")


@pytest.mark.parametrize("group", GROUPS)
def test_bad_input_is_a_problem_naming_the_field_and_changes_nothing(group, world, items, client_for, anon):  # type: ignore[no-untyped-def]
    rows = [row for row in BAD_INPUT if row[0].split("-")[0] == group]
    for row in rows:
        send = _request(row, world, items, client_for, anon)
        with unchanged():
            try:
                assert_problem(send(), row[5], row[6])
            except AssertionError as exc:
                raise AssertionError(f"{row[0]}: {exc}") from exc


def test_bad_reference_is_refused_and_changes_nothing(world, items, client_for, anon):  # type: ignore[no-untyped-def]
    for row in MISNAMED:
        send = _request(row, world, items, client_for, anon)
        with unchanged():
            assert_problem(send(), (400, 404))


@pytest.mark.parametrize("row", MISNAMED + SILENT_FILTERS, ids=[r[0] for r in MISNAMED + SILENT_FILTERS])
def test_bad_reference_names_the_request_field(row, world, items, client_for, anon):  # type: ignore[no-untyped-def]
    assert_problem(_request(row, world, items, client_for, anon)(), row[5], row[6])


def test_malformed_json_is_a_problem_and_changes_nothing(world, client_for):  # type: ignore[no-untyped-def]
    c = client_for("uo.professional")
    with unchanged():
        response = c.generic("POST", f"{API}/casussen/", "{niet: json", content_type="application/json")
        assert_problem(response, 400)
        response = c.generic("POST", f"{API}/casussen/", "titel=x", content_type="text/plain")
        assert_problem(response, 415)


def test_malformed_json_is_explained_in_dutch(world, client_for):  # type: ignore[no-untyped-def]
    response = client_for("uo.professional").generic(
        "POST", f"{API}/casussen/", "{x", content_type="application/json"
    )
    assert "JSON parse error" not in response.json()["detail"]


def test_html_in_texts_is_kept_as_inert_text_never_served_as_html(world, items, client_for):  # type: ignore[no-untyped-def]
    """HTML is not refused: texts are data. The API only ever answers JSON, and gives the text back verbatim
    (the web pages escape it), so markup can do nothing here."""
    html = '<script>alert("x")</script><img src=x onerror=alert(1)> Een burger komt in de schulden.'
    response = client_for("uo.professional").post(
        f"{API}/casussen/", {**items["casus_in"], "titel": "<b>vet</b>", "omschrijving": html}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response["Content-Type"] == "application/json"
    assert response.json()["omschrijving"] == html and response.json()["titel"] == "<b>vet</b>"
    detail = client_for("uo.professional").get(
        f"{API}/casussen/{response.json()['uuid']}/", HTTP_ACCEPT="text/html"
    )
    assert detail.status_code == 406 and detail["Content-Type"] == "application/problem+json"


# == 4. The citizen ====================================================================================
def file(anon: APIClient, kenmerk: str) -> dict[str, Any]:
    body = {
        "organisatie": "gem",
        "zaak_kenmerk": kenmerk,
        "burger_soort": "klacht",
        "beginselen": [BEGINSEL, "AWB-ZORGVULDIGHEID"],
        "motivering": MOTIVERING,
    }
    response = anon.post(f"{API}/burger/", body, format="json")
    assert response.status_code == 201, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def zaak(code: str, addr: str = "192.0.2.1") -> Any:
    return APIClient(REMOTE_ADDR=addr).get(f"{API}/burger/zaak/", HTTP_SCHAKEL_ONTVANGSTCODE=code)


def test_citizen_files_and_the_receipt_code_opens_exactly_that_item(world, anon, client_for):  # type: ignore[no-untyped-def]
    first, second = file(anon, "Z-0001"), file(anon, "Z-0002")
    assert first["ontvangstcode"] != second["ontvangstcode"]
    assert len(first["ontvangstcode"].replace("-", "")) == 25
    assert first["noodrem"]["organisatie"] == "Gemeente" and first["noodrem"]["status"] == "getrokken"
    for filed, kenmerk in [(first, "Z-0001"), (second, "Z-0002")]:
        response = zaak(filed["ontvangstcode"])
        assert response.status_code == 200, response.content
        assert response.json()["zaak_kenmerk"] == kenmerk
        assert sorted(response.json()["beginselen"]) == ["AWB-EVENREDIGHEID", "AWB-ZORGVULDIGHEID"]
        # the code is forgiving about case and separators, but only the exact symbols open it
        assert zaak(filed["ontvangstcode"].lower().replace("-", " ")).json()["zaak_kenmerk"] == kenmerk
    # the citizen's response names no internal ids or members
    assert "uuid" not in zaak(first["ontvangstcode"]).json()
    # the organisation receives it, anonymously; the citizen sees the answer and can write back
    brake = Noodrem.objects.get(zaak_kenmerk="Z-0001")
    tl = client_for("gem.teamleider")
    assert str(brake.uuid) in tl.get(f"{API}/werkvoorraad/").content.decode()
    seen = tl.get(f"{API}/noodremmen/{brake.uuid}/").json()
    assert seen["anonimiteit"] == "anoniem" and seen["getrokken_door"] is None
    answer = {**EXPLAIN, "per_beginsel": {BEGINSEL: TOELICHTING, "AWB-ZORGVULDIGHEID": TOELICHTING}}
    assert tl.post(f"{API}/noodremmen/{brake.uuid}/beantwoorden/", answer, format="json").status_code == 201
    followed = zaak(first["ontvangstcode"]).json()
    assert followed["status"] == "uitgelegd" and followed["antwoorden"][0]["soort"] == "explain"
    assert zaak(second["ontvangstcode"]).json()["status"] == "getrokken"
    wrote = APIClient().post(
        f"{API}/burger/zaak/berichten/",
        {"tekst": "Ik ben het er niet mee eens."},
        format="json",
        HTTP_SCHAKEL_ONTVANGSTCODE=first["ontvangstcode"],
    )
    assert wrote.status_code == 201 and wrote.json()["van_burger"] is True
    berichten = tl.get(f"{API}/noodremmen/{brake.uuid}/berichten/").json()
    assert [b["van_burger"] for b in berichten] == [True]
    # the other organisation does not see it
    assert_problem(client_for("uo.teamleider").get(f"{API}/noodremmen/{brake.uuid}/"), 404)


WRONG_CODES = ["", "ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2", "kort", "0" * 25, "A" * 10_000, "'; DROP TABLE x; --"]


def test_a_wrong_code_opens_nothing_and_says_nothing(world, anon):  # type: ignore[no-untyped-def]
    file(anon, "Z-1")
    for code in WRONG_CODES:
        with unchanged():
            body = assert_problem(zaak(code), 404, "ontvangstcode")
            wrote = APIClient().post(
                f"{API}/burger/zaak/berichten/",
                {"tekst": "Hallo"},
                format="json",
                HTTP_SCHAKEL_ONTVANGSTCODE=code,
            )
            assert_problem(wrote, 404, "ontvangstcode")
        assert body["detail"] == "Geen noodrem gevonden bij deze ontvangstcode.", code[:30]
        assert "Z-1" not in str(body)


def test_a_members_named_brake_has_no_code_and_cannot_be_opened_as_a_citizen(world, client_for):  # type: ignore[no-untyped-def]
    n = noodrem(world, regel=RegelFactory(uitvoerder=world.uitvoerder))
    assert n.ontvangstcode is None and not Noodrem.objects.get(pk=n.pk).ontvangstcode_hash
    assert_problem(zaak(""), 404)


def test_twenty_failed_guesses_are_throttled_and_only_failures_count(world, anon, settings):  # type: ignore[no-untyped-def]
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["ontvangstcode"] == "20/hour"
    code = file(anon, "Z-1")["ontvangstcode"]
    for _ in range(25):  # a citizen following their own item is never locked out
        assert zaak(code).status_code == 200
    for i in range(20):
        assert_problem(zaak(f"ABCDE-FGHJK-LMNPQ-RSTUV-WXY{i % 10}"), 404)
    throttled = assert_problem(zaak("ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2"), 429)
    assert int(throttled_header(zaak(code))) > 0  # now even the right code waits: guessing is not rewarded
    assert throttled["title"] == "Te veel verzoeken"
    # another address is not affected
    assert zaak(code, addr="192.0.2.99").status_code == 200
    assert_problem(zaak("ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ3", addr="192.0.2.99"), 404)


def throttled_header(response: Any) -> str:
    assert_problem(response, 429)
    return response["Retry-After"]


def test_the_guessing_limit_cannot_be_dodged_with_a_forged_forwarded_for_header(world):  # type: ignore[no-untyped-def]
    for i in range(21):
        response = APIClient(REMOTE_ADDR="192.0.2.7", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}").get(
            f"{API}/burger/zaak/", HTTP_SCHAKEL_ONTVANGSTCODE=str(uuid.uuid4())
        )
    assert response.status_code == 429


def test_a_brake_on_an_invisible_casus_is_not_found(world, client_for):  # type: ignore[no-untyped-def]
    c = casus(world)
    body = {
        "niveau": "professional",
        "casus": str(c.uuid),
        "beginselen": [BEGINSEL],
        "motivering": MOTIVERING,
    }
    with unchanged():
        response = client_for("gem.professional").post(f"{API}/noodremmen/", body, format="json")
    assert response.status_code == 404
