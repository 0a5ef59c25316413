from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from schakel.core.models import Record


class Kader(models.TextChoices):
    AWB = "awb", _("Algemene beginselen van behoorlijk bestuur (Awb)")
    OMBUDSMAN = "ombudsman", _("Behoorlijkheidsnormen Nationale ombudsman")
    ROB = "rob", _("ROB Wegingskader goed openbaar bestuur")


class Beginsel(Record):
    """A principle of the normative framework. Versioned data: a new text is a new row with a higher
    versie; the old row stays (items cite the version that applied) and is marked vervangen."""

    code = models.CharField(max_length=40)
    versie = models.PositiveIntegerField(default=1)
    kader = models.CharField(max_length=20, choices=Kader.choices)
    naam = models.CharField(max_length=120)
    artikel = models.CharField(max_length=120, blank=True)
    uitleg = models.TextField()
    bron = models.CharField(max_length=200)
    geldig_vanaf = models.DateField()
    vervangen = models.BooleanField(default=False)

    class Meta:
        ordering = ["kader", "code", "-versie"]
        constraints = [models.UniqueConstraint(fields=["code", "versie"], name="beginsel_code_versie")]
        verbose_name = "beginsel"
        verbose_name_plural = "beginselen"

    def __str__(self) -> str:
        return f"{self.naam} ({self.artikel or self.get_kader_display()})"
