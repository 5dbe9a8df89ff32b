"""iCalendar invitations (C6): RFC 5545 events sent as iMIP (RFC 6047) with RFC 5546 methods.

One stable UID per interview (and one per group interview for the organisation's own
people, see is_shared_group_event); SEQUENCE is the interview's version, so every change
supersedes the earlier invitation in Outlook, Google and Apple calendars, and a
CANCEL with the same UID removes the event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from regisseur.interviews.models import ConfirmationStatus, Interview
from regisseur.messaging.attendees import attendees_of
from regisseur.messaging.models import Audience

REQUEST = "REQUEST"
CANCEL = "CANCEL"
_PARTSTAT: dict[str, str] = {
    ConfirmationStatus.ACCEPTED: "ACCEPTED",
    ConfirmationStatus.NOT_ACCEPTED: "DECLINED",
    ConfirmationStatus.NOT_APPLICABLE: "DECLINED",
}


def interview_uid(interview: Interview) -> str:
    return f"interview-{interview.pk}@{_host()}"


def group_uid(group_id: int) -> str:
    return f"interview-group-{group_id}@{_host()}"


def _host() -> str:
    return urlsplit(settings.BASE_URL).hostname or "regisseur.invalid"


def is_shared_group_event(interview: Interview, audience: str) -> bool:
    """A group interview is one event in the calendars of the organisation's people.

    Each candidate has an event of their own (their own answer link, their own attendee
    list without the other candidates); the recruiter's colleagues, the hiring manager and
    the committee sit in one meeting, so they get one event with a UID of the group.
    """
    return interview.group_id is not None and audience != Audience.CANDIDATE


def event_uid(interview: Interview, audience: str) -> str:
    if is_shared_group_event(interview, audience):
        assert interview.group_id is not None
        return group_uid(interview.group_id)
    return interview_uid(interview)


def event_sequence(interview: Interview, audience: str) -> int:
    """The interview's version; for the group's shared event the highest version among its members.

    A change of the whole group raises every member's version; a candidate leaving raises
    only their own, and the update then wins by its later DTSTAMP (RFC 5546, 2.1.5).
    """
    if not is_shared_group_event(interview, audience):
        return interview.version
    versions = Interview.objects.filter(group_id=interview.group_id).values_list("version", flat=True)
    return max([interview.version, *versions])


@dataclass
class Organizer:
    name: str
    email: str
    sent_by: str = ""


def organizer_of(interview: Interview) -> Organizer:
    """The recruiter who planned the interview, so that calendar replies reach a person.

    The messages leave from the organisation's sending address: that address is SENT-BY
    (RFC 5545, 3.2.18) where it differs. Without a planner with an email, the sending
    address organises.
    """
    sending = settings.DEFAULT_FROM_EMAIL
    planner = interview.created_by
    if planner is None or not planner.email:
        return Organizer(name=interview.organisation.name, email=sending)
    sent_by = "" if planner.email.casefold() == sending.casefold() else sending
    return Organizer(name=str(planner), email=planner.email, sent_by=sent_by)


def _address(email: str, name: str, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = vText(name)
    for key, value in params.items():
        address.params[key.replace("_", "-")] = vText(value)
    return address


def attendee_lines(interview: Interview, *, audience: str, recipient_email: str) -> list[vCalAddress]:
    """Everyone invited, each once: the candidate, participating users, the hiring manager, the committee.

    The group's shared event lists no candidates (their names are in its description, for
    the organisation's own people); a candidate's event lists no other candidate.
    """
    organizer = organizer_of(interview)
    participants = {user.pk for user in interview.participants.all()}
    lines: list[vCalAddress] = []
    seen: set[str] = set()

    def add(email: str, name: str, **params: str) -> None:
        if not email or email.casefold() in seen:
            return
        seen.add(email.casefold())
        lines.append(_address(email, name, CUTYPE="INDIVIDUAL", **params))

    candidate = interview.application.candidate if interview.application else None
    if candidate is not None and not is_shared_group_event(interview, audience):
        partstat = _PARTSTAT.get(interview.confirmation_status, "NEEDS-ACTION")
        # The candidate answers through the link in the email; their calendar's reply is not needed.
        add(candidate.email, candidate.full_name, ROLE="REQ-PARTICIPANT", PARTSTAT=partstat, RSVP="FALSE")
    for person in attendees_of(interview):
        email = person.email
        if f"email:{recipient_email.casefold()}" in person.keys:
            email = recipient_email  # the address this copy goes to is the one the calendar knows
        is_organizer = bool(email) and email.casefold() == organizer.email.casefold()
        taking_part = person.user is not None and person.user.pk in participants
        if is_organizer and not taking_part:
            continue  # the recruiter who planned it and holds it is the ORGANIZER already
        if is_organizer:
            add(email, person.name, ROLE="CHAIR", PARTSTAT="ACCEPTED", RSVP="FALSE")
        else:
            add(email, person.name, ROLE="REQ-PARTICIPANT", PARTSTAT="NEEDS-ACTION", RSVP="TRUE")
    return lines


def build_ics(
    *,
    interview: Interview,
    method: str,
    summary: str,
    description: str,
    audience: str,
    recipient_email: str,
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
    event.add("uid", uid or event_uid(interview, audience))
    event.add("sequence", event_sequence(interview, audience))
    event.add("dtstamp", now or timezone.now())
    event.add("dtstart", interview.starts_at)
    event.add("dtend", interview.ends_at)
    event.add("summary", summary)
    if description:
        event.add("description", description)
    place = interview.location.strip()
    url = interview.video_link
    if not url and place.split() and place.split()[0].startswith(("https://", "http://")):
        url = place.split()[0]
    if place or url:
        event.add("location", place or url)
    if url:
        event.add("url", url)
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    event.add("transp", "OPAQUE")
    organizer = organizer_of(interview)
    params = {"SENT_BY": f"mailto:{organizer.sent_by}"} if organizer.sent_by else {}
    event["organizer"] = _address(organizer.email, organizer.name, **params)
    lines = attendee_lines(interview, audience=audience, recipient_email=recipient_email)
    if recipient_email and all(str(line).casefold() != f"mailto:{recipient_email}".casefold() for line in lines):
        lines.append(_address(recipient_email, "", ROLE="REQ-PARTICIPANT", PARTSTAT="NEEDS-ACTION"))
    for line in lines:
        event.add("attendee", line)
    calendar.add_component(event)
    return calendar.to_ical().decode()
