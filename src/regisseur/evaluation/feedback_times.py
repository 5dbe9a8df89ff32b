"""When a participant who has not given feedback is reminded (issue 11, item 4), as pure functions.

The first reminder goes one hour after the interview ends; then one on each following
working day (Monday to Friday, on the Amsterdam wall clock) at 09:00, on at most five
such days. Aware datetimes in, aware UTC datetimes out; 09:00 stays 09:00 on the wall
clock across the changes of daylight-saving time.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from regisseur.core.timezones import AMSTERDAM, get_zone, local_to_utc

FIRST_AFTER = timedelta(hours=1)
WORKING_DAY_AT = time(9, 0)
WORKING_DAYS = 5
# An interview's reminders are all over within this time of its end (five working days after a Friday evening).
LAST_WITHIN = timedelta(days=8)


def reminder_moments(ends_at: datetime, *, zone: str = AMSTERDAM) -> list[datetime]:
    """The moments of the reminders for an interview that ends at `ends_at`, in time order."""
    if ends_at.tzinfo is None:
        raise ValueError("an aware datetime is needed")
    ends = ends_at.astimezone(UTC)
    moments = [ends + FIRST_AFTER]
    day = ends.astimezone(get_zone(zone)).date()
    while len(moments) < WORKING_DAYS + 1:
        day += timedelta(days=1)
        if day.weekday() < 5:
            moments.append(local_to_utc(day, WORKING_DAY_AT, zone))
    return moments


def reminders_due(ends_at: datetime, now: datetime, *, zone: str = AMSTERDAM) -> int:
    """How many of the interview's reminder moments have come by `now`."""
    return sum(1 for moment in reminder_moments(ends_at, zone=zone) if moment <= now)


def next_moment(ends_at: datetime, sent: int, *, zone: str = AMSTERDAM) -> datetime | None:
    """The moment of reminder number `sent` (0-based), or None once all have gone."""
    moments = reminder_moments(ends_at, zone=zone)
    return moments[sent] if sent < len(moments) else None


def working_day_after(ends_at: datetime, days: int, *, at: time = WORKING_DAY_AT, zone: str = AMSTERDAM) -> datetime:
    """`at` on the wall clock of the `days`-th working day after the day `ends_at` falls on (in `zone`)."""
    if ends_at.tzinfo is None:
        raise ValueError("an aware datetime is needed")
    day = ends_at.astimezone(get_zone(zone)).date()
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if day.weekday() < 5:
            counted += 1
    return local_to_utc(day, at, zone)
