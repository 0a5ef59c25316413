"""No browser or proxy keeps a response that shows a receipt code or what a code opened: a citizen often
files on a shared computer, and the code is the only way back to an anonymous brake (issue 7)."""

from __future__ import annotations

import re

from django.test import Client
from rest_framework.test import APIClient

from tests.factories import MOTIVERING, RegelFactory

CODE = re.compile(r"[A-Z2-9]{5}(?:-[A-Z2-9]{5}){4}")
PULL = {"beginselen": ["AWB-EVENREDIGHEID"], "motivering": MOTIVERING, "anonimiteit": "anoniem"}
FILE = {
    "organisatie": "gem",
    "burger_soort": "klacht",
    "beginselen": ["AWB-EVENREDIGHEID"],
    "motivering": MOTIVERING,
}


def assert_not_kept(response, where: str) -> None:  # type: ignore[no-untyped-def]
    assert "no-store" in response.get("Cache-Control", ""), (where, response.get("Cache-Control"))


def test_responses_with_a_receipt_code_are_not_kept(world, client_for):  # type: ignore[no-untyped-def]
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    pulled = client_for("uo.professional").post(
        "/api/v1/noodremmen/", {**PULL, "niveau": "professional", "regel": str(regel.uuid)}, format="json"
    )
    assert pulled.status_code == 201
    assert_not_kept(pulled, "API pull")

    citizen = APIClient()
    filed = citizen.post("/api/v1/burger/", FILE, format="json")
    assert filed.status_code == 201
    assert_not_kept(filed, "API filing")
    code = filed.json()["ontvangstcode"]
    for c, status in [(code, 200), ("ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2", 404)]:
        followed = citizen.get("/api/v1/burger/zaak/", HTTP_SCHAKEL_ONTVANGSTCODE=c)
        assert followed.status_code == status
        assert_not_kept(followed, f"API zaak {status}")

    professional = Client()
    professional.force_login(world.lid("uo.professional").gebruiker)
    pulled_web = professional.post(
        f"/noodrem-trekken/regel/{RegelFactory(uitvoerder=world.uitvoerder).uuid}/", PULL
    )
    assert pulled_web.status_code == 201 and CODE.search(pulled_web.content.decode())
    assert_not_kept(pulled_web, "web pull")

    portal = Client()
    filed_web = portal.post("/burger/indienen/", FILE)
    assert filed_web.status_code == 201
    assert_not_kept(filed_web, "web filing")
    match = CODE.search(filed_web.content.decode())
    assert match
    opened = portal.post("/burger/volgen/", {"ontvangstcode": match.group()})
    assert opened.status_code == 302
    assert_not_kept(opened, "web volgen")
    zaak = portal.get("/burger/zaak/")
    assert zaak.status_code == 200
    assert_not_kept(zaak, "web zaak")
