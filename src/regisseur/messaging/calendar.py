"""iCalendar invitations (C6): RFC 5545 events sent as iMIP (RFC 6047) with RFC 5546 methods.

One stable UID per interview; SEQUENCE is the interview's version, so every change
supersedes the earlier invitation in Outlook, Google and Apple calendars, and a
CANCEL with the same UID removes the event.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from regisseur.interviews.models import ConfirmationStatus, Interview

REQUEST = "REQUEST"
CANCEL = "CANCEL"
_PARTSTAT: dict[str, str] = {
    ConfirmationStatus.ACCEPTED: "ACCEPTED",
    ConfirmationStatus.NOT_ACCEPTED: "DECLINED",
    ConfirmationStatus.NOT_APPLICABLE: "DECLINED",
}


def interview_uid(interview: Interview) -> str:
    host = urlsplit(settings.BASE_URL).hostname or "regisseur.invalid"
    return f"interview-{interview.pk}@{host}"


def _address(email: str, name: str, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = vText(name)
    for key, value in params.items():
        address.params[key] = vText(value)
    return address


def build_ics(
    *,
    interview: Interview,
    method: str,
    summary: str,
    description: str,
    organizer_email: str,
    organizer_name: str,
    attendee_email: str,
    attendee_name: str,
    attendee_is_candidate: bool,
    now: datetime | None = None,
    uid: str = "",
) -> str:
    """The calendar object for one recipient; never contains the memo.

    `uid`: the event as the recipient knows it (a cancellation repeats the UID of their invitation).
    """
    calendar = Calendar()
    calendar.add("prodid", "-//Regisseur//Interview planning//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", uid or interview_uid(interview))
    event.add("sequence", interview.version)
    event.add("dtstamp", now or timezone.now())
    event.add("dtstart", interview.starts_at)
    event.add("dtend", interview.ends_at)
    event.add("summary", summary)
    if description:
        event.add("description", description)
    if interview.location:
        event.add("location", interview.location)
        first_word = interview.location.split()[0] if interview.location.split() else ""
        if first_word.startswith(("https://", "http://")):
            event.add("url", first_word)
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    event.add("transp", "OPAQUE")
    event["organizer"] = _address(organizer_email, organizer_name)
    partstat = "NEEDS-ACTION"
    if attendee_is_candidate:
        partstat = _PARTSTAT.get(interview.confirmation_status, "NEEDS-ACTION")
    event.add(
        "attendee",
        _address(attendee_email, attendee_name, ROLE="REQ-PARTICIPANT", PARTSTAT=partstat, RSVP="FALSE"),
    )
    calendar.add_component(event)
    return calendar.to_ical().decode()
