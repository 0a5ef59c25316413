from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from schakel.core import workflow


class OpdrachtStatus(models.TextChoices):
    ONTWERP = "ontwerp", _("Ontwerp")
    TOETS_GEVRAAGD = "toets_gevraagd", _("Uitvoeringstoets gevraagd")
    GETOETST = "getoetst", _("Getoetst")
    VASTGESTELD = "vastgesteld", _("Vastgesteld (in uitvoering)")
    TERUGGEGEVEN = "teruggegeven", _("Teruggegeven (opgeschort)")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


TRANSITIONS: workflow.Transitions = {
    OpdrachtStatus.ONTWERP: frozenset({OpdrachtStatus.TOETS_GEVRAAGD, OpdrachtStatus.INGETROKKEN}),
    OpdrachtStatus.TOETS_GEVRAAGD: frozenset({OpdrachtStatus.GETOETST, OpdrachtStatus.INGETROKKEN}),
    OpdrachtStatus.GETOETST: frozenset(
        {OpdrachtStatus.VASTGESTELD, OpdrachtStatus.INGETROKKEN, OpdrachtStatus.TOETS_GEVRAAGD}
    ),
    OpdrachtStatus.VASTGESTELD: frozenset({OpdrachtStatus.TERUGGEGEVEN}),
    # The principal's choice on a returned opdracht: withdraw, amend (new toets) or re-justify.
    OpdrachtStatus.TERUGGEGEVEN: frozenset(
        {OpdrachtStatus.INGETROKKEN, OpdrachtStatus.TOETS_GEVRAAGD, OpdrachtStatus.VASTGESTELD}
    ),
    OpdrachtStatus.INGETROKKEN: frozenset(),
}


def _return_settled(opdracht: models.Model) -> str | None:
    """A returned opdracht leaves suspension only through the answer to the brake that returned it."""
    if opdracht.status != OpdrachtStatus.TERUGGEGEVEN:  # type: ignore[attr-defined]
        return None
    if opdracht.noodremmen.filter(niveau="organisatie", beantwoord_op__isnull=True).exists():  # type: ignore[attr-defined]
        return "Deze opdracht is teruggegeven; eerst moet de opdrachtgever de noodrem beantwoorden."
    return None


GUARDS: workflow.Guards = {
    OpdrachtStatus.INGETROKKEN: _return_settled,
    OpdrachtStatus.TOETS_GEVRAAGD: _return_settled,
    OpdrachtStatus.VASTGESTELD: _return_settled,
}


def opdracht_transition(
    opdracht: models.Model, *, to: str, actor: str, data: dict | None = None
) -> models.Model:
    return workflow.transition(
        opdracht,
        to=to,
        allowed=TRANSITIONS,
        labels=dict(OpdrachtStatus.choices),
        actor=actor,
        data=data,
        guards=GUARDS,
    )
