from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from schakel.core.models import Record
from schakel.opdrachten.workflow import OpdrachtStatus


class Uitvoerbaar(models.TextChoices):
    JA = "ja", _("Ja")
    ONDER_VOORWAARDEN = "onder_voorwaarden", _("Onder voorwaarden")
    NEE = "nee", _("Nee")


class BesluitKeuze(models.TextChoices):
    VASTSTELLEN = "vaststellen", _("Vaststellen: de opdracht gaat door")
    INTREKKEN = "intrekken", _("Intrekken: de opdracht gaat niet door")


class Opdracht(Record):
    """An assignment from a ministry to an executive organisation."""

    titel = models.CharField(max_length=200)
    omschrijving = models.TextField()
    opdrachtgever = models.ForeignKey(
        "organisaties.Organisatie", on_delete=models.PROTECT, related_name="gegeven_opdrachten"
    )
    uitvoerder = models.ForeignKey(
        "organisaties.Organisatie", on_delete=models.PROTECT, related_name="opdrachten"
    )
    regel = models.ForeignKey(
        "regels.Regel", null=True, blank=True, on_delete=models.PROTECT, related_name="opdrachten"
    )
    status = models.CharField(max_length=20, choices=OpdrachtStatus.choices, default=OpdrachtStatus.ONTWERP)
    versie = models.PositiveIntegerField(default=1)
    aangemaakt_door = models.ForeignKey("organisaties.Lid", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-aangemaakt_op"]
        verbose_name = "opdracht"
        verbose_name_plural = "opdrachten"

    def __str__(self) -> str:
        return self.titel


class OpdrachtVersie(models.Model):
    """Every text of an opdracht; an amendment after a return adds a version."""

    opdracht = models.ForeignKey(Opdracht, on_delete=models.PROTECT, related_name="versies")
    versie = models.PositiveIntegerField()
    titel = models.CharField(max_length=200)
    omschrijving = models.TextField()
    op = models.DateTimeField()

    class Meta:
        ordering = ["opdracht", "versie"]
        constraints = [models.UniqueConstraint(fields=["opdracht", "versie"], name="opdrachtversie_uniek")]

    def __str__(self) -> str:
        return f"{self.titel} (versie {self.versie})"


class Uitvoeringstoets(Record):
    """The executor's implementation assessment of one version of an opdracht."""

    opdracht = models.ForeignKey(Opdracht, on_delete=models.PROTECT, related_name="toetsen")
    opdracht_versie = models.PositiveIntegerField()
    uitvoerbaar = models.CharField(max_length=20, choices=Uitvoerbaar.choices)
    voorwaarden = models.TextField(blank=True)
    kosten = models.TextField()
    doorlooptijd = models.CharField(max_length=200)
    ict = models.TextField("ICT")
    effect_burgers = models.TextField("effect op burgers")
    ondergrenzen = models.TextField("ondergrenzen van de dienstverlening")
    waardenafweging = models.TextField()
    door = models.ForeignKey("organisaties.Lid", on_delete=models.PROTECT, related_name="+")
    gegeven_op = models.DateTimeField()

    class Meta:
        ordering = ["gegeven_op"]
        verbose_name = "uitvoeringstoets"
        verbose_name_plural = "uitvoeringstoetsen"

    @property
    def negatief(self) -> bool:
        return self.uitvoerbaar != Uitvoerbaar.JA


class OpdrachtBesluit(Record):
    """The principal's decision. The noodsignaal gate: a negative toets must be weighed explicitly."""

    opdracht = models.ForeignKey(Opdracht, on_delete=models.PROTECT, related_name="besluiten")
    keuze = models.CharField(max_length=20, choices=BesluitKeuze.choices)
    motivering = models.TextField()
    gewogen_toets = models.ForeignKey(
        Uitvoeringstoets, null=True, blank=True, on_delete=models.PROTECT, related_name="wegingen"
    )
    weging_toets = models.TextField(blank=True)
    door = models.ForeignKey("organisaties.Lid", on_delete=models.PROTECT, related_name="+")
    genomen_op = models.DateTimeField()

    class Meta:
        ordering = ["genomen_op"]
        verbose_name = "besluit over opdracht"
        verbose_name_plural = "besluiten over opdrachten"
