"""Outgoing e-mail is a row written with the change it reports and sent by the tick worker: a crash after
the commit or a mail server that is down delays a mail, never loses it, and no mail goes out twice from
two workers at once."""

from __future__ import annotations

import datetime as dt
import smtplib
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction

from schakel.core import mailuitgang
from schakel.core.mailuitgang import mail_verzenden
from schakel.core.models import Mailbericht
from schakel.organisaties.ladder import Ontvanger
from schakel.organisaties.models import Rol
from tests.concurrency import at_once
from tests.factories import World, noodrem

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
REFUSED = "weiger"


class ServerDown(BaseEmailBackend):
    def open(self) -> bool:
        raise ConnectionRefusedError("mailserver uit")

    def send_messages(self, messages):  # pragma: no cover - open() fails first
        raise AssertionError("not reached")


class RefusesSome(BaseEmailBackend):
    """Accepts every message except those whose subject holds REFUSED (into django's locmem outbox)."""

    def send_messages(self, messages):
        for message in messages:
            if REFUSED in message.subject:
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"unknown user")})
            mail.outbox.append(message)
        return len(messages)


def _queue(world: World, tekst: str, rol: str = Rol.TEAMLEIDER) -> None:
    with transaction.atomic():
        mailuitgang.queue(Ontvanger(world.uitvoerder, rol), tekst, now=NOW)


def _te_verzenden() -> int:
    return Mailbericht.objects.filter(verwerkt_op__isnull=True).count()


def test_a_pull_writes_its_mail_in_its_own_transaction_and_the_worker_sends_it(world):
    item = noodrem(world)
    recipient = world.lid(f"{item.ontvanger_organisatie.code}.{item.ontvanger_rol}")
    assert not mail.outbox and _te_verzenden() == 1
    # Whatever happened to the web process after its commit, the mail is there to send.
    uitslag = mail_verzenden(now=NOW)
    assert uitslag == mailuitgang.MailUitslag(verzonden=1)
    assert [m.to for m in mail.outbox] == [[recipient.gebruiker.email]]
    sent = Mailbericht.objects.get()
    assert (sent.verwerkt_op, sent.ontvangers, sent.pogingen, sent.fout) == (NOW, 1, 0, "")
    assert mail_verzenden(now=NOW) == mailuitgang.MailUitslag()  # never twice


def test_a_change_that_is_rolled_back_leaves_no_mail(world):
    with pytest.raises(RuntimeError), transaction.atomic():
        mailuitgang.queue(Ontvanger(world.uitvoerder, Rol.TEAMLEIDER), "Nieuwe noodrem", now=NOW)
        raise RuntimeError("de wijziging mislukt")
    assert not Mailbericht.objects.exists()


def test_a_mail_server_that_is_down_delays_the_mails_and_marks_nothing(world, settings):
    _queue(world, "Nieuwe noodrem")
    settings.EMAIL_BACKEND = "tests.core.test_mailuitgang.ServerDown"
    assert mail_verzenden(now=NOW) == mailuitgang.MailUitslag(server_onbereikbaar=True)
    waiting = Mailbericht.objects.get()
    assert (waiting.verwerkt_op, waiting.pogingen) == (None, 0)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert mail_verzenden(now=NOW).verzonden == 1
    assert len(mail.outbox) == 1


def test_a_refused_mail_is_counted_and_retried_behind_the_new_ones(world, settings):
    settings.EMAIL_BACKEND = "tests.core.test_mailuitgang.RefusesSome"
    _queue(world, f"{REFUSED}: eerste")
    _queue(world, "tweede")
    uitslag = mail_verzenden(now=NOW, batch=1)
    assert (uitslag.verzonden, uitslag.mislukt) == (1, 1)
    refused = Mailbericht.objects.get(onderwerp__contains=REFUSED)
    assert refused.verwerkt_op is None and refused.pogingen == 1
    assert "SMTPRecipientsRefused" in refused.fout
    # A new mail goes before the one that keeps failing, with a batch of one.
    _queue(world, "derde")
    assert mail_verzenden(now=NOW, batch=1).verzonden == 1
    assert [m.subject for m in mail.outbox] == ["Schakel: tweede", "Schakel: derde"]
    refused.refresh_from_db()
    assert refused.pogingen == 2
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert mail_verzenden(now=NOW).verzonden == 1
    refused.refresh_from_db()
    assert refused.verwerkt_op == NOW and refused.fout == "" and refused.pogingen == 2


def test_a_role_without_addresses_is_handled_without_sending(world):
    world.lid("uo.teamleider").gebruiker.__class__.objects.filter(
        pk=world.lid("uo.teamleider").gebruiker_id
    ).update(email="")
    _queue(world, "Nieuwe noodrem")
    assert mail_verzenden(now=NOW) == mailuitgang.MailUitslag(zonder_ontvanger=1)
    handled = Mailbericht.objects.get()
    assert (handled.verwerkt_op, handled.ontvangers) == (NOW, 0)
    assert not mail.outbox


def test_many_mails_go_out_in_one_round_of_several_batches(world):
    for i in range(7):
        _queue(world, f"melding {i}")
    assert mail_verzenden(now=NOW, batch=3).verzonden == 7
    assert len(mail.outbox) == 7 and _te_verzenden() == 0


def test_the_tick_command_sends_what_is_waiting(world):
    noodrem(world)
    out = StringIO()
    call_command("tick", now=NOW.isoformat(), stdout=out)
    assert "; 1 e-mail verzonden" in out.getvalue()
    assert len(mail.outbox) == 1 and _te_verzenden() == 0


def test_the_tick_command_says_when_the_mail_server_is_down(world, settings):
    noodrem(world)
    settings.EMAIL_BACKEND = "tests.core.test_mailuitgang.ServerDown"
    out = StringIO()
    call_command("tick", now=NOW.isoformat(), stdout=out)
    assert "mailserver niet bereikbaar" in out.getvalue()
    assert _te_verzenden() == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_never_send_a_mail_twice(beginselen):
    world = World.build()
    for i in range(30):
        _queue(world, f"melding {i}")
    at_once(3, lambda: mail_verzenden(now=NOW, batch=4))
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == sorted(f"Schakel: melding {i}" for i in range(30))
    assert _te_verzenden() == 0
