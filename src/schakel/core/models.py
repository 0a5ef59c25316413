"""Core records: the ledger, and the base every domain record shares (no delete, public uuid)."""

from __future__ import annotations

import json
import uuid
from typing import Any, NoReturn

from django.db import models

from schakel.core.errors import OnveranderlijkRecord


class NoDeleteQuerySet(models.QuerySet):
    def delete(self) -> NoReturn:
        raise OnveranderlijkRecord("Gegevens in Schakel worden nooit verwijderd; leg een correctie vast.")


class NoDelete(models.Model):
    """A row that is never deleted, one at a time or in bulk."""

    objects = NoDeleteQuerySet.as_manager()

    class Meta:
        abstract = True

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise OnveranderlijkRecord("Gegevens in Schakel worden nooit verwijderd; leg een correctie vast.")


class Record(NoDelete):
    """A domain record: identified publicly by a uuid (internal ids never leave the system), never deleted."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class LedgerEvent(models.Model):
    """One event in the hash chain. Columns are plain text so the digest never depends on a driver."""

    seq = models.BigIntegerField(unique=True)
    at = models.CharField(max_length=40)
    # Not indexed: nothing looks events up by kind, and every index is written again for each of millions.
    kind = models.CharField(max_length=60)
    subject_type = models.CharField(max_length=60)
    subject_id = models.CharField(max_length=64)
    actor = models.CharField(max_length=120)
    body = models.TextField()
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = NoDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["subject_type", "subject_id", "seq"], name="ledger_subject_idx")]
        verbose_name = "logboekgebeurtenis"
        verbose_name_plural = "logboekgebeurtenissen"

    def __str__(self) -> str:
        return f"#{self.seq} {self.kind}"

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise OnveranderlijkRecord("Het logboek kan alleen worden aangevuld.")

    @property
    def data(self) -> dict[str, Any]:
        result: dict[str, Any] = json.loads(self.body)
        return result


class LedgerHead(models.Model):
    """The single row (pk=1) holding the last sequence number and hash; locked while appending."""

    seq = models.BigIntegerField()
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = "logboekkop"

    def __str__(self) -> str:
        return f"Kop #{self.seq}"


class Notificatie(models.Model):
    """A message in the inbox of everyone holding a role in an organisation. Never contains citizen data."""

    # Indexed as the first column of notificatie_ontvanger_idx.
    ontvanger_organisatie = models.ForeignKey(
        "organisaties.Organisatie", on_delete=models.PROTECT, db_index=False
    )
    ontvanger_rol = models.CharField(max_length=40)
    soort = models.CharField(max_length=40)
    onderwerp_type = models.CharField(max_length=60)
    onderwerp_id = models.CharField(max_length=64)
    tekst = models.CharField(max_length=300)
    aangemaakt_op = models.DateTimeField()

    objects = NoDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["-aangemaakt_op"]
        indexes = [
            models.Index(fields=["ontvanger_organisatie", "ontvanger_rol"], name="notificatie_ontvanger_idx")
        ]
        verbose_name = "notificatie"
        verbose_name_plural = "notificaties"

    def __str__(self) -> str:
        return self.tekst


class Mailbericht(NoDelete):
    """An e-mail to everyone holding a role in an organisation, written in the transaction of the change it
    reports and sent by the tick worker (core/mailuitgang.py). A crash right after the commit or a mail
    server that is down delays it; it is not lost. The texts are those of the inbox: no citizen data.

    Whether it went out is operational state, not part of the record: `verwerkt_op`, `ontvangers`,
    `pogingen` and `fout` are the only fields that change after the row is written."""

    ontvanger_organisatie = models.ForeignKey(
        "organisaties.Organisatie", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    ontvanger_rol = models.CharField(max_length=40)
    onderwerp = models.CharField(max_length=200)
    tekst = models.TextField()
    aangemaakt_op = models.DateTimeField()
    # Set when it went out, or when the role had nobody with an e-mail address (`ontvangers` 0).
    verwerkt_op = models.DateTimeField(null=True, blank=True)
    ontvangers = models.PositiveIntegerField(default=0)
    pogingen = models.PositiveIntegerField(default=0)
    fout = models.CharField(max_length=300, blank=True, default="")

    class Meta:
        ordering = ["id"]
        # What the sender reads each round: the mails still to send, fewest attempts first, so a mail the
        # server keeps refusing never holds back the ones behind it. Sent mails leave the index.
        indexes = [
            models.Index(
                fields=["pogingen", "id"],
                condition=models.Q(verwerkt_op__isnull=True),
                name="mail_te_verzenden_idx",
            )
        ]
        verbose_name = "uitgaande e-mail"
        verbose_name_plural = "uitgaande e-mails"

    def __str__(self) -> str:
        return self.onderwerp
