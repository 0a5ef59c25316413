"""Termijnen: answer terms in calendar or working days, per the Algemene termijnenwet (Atw).

A term starts the day after the raise moment. A term in calendar days that ends on a Saturday, Sunday
or a holiday of art. 3 Atw is extended to the next day that is none of those (art. 1 Atw). A term in
working days counts only days that are none of those. A term ends at the end of its last day in
Dutch time. See docs/adr/0003-termijnen.md.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from dateutil.easter import easter
from django.conf import settings

from schakel.core.errors import ValidatieFout

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

KALENDERDAGEN = "kalenderdagen"
WERKDAGEN = "werkdagen"


@dataclass(frozen=True)
class Termijn:
    length: int
    unit: str  # KALENDERDAGEN or WERKDAGEN

    def __str__(self) -> str:
        return f"{self.length} {self.unit}"


_TERMIJN_RE = re.compile(r"^\s*(\d+)\s+(kalenderdagen|werkdagen)\s*$")


def parse_termijn(text: str) -> Termijn:
    match = _TERMIJN_RE.match(text)
    if not match or int(match.group(1)) < 1:
        raise ValidatieFout(
            f"Een termijn is '<aantal> werkdagen' of '<aantal> kalenderdagen', niet {text!r}", field="termijn"
        )
    return Termijn(int(match.group(1)), match.group(2))


def termijn_voor(soort: str) -> Termijn:
    """The configured term for a kind of answer-obliged item (settings.SCHAKEL_TERMIJNEN)."""
    try:
        return parse_termijn(settings.SCHAKEL_TERMIJNEN[soort])
    except KeyError as exc:
        raise ValidatieFout(f"Geen termijn ingesteld voor {soort!r}", field="termijn") from exc


@lru_cache(maxsize=64)
def atw_feestdagen(year: int) -> frozenset[dt.date]:
    """Holidays of art. 3 Atw plus the days equated with them (Goede Vrijdag), and 5 May every year."""
    days = set(holidays.country_holidays("NL", years=year).keys())
    days.add(dt.date(year, 5, 5))  # the Atw counts Bevrijdingsdag every year, not once in five
    days.add(easter(year) - dt.timedelta(days=2))  # Goede Vrijdag, equated by decree
    return frozenset(days)


def is_werkdag(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in atw_feestdagen(day.year)


def volgende_werkdag(day: dt.date) -> dt.date:
    while not is_werkdag(day):
        day += dt.timedelta(days=1)
    return day


def einddag(start: dt.date, termijn: Termijn) -> dt.date:
    """The last day of a term that starts counting the day after `start`."""
    if termijn.unit == KALENDERDAGEN:
        return volgende_werkdag(start + dt.timedelta(days=termijn.length))
    day = start
    remaining = termijn.length
    while remaining:
        day += dt.timedelta(days=1)
        if is_werkdag(day):
            remaining -= 1
    return day


def deadline(start: dt.datetime, termijn: Termijn) -> dt.datetime:
    """The moment the term has passed: the end of its last day, Dutch time, as an aware datetime."""
    local_start = start.astimezone(AMSTERDAM).date()
    last = einddag(local_start, termijn)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=AMSTERDAM)
    return end - dt.timedelta(microseconds=1)
