"""Opening a brake with its receipt code: the one look-up the citizen portal and the citizen API share.

Check the guessing limit for the client address, look the code up, count a failure. Once the limit is
reached even the right code waits, so guessing is never rewarded; a right code does not count."""

from __future__ import annotations

from django.utils.translation import gettext

from schakel.beveiliging.pogingen import TeVaak, mislukt, over, wachttijd
from schakel.core.errors import NietGevonden
from schakel.noodremmen.models import Noodrem
from schakel.noodremmen.selectors import noodrem_by_receipt

SCOPE = "ontvangstcode"


def noodrem_openen(*, code: str, adres: str) -> Noodrem:
    """The brake this code opens; TeVaak when `adres` guessed wrong too often, NietGevonden otherwise."""
    wacht = wachttijd(SCOPE, adres)
    if wacht:
        raise TeVaak(
            gettext("U heeft te vaak een verkeerde code ingevuld. Probeer het %(wanneer)s opnieuw.")
            % {"wanneer": over(wacht)},
            wacht=wacht,
        )
    try:
        return noodrem_by_receipt(code)
    except NietGevonden:
        mislukt(SCOPE, adres)
        raise
