"""The term watch: every overdue item goes one step up its ladder. Idempotent and safe concurrently,
because each escalation re-checks the item under its lock and a silence is recorded once per level."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from schakel.kamervragen.selectors import kamervragen_overdue
from schakel.kamervragen.services import kamervraag_escalate
from schakel.noodremmen.selectors import noodremmen_overdue
from schakel.noodremmen.services import noodrem_escalate
from schakel.signalen.selectors import signalen_overdue
from schakel.signalen.services import signaal_escalate


@dataclass
class TickResult:
    signalen: int = 0
    noodremmen: int = 0
    kamervragen: int = 0

    @property
    def total(self) -> int:
        return self.signalen + self.noodremmen + self.kamervragen


def tick(*, now: dt.datetime) -> TickResult:
    result = TickResult()
    for signaal in signalen_overdue(now).iterator():
        result.signalen += signaal_escalate(signaal=signaal, now=now)
    for noodrem in noodremmen_overdue(now).iterator():
        result.noodremmen += noodrem_escalate(noodrem=noodrem, now=now)
    for kamervraag in kamervragen_overdue(now).iterator():
        result.kamervragen += kamervraag_escalate(kamervraag=kamervraag, now=now)
    return result
