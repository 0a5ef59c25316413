from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from schakel.core import workflow
from schakel.core.obligations import answered_by_recipient


class SignaalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    BEANTWOORD = "beantwoord", _("Beantwoord")
    OPGELOST = "opgelost", _("Opgelost")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


# "te laat" is not a stored state: it is derived from the term (Verplichting.is_te_laat).
TRANSITIONS: workflow.Transitions = {
    SignaalStatus.OPEN: frozenset({SignaalStatus.BEANTWOORD}),
    SignaalStatus.BEANTWOORD: frozenset({SignaalStatus.OPGELOST, SignaalStatus.AFGEWEZEN}),
    SignaalStatus.OPGELOST: frozenset(),
    SignaalStatus.AFGEWEZEN: frozenset(),
}
CLOSED = frozenset({SignaalStatus.OPGELOST, SignaalStatus.AFGEWEZEN})


GUARDS: workflow.Guards = {
    SignaalStatus.BEANTWOORD: answered_by_recipient(),
    SignaalStatus.OPGELOST: answered_by_recipient("comply"),
    SignaalStatus.AFGEWEZEN: answered_by_recipient("explain"),
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
