from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from schakel.core import workflow


class CasusStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_BERAAD = "in_beraad", _("In beraad")
    AFGEROND = "afgerond", _("Afgerond")


class BeraadStatus(models.TextChoices):
    OPEN = "open", _("Open")
    AFGEROND = "afgerond", _("Afgerond")


CASUS_TRANSITIONS: workflow.Transitions = {
    CasusStatus.OPEN: frozenset({CasusStatus.IN_BERAAD, CasusStatus.AFGEROND}),
    CasusStatus.IN_BERAAD: frozenset({CasusStatus.OPEN, CasusStatus.AFGEROND}),
    CasusStatus.AFGEROND: frozenset({CasusStatus.OPEN}),  # reopened when a brake or new fact demands it
}

BERAAD_TRANSITIONS: workflow.Transitions = {
    BeraadStatus.OPEN: frozenset({BeraadStatus.AFGEROND}),
    BeraadStatus.AFGEROND: frozenset(),
}


def casus_transition(casus: models.Model, *, to: str, actor: str, data: dict | None = None) -> models.Model:
    return workflow.transition(
        casus, to=to, allowed=CASUS_TRANSITIONS, labels=dict(CasusStatus.choices), actor=actor, data=data
    )


def beraad_transition(beraad: models.Model, *, to: str, actor: str, data: dict | None = None) -> models.Model:
    return workflow.transition(
        beraad, to=to, allowed=BERAAD_TRANSITIONS, labels=dict(BeraadStatus.choices), actor=actor, data=data
    )
