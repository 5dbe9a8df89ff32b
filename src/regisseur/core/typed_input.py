"""Dates and times as people type them (seed 003, P2): pure parsing, one place for every form.

Dates are day-first for every user, American browsers included: 7-12-2026, 07-12-2026,
07/12/2026 and 07.12.2026, plus the ISO 2026-12-07 that links and scripts use.
Times are the 24-hour clock as Dutch planners write it: 9:30, 9.30, 09:30, 0930, 930 and 9.
"""

from __future__ import annotations

import re
from datetime import date, time

from django.utils.translation import gettext as _

DAY_FIRST = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})")
ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
CLOCK_WITH_SEPARATOR = re.compile(r"(\d{1,2})[:.](\d{2})")
CLOCK_DIGITS = re.compile(r"\d{1,4}")


class TypedInputError(ValueError):
    """A typed date or time that cannot be read; `message` is in the user's language."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def parse_day(text: str) -> date:
    """The calendar day typed as dd-mm-yyyy (or d-m-yyyy, dd/mm/yyyy, dd.mm.yyyy, yyyy-mm-dd)."""
    typed = (text or "").strip()
    day_first = DAY_FIRST.fullmatch(typed)
    iso = ISO_DAY.fullmatch(typed)
    if day_first:
        day, month, year = int(day_first.group(1)), int(day_first.group(3)), int(day_first.group(4))
    elif iso:
        year, month, day = (int(part) for part in iso.groups())
    else:
        raise TypedInputError("invalid_date", _("Type the date as dd-mm-yyyy, for example 07-12-2026."))
    try:
        return date(year, month, day)
    except ValueError:
        raise TypedInputError(
            "no_such_date", _("There is no such date: %(typed)s. Type the date as dd-mm-yyyy.") % {"typed": typed}
        ) from None


def parse_clock(text: str) -> time:
    """The time of day typed as 9:30, 9.30, 09:30, 0930, 930 or 9 (24-hour clock, whole minutes)."""
    typed = (text or "").strip()
    with_separator = CLOCK_WITH_SEPARATOR.fullmatch(typed)
    if with_separator:
        hour, minute = int(with_separator.group(1)), int(with_separator.group(2))
    elif CLOCK_DIGITS.fullmatch(typed):
        # 9 and 14 are whole hours; 930 and 0930 are 9:30; 1430 is 14:30.
        hour, minute = (int(typed), 0) if len(typed) <= 2 else (int(typed[:-2]), int(typed[-2:]))
    else:
        raise TypedInputError("invalid_time", _("Type the time as hours and minutes, for example 9:30 or 14.00."))
    if hour > 23 or minute > 59:
        raise TypedInputError(
            "no_such_time", _("There is no such time: %(typed)s. Use 0:00 to 23:59.") % {"typed": typed}
        )
    return time(hour, minute)


def format_day(value: date) -> str:
    return value.strftime("%d-%m-%Y")


def format_clock(value: time) -> str:
    return value.strftime("%H:%M")
