"""Outgoing e-mail: written in the transaction of the change it reports, sent afterwards by the tick worker.

Sending on commit from the web process lost the mail when the process died between the commit and the send,
or when the mail server refused it (it was sent with fail_silently). Now the mail is a row: a crash or an
unreachable server delays it until the next round, and every attempt that failed is counted on it. A mail
may go out twice if the worker dies after the server accepted it and before the row is marked: at least
once, never not at all.

Recipients are the role holders with an e-mail address at the moment of sending, as the inbox shows the
message to whoever holds the role when they look."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction

from schakel.core.bulk import insert_rows
from schakel.core.models import Mailbericht
from schakel.organisaties.ladder import Ontvanger
from schakel.organisaties.selectors import adressen_per_rol

logger = logging.getLogger("schakel.mail")

# Every column: rows are inserted in bulk, where the model's defaults do not apply.
_VELDEN = (
    "ontvanger_organisatie_id",
    "ontvanger_rol",
    "onderwerp",
    "tekst",
    "aangemaakt_op",
    "ontvangers",
    "pogingen",
    "fout",
)


def _rij(ontvanger: Ontvanger, tekst: str, body: str | None, now: dt.datetime) -> tuple[object, ...]:
    onderwerp = "Schakel: " + tekst[:60]
    return (
        ontvanger.organisatie.pk,
        ontvanger.rol,
        onderwerp,
        (body or tekst) + "\n\nBekijk het in Schakel.",
        now,
        0,
        0,
        "",
    )


def queue(ontvanger: Ontvanger, tekst: str, *, now: dt.datetime, body: str | None = None) -> None:
    """One e-mail to the holders of `ontvanger`'s role: `tekst` is its subject line (cut to 60 characters)
    and, without `body`, its text. Must run inside the caller's transaction."""
    queue_many([(ontvanger, tekst, body)], now=now)


def queue_many(mails: Sequence[tuple[Ontvanger, str, str | None]], *, now: dt.datetime) -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("mailuitgang.queue must be called inside transaction.atomic")
    if mails:
        insert_rows(Mailbericht, _VELDEN, [_rij(o, tekst, body, now) for o, tekst, body in mails])


@dataclass(frozen=True)
class MailUitslag:
    verzonden: int = 0
    zonder_ontvanger: int = 0
    mislukt: int = 0
    server_onbereikbaar: bool = False


def mail_verzenden(*, now: dt.datetime, batch: int = 200) -> MailUitslag:
    """Send every mail still to send, `batch` per transaction, and mark each. A mail the server refuses
    stays to send, one attempt more; a server that cannot be reached ends the round and marks nothing.

    Rows are locked with SKIP LOCKED, so two tick workers never send the same mail."""
    totaal = MailUitslag()
    tried: set[int] = set()
    while True:
        uitslag, ids = _batch(now=now, batch=batch, tried=tried)
        totaal = MailUitslag(
            totaal.verzonden + uitslag.verzonden,
            totaal.zonder_ontvanger + uitslag.zonder_ontvanger,
            totaal.mislukt + uitslag.mislukt,
            uitslag.server_onbereikbaar,
        )
        # A refused mail gets one attempt more and so sorts behind the untried ones: a batch of nothing
        # but mails tried in this round (which _batch leaves alone) means every mail has had its turn.
        # Each other batch tries at least one new mail, so the round ends.
        if uitslag.server_onbereikbaar or len(ids) < batch or ids <= tried:
            return totaal
        tried |= ids


def _batch(*, now: dt.datetime, batch: int, tried: set[int]) -> tuple[MailUitslag, set[int]]:
    with transaction.atomic():
        mails = list(
            Mailbericht.objects.select_for_update(skip_locked=True)
            .filter(verwerkt_op__isnull=True)
            .order_by("pogingen", "id")[:batch]
        )
        ids = {m.pk for m in mails}
        if not mails or ids <= tried:
            return MailUitslag(), ids
        adressen = adressen_per_rol((m.ontvanger_organisatie_id, m.ontvanger_rol) for m in mails)
        verbinding = get_connection(fail_silently=False)
        try:
            verbinding.open()
        except (OSError, smtplib.SMTPException) as exc:
            logger.warning(
                "mailserver niet bereikbaar (%s); %d e-mails wachten", type(exc).__name__, len(mails)
            )
            return MailUitslag(server_onbereikbaar=True), set()
        verzonden = zonder = mislukt = 0
        try:
            for mail in mails:
                aan = sorted(set(adressen.get((mail.ontvanger_organisatie_id, mail.ontvanger_rol), [])))
                if not aan:
                    mail.verwerkt_op, mail.ontvangers = now, 0
                    zonder += 1
                    continue
                try:
                    EmailMessage(
                        mail.onderwerp, mail.tekst, settings.DEFAULT_FROM_EMAIL, aan, connection=verbinding
                    ).send()
                except (OSError, smtplib.SMTPException) as exc:
                    mail.pogingen += 1
                    mail.fout = f"{type(exc).__name__}: {exc}"[:300]
                    mislukt += 1
                    continue
                mail.verwerkt_op, mail.ontvangers, mail.fout = now, len(aan), ""
                verzonden += 1
        finally:
            verbinding.close()
        Mailbericht.objects.bulk_update(mails, ["verwerkt_op", "ontvangers", "pogingen", "fout"])
    if mislukt:
        logger.warning("%d e-mails geweigerd door de mailserver; volgende ronde opnieuw", mislukt)
    return MailUitslag(verzonden, zonder, mislukt), ids
