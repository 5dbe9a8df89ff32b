"""The interview day's time rules (seed 000) as pure functions, across midnight and both DST changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from regisseur.monitoring.windows import (
    active_window,
    check_in_due,
    day_bounds,
    local_day,
    started_on_time,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Moments around the spring-forward (29-03-2026) and fall-back (25-10-2026) nights, and ordinary midnights.
AROUND_CHANGES = st.sampled_from(
    [
        datetime(2026, 3, 29, 1, 0, tzinfo=UTC),
        datetime(2026, 10, 25, 1, 0, tzinfo=UTC),
        datetime(2026, 12, 31, 23, 0, tzinfo=UTC),
        datetime(2026, 6, 30, 22, 0, tzinfo=UTC),
    ]
)
OFFSETS = st.integers(min_value=-6 * 60, max_value=6 * 60).map(lambda minutes: timedelta(minutes=minutes))
DURATIONS = st.integers(min_value=5, max_value=8 * 60).map(lambda minutes: timedelta(minutes=minutes))


@given(AROUND_CHANGES, OFFSETS, DURATIONS)
def test_the_active_window_is_one_real_hour_either_side(base: datetime, offset: timedelta, duration: timedelta) -> None:
    # Arithmetic in UTC (Python adds to a zoned datetime on the wall clock); the function gets local times.
    starts = base + offset
    ends = starts + duration
    window = active_window(starts.astimezone(AMSTERDAM), ends.astimezone(AMSTERDAM))

    assert window.ends - window.starts == duration + timedelta(hours=2)
    assert window.starts.tzinfo is UTC and window.ends.tzinfo is UTC
    assert window.contains(starts - timedelta(hours=1))
    assert not window.contains(starts - timedelta(hours=1, seconds=1))
    assert window.contains(ends + timedelta(minutes=59, seconds=59))
    assert not window.contains(ends + timedelta(hours=1))


@given(AROUND_CHANGES, OFFSETS)
def test_every_moment_belongs_to_the_local_day_whose_bounds_hold_it(base: datetime, offset: timedelta) -> None:
    moment = base + offset
    day = local_day(moment, "Europe/Amsterdam")
    bounds = day_bounds(day, "Europe/Amsterdam")

    assert bounds.contains(moment)
    assert bounds.starts.astimezone(AMSTERDAM).time().hour == 0
    assert day_bounds(day + timedelta(days=1), "Europe/Amsterdam").starts == bounds.ends


def test_a_clock_change_day_lasts_23_or_25_hours() -> None:
    spring = day_bounds(date(2026, 3, 29), "Europe/Amsterdam")
    autumn = day_bounds(date(2026, 10, 25), "Europe/Amsterdam")
    ordinary = day_bounds(date(2026, 12, 1), "Europe/Amsterdam")

    assert spring.ends - spring.starts == timedelta(hours=23)
    assert autumn.ends - autumn.starts == timedelta(hours=25)
    assert ordinary.ends - ordinary.starts == timedelta(hours=24)
    assert ordinary.starts == datetime(2026, 11, 30, 23, 0, tzinfo=UTC)


def test_an_interview_at_half_past_midnight_belongs_to_its_own_day_and_its_window_reaches_back() -> None:
    starts = datetime(2026, 12, 2, 0, 30, tzinfo=AMSTERDAM)
    window = active_window(starts, starts + timedelta(hours=1))

    assert local_day(starts, "Europe/Amsterdam") == date(2026, 12, 2)
    # Active monitoring begins the evening before, at 23:30 local.
    assert window.starts.astimezone(AMSTERDAM) == datetime(2026, 12, 1, 23, 30, tzinfo=AMSTERDAM)


@given(AROUND_CHANGES, DURATIONS)
def test_check_ins_fall_within_the_hour_after_the_end(base: datetime, duration: timedelta) -> None:
    ends = base + duration
    due = check_in_due(ends)

    assert ends < due.starts < due.ends == ends + timedelta(hours=1)


def test_on_time_means_within_five_minutes_of_the_planned_start() -> None:
    starts = datetime(2026, 10, 25, 2, 30, tzinfo=UTC)

    assert started_on_time(starts, starts + timedelta(minutes=5))
    assert started_on_time(starts, starts - timedelta(minutes=10))
    assert not started_on_time(starts, starts + timedelta(minutes=5, seconds=1))
