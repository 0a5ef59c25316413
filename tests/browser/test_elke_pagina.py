"""Every page of the web UI, in Dutch and in English, through axe-core (WCAG 2.1 AA is the legal norm for
Dutch government sites) and a language check.

The list of pages is not kept here. It comes from the resolver (tests/routes.py: every route that answers
GET with an HTML page), the page matrix (tests/web/test_page_matrix.py: who may open which item page and
list, and who is refused with 403), and, for the public pages the matrix leaves out
(tests/security/test_routes_covered.py), one concrete address each below. A new page in a matrix is
walked without anybody touching this file; a new public page fails `test_every_page_is_walked` until it
gets an address in PUBLIC.

Per page: the filled state (the matrix's scene makes the item), the empty state where the matrix names a
member who must not see the item (the list is then empty for them), the refusal page (403) and, for
every form on the page, the same form sent empty (400 with the error summary). Then 404s. Each state is
opened with the language cookie at `nl` and at `en`, except that a page several members may open is
walked in English for the first of them only: the others see the same templates with other data and
other buttons, so their English mostly repeated what was checked and lengthened the walk. A form only
they have (the recipient's answer form) is then sent empty in Dutch only. On each: axe finds
nothing, `<html lang>` is the cookie's, a Dutch page shows no English text from the catalogue, and an
English page shows no Dutch catalogue text whose translation it should have shown (read from the
compiled catalogue, so a string left out of a template's {% translate %} is not found, but one translated
at import time, cached across requests or rendered outside the active language is).

One live server, one browser context, one tab; who is logged in is a session cookie made with Django's
test client, swapped in per visit."""

from __future__ import annotations

import datetime as dt
import gettext
import re
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.test import Client

from schakel.organisaties.models import Rol
from schakel.organisaties.services import lid_add
from tests.routes import all_routes, route_of
from tests.scene import Scene, Uuids
from tests.security.test_routes_covered import _allowed
from tests.web.test_page_matrix import GET, PAGE_LISTS, PAGE_ROWS
from tests.web.test_page_matrix import _no_deduce as _no_deduce  # noqa: F401 - the matrix's fixture
from tests.web.test_page_matrix import scene as scene  # noqa: F401 - the matrix's fixture

pytestmark = pytest.mark.browser

LANGS = ("nl", "en")
NL = ("nl",)  # the source language: what every state is walked in
ANON = "anon"
MEERDERE = "meerdere-lidmaatschappen"  # a user with two memberships: the only one who sees /lidmaatschap/
ZONDER_LID = "zonder-lidmaatschap"  # a user without any: the refusal page every member page gives them
BURGER = "burger"  # a citizen's session after following a case with the receipt code

# Routes that answer GET but are no page of the web UI. Routes whose pattern does not end in a slash are
# downloads (the register's CSV, JSON, Atom feed and the Staat files).
NOT_A_PAGE = {
    "/api/": "the JSON API (tests/api/)",
    "/beheer/": "Django's own admin for staff (its templates are Django's, not ours)",
    "/i18n/": "the language switch: a redirect back",
}

# One address per public page (what the matrix leaves out): who opens it and where. `{x}` is the scene's.
PUBLIC: dict[str, list[tuple[str, str]]] = {
    "/": [(ANON, "/"), ("uo.professional", "/")],
    "/inloggen/": [(ANON, "/inloggen/")],
    "/lidmaatschap/": [(MEERDERE, "/lidmaatschap/?next=/werkvoorraad/")],
    "/noodknop/": [(ANON, "/noodknop/")],
    "/burger/": [(ANON, "/burger/")],
    "/burger/indienen/": [(ANON, "/burger/indienen/")],
    "/burger/volgen/": [(ANON, "/burger/volgen/")],
    "/burger/zaak/": [(BURGER, "/burger/zaak/")],
    "/register/": [(ANON, "/register/"), (ANON, "/register/?soort=noodrem&status=open")],
    "/register/item/{}/": [
        (ANON, "/register/item/{noodrem}/"),
        (ANON, "/register/item/{signaal_beantwoord}/"),
    ],
    "/register/organisatie/{}/": [(ANON, "/register/organisatie/uo/"), (ANON, "/register/organisatie/tk/")],
    "/register/regel/{}/": [(ANON, "/register/regel/{regel}/")],
    "/register/staat/{}/": [(ANON, "/register/staat/{jaar}/")],
}


def page_routes() -> dict[str, Any]:
    return {
        pattern: route
        for pattern, route in all_routes().items()
        if "GET" in route.methods
        and pattern.endswith("/")
        and not any(pattern.startswith(prefix) for prefix in NOT_A_PAGE)
    }


@dataclass(frozen=True)
class Visit:
    label: str
    who: str
    url: str
    status: int = 200
    langs: tuple[str, ...] = LANGS


