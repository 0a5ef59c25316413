"""Pulling a professional brake on every kind of subject (casus, regel, maatwerkbesluit, opdracht): the
form names and links the subject, the brake reaches the right recipient, and a subject the member may not
see is a 404. The maatwerkbesluit pages link to `web:noodrem_trekken` with soort "maatwerkbesluit"."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from django.urls import NoReverseMatch, reverse

from schakel.noodremmen.models import Niveau, Noodrem
from tests.factories import RegelFactory, casus, maatwerkbesluit, opdracht

MOTIVERING = "Volledige terugvordering binnen zes weken duwt deze mensen diep in de schulden."


def subject(world: Any, soort: str) -> Any:
    if soort == "casus":
        return casus(world)
    if soort == "regel":
        return RegelFactory(uitvoerder=world.uitvoerder)
    if soort == "maatwerkbesluit":
        return maatwerkbesluit(world)
    return opdracht(world, state="vastgesteld")


def subject_links(item: Any, pagina: str) -> list[str]:
    """Where the form may link the subject: a besluit on its own page once the site has one, else its casus."""
    if pagina == "casus" and item._meta.model_name == "maatwerkbesluit":
        links = [reverse("web:casus", args=[item.casus.uuid])]
        with contextlib.suppress(NoReverseMatch):
            links.append(reverse("web:maatwerkbesluit", args=[item.uuid]))
        return links
    return [reverse(f"web:{pagina}", args=[item.uuid])]


# (kind, who pulls, recipient organisation code, recipient role, page the form links back to)
CASES = [
    ("casus", "uo.professional", "uo", "teamleider", "casus"),
    ("regel", "gem.professional", "uo", "teamleider", "regel"),
    ("maatwerkbesluit", "uo.teamleider", "uo", "teamleider", "casus"),
    ("opdracht", "uo.professional", "uo", "bestuur", "opdracht"),
    ("opdracht", "min.beleidsdirectie", "uo", "bestuur", "opdracht"),
]


@pytest.mark.parametrize(("soort", "key", "org", "rol", "pagina"), CASES)
def test_pull_on_every_kind_reaches_the_right_recipient(world, login, soort, key, org, rol, pagina):
    item = subject(world, soort)
    client = login(key)
    url = reverse("web:noodrem_trekken", args=[soort, item.uuid])
    form = client.get(url)
    assert form.status_code == 200
    html = form.content.decode()
    assert "Waarom vragen we dit?" in html and str(item) in html
    links = subject_links(item, pagina)
    assert any(f'href="{link}"' in html for link in links), links
    response = client.post(
        url, {"beginselen": ["AWB-EVENREDIGHEID"], "motivering": MOTIVERING, "anonimiteit": "genoemd"}
    )
    n = Noodrem.objects.get(**{soort: item})
    assert response.status_code == 302 and response["Location"] == f"/noodremmen/{n.uuid}/"
    assert n.niveau == Niveau.PROFESSIONAL
    assert (n.ontvanger_organisatie.code, n.ontvanger_rol) == (org, rol)
    detail = client.get(f"/noodremmen/{n.uuid}/").content.decode()
    assert any(f'href="{link}"' in detail for link in links)  # the brake links back to its subject


@pytest.mark.parametrize("soort", ["casus", "maatwerkbesluit", "opdracht"])
def test_a_subject_the_member_cannot_see_is_404(world, login, soort):
    item = subject(world, soort)
    client = login("gem.professional")
    url = reverse("web:noodrem_trekken", args=[soort, item.uuid])
    assert client.get(url).status_code == 404
    assert (
        client.post(url, {"beginselen": ["AWB-EVENREDIGHEID"], "motivering": MOTIVERING}).status_code == 404
    )
    assert not Noodrem.objects.exists()


def test_unknown_kind_is_404_and_login_is_needed(world, login, client):
    item = subject(world, "regel")
    assert client.get(f"/noodrem-trekken/regel/{item.uuid}/")["Location"].startswith("/inloggen/")
    assert login("uo.professional").get(f"/noodrem-trekken/burger/{item.uuid}/").status_code == 404


def test_the_maatwerkbesluit_form_refuses_without_principle(world, login):
    besluit = maatwerkbesluit(world)
    response = login("uo.professional").post(
        reverse("web:noodrem_trekken", args=["maatwerkbesluit", besluit.uuid]),
        {"motivering": MOTIVERING, "anonimiteit": "genoemd"},
    )
    assert response.status_code == 400
    assert 'id="id_beginselen-fout"' in response.content.decode()
    assert not Noodrem.objects.exists()


def test_the_executors_bestuur_is_pointed_to_returning_the_whole_opdracht(world, login):
    o = subject(world, "opdracht")
    url = reverse("web:noodrem_trekken", args=["opdracht", o.uuid])
    assert f"/opdrachten/{o.uuid}/teruggeven/" in login("uo.bestuur").get(url).content.decode()
    assert f"/opdrachten/{o.uuid}/teruggeven/" not in login("uo.professional").get(url).content.decode()


def _stored_texts() -> str:
    from django.apps import apps
    from django.db import models

    texts = []
    for model in apps.get_models():
        names = [
            f.name for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)
        ]
        if names:
            texts.extend(str(v) for row in model.objects.values_list(*names) for v in row)
    return "\n".join(texts)


def test_a_maatwerkbesluit_is_named_in_english_on_english_pages_and_stored_as_before(world, login):  # type: ignore[no-untyped-def]
    from django.utils import translation

    besluit = maatwerkbesluit(world)
    regel = str(besluit.regel)
    client = login("uo.teamleider")  # pulls, and as the executor's teamleider also receives it
    client.cookies["django_language"] = "en"
    url = reverse("web:noodrem_trekken", args=["maatwerkbesluit", besluit.uuid])
    try:
        form = client.get(url).content.decode()
        client.post(
            url, {"beginselen": ["AWB-EVENREDIGHEID"], "motivering": MOTIVERING, "anonimiteit": "genoemd"}
        )
        n = Noodrem.objects.get(maatwerkbesluit=besluit)
        detail = client.get(f"/noodremmen/{n.uuid}/").content.decode()
        werk = client.get("/werkvoorraad/").content.decode()
        api = client.get("/api/v1/werkvoorraad/").json()
    finally:
        translation.deactivate()  # the requests left English on this thread
    shown = f"Tailored decision on {regel}"
    for html in (form, detail, werk):
        assert shown in html and "Maatwerk bij" not in html
    assert any(shown in str(rij.get("titel")) for rij in api["results"])
    # The ledger, the inbox and the mails name the besluit by its uuid: nothing stored took the page's words.
    stored = _stored_texts()
    assert "Tailored" not in stored and "Maatwerk bij" not in stored
    assert str(besluit) == f"Maatwerk bij {regel}"  # Dutch again once the request is over
