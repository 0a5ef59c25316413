from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from schakel.core.models import Record


class Uitkomst(models.TextChoices):
    OPEN = "open", _("Nog open")
    AFGEWEKEN = "afgeweken", _("Afgeweken van de regel (maatwerk)")
    NIET_AFGEWEKEN = "niet_afgeweken", _("Regel toegepast (geen maatwerk)")


class Zoekdocument(models.Model):
    """The searchable form of a casus: derived data, rebuilt by `schakel precedenten --herindexeer`.

    `stemmen` feeds the SQLite FTS5 index (precedenten_fts, external content); on PostgreSQL a generated
    tsvector('dutch') column over `tekst` with a GIN index does the same job."""

    casus = models.OneToOneField("casussen.Casus", on_delete=models.CASCADE, related_name="zoekdocument")
    organisatie = models.ForeignKey("organisaties.Organisatie", on_delete=models.CASCADE, related_name="+")
    gedeeld = models.BooleanField(default=False)
    tekst = models.TextField(help_text="Gepseudonimiseerde titel en omschrijving.")
    stemmen = models.TextField()
    lengte = models.PositiveIntegerField()
    # Space-separated rather than JSON: ranking reads these for every candidate, and splitting is far
    # cheaper than decoding JSON.
    regels = models.TextField(blank=True, help_text="Uuid's van de regels, gescheiden door spaties.")
    beginselen = models.TextField(blank=True, help_text="Codes van de beginselen, gescheiden door spaties.")
    uitkomst = models.CharField(max_length=20, choices=Uitkomst.choices, default=Uitkomst.OPEN)
    besluiten = models.JSONField(default=list, help_text="Per maatwerkbesluit: regel en samenvatting.")
    datum = models.DateTimeField()

    class Meta:
        verbose_name = "zoekdocument"
        verbose_name_plural = "zoekdocumenten"

    def __str__(self) -> str:
        return f"Zoekdocument {self.casus_id}"


class Zoekterm(models.Model):
    """Document frequency per stem, for inverse document frequency and for choosing rare terms."""

    term = models.CharField(max_length=100, primary_key=True)
    df = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "zoekterm"
        verbose_name_plural = "zoektermen"

    def __str__(self) -> str:
        return f"{self.term} ({self.df})"


class Zoekstatistiek(models.Model):
    """Single row (pk=1): number of documents and their total length, for BM25's average length."""

    documenten = models.PositiveIntegerField(default=0)
    totale_lengte = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.documenten} documenten"


class VoorstelStatus(models.TextChoices):
    OPEN = "open", _("Voorgesteld")
    BEVESTIGD = "bevestigd", _("Bevestigd: signaal gestuurd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class Voorstel(Record):
    """Fix → solve: deviations from one rule pile up, so the system proposes a structural signaal."""

    regel = models.ForeignKey("regels.Regel", on_delete=models.PROTECT, related_name="voorstellen")
    organisatie = models.ForeignKey("organisaties.Organisatie", on_delete=models.PROTECT, related_name="+")
    aantal = models.PositiveIntegerField(help_text="Aantal maatwerkbesluiten op deze regel in de periode.")
    casussen = models.ManyToManyField("casussen.Casus", related_name="voorstellen")
    status = models.CharField(max_length=20, choices=VoorstelStatus.choices, default=VoorstelStatus.OPEN)
    motivering = models.TextField(blank=True)
    besloten_door = models.ForeignKey(
        "organisaties.Lid", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    besloten_op = models.DateTimeField(null=True, blank=True)
    signaal = models.ForeignKey(
        "signalen.Signaal", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-aangemaakt_op"]
        verbose_name = "voorstel (fix → solve)"
        verbose_name_plural = "voorstellen (fix → solve)"

    def __str__(self) -> str:
        return f"Voorstel: {self.regel} ({self.aantal}×)"