def visits(scene: Scene) -> Iterator[Visit]:
    ids = Uuids(scene)

    def fill(path: str) -> str:
        return path.format_map(_Vars(ids))

    for page in PAGE_ROWS:
        if page.method != GET:
            continue
        for url in page.urls(scene):
            for i, (who, status) in enumerate(page.ok):
                yield Visit(page.id, who, url, status, LANGS if i == 0 else NL)
            refused = [who for who, status in page.denied if status == 403]
            if refused:
                yield Visit(f"{page.id} geweigerd", refused[0], url, 403)
    for lijst in PAGE_LISTS:
        scene.__getattribute__(lijst.item)  # the item is there: the filled list
        yield Visit(f"{lijst.id} gevuld", lijst.sees[0], lijst.path)
        if lijst.blind:
            yield Visit(f"{lijst.id} zonder dit item", lijst.blind[0], lijst.path)
    for pattern, rows in PUBLIC.items():
        # Several addresses of one visitor are different states (a filter, another item): each in both.
        first = rows[0][0]
        for who, path in rows:
            yield Visit(pattern, who, fill(path), langs=LANGS if who == first else NL)
    yield Visit("geen lidmaatschap", ZONDER_LID, "/werkvoorraad/", 403)
    yield Visit("404 anoniem", ANON, "/bestaat-niet/", 404)
    yield Visit("404 lid", "uo.professional", f"/casussen/{uuid.uuid4()}/", 404)


class _Vars(dict[str, str]):
    def __init__(self, ids: Uuids) -> None:
        super().__init__()
        self.ids = ids

    def __missing__(self, key: str) -> str:
        return str(dt.date.today().year) if key == "jaar" else self.ids[key]


# -- the catalogue: what a Dutch page must not show, and what an English page must not show ----------
MO = Path(__file__).resolve().parents[2] / "src" / "schakel" / "locale" / "en" / "LC_MESSAGES" / "django.mo"
_PLACEHOLDER = re.compile(r"%\\\(\w+\\\)[sd]|%\(\w+\)[sd]")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _pattern(texts: set[str]) -> re.Pattern[str] | None:
    parts = []
    for t in sorted(texts, key=len, reverse=True):
        # `%(rol)s bij %(organisatie)s` would match any data with `bij` in it: only texts with words of
        # their own count.
        if len(re.findall(r"[^\W\d_]", _PLACEHOLDER.sub("", t))) >= 6:
            parts.append(_PLACEHOLDER.sub(".+", re.escape(t)))
    return re.compile("|".join(f"(?:{p})" for p in parts)) if parts else None


def catalogue_patterns() -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """(Dutch source texts that have another English text, English texts that are no Dutch source)."""
    with MO.open("rb") as fh:
        catalog: dict[Any, str] = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
    pairs = []
    for key, msgstr in catalog.items():
        msgid = key[0] if isinstance(key, tuple) else key
        msgid = msgid.split("\x04", 1)[-1]
        if msgid and "<" not in msgid and "<" not in msgstr:
            pairs.append((_norm(msgid), _norm(msgstr)))
    ids = {i for i, _ in pairs}
    strs = {s for _, s in pairs}
    # A text that is both a source and a translation (`Start`, `Status`) proves nothing either way; one
    # of only a few letters (`nr.`) is too easily part of data.
    dutch = {i for i, s in pairs if i != s and i not in strs and len(i) > 3}
    english = {s for i, s in pairs if i != s and s not in ids and len(s) > 3}
    return _pattern(dutch), _pattern(english)


def data_texts() -> set[str]:
    """Every text stored in the database: shown as it was written (Dutch), whatever the page's language."""
    found: set[str] = set()
    for model in apps.get_models():
        names = [
            f.name for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)
        ]
        if names:
            for row in model.objects.values_list(*names):
                found.update(_norm(str(v)) for v in row if v)
    return found


TEXTS_JS = """() => {
  const out = [];
  const add = (text, el) => {
    const t = text.replace(/\\s+/g, ' ').trim();
    if (!t) return;
    const host = el.closest('[lang]');
    out.push([t, host ? host.getAttribute('lang') : '']);
  };
  // <title> can carry no lang of its own: it repeats the h1, which is checked with its lang.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!el || el.closest('script, style, template, noscript')) continue;
    add(walker.currentNode.textContent, el);
  }
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
    for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {
      if (el.hasAttribute(a)) add(el.getAttribute(a), el);
    }
  }
  return [document.documentElement.getAttribute('lang'), out];
}"""

