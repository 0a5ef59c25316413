"""English through Django i18n (ADR 0012): Dutch is the source and the default; the committed catalogue is
complete and compiled; pages follow the language cookie and Accept-Language."""

from __future__ import annotations

import datetime as dt
import gettext
import re
from pathlib import Path

import pytest
from django import forms
from django.utils import timezone, translation

from schakel.core.errors import ValidatieFout
from schakel.core.models import Notificatie
from schakel.web.templatetags.schakel_web import termijn_tekst
from schakel.web.views.common import VERTAALDE_WEIGERINGEN, add_service_error
from tests.factories import noodrem


@pytest.fixture(autouse=True)
def _dutch_afterwards():  # type: ignore[no-untyped-def]
    """A request in English leaves English active on this thread; later tests expect the default."""
    yield
    translation.deactivate()


SRC = Path(__file__).resolve().parents[2] / "src" / "schakel"
CATALOGUE = SRC / "locale" / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _unquote(line: str) -> str:
    body = line.strip()[1:-1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


def _po_entries() -> list[dict[str, object]]:
    """The .po without a gettext library: each entry's fields, its flags, and whether it is obsolete."""
    entries = []
    for block in (CATALOGUE / "django.po").read_text(encoding="utf-8").strip().split("\n\n"):
        fields: dict[str, str] = {}
        flags: list[str] = []
        key = ""
        obsolete = False
        for line in block.splitlines():
            if line.startswith("#~"):
                obsolete = True
            elif line.startswith("#,"):
                flags += [f.strip() for f in line[2:].split(",")]
            elif line.startswith('"'):
                fields[key] += _unquote(line)
            elif line and not line.startswith("#"):
                key, _, value = line.partition(" ")
                fields[key] = _unquote(value)
        entries.append({"fields": fields, "flags": flags, "obsolete": obsolete})
    return entries


def _catalogue_key(fields: dict[str, str]) -> str:
    msgid = fields["msgid"]
    return f"{fields['msgctxt']}\x04{msgid}" if "msgctxt" in fields else msgid


def test_every_msgid_is_translated_and_none_is_fuzzy_or_obsolete() -> None:
    entries = _po_entries()
    assert len(entries) > 100
    for entry in entries:
        fields = entry["fields"]
        assert isinstance(fields, dict)
        assert not entry["obsolete"], fields
        assert "fuzzy" not in entry["flags"], fields
        strs = [v for k, v in fields.items() if k.startswith("msgstr")]
        if fields["msgid"]:
            assert strs and all(strs), f"untranslated: {fields['msgid']!r}"


def test_translations_keep_every_placeholder() -> None:
    for entry in _po_entries():
        fields = entry["fields"]
        assert isinstance(fields, dict)
        wanted = set(PLACEHOLDER.findall(fields["msgid"] + fields.get("msgid_plural", "")))
        for key, value in fields.items():
            # English "once" may drop the count in the singular; every other form keeps all placeholders.
            if key.startswith("msgstr") and key != "msgstr[0]":
                assert set(PLACEHOLDER.findall(value)) == wanted, (fields["msgid"], value)


def test_the_compiled_catalogue_matches_the_po() -> None:
    with (CATALOGUE / "django.mo").open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
    expected: dict[object, str] = {}
    for entry in _po_entries():
        fields = entry["fields"]
        assert isinstance(fields, dict)
        key = _catalogue_key(fields)
        if not key:
            continue  # the header: msgfmt drops POT-Creation-Date from it
        if "msgid_plural" in fields:
            expected[(key, 0)] = fields["msgstr[0]"]
            expected[(key, 1)] = fields["msgstr[1]"]
        else:
            expected[key] = fields["msgstr"]
    compiled.pop("", None)
    assert compiled == expected, "run `make messages` to compile the catalogue"


def test_the_fixed_service_refusals_still_exist_word_for_word() -> None:
    sources = "\n".join(
        p.read_text(encoding="utf-8")
        for p in SRC.rglob("*.py")
        if p.name != "common.py" and "migrations" not in p.parts
    )
    for message in VERTAALDE_WEIGERINGEN:
        assert message in sources, message


def test_a_service_refusal_is_shown_in_english_when_the_catalogue_has_it() -> None:
    class F(forms.Form):
        tekst = forms.CharField()

    form = F(data={"tekst": "x"})
    form.is_valid()
    with translation.override("en"):
        add_service_error(form, ValidatieFout("Schrijf een bericht.", field="tekst"))
        add_service_error(form, ValidatieFout("Een zin met een waarde: 42."))
    assert form.errors["tekst"] == ["Write a message."]
    assert form.non_field_errors() == ["Een zin met een waarde: 42."]


def test_terms_are_shown_in_the_active_language() -> None:
    with translation.override("nl"):
        assert termijn_tekst("5 werkdagen") == "5 werkdagen"
        assert termijn_tekst("42 kalenderdagen") == "42 kalenderdagen"
    with translation.override("en"):
        assert termijn_tekst("5 werkdagen") == "5 working days"
        assert termijn_tekst("1 kalenderdagen") == "1 calendar day"
        assert termijn_tekst("iets anders") == "iets anders"


# --- pages -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_dutch_is_the_default(client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/inloggen/").content.decode()
    assert '<html lang="nl"' in html
    assert "Log in met de gebruikersnaam" in html
    # The switch offers English, named in English and marked as English.
    assert '<button type="submit" name="language" value="en" lang="en"' in html
    assert ">English</button>" in html


@pytest.mark.django_db
def test_login_page_in_english_with_the_language_cookie(client) -> None:  # type: ignore[no-untyped-def]
    client.cookies["django_language"] = "en"
    html = client.get("/inloggen/").content.decode()
    assert '<html lang="en"' in html
    assert "Log in with the user name and password of your organisation." in html
    assert "Username" in html
    assert ">Nederlands</button>" in html and 'lang="nl"' in html


@pytest.mark.django_db
def test_citizen_portal_in_english_with_accept_language(world, client) -> None:  # type: ignore[no-untyped-def]
    start = client.get("/burger/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert '<html lang="en"' in start
    assert "Submit an objection or complaint" in start
    form = client.get("/burger/indienen/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "What do you want to submit?" in form
    assert "Objection" in form and "Complaint" in form
    assert "Choose an organisation" in form


@pytest.mark.django_db
def test_form_errors_next_to_the_field_in_english(world, client) -> None:  # type: ignore[no-untyped-def]
    client.cookies["django_language"] = "en"
    response = client.post("/burger/indienen/", {"zaak_kenmerk": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert "There are errors in the form" in html
    assert "Error: Choose objection or complaint." in html
    assert "Error: Fill in this field." in html


@pytest.mark.django_db
def test_werkvoorraad_in_english(world, login) -> None:  # type: ignore[no-untyped-def]
    long_ago = timezone.now() - dt.timedelta(days=60)
    noodrem(world, now=long_ago)
    client = login("uo.teamleider")
    client.cookies["django_language"] = "en"
    html = client.get("/werkvoorraad/").content.decode()
    assert '<html lang="en"' in html
    assert '<h1 class="nl-heading nl-heading--level-1">My work</h1>' in html
    assert "Emergency brake" in html
    assert "5 working days" in html
    assert "days past the term" in html
    assert "Log out" in html
    assert "Mijn werkvoorraad" not in html


@pytest.mark.django_db
def test_werkvoorraad_stays_dutch_without_a_choice(world, login) -> None:  # type: ignore[no-untyped-def]
    html = login("uo.teamleider").get("/werkvoorraad/").content.decode()
    assert '<html lang="nl"' in html
    assert "Mijn werkvoorraad" in html


@pytest.mark.django_db
def test_switching_language_without_javascript(client) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/burger/"})
    assert response.status_code == 302
    assert response["Location"] == "/burger/"
    assert client.cookies["django_language"].value == "en"
    assert "Objection or complaint" in client.get("/burger/").content.decode()
    client.post("/i18n/setlang/", {"language": "nl", "next": "/burger/"})
    assert "Bezwaar of klacht" in client.get("/burger/").content.decode()


@pytest.mark.django_db
def test_switching_refuses_a_foreign_next_and_an_unknown_language(client) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    assert client.cookies["django_language"].value == "en"


@pytest.mark.django_db
def test_a_citizen_files_in_english_and_the_record_stays_dutch(world, client) -> None:  # type: ignore[no-untyped-def]
    client.cookies["django_language"] = "en"
    motivering = "Ik kreeg geen uitleg over het besluit en niemand belde mij terug na drie weken wachten."
    data = {
        "burger_soort": "klacht",
        "organisatie": "gem",
        "beginselen": ["NO-MAATWERK"],
        "motivering": motivering,
    }
    response = client.post("/burger/indienen/", data)
    assert response.status_code == 201
    assert "We have received your complaint" in response.content.decode()
    # The notification to the organisation is written in the source language, not in the page's.
    tekst = Notificatie.objects.latest("pk").tekst
    assert "(Burger)" in tekst and "Citizen" not in tekst


@pytest.mark.django_db
def test_public_register_in_english(world, client) -> None:  # type: ignore[no-untyped-def]
    noodrem(world)
    html = client.get("/register/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en"' in html
    assert "Public register" in html and "1 item." in html and "Atom feed of new answers" in html
    assert "Openbaar register" in client.get("/register/").content.decode()
