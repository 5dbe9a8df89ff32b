"""The moments that matter on the interview day (seed 000), as pure functions.

Aware datetimes in, aware UTC datetimes out; a day is a day on the wall clock of a zone,
so it lasts 23 or 25 hours on the nights the clocks change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from regisseur.core.timezones import get_zone, local_to_utc

# Active monitoring runs from one hour before to one hour after the interview (seed 000, O2).
ACTIVE_BEFORE = timedelta(hours=1)
ACTIVE_AFTER = timedelta(hours=1)
# Check-ins go out within an hour of the end (O4): at the end plus this pause, never after the hour.
CHECK_IN_DELAY = timedelta(minutes=10)
CHECK_IN_WITHIN = timedelta(hours=1)
# A debrief is planned within 24 hours of the end (O4, O5).
DEBRIEF_WITHIN = timedelta(hours=24)
# The success checklist is expected done within this time after the end (after_steps_late).
AFTER_CHECKLIST_WITHIN = timedelta(hours=24)
# An interview that starts within this time after its planned start counts as on time (O5).
ON_TIME_GRACE = timedelta(minutes=5)
# New times offered after a cancellation lie between 24 and 48 hours ahead (O3).
NEW_TIMES_FROM = timedelta(hours=24)
NEW_TIMES_UNTIL = timedelta(hours=48)
# Changes in the last day before an interview are surprises (O5).
SURPRISE_WINDOW = timedelta(hours=24)


@dataclass(frozen=True)
class Window:
    starts: datetime
    ends: datetime

    def contains(self, moment: datetime) -> bool:
        return self.starts <= moment < self.ends


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("an aware datetime is needed")
    return moment.astimezone(UTC)


def active_window(starts_at: datetime, ends_at: datetime) -> Window:
    """From one hour before the start to one hour after the end, in real (elapsed) time."""
    return Window(_utc(starts_at) - ACTIVE_BEFORE, _utc(ends_at) + ACTIVE_AFTER)


def day_bounds(day: date, zone_name: str) -> Window:
    """The first and the first-after-last moment of a wall-clock day in a zone."""
    return Window(
        local_to_utc(day, time(0, 0), zone_name), local_to_utc(day + timedelta(days=1), time(0, 0), zone_name)
    )


def local_day(moment: datetime, zone_name: str) -> date:
    """The wall-clock date of a moment in a zone."""
    return _utc(moment).astimezone(get_zone(zone_name)).date()


def check_in_due(ends_at: datetime) -> Window:
    """When a check-in may go out: from shortly after the end until one hour after it."""
    end = _utc(ends_at)
    return Window(end + CHECK_IN_DELAY, end + CHECK_IN_WITHIN)


def started_on_time(starts_at: datetime, started_at: datetime) -> bool:
    return _utc(started_at) <= _utc(starts_at) + ON_TIME_GRACE
