from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from schakel.core.models import NoDeleteQuerySet, Record
from schakel.core.obligations import Antwoord, Verplichting, inbox_index
from schakel.noodremmen.workflow import NoodremStatus


class Niveau(models.TextChoices):
    BURGER = "burger", _("Burger")
    PROFESSIONAL = "professional", _("Professional")
    ORGANISATIE = "organisatie", _("Organisatie (opdracht teruggeven)")


class Anonimiteit(models.TextChoices):
    GENOEMD = "genoemd", _("Met naam")
    VERTROUWELIJK = "vertrouwelijk", _("Vertrouwelijk: alleen de vertrouwenspersoon kent mij")
    ANONIEM = "anoniem", _("Anoniem: niemand kent mij, ik volg het met een ontvangstcode")


class BurgerSoort(models.TextChoices):
    BEZWAAR = "bezwaar", _("Bezwaar")
    KLACHT = "klacht", _("Klacht")


class TeruggaveKeuze(models.TextChoices):
    INTREKKEN = "intrekken", _("Intrekken")
    WIJZIGEN = "wijzigen", _("Wijzigen (nieuwe uitvoeringstoets)")
    HERBEVESTIGEN = "herbevestigen", _("Herbevestigen (Kamer geïnformeerd)")


class Noodrem(Verplichting):
    """An emergency brake: the recipient must comply or explain within the term."""

    niveau = models.CharField(max_length=20, choices=Niveau.choices)
    # The subject: exactly one of these (a citizen names their own case at an organisation).
    casus = models.ForeignKey(
        "casussen.Casus",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="noodremmen",
        db_index=False,
    )
    regel = models.ForeignKey(
        "regels.Regel", null=True, blank=True, on_delete=models.PROTECT, related_name="noodremmen"
    )
    maatwerkbesluit = models.ForeignKey(
        "casussen.Maatwerkbesluit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="noodremmen",
        db_index=False,
    )
    opdracht = models.ForeignKey(
        "opdrachten.Opdracht",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="noodremmen",
        db_index=False,
    )
    zaak_kenmerk = models.CharField(max_length=100, blank=True)
    burger_soort = models.CharField(max_length=20, choices=BurgerSoort.choices, blank=True)
    beginselen = models.ManyToManyField("beginselen.Beginsel", related_name="noodremmen")
    motivering = models.TextField()
    anonimiteit = models.CharField(max_length=20, choices=Anonimiteit.choices)
    # Only set when the puller chose to be named; otherwise see NoodremMelder (confidential) or nothing.
    getrokken_door = models.ForeignKey(
        "organisaties.Lid",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="getrokken_noodremmen",
        db_index=False,
    )
    # The organisation the puller belongs to (not the person), or null for a citizen.
    van_organisatie = models.ForeignKey(
        "organisaties.Organisatie", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ontvangstcode_hash = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=20, choices=NoodremStatus.choices, default=NoodremStatus.GETROKKEN)

    class Meta:
        ordering = ["uiterlijk"]
        indexes = [
            models.Index(fields=["status", "uiterlijk"], name="noodrem_status_termijn_idx"),
            inbox_index("noodrem_inbox_idx"),
            # Exact lookups only (no `_like` twin), and only the rows that have a value: most brakes
            # name no casus, decision or opdracht, have no receipt code and an unnamed puller, and a tick
            # writes every index of a row it moves again.
            models.Index(
                fields=["ontvangstcode_hash"],
                name="noodrem_ontvangstcode_idx",
                condition=~models.Q(ontvangstcode_hash=""),
            ),
            *(
                models.Index(
                    fields=[veld],
                    name=f"noodrem_{veld}_idx",
                    condition=models.Q(**{f"{veld}__isnull": False}),
                )
                for veld in ("casus", "maatwerkbesluit", "opdracht", "getrokken_door")
            ),
        ]
        verbose_name = "noodrem"
        verbose_name_plural = "noodremmen"

    def __str__(self) -> str:
        return f"Noodrem ({self.get_niveau_display()}) {str(self.uuid)[:8]}"

    @property
    def onderwerp(self) -> Record | None:
        return self.casus or self.regel or self.maatwerkbesluit or self.opdracht


class NoodremMelder(models.Model):
    """Who pulled a confidential brake. Read only by the vertrouwenspersoon of that organisation."""

    noodrem = models.OneToOneField(Noodrem, on_delete=models.PROTECT, related_name="melder")
    lid = models.ForeignKey("organisaties.Lid", on_delete=models.PROTECT, related_name="+")

    objects = NoDeleteQuerySet.as_manager()

    class Meta:
        verbose_name = "melder (vertrouwelijk)"
        verbose_name_plural = "melders (vertrouwelijk)"

    def __str__(self) -> str:
        return "Melder (vertrouwelijk)"


class NoodremAntwoord(Antwoord):
    noodrem = models.ForeignKey(Noodrem, on_delete=models.PROTECT, related_name="antwoorden")
    teruggave_keuze = models.CharField(max_length=20, choices=TeruggaveKeuze.choices, blank=True)
    kamerbrief = models.CharField(max_length=200, blank=True, help_text="Kenmerk van de brief aan de Kamer.")

    class Meta:
        ordering = ["gegeven_op"]
        verbose_name = "antwoord op noodrem"
        verbose_name_plural = "antwoorden op noodremmen"


class Bericht(Record):
    """Two-way messages on a brake, e.g. with a citizen who follows it by receipt code."""

    noodrem = models.ForeignKey(Noodrem, on_delete=models.PROTECT, related_name="berichten")
    van_burger = models.BooleanField()
    door = models.ForeignKey(
        "organisaties.Lid", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    tekst = models.TextField()

    class Meta:
        ordering = ["aangemaakt_op"]
        verbose_name = "bericht"
        verbose_name_plural = "berichten"
