"""The calendar of interviews per day and per week (issue 9): mine, a colleague's, a room's, everyone's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regisseur.accounts.roles import is_recruiter
from regisseur.core.timezones import local_to_utc
from regisseur.core.typed_input import format_day
from regisseur.interviews import calendar_queries as queries
from regisseur.interviews.models import ConfirmationStatus, InterviewStatus
from regisseur.web.forms.calendar import DAY, WEEK, CalendarChoice, CalendarForm
from regisseur.web.views.calendar_layout import (
    ROWS_PER_HOUR,
    SLOT_MINUTES,
    Block,
    Cluster,
    by_day,
    clusters,
    hour_range,
    local_blocks,
)
from regisseur.web.views.interview_common import _page

URL_PLACEHOLDER = 987654321


@dataclass
class DayColumn:
    day: date
    short: str
    long: str
    is_today: bool
    day_url: str
    clusters: list[Cluster]
    slots: list[dict[str, Any]]


def _long_day(day: date) -> str:
    """ "maandag 30-03-2026" / "Monday 30-03-2026": the weekday in the user's language, the date day-first."""
    return f"{WEEKDAYS[day.weekday()]} {format_day(day)}"


def _url(choice: CalendarChoice, **changes: Any) -> str:
    state = {"view": choice.view, "date": choice.day.isoformat(), "show": choice.show, **changes}
    return reverse("interviews:calendar") + "?" + urlencode(state)


def _navigation(choice: CalendarChoice, days: list[date]) -> dict[str, str]:
    step = timedelta(days=7 if choice.view == WEEK else 1)
    return {
        "previous": _url(choice, date=(choice.day - step).isoformat()),
        "next": _url(choice, date=(choice.day + step).isoformat()),
        "today": _url(choice, date=timezone.localdate().isoformat()),
        "day": _url(choice, view=DAY),
        "week": _url(choice, view=WEEK),
    }


def _title(choice: CalendarChoice, days: list[date]) -> str:
    if choice.view == DAY:
        return capfirst(_long_day(choice.day))
    return _("Week %(number)d: %(first)s to %(last)s") % {
        "number": days[0].isocalendar().week,
        "first": format_day(days[0]),
        "last": format_day(days[-1]),
    }


def _slot_person(choice: CalendarChoice) -> dict[str, Any]:
    """Who or where a new interview from an empty time is for: the person or room shown."""
    if choice.room is not None:
        return {"location_preset": choice.room.pk}
    if choice.attendee is not None:
        return {"participant": choice.attendee.pk}
    return {}


def _slots(
    day: date, label_day: str, first_hour: int, last_hour: int, person: dict[str, Any] | None
) -> list[dict[str, Any]]:
    """Every half hour of the day; for recruiters (`person` given) a link to plan an interview then."""
    plan_url = reverse("interviews:plan")
    label = _("Plan an interview on %(day)s at %(time)s")
    slots = []
    for minute in range(first_hour * 60, last_hour * 60, SLOT_MINUTES):
        clock = f"{minute // 60:02d}:{minute % 60:02d}"
        slots.append(
            {
                "row": (minute - first_hour * 60) // 5 + 1,
                "full_hour": minute % 60 == 0,
                "url": ""
                if person is None
                else plan_url + "?" + urlencode({"date": day.isoformat(), "time": clock, **person}),
                "label": label % {"day": label_day, "time": clock},
            }
        )
    return slots


def _describe(blocks: list[Block]) -> None:
    """The texts of each block, computed once: time, who, vacancy, status, colour and address."""
    confirmations = {value: str(label) for value, label in ConfirmationStatus.choices}
    statuses = {value: str(label) for value, label in InterviewStatus.choices}
    # One reverse() for all blocks: hundreds of them made it a tenth of the page's time.
    detail_url = reverse("interviews:detail", args=[URL_PLACEHOLDER])
    for block in blocks:
        interview = block.interview
        if block.group_size:
            who = ngettext(
                "Group interview, %(count)d candidate", "Group interview, %(count)d candidates", block.group_size
            ) % {"count": block.group_size}
        elif interview.application_id is not None:
            who = interview.application.candidate.full_name
        else:
            who = interview.round_name or _("Interview round")
        status = confirmations.get(interview.confirmation_status, interview.confirmation_status)
        if interview.status != InterviewStatus.PLANNED:
            status = f"{status}, {statuses.get(interview.status, interview.status)}"
        people = ", ".join(str(person) for person in interview.participants.all())
        where = interview.location_preset.name if interview.location_preset else ""
        block.texts = {  # type: ignore[attr-defined]
            "time": f"{block.starts:%H:%M}–{block.ends:%H:%M}",
            "who": who,
            "vacancy": interview.vacancy.title,
            "status": status,
            "extra": " · ".join(part for part in (people, where) if part),
            "url": detail_url.replace(str(URL_PLACEHOLDER), str(interview.pk)),
        }


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    """Interviews on a grid of days and hours; an empty half hour plans one there (recruiters)."""
    user = request.user
    form = CalendarForm(
        request.GET, user=user, colleagues=queries.calendar_colleagues(user), rooms=queries.calendar_rooms(user)
    )
    choice = form.choice()
    first_day = choice.day - timedelta(days=choice.day.weekday()) if choice.view == WEEK else choice.day
    days = [first_day + timedelta(days=offset) for offset in range(7 if choice.view == WEEK else 1)]
    zone = timezone.get_current_timezone()
    zone_name = timezone.get_current_timezone_name()
    interviews = queries.calendar_interviews(
        user,
        starts_from=local_to_utc(days[0], time(0, 0), zone_name),
        starts_before=local_to_utc(days[-1] + timedelta(days=1), time(0, 0), zone_name),
        attendee=choice.attendee,
        location_preset_id=choice.room.pk if choice.room is not None else None,
    )
    blocks = local_blocks(interviews, zone)
    _describe(blocks)
    first_hour, last_hour = hour_range(blocks)
    recruiter = is_recruiter(user)
    person = _slot_person(choice)
    today = timezone.localdate()
    columns = []
    for day, day_blocks in by_day(blocks, days).items():
        long_day = _long_day(day)
        columns.append(
            DayColumn(
                day=day,
                short=f"{WEEKDAYS_ABBR[day.weekday()]} {day:%d-%m}",
                long=long_day,
                is_today=day == today,
                day_url=_url(choice, view=DAY, date=day.isoformat()),
                clusters=clusters(day_blocks, first_hour, last_hour),
                slots=_slots(day, long_day, first_hour, last_hour, person if recruiter else None),
            )
        )
    hours = [
        {"label": f"{hour:02d}:00", "row": (hour - first_hour) * ROWS_PER_HOUR + 1}
        for hour in range(first_hour, last_hour)
    ]
    context = {
        "form": form,
        "choice": choice,
        "title": _title(choice, days),
        "navigation": _navigation(choice, days),
        "columns": columns,
        "hours": hours,
        "rows": (last_hour - first_hour) * ROWS_PER_HOUR,
        "count": len(blocks),
        "is_recruiter": recruiter,
        "zone_name": zone_name,
        "shows_today": today in days,
        "confirmation_choices": ConfirmationStatus.choices,
    }
    return _page(request, "calendar.html", {**context, "section": "calendar"})
