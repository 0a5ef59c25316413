"""The logs never hold who pulled an anonymous or confidential brake, nor a receipt code: every record
written while pulling, filing, following with the code (right, wrong, throttled) and during a database
outage is checked, at DEBUG level on every logger. (The gunicorn access log is configured without query
strings or client addresses in src/schakel/gunicorn_conf.py.)"""

from __future__ import annotations

import logging

import pytest
from django.contrib.auth import get_user_model
from django.db import OperationalError
from django.test import Client
from rest_framework.test import APIClient

from schakel.noodremmen.receipt import normalise
from tests.factories import MOTIVERING, RegelFactory
from tests.security.logs import all_logged

BEGINSEL = "AWB-EVENREDIGHEID"


@pytest.mark.parametrize("anonimiteit", ["anoniem", "vertrouwelijk"])
def test_an_anonymous_pull_and_its_receipt_code_stay_out_of_the_logs(  # type: ignore[no-untyped-def]
    anonimiteit, world, client_for, caplog, monkeypatch, django_capture_on_commit_callbacks
):
    puller = world.lid("uo.professional")
    get_user_model().objects.filter(pk=puller.gebruiker_id).update(
        first_name="Fenna", last_name="Klokkenluider", email="fenna.klokkenluider@uo.invalid"
    )
    puller.gebruiker.refresh_from_db()
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    caplog.set_level(logging.DEBUG)

    with django_capture_on_commit_callbacks(execute=True):
        pulled = client_for("uo.professional").post(
            "/api/v1/noodremmen/",
            {
                "niveau": "professional",
                "regel": str(regel.uuid),
                "beginselen": [BEGINSEL],
                "motivering": MOTIVERING,
                "anonimiteit": anonimiteit,
            },
            format="json",
        )
    assert pulled.status_code == 201, pulled.content
    code = pulled.json()["ontvangstcode"]
    # a refused pull by the same member logs its 400 too
    assert (
        client_for("uo.professional")
        .post("/api/v1/noodremmen/", {"anonimiteit": anonimiteit}, format="json")
        .status_code
        == 400
    )

    citizen = APIClient(REMOTE_ADDR="192.0.2.40")
    filed = citizen.post(
        "/api/v1/burger/",
        {"organisatie": "gem", "burger_soort": "klacht", "beginselen": [BEGINSEL], "motivering": MOTIVERING},
        format="json",
    )
    assert filed.status_code == 201
    burger_code = filed.json()["ontvangstcode"]

    for c in (code, burger_code):
        assert citizen.get("/api/v1/burger/zaak/", HTTP_SCHAKEL_ONTVANGSTCODE=c).status_code == 200
        web = Client(REMOTE_ADDR="192.0.2.41")
        assert web.post("/burger/volgen/", {"ontvangstcode": c}).status_code == 302
        assert web.get("/burger/zaak/").status_code == 200
    wrong = "ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2"
    for _ in range(21):
        citizen.get("/api/v1/burger/zaak/", HTTP_SCHAKEL_ONTVANGSTCODE=wrong)
    assert citizen.get("/api/v1/burger/zaak/", HTTP_SCHAKEL_ONTVANGSTCODE=code).status_code == 429

    monkeypatch.setattr(
        "schakel.noodremmen.ontvangstcode.noodrem_by_receipt",
        _raise(OperationalError(f"server closed the connection; query had {code}")),
    )
    outage = APIClient(REMOTE_ADDR="192.0.2.42", raise_request_exception=False).get(
        "/api/v1/burger/zaak/", HTTP_SCHAKEL_ONTVANGSTCODE=code
    )
    assert outage.status_code == 503

    logged = all_logged(caplog)
    assert "Not Found: /api/v1/burger/zaak/" in logged, "the capture works"
    secrets = [
        puller.gebruiker.username,
        "Fenna",
        "Klokkenluider",
        puller.gebruiker.email,
        str(puller.uuid),
        puller.ledger_ref,
    ]
    for c in (code, burger_code, wrong):
        secrets += [c, normalise(c), c[:11]]
    for secret in secrets:
        assert secret not in logged, secret


def _raise(exc: Exception):  # type: ignore[no-untyped-def]
    def raiser(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise exc

    return raiser
