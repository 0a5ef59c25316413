from __future__ import annotations

from django.db import models

from schakel.core import workflow
from schakel.organisaties.ladder import may_act_for


class SignaalStatus(models.TextChoices):
    OPEN = "open", "Open"
    BEANTWOORD = "beantwoord", "Beantwoord"
    OPGELOST = "opgelost", "Opgelost"
    AFGEWEZEN = "afgewezen", "Afgewezen"


# "te laat" is not a stored state: it is derived from the term (Verplichting.is_te_laat).
TRANSITIONS: workflow.Transitions = {
    SignaalStatus.OPEN: frozenset({SignaalStatus.BEANTWOORD}),
    SignaalStatus.BEANTWOORD: frozenset({SignaalStatus.OPGELOST, SignaalStatus.AFGEWEZEN}),
    SignaalStatus.OPGELOST: frozenset(),
    SignaalStatus.AFGEWEZEN: frozenset(),
}
CLOSED = frozenset({SignaalStatus.OPGELOST, SignaalStatus.AFGEWEZEN})


def _answered(signaal: models.Model) -> str | None:
    antwoord = signaal.antwoorden.select_related("door__organisatie").first()  # type: ignore[attr-defined]
    if antwoord is None or signaal.beantwoord_op is None:  # type: ignore[attr-defined]
        return "Een signaal wordt pas beantwoord met een antwoord (comply of explain) van de eigenaar."
    if not may_act_for(antwoord.door, signaal.ontvanger):  # type: ignore[attr-defined]
        return "Het antwoord is niet gegeven door de eigenaar van de regel."
    return None


def _matches(soort: str) -> workflow.Guard:
    def guard(signaal: models.Model) -> str | None:
        antwoord = signaal.antwoorden.first()  # type: ignore[attr-defined]
        if antwoord is None or antwoord.soort != soort:
            return "Opgelost volgt op comply, afgewezen op explain."
        return None

    return guard


GUARDS: workflow.Guards = {
    SignaalStatus.BEANTWOORD: _answered,
    SignaalStatus.OPGELOST: _matches("comply"),
    SignaalStatus.AFGEWEZEN: _matches("explain"),
}


def signaal_transition(
    signaal: models.Model, *, to: str, actor: str, data: dict | None = None
) -> models.Model:
    return workflow.transition(
        signaal,
        to=to,
        allowed=TRANSITIONS,
        labels=dict(SignaalStatus.choices),
        actor=actor,
        data=data,
        guards=GUARDS,
    )
