from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from schakel.core.models import Record


class RegelSoort(models.TextChoices):
    WET = "wet", _("Wet")
    AMVB = "amvb", _("AMvB of ministeriële regeling")
    BELEIDSREGEL = "beleidsregel", _("Beleidsregel")
    WERKINSTRUCTIE = "werkinstructie", _("Werkinstructie")


class Regel(Record):
    """A rule and its owner: the organisation and role that can change it, to whom signals go."""

    titel = models.CharField(max_length=200)
    soort = models.CharField(max_length=20, choices=RegelSoort.choices)
    bwb_id = models.CharField("BWB-id", max_length=20, blank=True)
    artikel = models.CharField(max_length=60, blank=True)
    omschrijving = models.TextField(blank=True)
    uitvoerder = models.ForeignKey(
        "organisaties.Organisatie",
        on_delete=models.PROTECT,
        related_name="uitgevoerde_regels",
        help_text="De organisatie die de regel toepast.",
    )
    eigenaar_organisatie = models.ForeignKey(
        "organisaties.Organisatie", on_delete=models.PROTECT, related_name="eigen_regels"
    )
    eigenaar_rol = models.CharField(max_length=30)

    class Meta:
        ordering = ["titel"]
        verbose_name = "regel"
        verbose_name_plural = "regels"

    def __str__(self) -> str:
        ref = f" ({self.bwb_id} {self.artikel})".rstrip() if self.bwb_id else ""
        return f"{self.titel}{ref}"
