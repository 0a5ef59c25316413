from __future__ import annotations

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from schakel.casussen.workflow import BeraadStatus, CasusStatus
from schakel.core.models import Record


class Perspectief(models.TextChoices):
    JURIDISCH = "juridisch", _("Juridisch")
    FINANCIEEL = "financieel", _("Financieel")
    PROFESSIONEEL = "professioneel", _("Professioneel")
    BURGER = "burger", _("Burger / cliëntenraad")
    ICT = "ict", _("ICT")
    BELEID = "beleid", _("Beleid")


class Uitkomst(models.TextChoices):
    FIX = "fix", _("Fix: een individueel besluit")
    SOLVE = "solve", _("Solve: de regel moet veranderen (signaal)")
    GEEN_ACTIE = "geen_actie", _("Geen actie")


class Casus(Record):
    """A citizen's situation in which a rule misfires, pseudonymised before it is stored."""

    titel = models.CharField(max_length=200)
    omschrijving = models.TextField()
    organisatie = models.ForeignKey(
        "organisaties.Organisatie", on_delete=models.PROTECT, related_name="casussen"
    )
    behandelaar = models.ForeignKey("organisaties.Lid", on_delete=models.PROTECT, related_name="casussen")
    regels = models.ManyToManyField("regels.Regel", related_name="casussen")
    beginselen = models.ManyToManyField("beginselen.Beginsel", related_name="casussen", blank=True)
    status = models.CharField(max_length=20, choices=CasusStatus.choices, default=CasusStatus.OPEN)
    versie = models.PositiveIntegerField(default=1)
    gedeeld = models.BooleanField(default=False, help_text="Gedeeld met het interbestuurlijk leernetwerk.")

    class Meta:
        ordering = ["-aangemaakt_op"]
        verbose_name = "casus"
        verbose_name_plural = "casussen"

    def __str__(self) -> str:
        return self.titel


class CasusVersie(models.Model):
    """Every text of a casus ever stored; a correction adds a version, the old one stays."""

    casus = models.ForeignKey(Casus, on_delete=models.PROTECT, related_name="versies")
    versie = models.PositiveIntegerField()
    titel = models.CharField(max_length=200)
    omschrijving = models.TextField()
    door = models.ForeignKey("organisaties.Lid", on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField()

    class Meta:
        ordering = ["casus", "versie"]
        constraints = [models.UniqueConstraint(fields=["casus", "versie"], name="casusversie_uniek")]

    def __str__(self) -> str:
        return f"{self.titel} (versie {self.versie})"


class Beraad(Record):
    """Moral deliberation on a casus with the whole system in the room."""

    casus = models.ForeignKey(Casus, on_delete=models.PROTECT, related_name="beraden")
    voorzitter = models.ForeignKey(
        "organisaties.Lid", on_delete=models.PROTECT, related_name="voorgezeten_beraden"
    )
    vraag = models.TextField()
    deelnemers = models.ManyToManyField("organisaties.Lid", related_name="beraden")
    status = models.CharField(max_length=20, choices=BeraadStatus.choices, default=BeraadStatus.OPEN)
    uitkomst = models.CharField(max_length=20, choices=Uitkomst.choices, blank=True)
    motivering = models.TextField(blank=True)
    afgerond_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-aangemaakt_op"]
        verbose_name = "beraad"
        verbose_name_plural = "beraden"

    def __str__(self) -> str:
        return f"Beraad over {self.casus}"


class Bijdrage(Record):
    beraad = models.ForeignKey(Beraad, on_delete=models.PROTECT, related_name="bijdragen")
    perspectief = models.CharField(max_length=20, choices=Perspectief.choices)
    tekst = models.TextField()
    door = models.ForeignKey("organisaties.Lid", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["beraad", "perspectief"]
        constraints = [
            models.UniqueConstraint(fields=["beraad", "perspectief"], name="bijdrage_een_per_perspectief")
        ]
        verbose_name = "bijdrage"
        verbose_name_plural = "bijdragen"


class Maatwerkbesluit(Record):
    """A motivated deviation from a named rule in one casus, grounded in principles."""

    casus = models.ForeignKey(Casus, on_delete=models.PROTECT, related_name="maatwerkbesluiten")
    regel = models.ForeignKey("regels.Regel", on_delete=models.PROTECT, related_name="maatwerkbesluiten")
    beginselen = models.ManyToManyField("beginselen.Beginsel", related_name="maatwerkbesluiten")
    besluit = models.TextField(help_text="Wat er wordt besloten, in afwijking van de regel.")
    motivering = models.TextField()
    door = models.ForeignKey("organisaties.Lid", on_delete=models.PROTECT, related_name="+")
    genomen_op = models.DateTimeField()
    motivering_verschil = models.TextField(
        blank=True, help_text="Waarom deze casus anders is dan vergelijkbare casussen zonder afwijking."
    )
    precedenten = models.JSONField(default=list, blank=True, help_text="Uuid's van die casussen.")
    beraad = models.ForeignKey(
        Beraad, null=True, blank=True, on_delete=models.PROTECT, related_name="besluiten"
    )
    vervangt = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="vervangen_door"
    )

    class Meta:
        ordering = ["-genomen_op"]
        verbose_name = "maatwerkbesluit"
        verbose_name_plural = "maatwerkbesluiten"

    def __str__(self) -> str:
        # In the active language: it is only shown (pages, and brake titles in the werkvoorraad of the web
        # and the API). What is stored, hashed or mailed names a besluit by its uuid, never by this text
        # (tests/web/test_noodrem_soorten.py).
        return gettext("Maatwerk bij %(regel)s") % {"regel": self.regel}
