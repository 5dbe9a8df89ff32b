"""New times to offer after a cancellation (O3): free starts between 24 and 48 hours ahead.

`free_starts` is the rule as a pure function: starts on the half hour, within working hours
(09:00-17:00 on weekdays, on the wall clock of Amsterdam, so the hours stay put across a
change of the clocks), where the interview fits without touching a busy interval. When the
window gives (almost) nothing, a weekend, say, the next working days are offered too, and the
answer says so. `free_times_for` reads the busy intervals of an interview's people and place
the way planning's conflict check sees them (interviews.conflicts).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from regisseur.core.timezones import AMSTERDAM, local_to_utc
from regisseur.interviews.conflicts import find_conflicts
from regisseur.interviews.models import Interview
from regisseur.interviews.planning import planning_of
from regisseur.interviews.services import slot_for
from regisseur.monitoring.windows import NEW_TIMES_FROM, NEW_TIMES_UNTIL, local_day

WORK_STARTS = time(9, 0)
WORK_ENDS = time(17, 0)
STEP = timedelta(minutes=30)
MAX_OFFERED = 8
# Fewer free starts than this in the 24-48 h window: the next working days are added.
MIN_OFFERED = 3
# How many working days after the window are looked at, at most.
EXTRA_WORKING_DAYS = 5


@dataclass(frozen=True)
class FreeTimes:
    starts: list[datetime]  # aware, UTC, in time order
    window_from: datetime
    window_until: datetime
    extended: bool  # True when starts after the 24-48 h window are offered


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("an aware datetime is needed")
    return moment.astimezone(UTC)


def working_day_starts(day: date, duration: timedelta, zone_name: str = AMSTERDAM) -> list[datetime]:
    """Every half-hour start on a weekday at which the interview ends by the end of working hours."""
    if day.weekday() >= 5:
        return []
    first = local_to_utc(day, WORK_STARTS, zone_name)
    last_end = local_to_utc(day, WORK_ENDS, zone_name)
    starts = []
    moment = first
    # Between 09:00 and 17:00 the clocks never change, so elapsed half hours are wall-clock ones.
    while moment + duration <= last_end:
        starts.append(moment)
        moment += STEP
    return starts


def _is_free(start: datetime, end: datetime, busy: Sequence[tuple[datetime, datetime]]) -> bool:
    return all(not (start < busy_end and busy_start < end) for busy_start, busy_end in busy)


def _spread(starts: list[datetime], limit: int) -> list[datetime]:
    """At most `limit` starts, spread evenly over the ones found (first and last kept)."""
    if len(starts) <= limit:
        return starts
    if limit == 1:
        return starts[:1]
    picked = sorted({round(index * (len(starts) - 1) / (limit - 1)) for index in range(limit)})
    return [starts[index] for index in picked]


def search_until(now: datetime, zone_name: str = AMSTERDAM) -> datetime:
    """The end of the last day `free_starts` may look at: the window and the working days after it."""
    day = local_day(_utc(now) + NEW_TIMES_UNTIL, zone_name)
    added = 0
    while added < EXTRA_WORKING_DAYS:
        day += timedelta(days=1)
        if day.weekday() < 5:
            added += 1
    return local_to_utc(day + timedelta(days=1), time(0, 0), zone_name)


def free_starts(
    *,
    now: datetime,
    duration: timedelta,
    busy: Sequence[tuple[datetime, datetime]],
    zone_name: str = AMSTERDAM,
    limit: int = MAX_OFFERED,
) -> FreeTimes:
    """The free starts to offer: in the 24-48 h window, else (or also) on the next working days."""
    window_from = _utc(now) + NEW_TIMES_FROM
    window_until = _utc(now) + NEW_TIMES_UNTIL
    busy = [(_utc(start), _utc(end)) for start, end in busy]
    day = local_day(window_from, zone_name)
    last_window_day = local_day(window_until, zone_name)
    in_window: list[datetime] = []
    while day <= last_window_day:
        for start in working_day_starts(day, duration, zone_name):
            if window_from <= start <= window_until and _is_free(start, start + duration, busy):
                in_window.append(start)
        day += timedelta(days=1)
    if len(in_window) >= MIN_OFFERED:
        return FreeTimes(_spread(in_window, limit), window_from, window_until, extended=False)
    # Too little in the window (a weekend, a full agenda): the next working days, a day at a time.
    later: list[datetime] = []
    added = 0
    while added < EXTRA_WORKING_DAYS and len(in_window) + len(later) < MIN_OFFERED:
        if day.weekday() < 5:
            added += 1
            later += [
                start
                for start in working_day_starts(day, duration, zone_name)
                if start > window_until and _is_free(start, start + duration, busy)
            ]
        day += timedelta(days=1)
    # The window's own starts always come first; the later days fill up the rest.
    chosen = in_window + _spread(later, max(limit - len(in_window), 0))
    return FreeTimes(chosen[:limit], window_from, window_until, extended=bool(later))


def busy_intervals(interview: Interview, *, starts: datetime, ends: datetime) -> list[tuple[datetime, datetime]]:
    """When the interview's participating users, candidate, location or interviewer are in another interview.

    One conflict check (interviews.conflicts) for a slot as long as the whole search: what it
    finds busy is exactly what would refuse a move there.
    """
    planning = dataclasses.replace(planning_of(interview), starts_at=starts)
    slot = dataclasses.replace(slot_for(planning, [interview.application]), starts_at=starts, ends_at=ends)
    conflicts = find_conflicts(
        organisation_id=interview.organisation_id,
        slots=[slot],
        exclude_ids=[interview.pk],
        exclude_group_id=interview.group_id,
    )
    return sorted({(conflict.starts_at, conflict.ends_at) for conflict in conflicts})


def free_times_for(interview: Interview, *, now: datetime) -> FreeTimes:
    """The new times to offer for this interview: its duration, its people and place free."""
    busy = busy_intervals(interview, starts=_utc(now) + NEW_TIMES_FROM, ends=search_until(now))
    return free_starts(now=now, duration=timedelta(minutes=interview.duration_minutes), busy=busy)
