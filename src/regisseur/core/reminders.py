"""When a reminder goes out (seed 004, M2, M3): a pure rule, no database, no settings.

"Reminders are sent around 09:00 CET before the interview. Weekdays and weekends
count: an interview on Monday with a reminder 2 days before is reminded on Saturday
at 09:00." The days are calendar days in the reminder's zone (Europe/Amsterdam by
default): the interview's date there, minus the days, at the send time there.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from regisseur.core.timezones import get_zone, local_to_utc

REMINDER_DAYS = (1, 2, 3, 5, 7)


def reminder_due_at(
    *, starts_at: datetime, days_before: int, zone_name: str = "Europe/Amsterdam", send_time: time = time(9, 0)
) -> datetime:
    """The UTC moment the reminder for an interview starting at `starts_at` is sent."""
    if starts_at.tzinfo is None:
        raise ValueError("starts_at must be aware")
    if days_before not in REMINDER_DAYS:
        raise ValueError(f"days_before must be one of {REMINDER_DAYS}")
    interview_day = starts_at.astimezone(get_zone(zone_name)).date()
    return local_to_utc(interview_day - timedelta(days=days_before), send_time, zone_name).astimezone(UTC)


def is_too_late(*, due_at: datetime, now: datetime) -> bool:
    """M3: a reminder whose moment has passed cannot be set (the interview is too close)."""
    return due_at <= now
