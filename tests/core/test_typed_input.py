"""Dates and times as people type them (seed 003, P2): one pure parser for every form."""

from datetime import UTC, date, datetime, time

import pytest
from django.utils import translation

from regisseur.core.timezones import REPEATED, SKIPPED, local_to_utc, wall_clock_gap
from regisseur.core.typed_input import TypedInputError, parse_clock, parse_day


@pytest.mark.parametrize(
    "typed", ["07-12-2026", "7-12-2026", "07/12/2026", "7/12/2026", "07.12.2026", "2026-12-07", " 07-12-2026 "]
)
def test_every_day_first_way_of_writing_a_date_reads_as_the_same_day(typed):
    assert parse_day(typed) == date(2026, 12, 7)


def test_the_day_comes_first_also_when_it_could_be_a_month():
    assert parse_day("03-04-2026") == date(2026, 4, 3)


@pytest.mark.parametrize("typed", ["31-02-2026", "29-02-2027", "00-01-2026", "01-13-2026", "2026-13-01"])
def test_a_date_that_does_not_exist_is_refused_as_such(typed):
    with pytest.raises(TypedInputError) as refused:
        parse_day(typed)
    assert refused.value.code == "no_such_date"


@pytest.mark.parametrize("typed", ["", "tomorrow", "12/07", "07-12-26", "07-12/2026", "2026/12/07", "7 december"])
def test_text_that_is_no_date_is_refused_with_the_format_to_use(typed):
    with pytest.raises(TypedInputError) as refused:
        parse_day(typed)
    assert refused.value.code == "invalid_date"
    assert "dd-mm-yyyy" in refused.value.message


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("9:30", time(9, 30)),
        ("9.30", time(9, 30)),
        ("09:30", time(9, 30)),
        ("0930", time(9, 30)),
        ("930", time(9, 30)),
        ("9", time(9, 0)),
        ("14", time(14, 0)),
        ("1430", time(14, 30)),
        ("14.05", time(14, 5)),
        ("0", time(0, 0)),
        ("23:59", time(23, 59)),
        (" 9.30 ", time(9, 30)),
    ],
)
def test_times_are_read_as_dutch_planners_write_them(typed, expected):
    assert parse_clock(typed) == expected


@pytest.mark.parametrize("typed", ["24:00", "9:60", "2400", "960", "25"])
def test_a_time_that_does_not_exist_is_refused_as_such(typed):
    with pytest.raises(TypedInputError) as refused:
        parse_clock(typed)
    assert refused.value.code == "no_such_time"


@pytest.mark.parametrize("typed", ["12.5", "9:5", "half tien", "", "9:30 am", "12345", "-1", "9,30"])
def test_text_that_is_no_time_is_refused_with_an_example(typed):
    with pytest.raises(TypedInputError) as refused:
        parse_clock(typed)
    assert refused.value.code == "invalid_time"
    assert "9:30" in refused.value.message


def test_the_refusal_is_in_the_users_language():
    with translation.override("nl"), pytest.raises(TypedInputError) as refused:
        parse_clock("9:60")
    assert "bestaat niet" in refused.value.message


def test_half_past_two_does_not_exist_when_the_clocks_go_forward_in_2026():
    day = date(2026, 3, 29)
    assert wall_clock_gap(day, time(2, 30), "Europe/Amsterdam") == SKIPPED
    # Kept rule for callers that do not ask: a skipped time moves forward by the gap (03:30 summer time).
    assert local_to_utc(day, time(2, 30), "Europe/Amsterdam") == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def test_half_past_two_happens_twice_when_the_clocks_go_back_in_2026():
    day = date(2026, 10, 25)
    assert wall_clock_gap(day, time(2, 30), "Europe/Amsterdam") == REPEATED
    # Kept rule: the first occurrence, still summer time (UTC+2).
    assert local_to_utc(day, time(2, 30), "Europe/Amsterdam") == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("day", "clock"),
    [(date(2026, 3, 29), time(1, 59)), (date(2026, 3, 29), time(3, 0)), (date(2026, 10, 25), time(3, 0))],
)
def test_the_times_around_the_clock_change_are_ordinary(day, clock):
    assert wall_clock_gap(day, clock, "Europe/Amsterdam") == ""