# Empty every field of each form in <main> that has fields, then send it past the browser's own
# checks: the server's validation answers. Forms with nothing to fill (a button that acts) are skipped.
FORMS_JS = """() => Array.from(document.querySelectorAll('main form'))
  .map((f, i) => [i, f])
  .filter(([i, f]) => (f.method || '').toLowerCase() === 'post'
     && f.querySelector('input:not([type=hidden]):not([type=submit]), textarea, select'))
  .map(([i, f]) => i)"""
SEND_EMPTY_JS = """(i) => {
  const f = document.querySelectorAll('main form')[i];
  f.noValidate = true;
  for (const el of f.querySelectorAll('input, textarea, select')) {
    if (el.type === 'hidden' || el.type === 'submit') continue;
    if (el.type === 'checkbox' || el.type === 'radio') el.checked = false;
    else if (el.tagName === 'SELECT') el.selectedIndex = -1;
    else el.value = '';
  }
  const button = f.querySelector('button[type=submit], input[type=submit], button:not([type])');
  if (button) button.click(); else f.submit();
}"""


# Words that make a text Dutch rather than a name or a number; two words and one of these: a sentence.
DUTCH_WORDS = frozenset(
    [
        "de",
        "het",
        "een",
        "van",
        "en",
        "niet",
        "voor",
        "met",
        "op",
        "is",
        "zijn",
        "wordt",
        "worden",
        "u",
        "uw",
        "bij",
        "geen",
        "nog",
        "aan",
        "om",
        "naar",
        "die",
        "dat",
        "er",
        "ook",
        "of",
        "te",
        "wat",
        "wie",
        "waar",
        "kunt",
        "mag",
        "moet",
        "heeft",
        "hebben",
    ]
)


@dataclass
class Walk:
    page: Any
    base: str
    sessions: dict[str, str]
    data: set[str]
    dutch: re.Pattern[str] | None
    english: re.Pattern[str] | None
    problems: list[str]
    checked: int = 0
    checked_in: dict[str, int] = field(default_factory=dict)
    _data_sorted: list[str] | None = None

    @property
    def data_by_length(self) -> list[str]:
        if self._data_sorted is None:
            self._data_sorted = sorted((d for d in self.data if len(d) > 2), key=len, reverse=True)
        return self._data_sorted

    def as_(self, who: str, lang: str) -> None:
        context = self.page.context
        context.clear_cookies()
        cookies = [{"name": "django_language", "value": lang, "url": self.base}]
        if who != ANON:
            cookies.append(
                {"name": settings.SESSION_COOKIE_NAME, "value": self.sessions[who], "url": self.base}
            )
        context.add_cookies(cookies)

    def check(self, label: str, lang: str) -> list[str]:
        """axe and the language checks on the page as it is; returns its texts in the page's language."""
        from axe_playwright_python.sync_playwright import Axe

        self.checked += 1
        self.checked_in[lang] = self.checked_in.get(lang, 0) + 1
        where = f"[{lang}] {label} {self.page.url.removeprefix(self.base)}"
        results = Axe().run(self.page)
        for v in results.response["violations"]:
            nodes = [n["target"] for n in v["nodes"]][:5]
            self.problems.append(f"{where}: axe {v['id']} ({v.get('impact')}) {v['help']} {nodes}")
        page_lang, texts = self.page.evaluate(TEXTS_JS)
        if page_lang != lang:
            self.problems.append(f"{where}: <html lang={page_lang!r}>, verwacht {lang!r}")
        wrong = self.english if lang == "nl" else self.dutch
        own = [text for text, text_lang in texts if text_lang in (lang, page_lang) and text not in self.data]
        for text in own:
            if wrong is not None and wrong.fullmatch(text):
                kind = (
                    "Engelse tekst op een Nederlandse" if lang == "nl" else "onvertaalde tekst op een Engelse"
                )
                self.problems.append(f"{where}: {kind} pagina: {text!r}")
        return own

    def untranslated(self, label: str, dutch: list[str], english: list[str]) -> None:
        """Text the template never put through the catalogue: the same Dutch sentence on the Dutch and
        the English page, that is not stored data and not marked as Dutch (`lang="nl"`)."""
        for text in sorted(set(dutch) & set(english)):
            if text.endswith("…") and any(d.startswith(text[:-1].rstrip()) for d in self.data_by_length):
                continue  # stored text, shortened
            rest = text
            for value in self.data_by_length:
                if value in rest:
                    rest = rest.replace(value, " ")
            words = re.findall(r"[^\W\d_]+", rest.lower())
            if len(words) >= 2 and DUTCH_WORDS & set(words):
                where = self.page.url.removeprefix(self.base)
                self.problems.append(f"[en] {label} {where}: niet door de catalogus: {text!r}")

    def visit(self, v: Visit) -> None:
        texts: dict[str, dict[str, list[str]]] = {}
        for lang in v.langs:
            self.as_(v.who, lang)
            response = self.page.goto(v.url)
            status = response.status if response else None
            if status != v.status:
                self.problems.append(
                    f"[{lang}] {v.label} {v.url} als {v.who}: status {status}, verwacht {v.status}"
                )
                continue
            label = f"{v.label} als {v.who}"
            texts.setdefault(label, {})[lang] = self.check(label, lang)
            if v.status == 200:
                for form_label, form_texts in self.forms(v, lang):
                    texts.setdefault(form_label, {})[lang] = form_texts
        for label, by_lang in texts.items():
            if len(by_lang) == 2:
                self.untranslated(label, by_lang["nl"], by_lang["en"])

    def forms(self, v: Visit, lang: str) -> Iterator[tuple[str, list[str]]]:
        for i in self.page.evaluate(FORMS_JS):
            if i:
                self.page.goto(v.url)
            with self.page.expect_navigation():
                self.page.evaluate(SEND_EMPTY_JS, i)
            label = f"{v.label} als {v.who}, formulier {i + 1} leeg verstuurd"
            yield label, self.check(label, lang)


