"""Parliament's direct line: the griffie asks, the organisation's board answers within the term, silence
escalates and shows; nothing closes without an answer."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from schakel.beheer.tick import tick
from schakel.core.errors import GeenToegang, OngeldigeOvergang, ValidatieFout
from schakel.core.models import LedgerEvent
from schakel.core.obligations import Stilte
from schakel.kamervragen.models import KamervraagStatus
from schakel.kamervragen.services import kamervraag_beantwoorden, kamervraag_stellen
from schakel.kamervragen.workflow import kamervraag_transition
from tests.domain.snapshot import unchanged
from tests.factories import MOTIVERING, TOELICHTING

VRAAG = "Hoeveel burgers moesten in 2026 een WIA-voorschot terugbetalen omdat uw besluit te laat kwam?"


def ask(world, **kwargs):
    kwargs.setdefault("door", world.lid("tk.griffie"))
    kwargs.setdefault("organisatie", world.uitvoerder)
    return kamervraag_stellen(vraag=VRAAG, **kwargs)


def test_griffie_asks_the_board_with_a_three_week_term(world):
    kv = ask(world)
    assert (kv.ontvanger_organisatie, kv.ontvanger_rol) == (world.uitvoerder, "bestuur")
    assert (kv.uiterlijk - kv.ingediend_op).days in (21, 22)
    assert LedgerEvent.objects.filter(kind="kamervraag.gesteld").count() == 1


def test_only_the_griffie_asks_and_only_an_executive_organisation(world):
    with unchanged(), pytest.raises(GeenToegang):
        ask(world, door=world.lid("min.beleidsdirectie"))
    with unchanged(), pytest.raises(ValidatieFout) as err:
        ask(world, organisatie=world.ministerie)
    assert err.value.field == "organisatie"


def test_board_answers_once_others_cannot(world):
    kv = ask(world)
    with unchanged(), pytest.raises(GeenToegang):
        kamervraag_beantwoorden(kamervraag=kv, door=world.professional, tekst=TOELICHTING)
    kamervraag_beantwoorden(kamervraag=kv, door=world.lid("uo.bestuur"), tekst=TOELICHTING)
    kv.refresh_from_db()
    assert kv.status == KamervraagStatus.BEANTWOORD and kv.beantwoord_op is not None
    with unchanged(), pytest.raises(OngeldigeOvergang):
        kamervraag_beantwoorden(kamervraag=kv, door=world.lid("uo.bestuur"), tekst=MOTIVERING)


def test_cannot_be_closed_without_an_answer(world):
    kv = ask(world)
    with unchanged(), pytest.raises(OngeldigeOvergang), transaction.atomic():
        kamervraag_transition(kv, to=KamervraagStatus.BEANTWOORD, actor="test")


def test_silence_escalates_once_and_is_recorded(world):
    kv = ask(world)
    later = kv.uiterlijk + dt.timedelta(days=1)
    assert tick(now=later).kamervragen == 1
    assert tick(now=later).kamervragen == 0
    kv.refresh_from_db()
    assert kv.escalatieniveau == 1 and kv.ontvanger_organisatie == world.ministerie
    assert Stilte.objects.filter(onderwerp_id=str(kv.uuid), organisatie=world.uitvoerder).exists()


def test_through_the_api(world, client_for):
    griffie = client_for("tk.griffie")
    created = griffie.post("/api/v1/kamervragen/", {"organisatie": "uo", "vraag": VRAAG}, format="json")
    assert created.status_code == 201, created.content
    url = f"/api/v1/kamervragen/{created.json()['uuid']}/"
    assert client_for("gem.bestuur").get(url).status_code == 404
    assert (
        client_for("uo.professional")
        .post(f"{url}beantwoorden/", {"tekst": TOELICHTING}, format="json")
        .status_code
        == 403
    )
    answered = client_for("uo.bestuur").post(f"{url}beantwoorden/", {"tekst": TOELICHTING}, format="json")
    assert answered.status_code == 201
    assert griffie.get(url).json()["antwoord"]["tekst"] == TOELICHTING
    assert (
        client_for("uo.professional")
        .post("/api/v1/kamervragen/", {"organisatie": "uo", "vraag": VRAAG}, format="json")
        .status_code
        == 403
    )
