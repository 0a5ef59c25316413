from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from schakel.core.obligations import Antwoord, Verplichting, inbox_index
from schakel.signalen.workflow import SignaalStatus


class SignaalBron(models.TextChoices):
    HANDMATIG = "handmatig", _("Door een professional")
    BERAAD = "beraad", _("Uit een beraad (solve)")
    PATROON = "patroon", _("Voorgesteld door Schakel (patroon van afwijkingen)")


class Signaal(Verplichting):
    """A knelpunt in a rule, addressed to the rule's owner, with cases as evidence."""

    regel = models.ForeignKey("regels.Regel", on_delete=models.PROTECT, related_name="signalen")
    titel = models.CharField(max_length=200)
    knelpunt = models.TextField()
    indiener = models.ForeignKey(
        "organisaties.Lid", on_delete=models.PROTECT, related_name="ingediende_signalen"
    )
    casussen = models.ManyToManyField("casussen.Casus", related_name="signalen", blank=True)
    beginselen = models.ManyToManyField("beginselen.Beginsel", related_name="signalen", blank=True)
    bron = models.CharField(max_length=20, choices=SignaalBron.choices, default=SignaalBron.HANDMATIG)
    status = models.CharField(max_length=20, choices=SignaalStatus.choices, default=SignaalStatus.OPEN)

    class Meta:
        ordering = ["uiterlijk"]
        indexes = [
            models.Index(fields=["status", "uiterlijk"], name="signaal_status_termijn_idx"),
            inbox_index("signaal_inbox_idx"),
        ]
        verbose_name = "signaal"
        verbose_name_plural = "signalen"

    def __str__(self) -> str:
        return self.titel


class SignaalAntwoord(Antwoord):
    signaal = models.ForeignKey(Signaal, on_delete=models.PROTECT, related_name="antwoorden")

    class Meta:
        ordering = ["gegeven_op"]
        verbose_name = "antwoord op signaal"
        verbose_name_plural = "antwoorden op signalen"
