from __future__ import annotations

from django.db import models

from schakel.core import workflow
from schakel.organisaties.ladder import may_act_for


class NoodremStatus(models.TextChoices):
    GETROKKEN = "getrokken", "Getrokken, wacht op antwoord"
    OPGEVOLGD = "opgevolgd", "Opgevolgd (comply)"
    UITGELEGD = "uitgelegd", "Niet opgevolgd, uitgelegd (explain)"


# A brake leaves GETROKKEN only through an answer; there is no withdrawal and no other exit.
TRANSITIONS: workflow.Transitions = {
    NoodremStatus.GETROKKEN: frozenset({NoodremStatus.OPGEVOLGD, NoodremStatus.UITGELEGD}),
    NoodremStatus.OPGEVOLGD: frozenset(),
    NoodremStatus.UITGELEGD: frozenset(),
}
CLOSED = frozenset({NoodremStatus.OPGEVOLGD, NoodremStatus.UITGELEGD})


def _answered(soort: str) -> workflow.Guard:
    def guard(noodrem: models.Model) -> str | None:
        antwoord = noodrem.antwoorden.select_related("door__organisatie").first()  # type: ignore[attr-defined]
        if antwoord is None or antwoord.soort != soort:
            return "Een noodrem wordt pas gesloten met een antwoord (comply of explain) van de ontvanger."
        if not may_act_for(antwoord.door, noodrem.ontvanger) or noodrem.beantwoord_op is None:  # type: ignore[attr-defined]
            return "Het antwoord is niet gegeven door de ontvanger van deze noodrem."
        return None

    return guard


GUARDS: workflow.Guards = {
    NoodremStatus.OPGEVOLGD: _answered("comply"),
    NoodremStatus.UITGELEGD: _answered("explain"),
}


def noodrem_transition(
    noodrem: models.Model, *, to: str, actor: str, data: dict | None = None
) -> models.Model:
    return workflow.transition(
        noodrem,
        to=to,
        allowed=TRANSITIONS,
        labels=dict(NoodremStatus.choices),
        actor=actor,
        data=data,
        guards=GUARDS,
    )
