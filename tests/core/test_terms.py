"""Answer terms per the Algemene termijnenwet: calendar-day terms are extended past weekends and holidays
(art. 1), working-day terms count only days that are none of those, and a term ends at the end of its last
day in Dutch time."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schakel.core.errors import ValidatieFout
from schakel.core.terms import (
    AMSTERDAM,
    KALENDERDAGEN,
    WERKDAGEN,
    Termijn,
    atw_feestdagen,
    deadline,
    einddag,
    is_werkdag,
    parse_termijn,
    termijn_voor,
    volgende_werkdag,
)

D = dt.date
END_OF_DAY = dt.time(23, 59, 59, 999999)


def kal(n: int) -> Termijn:
    return Termijn(n, KALENDERDAGEN)


def werk(n: int) -> Termijn:
    return Termijn(n, WERKDAGEN)


# --- the holidays of art. 3 Atw --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "naam"),
    [
        (D(2026, 1, 1), "Nieuwjaarsdag (donderdag)"),
        (D(2027, 1, 1), "Nieuwjaarsdag (vrijdag)"),
        (D(2026, 4, 3), "Goede Vrijdag"),
        (D(2027, 3, 26), "Goede Vrijdag"),
        (D(2026, 4, 6), "Tweede Paasdag"),
        (D(2027, 3, 29), "Tweede Paasdag"),
        (D(2026, 4, 27), "Koningsdag (maandag)"),
        (D(2027, 4, 27), "Koningsdag (dinsdag)"),
        (D(2026, 5, 5), "Bevrijdingsdag, geen lustrumjaar"),
        (D(2027, 5, 5), "Bevrijdingsdag, geen lustrumjaar"),
        (D(2025, 5, 5), "Bevrijdingsdag, lustrumjaar"),
        (D(2026, 5, 14), "Hemelvaartsdag"),
        (D(2027, 5, 6), "Hemelvaartsdag"),
        (D(2026, 5, 25), "Tweede Pinksterdag"),
        (D(2027, 5, 17), "Tweede Pinksterdag"),
        (D(2026, 12, 25), "Eerste Kerstdag (vrijdag)"),
        (D(2027, 12, 25), "Eerste Kerstdag (zaterdag)"),
    ],
)
def test_atw_holidays_are_no_working_days(day, naam):
    assert day in atw_feestdagen(day.year), naam
    assert not is_werkdag(day), naam


def test_second_christmas_day_is_a_holiday_even_on_a_weekday():
    # 26 Dec 2029 is a Wednesday
    assert D(2029, 12, 26).weekday() == 2
    assert not is_werkdag(D(2029, 12, 26))


@pytest.mark.parametrize("year", [2025, 2031])
def test_kings_day_is_26_april_when_27_april_is_a_sunday(year):
    assert D(year, 4, 27).weekday() == 6  # Sunday
    assert D(year, 4, 26) in atw_feestdagen(year)
    assert D(year, 4, 27) not in atw_feestdagen(year)


@pytest.mark.parametrize("year", [2026, 2027])
def test_kings_day_is_27_april_in_an_ordinary_year(year):
    assert D(year, 4, 27) in atw_feestdagen(year)
    assert D(year, 4, 26) not in atw_feestdagen(year)


@pytest.mark.parametrize(
    "day",
    [
        D(2026, 11, 23),  # an ordinary Monday
        D(2026, 5, 4),  # Dodenherdenking is no holiday
        D(2026, 12, 24),  # Christmas Eve
        D(2026, 12, 31),  # New Year's Eve
        D(2026, 4, 2),  # Maundy Thursday
        D(2026, 4, 28),  # the day after Koningsdag
        D(2027, 4, 26),  # the day before Koningsdag
        D(2026, 5, 15),  # the Friday after Hemelvaart
    ],
)
def test_ordinary_weekdays_are_working_days(day):
    assert day.weekday() < 5
    assert is_werkdag(day)


@pytest.mark.parametrize("day", [D(2026, 11, 28), D(2026, 11, 29), D(2027, 1, 2), D(2027, 1, 3)])
def test_saturday_and_sunday_are_no_working_days(day):
    assert day.weekday() >= 5
    assert not is_werkdag(day)


def test_volgende_werkdag_keeps_a_working_day_and_skips_the_rest():
    assert volgende_werkdag(D(2026, 11, 23)) == D(2026, 11, 23)
    assert volgende_werkdag(D(2026, 11, 28)) == D(2026, 11, 30)
    # Goede Vrijdag, weekend, Tweede Paasdag
    assert volgende_werkdag(D(2026, 4, 3)) == D(2026, 4, 7)
    # Christmas on Saturday and Sunday in 2027
    assert volgende_werkdag(D(2027, 12, 25)) == D(2027, 12, 27)


# --- calendar-day terms (art. 1 Atw) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "length", "expected", "why"),
    [
        (D(2026, 11, 23), 3, D(2026, 11, 26), "ends on a Thursday: unchanged"),
        (D(2026, 11, 23), 5, D(2026, 11, 30), "ends on Saturday: to Monday"),
        (D(2026, 11, 24), 5, D(2026, 11, 30), "ends on Sunday: to Monday"),
        (D(2026, 11, 29), 1, D(2026, 11, 30), "starts on Sunday, counts from Monday"),
        (D(2026, 3, 27), 7, D(2026, 4, 7), "Goede Vrijdag, weekend and Tweede Paasdag"),
        (D(2026, 3, 30), 7, D(2026, 4, 7), "ends on Tweede Paasdag"),
        (D(2026, 4, 20), 7, D(2026, 4, 28), "ends on Koningsdag"),
        (D(2026, 4, 28), 7, D(2026, 5, 6), "ends on 5 May 2026"),
        (D(2027, 4, 28), 7, D(2027, 5, 7), "ends on 5 May 2027, then Hemelvaart 6 May"),
        (D(2026, 5, 7), 7, D(2026, 5, 15), "ends on Hemelvaartsdag"),
        (D(2026, 5, 18), 7, D(2026, 5, 26), "ends on Tweede Pinksterdag"),
        (D(2026, 12, 20), 5, D(2026, 12, 28), "ends on Christmas, then a weekend"),
        (D(2027, 12, 18), 7, D(2027, 12, 27), "Christmas 2027 on Saturday and Sunday"),
        (D(2026, 12, 25), 7, D(2027, 1, 4), "ends on Nieuwjaarsdag 2027 (Friday), across the year"),
        (D(2026, 11, 23), 42, D(2027, 1, 4), "the configured citizen term of 42 days"),
    ],
)
def test_calendar_day_term_ending_on_weekend_or_holiday_is_extended(start, length, expected, why):
    assert einddag(start, kal(length)) == expected, why


def test_calendar_day_term_counts_weekends_and_holidays_inside_the_term():
    # 14 days over Christmas and New Year: only the last day matters
    assert einddag(D(2026, 12, 21), kal(14)) == D(2027, 1, 4)
    assert einddag(D(2026, 12, 21), kal(16)) == D(2027, 1, 6)


# --- working-day terms -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "length", "expected", "why"),
    [
        (D(2026, 11, 23), 1, D(2026, 11, 24), "Monday + 1"),
        (D(2026, 11, 20), 1, D(2026, 11, 23), "Friday + 1 skips the weekend"),
        (D(2026, 11, 28), 1, D(2026, 11, 30), "starting on Saturday"),
        (D(2026, 11, 23), 5, D(2026, 11, 30), "a week"),
        (D(2026, 4, 2), 1, D(2026, 4, 7), "Goede Vrijdag, weekend, Tweede Paasdag"),
        (D(2026, 4, 24), 2, D(2026, 4, 29), "Koningsdag on Monday"),
        (D(2027, 4, 26), 1, D(2027, 4, 28), "Koningsdag on Tuesday"),
        (D(2026, 4, 30), 5, D(2026, 5, 8), "5 May 2026 on a Tuesday"),
        (D(2027, 5, 4), 2, D(2027, 5, 10), "5 May and Hemelvaart 2027 in a row"),
        (D(2026, 5, 13), 2, D(2026, 5, 18), "Hemelvaartsdag"),
        (D(2026, 5, 22), 1, D(2026, 5, 26), "Tweede Pinksterdag"),
        (D(2026, 12, 24), 3, D(2026, 12, 30), "Christmas"),
        (D(2026, 12, 24), 5, D(2027, 1, 4), "Christmas and Nieuwjaarsdag"),
        (D(2026, 12, 31), 1, D(2027, 1, 4), "Nieuwjaarsdag 2027 on Friday, then a weekend"),
        (D(2026, 11, 23), 30, D(2027, 1, 6), "the configured signal term of 30 working days"),
    ],
)
def test_working_day_term_skips_weekends_and_dutch_holidays(start, length, expected, why):
    assert einddag(start, werk(length)) == expected, why


# --- the deadline moment ---------------------------------------------------------------------------


def test_deadline_is_the_end_of_the_last_day_in_amsterdam_as_an_aware_datetime():
    start = dt.datetime(2026, 11, 23, 15, 0, tzinfo=AMSTERDAM)
    end = deadline(start, werk(5))
    assert end.tzinfo is not None and end.utcoffset() == dt.timedelta(hours=1)
    assert end == dt.datetime(2026, 11, 30, 23, 59, 59, 999999, tzinfo=AMSTERDAM)
    assert end.astimezone(AMSTERDAM).time() == END_OF_DAY
    assert end.astimezone(dt.UTC) == dt.datetime(2026, 11, 30, 22, 59, 59, 999999, tzinfo=dt.UTC)
    # one microsecond later it is the next day in Amsterdam: the term has passed
    assert (end + dt.timedelta(microseconds=1)).astimezone(AMSTERDAM) == dt.datetime(
        2026, 12, 1, tzinfo=AMSTERDAM
    )


def test_deadline_in_summer_time_ends_at_local_midnight():
    start = dt.datetime(2026, 6, 1, 10, 0, tzinfo=AMSTERDAM)
    end = deadline(start, kal(1))
    assert end.utcoffset() == dt.timedelta(hours=2)
    assert end.astimezone(dt.UTC) == dt.datetime(2026, 6, 2, 21, 59, 59, 999999, tzinfo=dt.UTC)


def test_deadline_across_the_switch_to_summer_time():
    # Friday 27 March 2026 in winter time; the clocks go forward on Sunday 29 March
    start = dt.datetime(2026, 3, 27, 12, 0, tzinfo=AMSTERDAM)
    end = deadline(start, werk(1))
    assert end.astimezone(AMSTERDAM).date() == D(2026, 3, 30)
    assert end.astimezone(AMSTERDAM).time() == END_OF_DAY
    assert end.utcoffset() == dt.timedelta(hours=2)


def test_deadline_uses_the_dutch_date_of_a_utc_moment():
    # 23:30 UTC on 23 Nov is 00:30 on 24 Nov in Amsterdam: the term counts from 25 Nov
    start = dt.datetime(2026, 11, 23, 23, 30, tzinfo=dt.UTC)
    assert deadline(start, kal(1)) == dt.datetime(2026, 11, 25, 23, 59, 59, 999999, tzinfo=AMSTERDAM)
    # 22:30 UTC on 30 June is already 1 July in summer time
    summer = dt.datetime(2026, 6, 30, 22, 30, tzinfo=dt.UTC)
    assert deadline(summer, kal(1)).date() == D(2026, 7, 2)


def test_deadline_is_the_same_for_any_moment_of_the_start_day():
    early = dt.datetime(2026, 11, 23, 0, 0, tzinfo=AMSTERDAM)
    late = dt.datetime(2026, 11, 23, 23, 59, 59, 999999, tzinfo=AMSTERDAM)
    assert deadline(early, werk(5)) == deadline(late, werk(5))


# --- parsing and configuration ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "5",
        "werkdagen",
        "vijf werkdagen",
        "0 werkdagen",
        "0 kalenderdagen",
        "-3 kalenderdagen",
        "5 weken",
        "5 dagen",
        "5werkdagen",
        "1.5 werkdagen",
        "5 werkdagen extra",
        "5 Werkdagen",
        "werkdagen 5",
    ],
)
def test_parse_termijn_rejects_bad_input_naming_the_field(text):
    with pytest.raises(ValidatieFout) as info:
        parse_termijn(text)
    assert info.value.field == "termijn"
    assert list(info.value.errors) == ["termijn"]
    assert "werkdagen" in info.value.message and "kalenderdagen" in info.value.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 werkdagen", Termijn(1, WERKDAGEN)),
        ("30 werkdagen", Termijn(30, WERKDAGEN)),
        (" 42 kalenderdagen ", Termijn(42, KALENDERDAGEN)),
        ("5   kalenderdagen", Termijn(5, KALENDERDAGEN)),
    ],
)
def test_parse_termijn_accepts_both_units(text, expected):
    assert parse_termijn(text) == expected


@pytest.mark.parametrize("termijn", [werk(1), werk(30), kal(42)])
def test_termijn_text_round_trips(termijn):
    assert parse_termijn(str(termijn)) == termijn


def test_termijn_voor_reads_the_configured_terms(settings):
    settings.SCHAKEL_TERMIJNEN = {**settings.SCHAKEL_TERMIJNEN, "signaal": "10 kalenderdagen"}
    assert termijn_voor("signaal") == kal(10)
    assert termijn_voor("noodrem_professional") == werk(5)


def test_termijn_voor_refuses_an_unknown_kind_and_a_bad_setting(settings):
    with pytest.raises(ValidatieFout) as unknown:
        termijn_voor("onbekend")
    assert unknown.value.field == "termijn"
    settings.SCHAKEL_TERMIJNEN = {**settings.SCHAKEL_TERMIJNEN, "signaal": "een maand"}
    with pytest.raises(ValidatieFout) as bad:
        termijn_voor("signaal")
    assert bad.value.field == "termijn"


# --- properties ------------------------------------------------------------------------------------

starts = st.datetimes(
    min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2035, 12, 31), timezones=st.just(AMSTERDAM)
) | st.datetimes(
    min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2035, 12, 31), timezones=st.just(dt.UTC)
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    start=starts,
    length=st.integers(min_value=1, max_value=80),
    unit=st.sampled_from([KALENDERDAGEN, WERKDAGEN]),
)
def test_deadline_is_after_the_start_and_its_last_day_is_a_working_day(start, length, unit):
    termijn = Termijn(length, unit)
    end = deadline(start, termijn)
    assert end > start
    local_end = end.astimezone(AMSTERDAM)
    assert local_end.time() == END_OF_DAY
    last = local_end.date()
    assert is_werkdag(last)
    first = start.astimezone(AMSTERDAM).date()
    assert last == einddag(first, termijn)
    days = [first + dt.timedelta(days=i) for i in range(1, (last - first).days + 1)]
    if unit == WERKDAGEN:
        # exactly `length` working days after the start day, the last of them being the last day
        assert sum(is_werkdag(d) for d in days) == length
    else:
        # at least `length` days, and extended only over days that are no working days
        assert len(days) >= length
        assert not any(is_werkdag(d) for d in days[length - 1 : -1])


@settings(max_examples=100, deadline=None)
@given(
    start=st.dates(min_value=D(2024, 1, 1), max_value=D(2035, 12, 31)),
    length=st.integers(min_value=1, max_value=60),
)
def test_a_longer_term_never_ends_earlier(start, length):
    for unit in (KALENDERDAGEN, WERKDAGEN):
        assert einddag(start, Termijn(length, unit)) <= einddag(start, Termijn(length + 1, unit))
    # a term in working days is never shorter than the same number of calendar days
    assert einddag(start, werk(length)) >= einddag(start, kal(length))
