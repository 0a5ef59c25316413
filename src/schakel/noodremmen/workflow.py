from __future__ import annotations

from django.db import models

from schakel.core import workflow
from schakel.core.obligations import answered_by_recipient


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


GUARDS: workflow.Guards = {
    NoodremStatus.OPGEVOLGD: answered_by_recipient("comply"),
    NoodremStatus.UITGELEGD: answered_by_recipient("explain"),
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
