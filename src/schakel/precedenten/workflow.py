from __future__ import annotations

from typing import Any

from django.db import models

from schakel.core import workflow
from schakel.precedenten.models import VoorstelStatus

TRANSITIONS: workflow.Transitions = {
    VoorstelStatus.OPEN: frozenset({VoorstelStatus.BEVESTIGD, VoorstelStatus.AFGEWEZEN}),
    VoorstelStatus.BEVESTIGD: frozenset(),
    VoorstelStatus.AFGEWEZEN: frozenset(),
}


def _signaal_sent(voorstel: Any) -> str | None:
    return (
        None if voorstel.signaal_id else "Bevestigen kan alleen met het signaal aan de eigenaar van de regel."
    )


def _motivated(voorstel: Any) -> str | None:
    return None if voorstel.motivering else "Afwijzen kan alleen met een motivering."


GUARDS: workflow.Guards = {VoorstelStatus.BEVESTIGD: _signaal_sent, VoorstelStatus.AFGEWEZEN: _motivated}


def voorstel_transition(
    voorstel: models.Model, *, to: str, actor: str, data: dict | None = None
) -> models.Model:
    return workflow.transition(
        voorstel,
        to=to,
        allowed=TRANSITIONS,
        labels=dict(VoorstelStatus.choices),
        actor=actor,
        data=data,
        guards=GUARDS,
    )