def _session(user: Any) -> str:
    client = Client()
    client.force_login(user)
    return str(client.cookies[settings.SESSION_COOKIE_NAME].value)


def _burger_session() -> str:
    client = Client()
    filed = client.post(
        "/burger/indienen/",
        {
            "burger_soort": "klacht",
            "organisatie": "gem",
            "zaak_kenmerk": "Z-2026-0042",
            "beginselen": ["NO-MAATWERK"],
            "motivering": "Mijn moeder van 84 kan geen digitale aangifte doen en niemand aan de balie hielp.",
        },
    )
    assert filed.status_code == 201, filed.content[:500]
    code = re.search(r"[A-Z2-9]{5}(?:-[A-Z2-9]{5}){4}", filed.content.decode())
    assert code is not None
    assert client.post("/burger/volgen/", {"ontvangstcode": code.group()}).status_code == 302
    return str(client.cookies[settings.SESSION_COOKIE_NAME].value)


def sessions(scene: Scene, who: set[str]) -> dict[str, str]:
    out = {w: _session(scene.lid(w).gebruiker) for w in who if "." in w}
    twee = lid_add(
        actor="test",
        organisatie=scene.world.uitvoerder,
        rol=Rol.PROFESSIONAL,
        gebruikersnaam="twee-leden",
        email="twee-leden@test.invalid",
    )
    lid_add(actor="test", organisatie=scene.world.gemeente, rol=Rol.PROFESSIONAL, gebruikersnaam="twee-leden")
    out[MEERDERE] = _session(twee.gebruiker)
    out[ZONDER_LID] = _session(get_user_model().objects.create_user("zonder-lid", password=None))
    out[BURGER] = _burger_session()
    return out


def test_every_page_is_walked() -> None:
    """Every page route is reached by a matrix row or a PUBLIC address; PUBLIC holds only what the
    matrix deliberately leaves out."""
    walked = {route_of(p) for page in PAGE_ROWS if page.method == GET for p in page.paths}
    walked |= {route_of(lijst.path) for lijst in PAGE_LISTS}
    for pattern, rows in PUBLIC.items():
        assert _allowed(pattern), f"{pattern} hoort in een matrix, niet in PUBLIC"
        for _, path in rows:
            concrete = path.replace("{jaar}", str(dt.date.today().year))  # an int converter
            assert route_of(concrete) == pattern, (pattern, path)
        walked.add(pattern)
    missing = sorted(set(page_routes()) - walked)
    assert not missing, "Pagina's die de axe-ronde niet bezoekt (geef ze een adres in PUBLIC):\n" + "\n".join(
        missing
    )


@pytest.fixture
def tab(browser, live_server) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(30_000)
    yield context.new_page()
    context.close()


def test_every_page_passes_axe_and_speaks_one_language(scene, tab, live_server):  # type: ignore[no-untyped-def]
    started = time.monotonic()
    planned = list(visits(scene))  # builds every item first, so the live server sees them
    walk = Walk(
        page=tab,
        base=live_server.url,
        sessions=sessions(scene, {v.who for v in planned}),
        data=set(),
        dutch=None,
        english=None,
        problems=[],
    )
    walk.dutch, walk.english = catalogue_patterns()
    walk.data = data_texts()
    for v in planned:
        walk.visit(v)
    took = time.monotonic() - started
    per_lang = ", ".join(f"{n} {lang}" for lang, n in walk.checked_in.items())
    print(f"{walk.checked} toestanden ({per_lang}) in {took:.0f} s", *walk.problems, sep="\n")
    assert not walk.problems, f"{len(walk.problems)} problemen op {walk.checked} toestanden:\n" + "\n".join(
        walk.problems
    )
