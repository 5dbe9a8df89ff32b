"""What the interviews overview shows around its rows (issue 9): day links, sortable headers, people, markers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from regisseur.core.typed_input import format_day
from regisseur.interviews.models import ConfirmationStatus, Interview
from regisseur.web.forms.overview import PAST

# A pending interview this close to its start is a risk worth a marker.
PENDING_RISK_HOURS = 48


@dataclass
class Link:
    label: str
    url: str
    current: bool = False


@dataclass
class SortHeader:
    label: str
    url: str
    aria_sort: str  # "ascending", "descending" or "" (not sorted on this column)
    name: str


@dataclass
class Marker:
    """A compact sign on a row; `text` is what a screen reader reads and the tooltip shows."""

    kind: str
    icon: str
    text: str


def _url(query: QueryDict, **changes: str | None) -> str:
    """The overview with the kept filters plus `changes` (None removes a key); page always back to 1."""
    changed = query.copy()
    for key, value in changes.items():
        if value is None:
            changed.pop(key, None)
        else:
            changed[key] = value
    changed.pop("page", None)
    encoded = changed.urlencode()
    return reverse("interviews:overview") + (f"?{encoded}" if encoded else "")


def period_links(query: QueryDict, day: date | None) -> list[Link]:
    """Upcoming (today onwards) and Past, as tabs; neither is current while one day is shown."""
    past = query.get("when") == PAST
    return [
        Link(_("Today and upcoming"), _url(query, when=None, date=None), current=day is None and not past),
        Link(_("Past"), _url(query, when=PAST, date=None, sort=None), current=day is None and past),
    ]


def day_links(query: QueryDict, day: date | None) -> dict[str, Link]:
    """Previous/next day and week around the chosen day, and today."""
    today = timezone.localdate()
    links = {"today": Link(_("Today"), _url(query, date=format_day(today), when=None), current=day == today)}
    if day is not None:
        for key, label, delta in (
            ("previous_week", _("Previous week"), -7),
            ("previous_day", _("Previous day"), -1),
            ("next_day", _("Next day"), 1),
            ("next_week", _("Next week"), 7),
        ):
            links[key] = Link(label, _url(query, date=format_day(day + timedelta(days=delta))))
    return links


def sort_headers(query: QueryDict, current: str) -> list[SortHeader]:
    """The sortable column headers: a click sorts on the column, a second click reverses it."""
    headers = []
    for name, label in (
        ("starts", _("Date and time")),
        ("candidate", _("Candidate")),
        ("vacancy", _("Vacancy")),
        ("status", _("Status")),
    ):
        state = "ascending" if current == name else "descending" if current == f"-{name}" else ""
        wanted = f"-{name}" if state == "ascending" else name
        headers.append(SortHeader(label, _url(query, sort=wanted), state, name))
    return headers


def people(interview: Interview) -> list[str]:
    """The free-text interviewer and the participating users, each person once (case and spaces ignored)."""
    seen: dict[str, str] = {}
    for name in [interview.interviewer, *(str(user) for user in interview.participants.all())]:
        key = " ".join(name.split()).casefold()
        if key and key not in seen:
            seen[key] = " ".join(name.split())
    return list(seen.values())


def _follow_up_icons() -> dict[str, str]:
    return {"send_questions": "?", "new_appointment": "↻", "change_mode": "⇄", "read_message": "✉"}


def markers(interview: Interview, *, now: Any = None) -> list[Marker]:
    """The candidate's open requests and the row's risks, each a compact sign with its words."""
    icons = _follow_up_icons()
    found = [
        Marker(f"follow-up-{kind}", icons.get(kind, "!"), text)
        for kind, text in getattr(interview, "follow_up_marks", [])
    ]
    reminder = getattr(interview, "reminder_summary", None)
    if reminder is not None and reminder.sms_skipped:
        found.append(Marker("no-mobile", "✆", _("SMS skipped: no mobile number")))
    moment = now or timezone.now()
    pending = interview.confirmation_status == ConfirmationStatus.PENDING and not interview.is_cancelled
    if pending and moment < interview.starts_at <= moment + timedelta(hours=PENDING_RISK_HOURS):
        found.append(Marker("unconfirmed-soon", "!", _("Not confirmed yet, starts within two days")))
    return found
