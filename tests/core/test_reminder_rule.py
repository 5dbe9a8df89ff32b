"""The reminder rule of seed 004, with the seed's example and daylight-saving changes."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regisseur.core.reminders import REMINDER_DAYS, is_too_late, reminder_due_at
from regisseur.core.timezones import get_zone, local_to_utc

AMSTERDAM = get_zone("Europe/Amsterdam")


def amsterdam(day: date, clock: time) -> datetime:
    return local_to_utc(day, clock, "Europe/Amsterdam")


def test_a_monday_interview_with_two_days_is_reminded_on_saturday_at_nine():
    monday = amsterdam(date(2027, 1, 18), time(14, 0))
    due = reminder_due_at(starts_at=monday, days_before=2).astimezone(AMSTERDAM)
    assert (due.strftime("%A"), due.date(), due.time()) == ("Saturday", date(2027, 1, 16), time(9, 0))


def test_three_days_before_a_tuesday_after_the_spring_change_is_nine_oclock_winter_time():
    interview = amsterdam(date(2027, 3, 30), time(10, 0))
    due = reminder_due_at(starts_at=interview, days_before=3)
    assert due == datetime(2027, 3, 27, 8, 0, tzinfo=UTC)  # 09:00 CET
    assert due.astimezone(AMSTERDAM).tzname() == "CET"


def test_one_day_before_the_same_tuesday_is_nine_oclock_summer_time():
    interview = amsterdam(date(2027, 3, 30), time(10, 0))
    due = reminder_due_at(starts_at=interview, days_before=1)
    assert due == datetime(2027, 3, 29, 7, 0, tzinfo=UTC)  # 09:00 CEST
    assert due.astimezone(AMSTERDAM).tzname() == "CEST"


def test_an_interview_in_new_york_counts_days_on_the_amsterdam_calendar():
    # 20:00 in New York on 4 Feb is 02:00 on 5 Feb in Amsterdam: one day before is 4 Feb 09:00.
    interview = local_to_utc(date(2027, 2, 4), time(20, 0), "America/New_York")
    due = reminder_due_at(starts_at=interview, days_before=1).astimezone(AMSTERDAM)
    assert (due.date(), due.time()) == (date(2027, 2, 4), time(9, 0))


def test_another_zone_and_send_time_can_be_configured():
    interview = local_to_utc(date(2027, 6, 10), time(9, 0), "Europe/London")
    due = reminder_due_at(starts_at=interview, days_before=1, zone_name="Europe/London", send_time=time(8, 30))
    assert due == datetime(2027, 6, 9, 7, 30, tzinfo=UTC)


@pytest.mark.parametrize("days", [0, 4, 6, 8, -1, 30])
def test_other_numbers_of_days_are_refused(days):
    with pytest.raises(ValueError):
        reminder_due_at(starts_at=datetime(2027, 1, 1, tzinfo=UTC), days_before=days)


def test_a_reminder_whose_moment_has_passed_is_too_late():
    interview = amsterdam(date(2027, 1, 18), time(14, 0))
    due = reminder_due_at(starts_at=interview, days_before=2)
    assert is_too_late(due_at=due, now=due)
    assert not is_too_late(due_at=due, now=due - timedelta(seconds=1))


# Around the last Sundays of March and October, where Amsterdam changes its clocks.
DST_DAYS = [date(year, month, day) for year in (2026, 2027, 2028) for month, day in ((3, 25), (10, 25))]


@given(
    anchor=st.sampled_from(DST_DAYS),
    offset_days=st.integers(min_value=-3, max_value=10),
    minutes=st.integers(min_value=0, max_value=24 * 60 - 1),
    days_before=st.sampled_from(REMINDER_DAYS),
    zone=st.sampled_from(["Europe/Amsterdam", "America/New_York", "Asia/Tokyo", "UTC", "Australia/Sydney"]),
)
def test_the_reminder_is_always_nine_oclock_amsterdam_the_given_calendar_days_earlier(
    anchor, offset_days, minutes, days_before, zone
):
    starts_at = local_to_utc(anchor + timedelta(days=offset_days), time(minutes // 60, minutes % 60), zone)
    due = reminder_due_at(starts_at=starts_at, days_before=days_before)
    local_due = due.astimezone(AMSTERDAM)
    assert local_due.time() == time(9, 0)
    assert (starts_at.astimezone(AMSTERDAM).date() - local_due.date()).days == days_before
    assert due.tzinfo is UTC
