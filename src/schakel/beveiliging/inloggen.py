"""The login limit, shared by the web login and the API's token check: failed attempts are counted per
username (someone guessing one account's password) and per client address (someone trying many
accounts). Either limit refuses the next attempt before the password is checked."""

from __future__ import annotations

from django.utils.translation import gettext

from schakel.beveiliging.pogingen import mislukt, over, wachttijd, wis

PER_NAAM = "inloggen"
PER_ADRES = "inloggen_adres"


def _naam(gebruikersnaam: str) -> str:
    return gebruikersnaam.strip().lower()


def inlog_wachttijd(*, gebruikersnaam: str, adres: str) -> int:
    per_naam = wachttijd(PER_NAAM, _naam(gebruikersnaam)) if gebruikersnaam.strip() else 0
    return max(per_naam, wachttijd(PER_ADRES, adres))


def inlog_mislukt(*, gebruikersnaam: str, adres: str) -> None:
    if gebruikersnaam.strip():
        mislukt(PER_NAAM, _naam(gebruikersnaam))
    mislukt(PER_ADRES, adres)


def inlog_gelukt(*, gebruikersnaam: str) -> None:
    """A right password ends the account's count; the address keeps its count."""
    wis(PER_NAAM, _naam(gebruikersnaam))


def te_vaak_tekst(wacht: int) -> str:
    return gettext("U heeft te vaak geprobeerd in te loggen. Probeer het %(wanneer)s opnieuw.") % {
        "wanneer": over(wacht)
    }
