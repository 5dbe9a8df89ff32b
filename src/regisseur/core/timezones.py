"""Pure time rules. Aware datetimes only; UTC in the database; zones at the edges."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, date, datetime, time
from functools import lru_cache

AMSTERDAM = "Europe/Amsterdam"


class InvalidTimeZone(ValueError):
    pass


@lru_cache(maxsize=512)
def get_zone(name: str) -> zoneinfo.ZoneInfo:
    """The IANA zone called `name`; InvalidTimeZone when there is none."""
    if not name or len(name) > 64:
        raise InvalidTimeZone(name)
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError, OSError):
        raise InvalidTimeZone(name) from None


def is_valid_time_zone(name: str) -> bool:
    try:
        get_zone(name)
    except InvalidTimeZone:
        return False
    return True


def local_to_utc(day: date, clock: time, zone_name: str) -> datetime:
    """The UTC moment of a wall-clock time in a zone.

    Wall-clock times that do not exist (the hour skipped in spring) move forward
    by the gap, and ambiguous ones (the hour repeated in autumn) take the first
    occurrence: what a person means when they type "02:30" on such a day.
    """
    # With fold=0 Python reads a skipped time with the offset before the jump
    # (so it lands after the gap) and a repeated time as its first occurrence.
    local = datetime.combine(day, clock.replace(tzinfo=None)).replace(tzinfo=get_zone(zone_name), fold=0)
    return local.astimezone(UTC)


SKIPPED = "skipped"
REPEATED = "repeated"


def wall_clock_gap(day: date, clock: time, zone_name: str) -> str:
    """Whether a wall-clock time is SKIPPED (spring forward), REPEATED (autumn back) or "" (an ordinary time).

    A time exists once when both folds read back the same offset; it is skipped when the
    moment it names does not read back as the same wall clock.
    """
    zone = get_zone(zone_name)
    naive = datetime.combine(day, clock.replace(tzinfo=None))
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return ""
    round_trip = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    return REPEATED if round_trip == naive else SKIPPED


def to_zone(moment: datetime, zone_name: str) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(get_zone(zone_name))


def format_day_first(moment: datetime, zone_name: str, *, with_time: bool = True) -> str:
    """dd-mm-yyyy HH:MM in the given zone, for every user (seed 003)."""
    local = to_zone(moment, zone_name)
    return local.strftime("%d-%m-%Y %H:%M" if with_time else "%d-%m-%Y")


def zone_abbreviation(moment: datetime, zone_name: str) -> str:
    return to_zone(moment, zone_name).tzname() or zone_name
