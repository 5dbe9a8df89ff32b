from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regisseur.core.timezones import (
    InvalidTimeZone,
    format_day_first,
    get_zone,
    is_valid_time_zone,
    local_to_utc,
)


def test_a_winter_morning_in_amsterdam_is_one_hour_ahead_of_utc():
    assert local_to_utc(date(2027, 1, 15), time(10, 0), "Europe/Amsterdam") == datetime(2027, 1, 15, 9, 0, tzinfo=UTC)


def test_a_summer_morning_in_amsterdam_is_two_hours_ahead_of_utc():
    assert local_to_utc(date(2027, 7, 15), time(10, 0), "Europe/Amsterdam") == datetime(2027, 7, 15, 8, 0, tzinfo=UTC)


def test_new_york_ten_oclock_is_sixteen_oclock_in_amsterdam():
    moment = local_to_utc(date(2027, 1, 15), time(10, 0), "America/New_York")
    assert format_day_first(moment, "Europe/Amsterdam") == "15-01-2027 16:00"
    assert format_day_first(moment, "America/New_York") == "15-01-2027 10:00"


def test_the_week_when_america_has_moved_its_clocks_and_europe_has_not():
    # 15 March 2027: New York on daylight time (UTC-4), Amsterdam still on winter time (UTC+1).
    moment = local_to_utc(date(2027, 3, 15), time(10, 0), "America/New_York")
    assert format_day_first(moment, "Europe/Amsterdam") == "15-03-2027 15:00"


def test_a_time_skipped_in_spring_moves_forward_by_the_gap():
    # 28 March 2027 02:30 does not exist in Amsterdam: clocks jump from 02:00 to 03:00.
    moment = local_to_utc(date(2027, 3, 28), time(2, 30), "Europe/Amsterdam")
    assert format_day_first(moment, "Europe/Amsterdam") == "28-03-2027 03:30"


def test_a_time_repeated_in_autumn_takes_the_first_occurrence():
    # 31 October 2027 02:30 happens twice in Amsterdam; the first is still summer time (UTC+2).
    assert local_to_utc(date(2027, 10, 31), time(2, 30), "Europe/Amsterdam") == datetime(
        2027, 10, 31, 0, 30, tzinfo=UTC
    )


def test_dates_are_day_first():
    assert format_day_first(datetime(2026, 12, 7, 13, 0, tzinfo=UTC), "Europe/Amsterdam") == "07-12-2026 14:00"
    assert format_day_first(datetime(2026, 12, 7, 13, 0, tzinfo=UTC), "Europe/Amsterdam", with_time=False) == (
        "07-12-2026"
    )


@pytest.mark.parametrize("name", ["", "Mars/Olympus", "Europe/Amsterdam\x00", "../../etc/passwd", "x" * 100])
def test_unknown_time_zones_are_refused(name):
    assert not is_valid_time_zone(name)
    with pytest.raises(InvalidTimeZone):
        get_zone(name)


@given(
    day=st.dates(min_value=date(2026, 1, 1), max_value=date(2030, 12, 31)),
    clock=st.times(),
    zone=st.sampled_from(["Europe/Amsterdam", "America/New_York", "Asia/Kolkata", "Australia/Sydney", "UTC"]),
)
def test_every_typed_wall_clock_time_maps_to_an_aware_utc_moment_near_it(day, clock, zone):
    moment = local_to_utc(day, clock, zone)
    assert moment.tzinfo is UTC
    local = moment.astimezone(get_zone(zone)).replace(tzinfo=None)
    typed = datetime.combine(day, clock)
    # Equal, except inside a spring gap, where it moves forward by at most the gap (1 hour here).
    assert timedelta(0) <= local - typed <= timedelta(hours=1)
