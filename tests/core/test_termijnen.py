from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schakel.core.errors import ValidatieFout
from schakel.core.terms import AMSTERDAM, Termijn, deadline, einddag, is_werkdag, parse_termijn

KAL = "kalenderdagen"
WERK = "werkdagen"


@pytest.mark.parametrize(
    "day",
    [
        dt.date(2026, 1, 1),  # Nieuwjaarsdag
        dt.date(2026, 4, 3),  # Goede Vrijdag
        dt.date(2026, 4, 6),  # Tweede paasdag
        dt.date(2026, 4, 27),  # Koningsdag
        dt.date(2026, 5, 5),  # Bevrijdingsdag (every year for the Atw)
        dt.date(2027, 5, 5),
        dt.date(2026, 5, 14),  # Hemelvaartsdag
        dt.date(2026, 5, 25),  # Tweede pinksterdag
        dt.date(2026, 12, 25),
        dt.date(2026, 12, 26),
        dt.date(2025, 4, 26),  # Koningsdag on Saturday 26 April when 27 April is a Sunday
    ],
)
def test_atw_holidays_are_not_working_days(day):
    assert not is_werkdag(day)


def test_ordinary_weekdays_are_working_days():
    assert is_werkdag(dt.date(2026, 11, 23))
    assert not is_werkdag(dt.date(2026, 11, 28))  # Saturday
    assert not is_werkdag(dt.date(2026, 11, 29))  # Sunday


def test_calendar_term_ending_on_weekend_is_extended_to_monday():
    # Monday 23 Nov 2026 + 5 days = Saturday 28 Nov → Monday 30 Nov (art. 1 Atw)
    assert einddag(dt.date(2026, 11, 23), Termijn(5, KAL)) == dt.date(2026, 11, 30)


def test_calendar_term_ending_on_christmas_is_extended_past_both_days_and_weekend():
    # 20 Dec 2026 + 5 = Friday 25 Dec; 26 Dec is Saturday, 27 Sunday → Monday 28 Dec
    assert einddag(dt.date(2026, 12, 20), Termijn(5, KAL)) == dt.date(2026, 12, 28)


def test_working_day_term_skips_weekends_and_holidays():
    # Thursday 30 Apr 2026, 5 working days: Fri 1 May, (Tue 5 May skipped), Mon 4, Wed 6, Thu 7, Fri 8
    assert einddag(dt.date(2026, 4, 30), Termijn(5, WERK)) == dt.date(2026, 5, 8)


def test_deadline_is_end_of_last_day_in_dutch_time():
    start = dt.datetime(2026, 11, 23, 15, 0, tzinfo=AMSTERDAM)
    end = deadline(start, Termijn(5, WERK))
    assert end == dt.datetime(2026, 11, 30, 23, 59, 59, 999999, tzinfo=AMSTERDAM)


def test_deadline_uses_the_dutch_date_of_a_utc_moment():
    # 23:30 UTC on 23 Nov is already 24 Nov in Amsterdam
    start = dt.datetime(2026, 11, 23, 23, 30, tzinfo=dt.UTC)
    assert deadline(start, Termijn(1, KAL)).date() == dt.date(2026, 11, 25)


@pytest.mark.parametrize("text", ["", "5", "vijf werkdagen", "0 werkdagen", "5 weken", "-3 kalenderdagen"])
def test_parse_termijn_rejects_bad_input_naming_the_field(text):
    with pytest.raises(ValidatieFout) as info:
        parse_termijn(text)
    assert info.value.field == "termijn"


def test_parse_termijn_accepts_both_units():
    assert parse_termijn("30 werkdagen") == Termijn(30, WERK)
    assert parse_termijn(" 42 kalenderdagen ") == Termijn(42, KAL)


@given(
    start=st.datetimes(
        min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2030, 12, 31), timezones=st.just(AMSTERDAM)
    ),
    length=st.integers(min_value=1, max_value=80),
    unit=st.sampled_from([KAL, WERK]),
)
def test_deadline_is_after_start_and_ends_on_a_working_day(start, length, unit):
    end = deadline(start, Termijn(length, unit))
    assert end > start
    last_day = end.astimezone(AMSTERDAM).date()
    assert is_werkdag(last_day)
    assert (last_day - start.astimezone(AMSTERDAM).date()).days >= length
