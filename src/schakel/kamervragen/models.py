from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from schakel.core.models import Record
from schakel.core.obligations import Verplichting, inbox_index


class KamervraagStatus(models.TextChoices):
    GESTELD = "gesteld", _("Gesteld, wacht op antwoord")
    BEANTWOORD = "beantwoord", _("Beantwoord")


class Kamervraag(Verplichting):
    """Parliament's direct line: a Kamercommissie-griffie puts a question to an executive organisation.
    It has a term and is answered and published like a signaal; no comply/explain, but silence shows."""

    vraag = models.TextField()
    gesteld_door = models.ForeignKey("organisaties.Lid", on_delete=models.PROTECT, related_name="+")
    regel = models.ForeignKey(
        "regels.Regel", null=True, blank=True, on_delete=models.PROTECT, related_name="kamervragen"
    )
    status = models.CharField(
        max_length=20, choices=KamervraagStatus.choices, default=KamervraagStatus.GESTELD
    )

    class Meta:
        ordering = ["uiterlijk"]
        indexes = [inbox_index("kamervraag_inbox_idx")]
        verbose_name = "Kamervraag"
        verbose_name_plural = "Kamervragen"

    def __str__(self) -> str:
        return f"Kamervraag {str(self.uuid)[:8]}"


class KamervraagAntwoord(Record):
    kamervraag = models.OneToOneField(Kamervraag, on_delete=models.PROTECT, related_name="antwoord")
    tekst = models.TextField()
    door = models.ForeignKey("organisaties.Lid", on_delete=models.PROTECT, related_name="+")
    gegeven_op = models.DateTimeField()

    class Meta:
        verbose_name = "antwoord op Kamervraag"
        verbose_name_plural = "antwoorden op Kamervragen"

    def __str__(self) -> str:
        return f"Antwoord op {self.kamervraag}"
