"""What the planning form starts with when a link fills it in: the calendar's empty times (issue 9).

`?date=2026-03-30&time=09:30&participant=12&location_preset=3`: each value is checked and a
bad one is left out (the form then starts empty there), so a hand-made address never fails.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from django.http import QueryDict

from regisseur.accounts.models import User
from regisseur.core.typed_input import TypedInputError, parse_clock, parse_day
from regisseur.interviews.models import LocationPreset

CARRIED = ("date", "time", "participant", "location_preset")


def _date(raw: str) -> date | None:
    try:
        return parse_day(raw)
    except TypedInputError:
        return None


def _time(raw: str) -> time | None:
    try:
        return parse_clock(raw)
    except TypedInputError:
        return None


def _pk(raw: str) -> int | None:
    return int(raw) if raw.isascii() and raw.isdigit() and 0 < int(raw) < 2**63 else None


def initial_from_query(query: QueryDict, *, organisation_id: int) -> dict[str, Any]:
    """The planning form's initial date, time, participating colleague and location from the address."""
    initial: dict[str, Any] = {}
    day = _date(query.get("date", "")[:20])
    if day is not None:
        initial["date"] = day
    clock = _time(query.get("time", "")[:10])
    if clock is not None:
        initial["time"] = clock
    user_id = _pk(query.get("participant", "")[:20])
    if user_id and User.objects.filter(pk=user_id, organisation_id=organisation_id, is_active=True).exists():
        initial["participants"] = [user_id]
    preset_id = _pk(query.get("location_preset", "")[:20])
    preset = (
        LocationPreset.objects.filter(pk=preset_id, organisation_id=organisation_id, is_active=True).first()
        if preset_id
        else None
    )
    if preset is not None:
        initial["location_preset"] = preset.pk
        initial["location"] = preset.location
    return initial


def carried(query: QueryDict) -> list[tuple[str, str]]:
    """The values to carry through the step that chooses a candidate or vacancy first."""
    return [(name, str(query.get(name, ""))[:40]) for name in CARRIED if query.get(name)]
