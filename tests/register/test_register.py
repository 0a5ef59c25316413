"""The public register and the Staat van de Uitvoering: every figure recounted from the ledger."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import statistics
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from schakel.beheer.tick import tick
from schakel.core.models import LedgerEvent
from schakel.core.terms import AMSTERDAM
from schakel.kamervragen.models import Kamervraag
from schakel.kamervragen.services import kamervraag_beantwoorden, kamervraag_stellen
from schakel.noodremmen.models import Anonimiteit, Niveau, Noodrem, TeruggaveKeuze
from schakel.noodremmen.services import noodrem_answer
from schakel.organisaties.models import Lid, Organisatie
from schakel.regels.models import Regel
from schakel.register.staat import CIJFERS, percentiel, staat
from tests.factories import TOELICHTING, RegelFactory, noodrem, opdracht, signaal

pytestmark = pytest.mark.django_db

JAAR = 2026
GEHEIM = "Mevrouw Jansen woont op de Dorpsstraat 12 en haar BSN staat in het dossier."
VRAAG = "Hoeveel burgers moesten dit jaar een voorschot terugbetalen omdat het besluit te laat kwam?"
ANTWOORD = "Het ging om 1.240 burgers; wij hebben de terugvordering stopgezet en schrijven hen aan."


def at(month: int, day: int, year: int = JAAR) -> dt.datetime:
    return dt.datetime(year, month, day, 10, 0, tzinfo=AMSTERDAM)


@pytest.fixture
def data(world):  # type: ignore[no-untyped-def]
    """A generated set: signals in all states, brakes of every level (named, confidential, anonymous),
    late answers, escalations up to the top, returned opdrachten with each outcome, last year too."""
    wet = RegelFactory(uitvoerder=world.uitvoerder, wet=True, titel="Participatiewet art. 58")
    wi = RegelFactory(uitvoerder=world.uitvoerder, titel="Werkinstructie terugvordering")
    items: dict[str, Any] = {"wet": wet}
    plan = [
        ("open", wet, at(2, 1)),
        ("opgelost", wet, at(2, 3)),
        ("afgewezen", wet, at(3, 1)),
        ("beantwoord_comply", wi, at(4, 1)),
        ("beantwoord_explain", wi, at(5, 1)),
        ("opgelost", wi, at(6, 1, JAAR - 1)),
        ("open", wi, at(7, 1, JAAR - 1)),
    ]
    for state, regel, when in plan:
        with time_machine.travel(when, tick=False):
            signaal(world, state=state, regel=regel, now=when)
    brakes = [
        ("getrokken", Niveau.PROFESSIONAL, Anonimiteit.VERTROUWELIJK, at(1, 10)),
        ("opgevolgd", Niveau.PROFESSIONAL, Anonimiteit.ANONIEM, at(2, 10)),
        ("uitgelegd", Niveau.PROFESSIONAL, Anonimiteit.GENOEMD, at(3, 10)),
        ("opgevolgd", Niveau.BURGER, Anonimiteit.ANONIEM, at(4, 10)),
        ("getrokken", Niveau.BURGER, Anonimiteit.ANONIEM, at(5, 10)),
        ("opgevolgd", Niveau.PROFESSIONAL, Anonimiteit.VERTROUWELIJK, at(3, 10, JAAR - 1)),
    ]
    pulled = []
    for state, niveau, anon, when in brakes:
        with time_machine.travel(when, tick=False):
            kwargs: dict[str, Any] = {"anonimiteit": anon} if niveau != Niveau.BURGER else {}
            if niveau == Niveau.PROFESSIONAL:
                kwargs["regel"] = wet
            pulled.append(noodrem(world, state=state, niveau=niveau, now=when, **kwargs))
    items["vertrouwelijk"] = pulled[0]
    # A late answer (escalated once) and an ignored one (top of the ladder, no answer).
    for when in (at(6, 1), at(6, 2)):
        with time_machine.travel(when, tick=False):
            pulled.append(noodrem(world, niveau=Niveau.PROFESSIONAL, now=when, regel=wi))
    late, ignored = pulled[-2], pulled[-1]
    # Kamervragen: answered in time, answered after escalation, never answered (silence to the top).
    vragen = {}
    for naam, regel, when in (
        ("op_tijd", None, at(2, 5)),
        ("te_laat", wet, at(3, 5)),
        ("stil", wi, at(4, 5)),
        ("vorig_jaar", wet, at(3, 1, JAAR - 1)),
    ):
        with time_machine.travel(when, tick=False):
            vragen[naam] = kamervraag_stellen(
                door=world.lid("tk.griffie"), organisatie=world.uitvoerder, vraag=VRAAG, regel=regel, now=when
            )
    for naam in ("op_tijd", "vorig_jaar"):
        kv = vragen[naam]
        answered = kv.ingediend_op + dt.timedelta(days=3, hours=5)
        with time_machine.travel(answered, tick=False):
            kamervraag_beantwoorden(kamervraag=kv, door=world.lid("uo.bestuur"), tekst=ANTWOORD, now=answered)
    items["kamervragen"] = vragen
    for step in range(1, 8):
        when = at(6, 1) + dt.timedelta(days=30 * step)
        with time_machine.travel(when, tick=False):
            tick(now=when)
        if step == 1:
            late.refresh_from_db()
            with time_machine.travel(when + dt.timedelta(hours=1), tick=False):
                recipient = Lid.objects.get(organisatie=late.ontvanger_organisatie, rol=late.ontvanger_rol)
                noodrem_answer(
                    noodrem=late,
                    door=recipient,
                    soort="explain",
                    toelichting=TOELICHTING,
                    per_beginsel={"AWB-EVENREDIGHEID": TOELICHTING},
                    now=when + dt.timedelta(hours=1),
                )
                kv = Kamervraag.objects.get(pk=vragen["te_laat"].pk)
                kamervraag_beantwoorden(
                    kamervraag=kv,
                    door=Lid.objects.get(organisatie=kv.ontvanger_organisatie, rol=kv.ontvanger_rol),
                    tekst=ANTWOORD,
                    now=when + dt.timedelta(hours=1),
                )
    ignored.refresh_from_db()
    items["ignored"] = ignored
    # Returned opdrachten: withdrawn, re-justified, still open.
    for keuze, when in (("intrekken", at(8, 1)), ("herbevestigen", at(9, 1)), ("open", at(10, 1))):
        with time_machine.travel(when, tick=False):
            o = opdracht(world, state="vastgesteld")
            n = noodrem(world, niveau=Niveau.ORGANISATIE, opdracht=o, now=when)
            if keuze == "intrekken":
                noodrem_answer(
                    noodrem=n,
                    door=world.lid("min.beleidsdirectie"),
                    soort="comply",
                    toelichting=TOELICHTING,
                    maatregel="De opdracht wordt ingetrokken.",
                    teruggave_keuze=TeruggaveKeuze.INTREKKEN,
                    now=when,
                )
            elif keuze == "herbevestigen":
                noodrem_answer(
                    noodrem=n,
                    door=world.lid("min.bewindspersoon"),
                    soort="explain",
                    toelichting=TOELICHTING,
                    per_beginsel={"AWB-EVENREDIGHEID": TOELICHTING},
                    teruggave_keuze=TeruggaveKeuze.HERBEVESTIGEN,
                    kamerbrief="Kamerstuk 12345-6",
                    now=when,
                )
    # A secret in a citizen's motivation: set behind the services' back to prove the page never reads it.
    Noodrem.objects.filter(niveau=Niveau.BURGER).update(motivering=GEHEIM, zaak_kenmerk="ZAAK-GEHEIM-77")
    return items


# --- brute force from the ledger -------------------------------------------------------------------


def _ledger_items() -> dict[str, dict[str, Any]]:
    items: dict[str, dict[str, Any]] = {}
    regels_soort: dict[str, str] = {}
    for e in LedgerEvent.objects.order_by("seq"):
        d = e.data
        at_ = dt.datetime.fromisoformat(e.at)
        if e.kind == "regel.aangemaakt":
            regels_soort[e.subject_id] = d["soort"]
        if e.kind == "signaal.gegeven":
            items[e.subject_id] = {
                "kind": "signaal",
                "at": at_,
                "org": d["ontvanger"]["organisatie"],
                "regel": d["regel"],
                "bron": d["bron"],
                "status": "open",
            }
        elif e.kind == "noodrem.getrokken":
            ond = d["onderwerp"] or {}
            items[e.subject_id] = {
                "kind": "opdracht" if d["niveau"] == "organisatie" else "noodrem",
                "at": at_,
                "org": d["ontvanger"]["organisatie"],
                "regel": ond.get("uuid") if ond.get("type") == "regel" else None,
                "status": "getrokken",
            }
        elif e.kind == "kamervraag.gesteld":
            items[e.subject_id] = {
                "kind": "kamervraag",
                "at": at_,
                "org": d["organisatie"],
                "regel": d["regel"],
                "status": "gesteld",
            }
        elif e.kind == "kamervraag.status":
            it = items[e.subject_id]
            it["answered_at"] = at_
            it["op_tijd"] = d["op_tijd"] and not it.get("escalated")
        elif e.kind in ("signaal.status", "noodrem.status"):
            it = items[e.subject_id]
            it["status"] = d["naar"]
            if "soort" in d:
                it["soort"] = d["soort"]
                it["answered_at"] = at_
                it["op_tijd"] = d["op_tijd"] and not it.get("escalated")
                it["keuze"] = d.get("teruggave_keuze")
        elif e.kind in ("signaal.geescaleerd", "noodrem.geescaleerd", "kamervraag.geescaleerd"):
            items[e.subject_id]["escalated"] = True
        elif e.kind in ("signaal.stilte", "noodrem.stilte", "kamervraag.stilte") and d.get("top_bereikt"):
            items[e.subject_id]["top"] = True
    for it in items.values():
        it["wet"] = it["regel"] if it["regel"] and regels_soort.get(it["regel"]) == "wet" else None
    return items


def _tel(items: list[dict[str, Any]]) -> dict[str, Any]:
    sig = [i for i in items if i["kind"] == "signaal"]
    nr = [i for i in items if i["kind"] == "noodrem"]
    opd = [i for i in items if i["kind"] == "opdracht"]
    kv = [i for i in items if i["kind"] == "kamervraag"]

    def dagen(xs: list[dict[str, Any]]) -> list[float]:
        return [(i["answered_at"] - i["at"]).total_seconds() / 86400 for i in xs if "answered_at" in i]

    c: dict[str, Any] = {
        "knelpunten_ingediend": len(sig),
        "knelpunten_opgelost": sum(i["status"] == "opgelost" for i in sig),
        "knelpunten_afgewezen": sum(i["status"] == "afgewezen" for i in sig),
        "knelpunten_open": sum(i["status"] in ("open", "beantwoord") for i in sig),
        "signalen_comply": sum(i.get("soort") == "comply" for i in sig),
        "signalen_explain": sum(i.get("soort") == "explain" for i in sig),
        "signalen_op_tijd": sum(bool(i.get("op_tijd")) for i in sig),
        "structureel_opgelost": sum(i["status"] == "opgelost" and i["bron"] != "handmatig" for i in sig),
        "noodremmen_getrokken": len(nr),
        "noodremmen_op_tijd": sum(bool(i.get("op_tijd")) for i in nr),
        "noodremmen_geescaleerd": sum(bool(i.get("escalated")) for i in nr),
        "noodremmen_genegeerd": sum(bool(i.get("top")) and "soort" not in i for i in nr),
        "noodremmen_open": sum("soort" not in i for i in nr),
        "noodremmen_comply": sum(i.get("soort") == "comply" for i in nr),
        "noodremmen_explain": sum(i.get("soort") == "explain" for i in nr),
        "opdrachten_teruggegeven": len(opd),
        "opdrachten_ingetrokken": sum(i.get("keuze") == "intrekken" for i in opd),
        "opdrachten_gewijzigd": sum(i.get("keuze") == "wijzigen" for i in opd),
        "opdrachten_herbevestigd": sum(i.get("keuze") == "herbevestigen" for i in opd),
        "opdrachten_open": sum("soort" not in i for i in opd),
        "kamervragen_gesteld": len(kv),
        "kamervragen_op_tijd": sum(bool(i.get("op_tijd")) for i in kv),
        "kamervragen_te_laat": sum("answered_at" in i and not i["op_tijd"] for i in kv),
        "kamervragen_onbeantwoord": sum("answered_at" not in i for i in kv),
    }
    for prefix, xs in (("signalen", sig), ("noodremmen", nr), ("kamervragen", kv)):
        d = dagen(xs)
        c[f"{prefix}_antwoorddagen_mediaan"] = round(statistics.median(d), 2) if d else None
        c[f"{prefix}_antwoorddagen_p90"] = round(percentiel(d, 90), 2) if d else None  # type: ignore[arg-type]
    return c


def _in(jaar: int, items: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    return [i for i in items.values() if i["at"].astimezone(AMSTERDAM).year == jaar]


def _zonder_maatwerk(c: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in c.items() if k not in ("maatwerkbesluiten", "voorstellen_bevestigd")}


def test_every_figure_is_recounted_from_the_ledger(data):  # type: ignore[no-untyped-def]
    rapport = staat(JAAR)
    items = _ledger_items()
    dit, vorig = _tel(_in(JAAR, items)), _tel(_in(JAAR - 1, items))
    assert _zonder_maatwerk(rapport["totaal"]) == dit
    assert _zonder_maatwerk(rapport["vorig_jaar"]) == vorig
    for k, v in dit.items():
        if v is not None and vorig[k] is not None:
            assert rapport["verschil"][k] == round(v - vorig[k], 2)
    # Sanity: the generated set exercises every figure that matters.
    assert dit["noodremmen_geescaleerd"] >= 2 and dit["noodremmen_genegeerd"] >= 1
    assert dit["noodremmen_op_tijd"] >= 1 and dit["noodremmen_comply"] >= 1 and dit["noodremmen_explain"] >= 2
    assert dit["opdrachten_ingetrokken"] == dit["opdrachten_herbevestigd"] == dit["opdrachten_open"] == 1
    assert dit["knelpunten_opgelost"] == 1 and dit["knelpunten_afgewezen"] == 1
    assert (dit["kamervragen_gesteld"], dit["kamervragen_op_tijd"], dit["kamervragen_te_laat"]) == (3, 1, 1)
    assert dit["kamervragen_onbeantwoord"] == 1 and vorig["kamervragen_gesteld"] == 1

    uuid_code = {str(o.uuid): o.code for o in Organisatie.objects.all()}
    per_org: dict[str, list[dict[str, Any]]] = defaultdict(list)
    per_wet: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for i in _in(JAAR, items):
        per_org[uuid_code[i["org"]]].append(i)
        if i["wet"]:
            per_wet[i["wet"]].append(i)
    assert {o["code"] for o in rapport["per_organisatie"]} == set(per_org)
    for o in rapport["per_organisatie"]:
        assert _zonder_maatwerk(o["cijfers"]) == _tel(per_org[o["code"]]), o["code"]
    assert {w["id"] for w in rapport["per_wet"]} == set(per_wet)
    for w in rapport["per_wet"]:
        assert _zonder_maatwerk(w["cijfers"]) == _tel(per_wet[w["id"]])


def test_maatwerk_and_structural_figures_from_the_ledger(world):  # type: ignore[no-untyped-def]
    from tests.factories import maatwerkbesluit

    with time_machine.travel(at(3, 3), tick=False):
        maatwerkbesluit(world, now=at(3, 3))
        maatwerkbesluit(world, now=at(3, 4))
    with time_machine.travel(at(3, 3, JAAR - 1), tick=False):
        maatwerkbesluit(world, now=at(3, 3, JAAR - 1))
    counted = defaultdict(int)
    for e in LedgerEvent.objects.filter(kind="maatwerkbesluit.genomen"):
        if e.data["vervangt"] is None:
            counted[dt.datetime.fromisoformat(e.at).astimezone(AMSTERDAM).year] += 1
    rapport = staat(JAAR)
    assert rapport["totaal"]["maatwerkbesluiten"] == counted[JAAR] == 2
    assert rapport["verschil"]["maatwerkbesluiten"] == counted[JAAR] - counted[JAAR - 1]


def _alle_publieke_teksten(client: Client, data: dict[str, Any]) -> str:
    wet = data["wet"]
    urls = [
        "/register/",
        "/register/?soort=noodrem",
        "/register/organisatie/min/",
        "/register/organisatie/gem/",
        f"/register/regel/{wet.uuid}/",
        "/register/register.csv",
        "/register/register.json",
        "/register/antwoorden.atom",
        f"/register/staat/{JAAR}/",
        f"/register/staat/{JAAR}/staat.json",
        f"/register/staat/{JAAR}/staat.csv",
    ]
    urls += [f"/register/item/{n.uuid}/" for n in Noodrem.objects.all()]
    texts = []
    for url in urls:
        r = client.get(url)
        assert r.status_code == 200, url
        texts.append(r.content.decode())
    return "\n".join(texts)


def test_public_pages_render_without_login_and_never_reveal_pullers(data):  # type: ignore[no-untyped-def]
    client = Client()
    text = _alle_publieke_teksten(client, data)
    for n in Noodrem.objects.exclude(anonimiteit=Anonimiteit.GENOEMD):
        assert n.getrokken_door is None
    melder = data["vertrouwelijk"].melder.lid
    for secret in (
        melder.gebruiker.get_username(),
        str(melder.uuid),
        melder.gebruiker.email,
        GEHEIM,
        "ZAAK-GEHEIM-77",
        "Dorpsstraat",
    ):
        assert secret not in text, secret
    # Nobody's identity at all: no member uuid or username appears on any public page.
    for lid in Lid.objects.select_related("gebruiker"):
        assert str(lid.uuid) not in text
        assert f">{lid.gebruiker.get_username()}<" not in text


def test_filters(data, client):  # type: ignore[no-untyped-def]
    def rows(query: str) -> list[dict[str, Any]]:
        return json.loads(client.get("/register/register.json?" + query).content)["items"]

    alle = rows("")
    assert len(alle) == Noodrem.objects.count() + 7 + Kamervraag.objects.count()
    assert {r["soort"] for r in rows("soort=signaal")} == {"signaal"}
    assert {r["soort"] for r in rows("soort=opdracht")} == {"opdracht"}
    assert len(rows("soort=opdracht")) == 3
    assert all(r["ingediend_op"].startswith(str(JAAR - 1)) for r in rows(f"jaar={JAAR - 1}"))
    assert len(rows(f"jaar={JAAR - 1}")) == 4
    wet = data["wet"]
    assert rows(f"regel={wet.uuid}") and all(
        r["regel"]["id"] == str(wet.uuid) for r in rows(f"regel={wet.uuid}")
    )
    assert all(r["organisatie"]["code"] == "gem" for r in rows("organisatie=gem"))
    assert len(rows("organisatie=gem")) == 2
    te_laat = rows("status=te_laat")
    assert te_laat and all(r["beantwoord_op"] is None for r in te_laat)
    assert str(data["ignored"].uuid) in {r["id"] for r in te_laat}
    burger = [r for r in alle if r["niveau"] == "burger"]
    assert burger and all(r["regel"] is None and r["knelpunt"] == "" for r in burger)
    # Unknown filter values are ignored, never an error.
    assert len(rows("soort=x&status=y&jaar=abc&regel=nope")) == len(alle)
    page = client.get("/register/?soort=opdracht").content.decode()
    assert "Nieuwe toets" in page and "Knelpunt" not in page


def test_csv_matches_the_documented_columns(data, client):  # type: ignore[no-untyped-def]
    from schakel.register.formats import REGISTER_KOLOMMEN

    reader = csv.DictReader(io.StringIO(client.get("/register/register.csv").content.decode()))
    assert reader.fieldnames == REGISTER_KOLOMMEN
    assert len(list(reader)) == Noodrem.objects.count() + 7 + Kamervraag.objects.count()
    doc = (Path(__file__).parents[2] / "docs" / "register.md").read_text(encoding="utf-8")
    for kolom in REGISTER_KOLOMMEN + list(CIJFERS):
        assert f"`{kolom}`" in doc, kolom


def test_atom_feed_is_valid_xml_with_the_answers(data, client):  # type: ignore[no-untyped-def]
    r = client.get("/register/antwoorden.atom")
    assert r["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(r.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    entries = root.findall("a:entry", ns)
    assert (
        len(entries)
        == LedgerEvent.objects.filter(
            kind__in=["signaal.status", "noodrem.status"], body__contains='"soort"'
        ).count()
        + LedgerEvent.objects.filter(kind="kamervraag.status").count()
    )
    for entry in entries:
        assert entry.find("a:id", ns) is not None and entry.find("a:updated", ns) is not None


def test_report_command_in_every_format(data, tmp_path):  # type: ignore[no-untyped-def]
    for formaat in ("html", "csv", "json", "pdf"):
        out = tmp_path / f"staat.{formaat}"
        call_command("report", "--year", str(JAAR), "--format", formaat, "--output", str(out))
        content = out.read_bytes()
        assert content
        if formaat == "pdf":
            assert content.startswith(b"%PDF")
        elif formaat == "json":
            assert json.loads(content)["totaal"] == staat(JAAR)["totaal"]
        elif formaat == "html":
            assert b"<svg" in content and b"Staat van de Uitvoering" in content


def test_staat_page_has_svg_charts_and_pdf(data, client):  # type: ignore[no-untyped-def]
    page = client.get(f"/register/staat/{JAAR}/").content.decode()
    assert page.count("<svg") == 4 and "<script" not in page
    assert "Participatiewet art. 58" in page
    pdf = client.get(f"/register/staat/{JAAR}/staat.pdf")
    assert pdf.content.startswith(b"%PDF")
    assert client.get(f"/register/staat/{JAAR}/staat.xls").status_code == 404


def test_unknown_regel_and_organisation_are_404(world, client):  # type: ignore[no-untyped-def]
    assert client.get("/register/organisatie/bestaat-niet/").status_code == 404
    assert client.get("/register/regel/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert Regel.objects.count() == 0


@pytest.mark.parametrize(
    ("taal", "burger", "professional", "soort"),
    [("nl", "burger", "professional", "Noodrem"), ("en", "citizen", "professional", "Emergency brake")],
)
def test_the_level_shows_its_label_and_the_downloads_keep_the_code(world, taal, burger, professional, soort):  # type: ignore[no-untyped-def]
    from django.utils import translation

    van_burger = noodrem(world, niveau=Niveau.BURGER)
    noodrem(world, niveau=Niveau.PROFESSIONAL)
    client = Client()
    client.cookies["django_language"] = taal
    try:
        lijst = client.get("/register/").content.decode()
        item = client.get(f"/register/item/{van_burger.uuid}/").content.decode()
    finally:
        translation.deactivate()  # the request left its language on this thread
    assert f"{soort} ({burger})" in lijst and f"{soort} ({professional})" in lijst
    assert f"<dd>{soort} ({burger})</dd>" in item
    if taal == "en":
        assert "(burger)" not in lijst + item
    niveaus = {r["niveau"] for r in json.loads(client.get("/register/register.json").content)["items"]}
    assert niveaus == {"burger", "professional"}
