from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from schakel.core.models import Record


class Soort(models.TextChoices):
    UITVOERINGSORGANISATIE = "uitvoeringsorganisatie", _("Uitvoeringsorganisatie")
    GEMEENTE = "gemeente", _("Gemeente (medebewind)")
    PROVINCIE = "provincie", _("Provincie (medebewind)")
    WATERSCHAP = "waterschap", _("Waterschap (medebewind)")
    MINISTERIE = "ministerie", _("Ministerie")
    PARLEMENT = "parlement", _("Parlement")
    OMBUDSMAN = "ombudsman", _("Nationale ombudsman")


class Rol(models.TextChoices):
    PROFESSIONAL = "professional", _("Professional")
    TEAMLEIDER = "teamleider", _("Teamleider")
    MAATWERKCOORDINATOR = "maatwerkcoordinator", _("Maatwerkcoördinator")
    VERTROUWENSPERSOON = "vertrouwenspersoon", _("Vertrouwenspersoon")
    BESTUUR = "bestuur", _("Bestuur")
    BELEIDSDIRECTIE = "beleidsdirectie", _("Beleidsdirectie")
    BEWINDSPERSOON = "bewindspersoon", _("Bewindspersoon (en staf)")
    GRIFFIE = "griffie", _("Kamercommissie-griffie")
    BEHEERDER = "beheerder", _("Beheerder")


class Organisatie(Record):
    naam = models.CharField(max_length=200)
    code = models.SlugField(max_length=40, unique=True)
    soort = models.CharField(max_length=30, choices=Soort.choices)
    # The next organisation up the ladder between organisations: executive → ministry → parliament.
    hoger = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="lager")

    class Meta:
        ordering = ["naam"]
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"

    def __str__(self) -> str:
        return self.naam


class LadderTrede(models.Model):
    """One step of an organisation's own escalation ladder, lowest position first."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="ladder")
    positie = models.PositiveSmallIntegerField()
    rol = models.CharField(max_length=30, choices=Rol.choices)

    class Meta:
        ordering = ["organisatie", "positie"]
        constraints = [
            models.UniqueConstraint(fields=["organisatie", "positie"], name="ladder_unieke_positie"),
            models.UniqueConstraint(fields=["organisatie", "rol"], name="ladder_unieke_rol"),
        ]
        verbose_name = "escalatietrede"
        verbose_name_plural = "escalatieladder"

    def __str__(self) -> str:
        return f"{self.organisatie}: {self.positie}. {self.get_rol_display()}"


class Lid(Record):
    """A person's membership of an organisation in one role. A person may hold several."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="lidmaatschappen"
    )
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="leden")
    rol = models.CharField(max_length=30, choices=Rol.choices)
    actief = models.BooleanField(default=True)

    class Meta:
        ordering = ["organisatie", "rol"]
        constraints = [
            models.UniqueConstraint(fields=["gebruiker", "organisatie", "rol"], name="lid_uniek_per_rol"),
        ]
        verbose_name = "lid"
        verbose_name_plural = "leden"

    def __str__(self) -> str:
        return f"{self.gebruiker.get_username()} ({self.get_rol_display()}, {self.organisatie})"

    @property
    def ledger_ref(self) -> str:
        return f"lid:{self.uuid}"
