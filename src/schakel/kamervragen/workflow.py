from __future__ import annotations

from typing import Any

from django.db import models

from schakel.core import workflow
from schakel.kamervragen.models import KamervraagStatus
from schakel.organisaties.ladder import may_act_for

TRANSITIONS: workflow.Transitions = {
    KamervraagStatus.GESTELD: frozenset({KamervraagStatus.BEANTWOORD}),
    KamervraagStatus.BEANTWOORD: frozenset(),
}


def _answered(vraag: Any) -> str | None:
    antwoord = getattr(vraag, "antwoord", None)
    if antwoord is None or vraag.beantwoord_op is None or not may_act_for(antwoord.door, vraag.ontvanger):
        return "Een Kamervraag is pas beantwoord met een antwoord van de ontvangende organisatie."
    return None


def kamervraag_transition(
    vraag: models.Model, *, to: str, actor: str, data: dict | None = None
) -> models.Model:
    return workflow.transition(
        vraag,
        to=to,
        allowed=TRANSITIONS,
        labels=dict(KamervraagStatus.choices),
        actor=actor,
        data=data,
        guards={KamervraagStatus.BEANTWOORD: _answered},
    )
