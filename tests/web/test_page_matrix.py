"""Every page that shows or changes an item or a member's data, allowed and denied, over a role ×
organisation matrix: the web counterpart of tests/api/test_matrix.py.

One row per page and method: the members who may use it, those who may not (a wrong role in the owning
organisation gets what the view intends, 403 or the form's refusal; another organisation that cannot see
the item gets 404, byte for byte the page of an item that does not exist), and always an anonymous
visitor, who is sent to the login page. Refused requests come first and must change nothing; an allowed
POST must change something. Lists show the item to those who may see it and to nobody else."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client

from schakel.organisaties.models import Rol
from tests.domain.snapshot import counts, unchanged
from tests.factories import MOTIVERING, TOELICHTING, TOETS, LidFactory
from tests.scene import KAMERVRAAG, VRAAG, Scene, Uuids

BEGINSEL = "AWB-EVENREDIGHEID"
Body = dict[str, Any] | Callable[[Scene], dict[str, Any]] | None


@dataclass(frozen=True)
class Page:
    id: str
    method: str
    path: str | tuple[str, ...]  # several paths: the same matrix holds for each
    ok: list[tuple[str, int]] = field(default_factory=list)
    denied: list[tuple[str, int]] = field(default_factory=list)
    body: Body = None

    @property
    def paths(self) -> tuple[str, ...]:
        return (self.path,) if isinstance(self.path, str) else self.path

    def urls(self, scene: Scene) -> list[str]:
        return [p.format_map(Uuids(scene)) for p in self.paths]

    def data(self, scene: Scene) -> dict[str, Any] | None:
        return self.body(scene) if callable(self.body) else self.body


@dataclass(frozen=True)
class Lijst:
    """A list page: `item` of the scene is on it for `sees` and absent for `blind`."""

    id: str
    path: str
    item: str
    sees: list[str]
    blind: list[str] = field(default_factory=list)
    mark: Callable[[Scene], str] | None = None  # what shows the item; its uuid (in its link) by default

    def marker(self, scene: Scene) -> str:
        return self.mark(scene) if self.mark else str(getattr(scene, self.item).uuid)


# -- form bodies -------------------------------------------------------------------------------------
def casus_in(s: Scene) -> dict[str, Any]:
    return {
        "titel": "Voorschot in één keer terug",
        "omschrijving": "Een burger moet alles terugbetalen om een formeel verzuim.",
        "regels": [str(s.regel.uuid)],
        "beginselen": [BEGINSEL],
    }


def beraad_in(s: Scene) -> dict[str, Any]:
    return {"vraag": VRAAG, "deelnemers": [str(s.lid("gem.professional").uuid)]}


def maatwerk_in(s: Scene) -> dict[str, Any]:
    return {
        "regel": str(s.regel.uuid),
        "besluit": "Afzien van terugvordering.",
        "motivering": MOTIVERING,
        "beginselen": [BEGINSEL],
    }


def opdracht_in(s: Scene) -> dict[str, Any]:
    return {
        "titel": "Inkomenstoets",
        "uitvoerder": str(s.world.uitvoerder.uuid),
        "omschrijving": "Voer per volgend jaar een maandelijkse inkomenstoets in voor alle gerechtigden.",
    }


def kamervraag_in(s: Scene) -> dict[str, Any]:
    return {"organisatie": str(s.world.uitvoerder.uuid), "vraag": KAMERVRAAG}


CORRECTIE = {"titel": "Gecorrigeerd", "omschrijving": "Een verbeterde omschrijving van de situatie."}
MOTIVEREN = {"motivering": MOTIVERING}
COMPLY = {
    "soort": "comply",
    "toelichting": TOELICHTING,
    "maatregel": "De werkinstructie wordt aangepast.",
    "gereed_op": (dt.date.today() + dt.timedelta(days=30)).isoformat(),
}
TREKKEN = {"beginselen": [BEGINSEL], "motivering": MOTIVERING, "anonimiteit": "genoemd"}
TERUGGEVEN = {"beginselen": [BEGINSEL], "motivering": MOTIVERING}
BESLUIT = {
    "keuze": "vaststellen",
    "motivering": MOTIVERING,
    "gewogen_toets": "on",
    "weging_toets": TOELICHTING,
}
BEVESTIGEN = {"titel": "Regel knelt structureel", "knelpunt": MOTIVERING}

GET, POST = "get", "post"
PAGE_ROWS = [
    # -- casussen --------------------------------------------------------------------------------------
    Page(
        "casus-detail",
        GET,
        "/casussen/{casus}/",
        ok=[("uo.professional", 200), ("uo.vertrouwenspersoon", 200), ("uo.bestuur", 200)],
        denied=[("gem.professional", 404), ("min.beleidsdirectie", 404), ("no.bestuur", 404)],
    ),
    Page(
        "casus-nieuw",
        GET,
        "/casussen/nieuw/",
        ok=[("uo.professional", 200), ("gem.professional", 200)],
        denied=[("min.beleidsdirectie", 403), ("uo.vertrouwenspersoon", 403), ("tk.griffie", 403)],
    ),
    Page(
        "casus-nieuw-opslaan",
        POST,
        "/casussen/nieuw/",
        ok=[("uo.professional", 302)],
        denied=[("min.beleidsdirectie", 403), ("uo.vertrouwenspersoon", 403)],
        body=casus_in,
    ),
    Page(
        "casus-corrigeren",
        GET,
        "/casussen/{casus}/corrigeren/",
        ok=[("uo.professional", 200)],
        denied=[("uo.vertrouwenspersoon", 403), ("uo.bestuur", 403), ("gem.professional", 404)],
    ),
    Page(
        "casus-corrigeren-opslaan",
        POST,
        "/casussen/{casus}/corrigeren/",
        ok=[("uo.professional", 302)],
        denied=[("uo.vertrouwenspersoon", 403), ("gem.professional", 404), ("min.beleidsdirectie", 404)],
        body=CORRECTIE,
    ),
    Page(
        "casus-afsluiten",
        GET,
        "/casussen/{casus}/afsluiten/",
        ok=[("uo.teamleider", 200)],
        denied=[("uo.vertrouwenspersoon", 403), ("gem.teamleider", 404)],
    ),
    Page(
        "casus-afsluiten-opslaan",
        POST,
        "/casussen/{casus}/afsluiten/",
        ok=[("uo.teamleider", 302)],
        denied=[("uo.vertrouwenspersoon", 403), ("uo.beheerder", 403), ("gem.teamleider", 404)],
        body=MOTIVEREN,
    ),
    Page(
        "casus-beraad",
        GET,
        "/casussen/{casus}/beraad/",
        ok=[("uo.maatwerkcoordinator", 200)],
        denied=[("uo.professional", 403), ("uo.teamleider", 403), ("gem.professional", 404)],
    ),
    Page(
        "casus-beraad-starten",
        POST,
        "/casussen/{casus}/beraad/",
        ok=[("uo.maatwerkcoordinator", 302)],
        denied=[("uo.professional", 403), ("gem.professional", 404)],
        body=beraad_in,
    ),
    Page(
        "casus-maatwerk",
        GET,
        "/casussen/{casus}/maatwerk/",
        ok=[("uo.professional", 200)],
        denied=[("uo.vertrouwenspersoon", 403), ("uo.bestuur", 403), ("gem.professional", 404)],
    ),
    Page(
        "casus-maatwerk-nemen",
        POST,
        "/casussen/{casus}/maatwerk/",
        ok=[("uo.professional", 302)],
        denied=[("uo.vertrouwenspersoon", 403), ("gem.professional", 404)],
        body=maatwerk_in,
    ),
    # -- beraden: the casus's organisation and the invited participants see it -------------------------
    Page(
        "beraad-detail",
        GET,
        "/beraden/{beraad}/",
        ok=[("uo.professional", 200), ("uo.maatwerkcoordinator", 200), ("gem.professional", 200)],
        denied=[("gem.teamleider", 404), ("min.beleidsdirectie", 404)],
    ),
    Page(
        "beraad-bijdragen",
        POST,
        "/beraden/{beraad}/bijdragen/",
        ok=[("gem.professional", 302)],
        denied=[("uo.professional", 400), ("uo.bestuur", 400), ("gem.teamleider", 404)],
        body={"perspectief": "juridisch", "tekst": MOTIVERING},
    ),
    Page(
        "beraad-afronden",
        POST,
        "/beraden/{beraad}/afronden/",
        ok=[("uo.maatwerkcoordinator", 302)],
        denied=[("gem.professional", 400), ("uo.professional", 400), ("min.beleidsdirectie", 404)],
        body={"uitkomst": "geen_actie", "motivering": MOTIVERING},
    ),
    # -- maatwerkbesluiten -----------------------------------------------------------------------------
    Page(
        "maatwerkbesluit-detail",
        GET,
        "/maatwerkbesluiten/{besluit}/",
        ok=[("uo.professional", 200), ("uo.teamleider", 200)],
        denied=[("gem.professional", 404), ("min.beleidsdirectie", 404)],
    ),
    # -- signalen: the rule's owner answers and closes; others who see it may not ----------------------
    Page(
        "signaal-detail",
        GET,
        "/signalen/{signaal}/",
        ok=[("uo.professional", 200), ("uo.teamleider", 200)],
        denied=[("gem.professional", 404), ("min.beleidsdirectie", 404), ("tk.griffie", 404)],
    ),
    Page(
        "signaal-beantwoorden",
        POST,
        "/signalen/{signaal}/beantwoorden/",
        ok=[("uo.teamleider", 302)],
        denied=[("uo.professional", 400), ("uo.vertrouwenspersoon", 400), ("gem.teamleider", 404)],
        body=COMPLY,
    ),
    Page(
        "signaal-afronden",
        POST,
        "/signalen/{signaal_beantwoord}/afronden/",
        ok=[("uo.teamleider", 302)],
        denied=[("uo.professional", 400), ("gem.teamleider", 404), ("min.beleidsdirectie", 404)],
        body={"toelichting": TOELICHTING},
    ),
    Page(
        "signaal-indienen",
        GET,
        "/regels/{regel}/signaal-indienen/",
        ok=[("uo.professional", 200), ("gem.professional", 200), ("min.beleidsdirectie", 200)],
    ),
    Page(
        "signaal-indienen-versturen",
        POST,
        "/regels/{regel}/signaal-indienen/",
        ok=[("gem.professional", 302)],
        body={"titel": "Knelpunt", "knelpunt": MOTIVERING},
    ),
    # -- noodremmen ------------------------------------------------------------------------------------
    Page(
        "noodrem-detail",
        GET,
        "/noodremmen/{noodrem}/",
        ok=[("uo.teamleider", 200), ("uo.professional", 200)],
        denied=[("gem.teamleider", 404), ("min.beleidsdirectie", 404), ("no.bestuur", 404)],
    ),
    Page(
        "noodrem-beantwoorden",
        POST,
        "/noodremmen/{noodrem}/beantwoorden/",
        ok=[("uo.teamleider", 302)],
        denied=[("uo.professional", 400), ("uo.vertrouwenspersoon", 400), ("gem.teamleider", 404)],
        body={**COMPLY, "gereed_op": ""},
    ),
    Page(
        "noodrem-bericht",
        POST,
        "/noodremmen/{noodrem_wet}/bericht/",
        ok=[("min.beleidsdirectie", 302)],
        denied=[("uo.professional", 400), ("uo.bestuur", 400), ("gem.professional", 404)],
        body={"tekst": "Wij nemen contact met u op over deze noodrem."},
    ),
    Page(
        "noodrem-trekken",
        GET,
        (
            "/noodrem-trekken/casus/{casus}/",
            "/noodrem-trekken/maatwerkbesluit/{besluit}/",
            "/noodrem-trekken/opdracht/{vastgesteld}/",
        ),
        ok=[("uo.professional", 200)],
        denied=[("gem.professional", 404), ("no.bestuur", 404)],
    ),
    Page(
        "noodrem-trekken-regel",
        GET,
        "/noodrem-trekken/regel/{regel}/",
        ok=[("uo.professional", 200), ("gem.professional", 200)],
    ),
    Page(
        "noodrem-trekken-versturen",
        POST,
        ("/noodrem-trekken/casus/{casus}/", "/noodrem-trekken/maatwerkbesluit/{besluit}/"),
        ok=[("uo.professional", 302)],
        denied=[("gem.professional", 404), ("min.beleidsdirectie", 404)],
        body=TREKKEN,
    ),
    # -- opdrachten ------------------------------------------------------------------------------------
    Page(
        "opdracht-detail",
        GET,
        "/opdrachten/{ontwerp}/",
        ok=[("min.beleidsdirectie", 200), ("uo.bestuur", 200), ("uo.professional", 200)],
        denied=[("gem.bestuur", 404), ("tk.griffie", 404), ("no.bestuur", 404)],
    ),
    Page(
        "opdracht-nieuw",
        GET,
        "/opdrachten/nieuw/",
        ok=[("min.beleidsdirectie", 200), ("min.bewindspersoon", 200)],
        denied=[("uo.bestuur", 403), ("tk.griffie", 403)],
    ),
    Page(
        "opdracht-nieuw-opslaan",
        POST,
        "/opdrachten/nieuw/",
        ok=[("min.beleidsdirectie", 302)],
        denied=[("uo.bestuur", 403), ("gem.bestuur", 403)],
        body=opdracht_in,
    ),
    Page(
        "opdracht-toets-vragen",
        POST,
        "/opdrachten/{ontwerp}/toets-vragen/",
        ok=[("min.beleidsdirectie", 302)],
        denied=[("uo.bestuur", 403), ("uo.teamleider", 403), ("gem.bestuur", 404)],
    ),
    Page(
        "opdracht-toets",
        POST,
        "/opdrachten/{toets_gevraagd}/toets/",
        ok=[("uo.bestuur", 302)],
        denied=[("min.beleidsdirectie", 400), ("uo.professional", 400), ("gem.bestuur", 404)],
        body={"uitvoerbaar": "ja", **TOETS},
    ),
    Page(
        "opdracht-besluit",
        POST,
        "/opdrachten/{getoetst}/besluit/",
        ok=[("min.bewindspersoon", 302)],
        denied=[("uo.bestuur", 400), ("uo.professional", 400), ("gem.bestuur", 404)],
        body=BESLUIT,
    ),
    Page(
        "opdracht-teruggeven",
        GET,
        "/opdrachten/{vastgesteld}/teruggeven/",
        ok=[("uo.bestuur", 200)],
        denied=[("uo.professional", 403), ("min.beleidsdirectie", 403), ("gem.bestuur", 404)],
    ),
    Page(
        "opdracht-teruggeven-versturen",
        POST,
        "/opdrachten/{vastgesteld}/teruggeven/",
        ok=[("uo.bestuur", 302)],
        denied=[("uo.teamleider", 403), ("min.beleidsdirectie", 403), ("gem.bestuur", 404)],
        body=TERUGGEVEN,
    ),
    # -- Kamervragen: the griffie asks, the receiving organisation's bestuur answers --------------------
    Page(
        "kamervraag-detail",
        GET,
        "/kamervragen/{kamervraag}/",
        ok=[("tk.griffie", 200), ("uo.bestuur", 200), ("uo.professional", 200)],
        denied=[("gem.bestuur", 404), ("min.beleidsdirectie", 404)],
    ),
    Page(
        "kamervraag-nieuw",
        GET,
        "/kamervragen/nieuw/",
        ok=[("tk.griffie", 200)],
        denied=[("uo.bestuur", 403), ("min.beleidsdirectie", 403)],
    ),
    Page(
        "kamervraag-nieuw-stellen",
        POST,
        "/kamervragen/nieuw/",
        ok=[("tk.griffie", 302)],
        denied=[("uo.bestuur", 403), ("min.bewindspersoon", 403)],
        body=kamervraag_in,
    ),
    Page(
        "kamervraag-beantwoorden",
        POST,
        "/kamervragen/{kamervraag}/beantwoorden/",
        ok=[("uo.bestuur", 302)],
        denied=[("uo.professional", 400), ("tk.griffie", 400), ("gem.bestuur", 404)],
        body={"tekst": TOELICHTING},
    ),
    # -- fix → solve proposals: the coordinator of the organisation decides -----------------------------
    Page(
        "voorstel-detail",
        GET,
        "/voorstellen/{voorstel}/",
        ok=[("uo.maatwerkcoordinator", 200)],
        denied=[("uo.professional", 403), ("gem.maatwerkcoordinator", 404)],
    ),
    Page(
        "voorstel-bevestigen",
        POST,
        "/voorstellen/{voorstel}/bevestigen/",
        ok=[("uo.maatwerkcoordinator", 302)],
        denied=[("uo.teamleider", 403), ("gem.maatwerkcoordinator", 404)],
        body=BEVESTIGEN,
    ),
    Page(
        "voorstel-afwijzen",
        POST,
        "/voorstellen/{voorstel}/afwijzen/",
        ok=[("uo.maatwerkcoordinator", 302)],
        denied=[("uo.bestuur", 403), ("gem.maatwerkcoordinator", 404)],
        body=MOTIVEREN,
    ),
    # -- the member's own lists and the rules (every member reads every rule) --------------------------
    Page(
        "voorstellen",
        GET,
        "/voorstellen/",
        ok=[("uo.maatwerkcoordinator", 200)],
        denied=[("uo.professional", 403)],
    ),
    Page(
        "vertrouwelijk",
        GET,
        "/vertrouwelijk/",
        ok=[("uo.vertrouwenspersoon", 200)],
        denied=[("uo.professional", 403), ("uo.teamleider", 403), ("uo.bestuur", 403)],
    ),
    Page("regel-detail", GET, "/regels/{regel}/", ok=[("gem.professional", 200), ("tk.griffie", 200)]),
]


def _melder(s: Scene) -> str:
    s.noodrem_vertrouwelijk  # noqa: B018 - the confidential brake pulled by uo.professional
    return str(s.lid("uo.professional").gebruiker.get_username())


PAGE_LISTS = [
    Lijst(
        "casussen",
        "/casussen/",
        "casus",
        ["uo.professional", "uo.bestuur"],
        ["gem.professional", "min.beleidsdirectie"],
    ),
    Lijst("zoeken", "/zoeken/?q=burger+schulden", "casus", ["uo.professional"], ["gem.professional"]),
    Lijst(
        "opdrachten",
        "/opdrachten/",
        "ontwerp",
        ["min.beleidsdirectie", "uo.bestuur"],
        ["gem.bestuur", "tk.griffie"],
    ),
    Lijst(
        "kamervragen",
        "/kamervragen/",
        "kamervraag",
        ["tk.griffie", "uo.bestuur"],
        ["gem.bestuur", "min.beleidsdirectie"],
    ),
    Lijst(
        "voorstellen", "/voorstellen/", "voorstel", ["uo.maatwerkcoordinator"], ["gem.maatwerkcoordinator"]
    ),
    # the werkvoorraad holds what the member must answer: the recipient (or higher), nobody else
    Lijst(
        "werkvoorraad-noodrem",
        "/werkvoorraad/",
        "noodrem",
        ["uo.teamleider", "uo.bestuur"],
        ["uo.professional", "gem.teamleider"],
    ),
    Lijst(
        "werkvoorraad-signaal-wet",
        "/werkvoorraad/",
        "signaal_wet",
        ["min.beleidsdirectie"],
        ["uo.teamleider"],
    ),
    Lijst(
        "werkvoorraad-kamervraag",
        "/werkvoorraad/",
        "kamervraag",
        ["uo.bestuur"],
        ["gem.bestuur", "tk.griffie"],
    ),
    # only the vertrouwenspersoon of the puller's own organisation learns who pulled confidentially
    Lijst(
        "vertrouwelijk",
        "/vertrouwelijk/",
        "noodrem_vertrouwelijk",
        ["uo.vertrouwenspersoon"],
        ["gem.vertrouwenspersoon"],
        mark=_melder,
    ),
    Lijst("regels", "/regels/", "regel", ["gem.professional", "tk.griffie"]),
]


@pytest.fixture
def scene(world) -> Scene:  # type: ignore[no-untyped-def]
    # The voorstel is uo's: a coordinator elsewhere must not find it. The world has none, so add one.
    world.leden["gem.maatwerkcoordinator"] = LidFactory(
        organisatie=world.gemeente, rol=Rol.MAATWERKCOORDINATOR, gebruikersnaam="gem-maatwerkcoordinator"
    )
    return Scene(world)


@pytest.fixture(autouse=True)
def _no_deduce(settings):  # type: ignore[no-untyped-def]
    """About access and state, not about recognising names: the fixed-form pass suffices."""
    settings.SCHAKEL_DEDUCE = False


UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _nonexistent(url: str) -> str:
    return UUID.sub(lambda _: str(uuid.uuid4()), url)


def _request(client: Client, method: str, url: str, data: dict[str, Any] | None) -> Any:
    return client.post(url, data or {}) if method == POST else client.get(url)


def _as(client: Client, scene: Scene, who: str) -> Client:
    client.logout()
    if who != "anon":
        client.force_login(scene.lid(who).gebruiker)
    return client


def assert_to_login(response: Any, url: str) -> None:
    assert response.status_code == 302, (url, response.status_code)
    assert response["Location"].startswith("/inloggen/?next="), (url, response["Location"])


@pytest.mark.parametrize("page", PAGE_ROWS, ids=[p.id for p in PAGE_ROWS])
def test_page_matrix(page: Page, scene: Scene, client: Client):  # type: ignore[no-untyped-def]
    urls = page.urls(scene)  # build the items before measuring "unchanged"
    data = page.data(scene)
    for url in urls:
        with unchanged():
            assert_to_login(_request(_as(client, scene, "anon"), page.method, url, data), url)
        for who, status in page.denied:
            c = _as(client, scene, who)
            with unchanged():
                response = _request(c, page.method, url, data)
            assert response.status_code == status, (who, url, response.status_code, response.content[:300])
            if status == 404:  # invisible looks exactly like non-existent
                with unchanged():
                    absent = _request(c, page.method, _nonexistent(url), data)
                assert (absent.status_code, absent.content) == (404, response.content), (who, url)
        for who, status in page.ok:
            before = counts()
            response = _request(_as(client, scene, who), page.method, url, data)
            assert response.status_code == status, (who, url, response.status_code, response.content[:500])
            if page.method == POST:
                assert counts() != before, (who, url, "the allowed POST changed nothing")


@pytest.mark.parametrize("lijst", PAGE_LISTS, ids=[x.id for x in PAGE_LISTS])
def test_list_page_shows_the_item_only_to_those_who_may_see_it(lijst: Lijst, scene: Scene, client: Client):  # type: ignore[no-untyped-def]
    mark = lijst.marker(scene)
    for who in lijst.sees:
        response = _as(client, scene, who).get(lijst.path)
        assert response.status_code == 200, (who, response.status_code)
        assert mark in response.content.decode(), who
    for who in lijst.blind:
        response = _as(client, scene, who).get(lijst.path)
        assert response.status_code == 200, (who, response.status_code)
        assert mark not in response.content.decode(), who
    assert_to_login(_as(client, scene, "anon").get(lijst.path), lijst.path)
