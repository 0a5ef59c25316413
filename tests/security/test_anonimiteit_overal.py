"""Issue 7: the anonymity of pullers holds in every response, log, mail and export.

One walk through a brake's whole life. A recognisable member (unique username, full name, e-mail, lid
uuid) of an organisation with a recognisable name pulls a confidential and an anonymous brake through the
API and through the web; a citizen files one from a recognisable address. The recipients write, answer,
let terms pass until parliament's clerk holds two of them; the pullers follow with their codes. Then every
byte anyone else can read — API and web as each role of every organisation, the public register and the
Staat van de Uitvoering, the admin, the mails, the logs, the JSONL export, the cache, the sessions — is
searched for those markers. Only the vertrouwenspersoon of the puller's own organisation sees who pulled
a confidential brake (the control), and only the puller's own pull response holds the receipt code."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import re
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from schakel.beheer.tick import tick
from schakel.beheer.transfer import export_jsonl
from schakel.core.mailuitgang import mail_verzenden
from schakel.core.terms import AMSTERDAM
from schakel.noodremmen.models import Noodrem
from schakel.noodremmen.receipt import normalise
from schakel.organisaties.models import Lid, Organisatie, Rol
from tests.factories import MOTIVERING, TOELICHTING, LidFactory, OrganisatieFactory, RegelFactory
from tests.security.logs import all_logged

API = "/api/v1"
BEGINSEL = "AWB-EVENREDIGHEID"
EXPLAIN = {"soort": "explain", "toelichting": TOELICHTING, "per_beginsel": {BEGINSEL: TOELICHTING}}
CODE = re.compile(r"\b[A-Z2-9]{5}(?:-[A-Z2-9]{5}){4}\b")
BURGER_ADRES = "192.0.2.173"

# Everyone who reads brakes with an account, in every organisation the brakes pass or do not pass.
LEZERS = [
    "uo.teamleider",
    "uo.bestuur",
    "uo.beheerder",
    "uo.professional",
    "uo.maatwerkcoordinator",
    "uo.vertrouwenspersoon",
    "gem.teamleider",
    "gem.vertrouwenspersoon",
    "min.beleidsdirectie",
    "min.bewindspersoon",
    "tk.griffie",
    "no.bestuur",
]


@dataclass
class Getrokken:
    uuid: str
    anonimiteit: str
    code: str
    regel: str


@dataclass
class Scene:
    melder: Lid
    collega: Lid  # another member of the puller's organisation, not its vertrouwenspersoon
    vertrouwenspersoon: Lid
    organisatie: Organisatie
    remmen: list[Getrokken] = field(default_factory=list)
    burger: Getrokken | None = None

    def alle(self) -> list[Getrokken]:
        assert self.burger is not None
        return [*self.remmen, self.burger]

    def personen(self) -> list[str]:
        user = self.melder.gebruiker
        return [
            user.username,
            user.first_name,
            user.last_name,
            user.email,
            str(self.melder.uuid),
            self.melder.uuid.hex,
            self.melder.ledger_ref,
        ]

    def codes(self) -> list[str]:
        codes = [r.code for r in self.alle()]
        return [variant for c in codes for variant in (c, normalise(c), c[:11])]

    def geheimen(self) -> list[str]:
        return [*self.personen(), *self.codes(), BURGER_ADRES]


def assert_clean(where: str, content: bytes | str, secrets: list[str]) -> None:
    text = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
    for secret in secrets:
        assert secret.lower() not in text.lower(), (where, secret)


@pytest.fixture
def scene(world) -> Scene:  # type: ignore[no-untyped-def]
    organisatie = OrganisatieFactory(
        gemeente=True, naam="Gemeente Verklikkerveen", code="verklikkerveen", hoger=world.ministerie
    )
    melder = LidFactory(organisatie=organisatie, gebruikersnaam="fenna-klokkenluider-4711")
    get_user_model().objects.filter(pk=melder.gebruiker_id).update(
        first_name="Fenneke", last_name="Klokkenluider", email="fenneke.klokkenluider.4711@melder.invalid"
    )
    melder.gebruiker.refresh_from_db()
    return Scene(
        melder=melder,
        collega=LidFactory(organisatie=organisatie, rol=Rol.TEAMLEIDER, gebruikersnaam="verklikkerveen-tl"),
        vertrouwenspersoon=LidFactory(
            organisatie=organisatie, vertrouwenspersoon=True, gebruikersnaam="verklikkerveen-vp"
        ),
        organisatie=organisatie,
    )


def api(lid: Lid, **extra: Any) -> APIClient:
    client = APIClient(**extra)
    client.force_authenticate(user=lid.gebruiker)
    client.credentials(HTTP_SCHAKEL_LID=str(lid.uuid))
    return client


def web(lid: Lid) -> Client:
    client = Client()
    client.force_login(lid.gebruiker)
    return client


def _pull_api(scene: Scene, world: Any, anonimiteit: str) -> Getrokken:
    regel = str(RegelFactory(uitvoerder=world.uitvoerder).uuid)
    body = {
        "niveau": "professional",
        "regel": regel,
        "beginselen": [BEGINSEL],
        "motivering": MOTIVERING,
        "anonimiteit": anonimiteit,
    }
    response = api(scene.melder).post(f"{API}/noodremmen/", body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["noodrem"]["getrokken_door"] is None
    return Getrokken(data["noodrem"]["uuid"], anonimiteit, data["ontvangstcode"], regel)


def _pull_web(scene: Scene, world: Any, client: Client, anonimiteit: str) -> Getrokken:
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    response = client.post(
        f"/noodrem-trekken/regel/{regel.uuid}/",
        {"beginselen": [BEGINSEL], "motivering": MOTIVERING, "anonimiteit": anonimiteit},
    )
    assert response.status_code == 201, response.content
    codes = CODE.findall(response.content.decode())
    assert len(codes) == 1
    return Getrokken(str(Noodrem.objects.get(regel=regel).uuid), anonimiteit, codes[0], str(regel.uuid))


def _live_a_life(scene: Scene, world: Any) -> None:
    """Pull, write, answer two at the first recipient, let the other two climb to parliament."""
    puller_web = web(scene.melder)
    for anonimiteit in ("vertrouwelijk", "anoniem"):
        scene.remmen.append(_pull_api(scene, world, anonimiteit))
    for anonimiteit in ("vertrouwelijk", "anoniem"):
        scene.remmen.append(_pull_web(scene, world, puller_web, anonimiteit))
    filed = APIClient(REMOTE_ADDR=BURGER_ADRES).post(
        f"{API}/burger/",
        {"organisatie": "uo", "burger_soort": "bezwaar", "beginselen": [BEGINSEL], "motivering": MOTIVERING},
        format="json",
    )
    assert filed.status_code == 201, filed.content
    burger_uuid = str(Noodrem.objects.get(niveau="burger").uuid)
    scene.burger = Getrokken(burger_uuid, "anoniem", filed.json()["ontvangstcode"], regel="")

    teamleider = api(world.lid("uo.teamleider"))
    for r in scene.alle():
        tekst = {"tekst": "Wij kijken ernaar."}
        wrote = teamleider.post(f"{API}/noodremmen/{r.uuid}/berichten/", tekst, format="json")
        assert wrote.status_code == 201
        follower = APIClient(REMOTE_ADDR="192.0.2.9", HTTP_SCHAKEL_ONTVANGSTCODE=r.code)
        assert follower.post(f"{API}/burger/zaak/berichten/", tekst, format="json").status_code == 201
    for r in scene.remmen[2:]:
        answered = teamleider.post(f"{API}/noodremmen/{r.uuid}/beantwoorden/", EXPLAIN, format="json")
        assert answered.status_code == 201, answered.content

    for week in range(1, 9):
        tick(now=timezone.now() + dt.timedelta(weeks=6 * week))
    for r in scene.remmen[:2]:
        assert Noodrem.objects.get(uuid=r.uuid).ontvanger_organisatie == world.parlement
    griffie = api(world.lid("tk.griffie"))
    answered = griffie.post(f"{API}/noodremmen/{scene.remmen[0].uuid}/beantwoorden/", EXPLAIN, format="json")
    assert answered.status_code == 201, answered.content


def _api_urls(scene: Scene) -> list[str]:
    urls = ["/noodremmen/", "/noodremmen/?status=getrokken", "/werkvoorraad/", "/meldingen/", "/ik/"]
    for r in scene.alle():
        urls += [f"/noodremmen/{r.uuid}/", f"/noodremmen/{r.uuid}/gebeurtenissen/"]
        urls += [f"/noodremmen/{r.uuid}/berichten/"]
        urls += [f"/regels/{r.regel}/"] if r.regel else []
    return [API + u for u in urls]


def _web_urls(scene: Scene) -> list[str]:
    urls = ["/", "/werkvoorraad/", "/casussen/", "/regels/", "/vertrouwelijk/"]
    for r in scene.alle():
        urls += [f"/noodremmen/{r.uuid}/"] + ([f"/regels/{r.regel}/"] if r.regel else [])
    return urls


def _public_urls(scene: Scene) -> list[str]:
    jaar = timezone.now().astimezone(AMSTERDAM).year
    urls = ["/register/", "/register/register.json", "/register/register.csv", "/register/antwoorden.atom"]
    urls += ["/register/organisatie/uo/", "/register/organisatie/verklikkerveen/", "/burger/"]
    urls += [f"/register/staat/{jaar}/"] + [
        f"/register/staat/{jaar}/staat.{f}" for f in ("json", "csv", "pdf")
    ]
    for r in scene.alle():
        urls += [f"/register/item/{r.uuid}/"] + ([f"/register/regel/{r.regel}/"] if r.regel else [])
    return urls


def _admin_urls(scene: Scene) -> list[str]:
    urls = [
        "/beheer/",
        "/beheer/noodremmen/noodrem/",
        "/beheer/noodremmen/noodremantwoord/",
        "/beheer/noodremmen/bericht/",
        "/beheer/core/ledgerevent/",
        "/beheer/core/notificatie/",
        "/beheer/core/mailbericht/",
        "/beheer/core/stilte/",
    ]
    pks = Noodrem.objects.filter(uuid__in=[r.uuid for r in scene.remmen]).values_list("pk", flat=True)
    return urls + [f"/beheer/noodremmen/noodrem/{pk}/change/" for pk in pks]


def _export_rows() -> list[dict[str, Any]]:
    out = io.StringIO()
    export_jsonl(out)
    return [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]


def _pks(value: Any) -> set[Any]:
    """The primary keys a serialised relation holds: one, none, or a list (many-to-many)."""
    if isinstance(value, list):
        return set(map(repr, value)) if any(isinstance(v, list) for v in value) else set(value)
    return set() if value is None else {value}


def _check_export(scene: Scene) -> None:
    """The export is lossless, so the puller's own user and member rows are in it, and so is the one row
    the vertrouwenspersoon reads (NoodremMelder, for a confidential brake only). Nothing else names the
    puller, and nothing at all ties an anonymous brake to the puller or their organisation."""
    melder, user_pk, org_pk = scene.melder, scene.melder.gebruiker_id, scene.organisatie.pk
    eigen_leden = set(Lid.objects.filter(organisatie=scene.organisatie).values_list("pk", flat=True))
    eigen_uuids = {str(u) for u in Lid.objects.filter(pk__in=eigen_leden).values_list("uuid", flat=True)}
    eigen_uuids.add(str(scene.organisatie.uuid))
    remmen = {r.uuid: r for r in scene.alle()}
    pk_van = dict(Noodrem.objects.filter(uuid__in=remmen).values_list("pk", "uuid"))
    anoniem_pks = {pk for pk, u in pk_van.items() if remmen[str(u)].anonimiteit == "anoniem"}
    anoniem_uuids = {u for u, r in remmen.items() if r.anonimiteit == "anoniem"}
    melders: list[int] = []
    for row in _export_rows():
        label, fields = row["model"], row["fields"]
        model = apps.get_model(label)
        if label == "noodremmen.noodremmelder":
            assert fields["lid"] == melder.pk and fields["noodrem"] not in anoniem_pks, row
            melders.append(fields["noodrem"])
            continue
        if (label == "auth.user" and row["pk"] == user_pk) or (
            label == "organisaties.lid" and row["pk"] in eigen_leden
        ):
            continue
        if label == "core.ledgerevent" and fields["subject_id"] in eigen_uuids:
            continue
        assert_clean(f"export {label}", json.dumps(row, ensure_ascii=False), scene.geheimen())
        names = {f.name: f.related_model for f in model._meta.get_fields() if f.is_relation and f.concrete}
        about_anonymous = any(
            related is Noodrem and bool(_pks(fields.get(n)) & anoniem_pks) for n, related in names.items()
        ) or any(u in json.dumps(fields) for u in anoniem_uuids)
        for name, related in names.items():
            value = fields.get(name)
            if related is Lid:
                assert melder.pk not in _pks(value), row
            if related is Organisatie and about_anonymous:
                assert org_pk not in _pks(value), ("an anonymous brake names the puller's organisation", row)
        if about_anonymous:
            assert str(scene.organisatie.uuid) not in json.dumps(row), row
    vertrouwelijk = {pk for pk, u in pk_van.items() if remmen[str(u)].anonimiteit == "vertrouwelijk"}
    assert len(vertrouwelijk) == 2 and sorted(melders) == sorted(vertrouwelijk)


def test_no_response_log_mail_or_export_names_who_pulled(  # type: ignore[no-untyped-def]
    world, scene, caplog, settings, django_capture_on_commit_callbacks
):
    settings.SCHAKEL_DEDUCE = False
    caplog.set_level(logging.DEBUG)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _live_a_life(scene, world)
    secrets = scene.geheimen()
    seen: dict[tuple[str, str], int] = {}

    # Following with the code shows the item, never who pulled it (a code can be passed on).
    for r in scene.alle():
        own = APIClient(REMOTE_ADDR="192.0.2.9").get(f"{API}/burger/zaak/", HTTP_SCHAKEL_ONTVANGSTCODE=r.code)
        assert own.status_code == 200
        assert_clean("burger/zaak", own.content, scene.personen() + [BURGER_ADRES])
        portal = Client(REMOTE_ADDR="192.0.2.10")
        assert portal.post("/burger/volgen/", {"ontvangstcode": r.code}).status_code == 302
        page = portal.get("/burger/zaak/")
        assert page.status_code == 200 and r.code not in page.content.decode()
        assert_clean("web burger/zaak", page.content, secrets)

    for who in [*LEZERS, scene.collega]:
        lid = world.lid(who) if isinstance(who, str) else who
        name = who if isinstance(who, str) else "verklikkerveen.teamleider"
        for url in _api_urls(scene):
            response = api(lid).get(url)
            seen[(name, url)] = response.status_code
            assert_clean(f"{name} {url}", response.content, secrets)
        browser = web(lid)
        for url in _web_urls(scene):
            response = browser.get(url)
            seen[(name, url)] = response.status_code
            assert_clean(f"{name} web {url}", response.content, secrets)
            # Outside the puller's own organisation not even the organisation is shown (the list pages
            # offer every organisation as a filter, so only the pages about brakes are searched).
            if lid.organisatie != scene.organisatie and not url.startswith(("/casussen/", "/regels/")):
                assert_clean(f"{name} web {url}", response.content, ["Verklikkerveen"])
        if lid.organisatie != scene.organisatie:
            for url in _api_urls(scene):
                assert_clean(f"{name} {url}", api(lid).get(url).content, [str(scene.organisatie.uuid)])
    # The checks bite: the recipients read every brake, parliament's clerk the two that reached it.
    for r in scene.alle():
        assert seen[("uo.teamleider", f"{API}/noodremmen/{r.uuid}/gebeurtenissen/")] == 200
        assert seen[("uo.teamleider", f"/noodremmen/{r.uuid}/")] == 200
    for r in scene.remmen[:2]:
        assert seen[("tk.griffie", f"{API}/noodremmen/{r.uuid}/")] == 200
        assert seen[("tk.griffie", f"/noodremmen/{r.uuid}/")] == 200

    public = Client()
    for url in _public_urls(scene):
        response = public.get(url)
        assert response.status_code == 200, url
        assert_clean(f"public {url}", response.content, secrets)
    assert public.get(f"{API}/noodremmen/").status_code in (401, 403)

    admin = Client()
    admin.force_login(get_user_model().objects.create_superuser("beheer-admin", "beheer@admin.invalid", "x"))
    for url in _admin_urls(scene):
        response = admin.get(url)
        assert response.status_code == 200, url
        assert_clean(f"admin {url}", response.content, secrets)
    assert admin.get("/beheer/noodremmen/noodremmelder/").status_code == 404

    # The control: the puller's vertrouwenspersoon sees who pulled the confidential brakes, and only those.
    page = web(scene.vertrouwenspersoon).get("/vertrouwelijk/").content.decode()
    assert scene.melder.gebruiker.email in page and "Fenneke Klokkenluider" in page
    assert page.count("fenneke.klokkenluider.4711@melder.invalid") == 2 * 2  # link text and mailto, twice
    assert_clean("vertrouwenspersoon", page, scene.codes())

    mail_verzenden(now=timezone.now() + dt.timedelta(weeks=60))
    assert mail.outbox, "the recipients were told"
    for message in mail.outbox:
        text = "\n".join([message.subject, message.body, message.from_email, *message.to, *message.cc])
        assert_clean("mail", text, secrets)
        # The answer on a confidential brake is mailed to the puller's vertrouwenspersoon, whose address
        # names the organisation; what the mail says never does.
        assert_clean("mail", message.subject + message.body, ["Verklikkerveen", str(scene.organisatie.uuid)])

    _check_export(scene)
    assert_clean("logs", all_logged(caplog), [*secrets, "Verklikkerveen", str(scene.organisatie.uuid)])

    # Counters of attempts and filings are keyed by address: never the address itself.
    stored = getattr(cache, "_cache", {})
    assert stored, "the local-memory cache holds the throttles"
    assert_clean("cache", "\n".join(f"{k!r}={v!r}" for k, v in stored.items()), [BURGER_ADRES])
    # A web pull leaves nothing in the puller's session that ties them to the brake.
    for session in Session.objects.all():
        data = session.get_decoded()
        if str(data.get("_auth_user_id")) == str(scene.melder.gebruiker_id):
            assert_clean("session", repr(data), [r.uuid for r in scene.remmen] + scene.codes())
