"""A new item, an answer and an escalation reach the recipient in the inbox and by e-mail; mails carry
no personal data of citizens and never reveal a confidential puller."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.utils import timezone

from schakel.beheer.tick import tick
from schakel.core.mailuitgang import mail_verzenden
from schakel.noodremmen.models import Anonimiteit
from schakel.noodremmen.services import noodrem_answer
from tests.factories import TOELICHTING, noodrem, signaal

CITIZEN_TEXT = "Mevrouw Jansen uit Utrecht, geboren 12-03-1941, kan haar aangifte niet digitaal doen"


def meldingen(client_for, who):
    response = client_for(who).get("/api/v1/meldingen/")
    assert response.status_code == 200
    return [m["tekst"] for m in response.json()["results"]]


def test_new_brake_reaches_recipient_in_inbox_and_mail(world, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        item = noodrem(world)
    recipient = f"{item.ontvanger_organisatie.code}.{item.ontvanger_rol}"
    assert any("noodrem" in t for t in meldingen(client_for, recipient))
    assert not mail.outbox  # written with the brake, sent by the tick worker
    mail_verzenden(now=timezone.now())
    assert any(world.lid(recipient).gebruiker.email in m.to for m in mail.outbox)
    assert meldingen(client_for, "gem.professional") == []


def test_answer_reaches_named_puller_and_confidential_pullers_vertrouwenspersoon_only(world, client_for):
    named = noodrem(world, anonimiteit=Anonimiteit.GENOEMD)
    confidential = noodrem(world, anonimiteit=Anonimiteit.VERTROUWELIJK)
    for item in (named, confidential):
        noodrem_answer(
            noodrem=item,
            door=world.lid(f"{item.ontvanger_organisatie.code}.{item.ontvanger_rol}"),
            soort="comply",
            toelichting=TOELICHTING,
            maatregel="De werkinstructie is aangepast.",
        )
    assert sum("antwoord" in t for t in meldingen(client_for, "uo.professional")) == 1
    assert sum("antwoord" in t for t in meldingen(client_for, "uo.vertrouwenspersoon")) == 1


def test_signal_answer_reaches_the_sender(world, client_for):
    signaal(world, state="beantwoord")
    assert any("beantwoord" in t for t in meldingen(client_for, "uo.professional"))


def test_escalation_reaches_the_new_recipient(world, client_for, django_capture_on_commit_callbacks):
    item = noodrem(world)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tick(now=item.uiterlijk + dt.timedelta(days=1))
    item.refresh_from_db()
    assert item.escalatieniveau == 1
    new = f"{item.ontvanger_organisatie.code}.{item.ontvanger_rol}"
    assert any("Geëscaleerd" in t for t in meldingen(client_for, new))
    mail_verzenden(now=timezone.now())
    assert mail.outbox


def test_mails_carry_no_citizen_text(world, anon, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = anon.post(
            "/api/v1/burger/",
            {
                "organisatie": "gem",
                "burger_soort": "klacht",
                "beginselen": ["NO-MAATWERK"],
                "motivering": CITIZEN_TEXT + " en niemand aan de balie wilde helpen.",
            },
            format="json",
        )
    assert response.status_code == 201, response.content
    code = response.json()["ontvangstcode"]
    with django_capture_on_commit_callbacks(execute=True):
        anon.post(
            "/api/v1/burger/zaak/berichten/",
            {"tekst": "Mijn adres is Dorpsstraat 1, 3511 AB Utrecht."},
            format="json",
            HTTP_SCHAKEL_ONTVANGSTCODE=code,
        )
    mail_verzenden(now=timezone.now())
    assert mail.outbox
    for message in mail.outbox:
        body = message.subject + message.body
        assert "Jansen" not in body and "1941" not in body and "Dorpsstraat" not in body and code not in body
