from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from schakel.core import workflow
from schakel.core.obligations import answered_by_recipient


class NoodremStatus(models.TextChoices):
    GETROKKEN = "getrokken", _("Getrokken, wacht op antwoord")
    OPGEVOLGD = "opgevolgd", _("Opgevolgd (comply)")
    UITGELEGD = "uitgelegd", _("Niet opgevolgd, uitgelegd (explain)")


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
