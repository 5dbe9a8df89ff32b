"""The debrief after an interview (O4): its own time, participants and calendar invitation.

A debrief is its own calendar event (UID debrief-<id>@host, ORGANIZER the recruiter who
planned it), sent by email with the DEBRIEF texts to each participating user and client
contact. A new time or new people send an update with a higher SEQUENCE (people taken off
get a CANCEL); cancelling the debrief sends everyone a CANCEL.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from icalendar import Calendar, Event, vCalAddress, vText

from regisseur.accounts.models import User
from regisseur.core.errors import ServiceError
from regisseur.core.placeholders import mark_literal
from regisseur.core.timezones import to_zone
from regisseur.interviews.models import Interview, InterviewEvent, InterviewStatus
from regisseur.interviews.services import record_event
from regisseur.messaging.attendees import joined
from regisseur.messaging.composition import Recipient, Variant, compose, fit_name, fit_subject, sender
from regisseur.messaging.delivery import render_for_outbox
from regisseur.messaging.models import Audience, Channel, Message, MessageState, Purpose
from regisseur.messaging.services import schedule_delivery
from regisseur.messaging.texts import default_profile, new_message_id, template_variant
from regisseur.monitoring.checklists import check_monitor
from regisseur.monitoring.models import Debrief
from regisseur.monitoring.windows import DEBRIEF_WITHIN
from regisseur.recruitment.models import Contact

REQUEST = "REQUEST"
CANCEL = "CANCEL"
MIN_MINUTES, MAX_MINUTES = 5, 480


@dataclass
class Planned:
    debrief: Debrief
    messages: list[Message]
    warnings: list[str]


def debrief_uid(debrief: Debrief) -> str:
    host = urlsplit(settings.BASE_URL).hostname or "regisseur.invalid"
    return f"debrief-{debrief.pk}@{host}"


def _check(
    *,
    actor: User,
    interview: Interview,
    starts_at: datetime,
    duration_minutes: int,
    participants: Sequence[User],
    contacts: Sequence[Contact],
    location: str,
) -> list[str]:
    """Refuse what cannot be; answer warnings for what is unusual but allowed."""
    check_monitor(actor, interview)
    if interview.status == InterviewStatus.CANCELLED:
        raise ServiceError("interview_cancelled", _("This interview has been cancelled."))
    if starts_at.tzinfo is None:
        raise ServiceError("invalid", _("Give the debrief's date and time."), field="starts_at")
    if not MIN_MINUTES <= duration_minutes <= MAX_MINUTES:
        raise ServiceError(
            "invalid",
            _("A debrief lasts from %(min)d to %(max)d minutes.") % {"min": MIN_MINUTES, "max": MAX_MINUTES},
            field="duration_minutes",
        )
    if len(location) > 500:
        raise ServiceError("too_long", _("The place has at most 500 characters."), field="location")
    if starts_at > interview.ends_at + DEBRIEF_WITHIN:
        raise ServiceError(
            "too_late", _("Plan the debrief within 24 hours after the end of the interview."), field="starts_at"
        )
    if any(user.organisation_id != interview.organisation_id or not user.is_active for user in participants):
        raise ServiceError("not_found", _("Unknown colleague."), field="participants")
    if any(contact.client_id != interview.vacancy.client_id for contact in contacts):
        raise ServiceError("not_found", _("Unknown client contact."), field="contacts")
    if not any(user.email for user in participants) and not any(contact.email for contact in contacts):
        raise ServiceError(
            "required",
            _("Invite at least one colleague or client contact with an email address."),
            field="participants",
        )
    warnings = []
    if starts_at < interview.ends_at:
        warnings.append(_("The debrief starts before the interview ends."))
    if starts_at < timezone.now():
        warnings.append(_("The debrief starts in the past."))
    return warnings


@transaction.atomic
def plan_debrief(
    *,
    actor: User,
    interview: Interview,
    starts_at: datetime,
    duration_minutes: int = 30,
    participants: Sequence[User] = (),
    contacts: Sequence[Contact] = (),
    location: str = "",
) -> Planned:
    """A debrief within 24 hours of the end, with a calendar invitation to each participant."""
    location = (location or "").strip()
    warnings = _check(
        actor=actor,
        interview=interview,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        participants=participants,
        contacts=contacts,
        location=location,
    )
    debrief = Debrief.objects.create(
        interview=interview,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        time_zone=interview.time_zone,
        location=location,
        created_by=actor,
    )
    debrief.participants.set(participants)
    debrief.contacts.set(contacts)
    messages = _invite(actor, debrief, _people(debrief), method=REQUEST)
    record_event(
        interview,
        actor,
        InterviewEvent.Action.AFTERCARE,
        {"debrief": [None, _when(debrief)]},
        note="debrief_planned",
    )
    schedule_delivery()
    return Planned(debrief, messages, warnings)


@transaction.atomic
def reschedule_debrief(
    *,
    actor: User,
    debrief: Debrief,
    starts_at: datetime,
    duration_minutes: int,
    participants: Sequence[User],
    contacts: Sequence[Contact],
    location: str = "",
) -> Planned:
    """A new time, place or people: an update (higher SEQUENCE) to everyone, a CANCEL to those taken off."""
    debrief = Debrief.objects.select_for_update().select_related("interview").get(pk=debrief.pk)
    if debrief.cancelled_at is not None:
        raise ServiceError("debrief_cancelled", _("This debrief has been cancelled."))
    location = (location or "").strip()
    warnings = _check(
        actor=actor,
        interview=debrief.interview,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        participants=participants,
        contacts=contacts,
        location=location,
    )
    before = _people(debrief)
    old_when = _when(debrief)
    debrief.starts_at, debrief.duration_minutes, debrief.location = starts_at, duration_minutes, location
    debrief.sequence += 1
    debrief.save(update_fields=["starts_at", "duration_minutes", "location", "sequence"])
    debrief.participants.set(participants)
    debrief.contacts.set(contacts)
    now_invited = _people(debrief)
    kept = {person.address.casefold() for person in now_invited}
    gone = [person for person in before if person.address.casefold() not in kept]
    messages = _invite(actor, debrief, now_invited, method=REQUEST, changed=True)
    messages += _invite(actor, debrief, gone, method=CANCEL)
    record_event(
        debrief.interview,
        actor,
        InterviewEvent.Action.AFTERCARE,
        {"debrief": [old_when, _when(debrief)]},
        note="debrief_changed",
    )
    schedule_delivery()
    return Planned(debrief, messages, warnings)


@transaction.atomic
def cancel_debrief(*, actor: User, debrief: Debrief) -> Debrief:
    """Call the debrief off: a CANCEL (higher SEQUENCE) to everyone invited."""
    debrief = Debrief.objects.select_for_update().select_related("interview").get(pk=debrief.pk)
    check_monitor(actor, debrief.interview)
    if debrief.cancelled_at is not None:
        return debrief
    debrief.cancelled_at = timezone.now()
    debrief.sequence += 1
    debrief.save(update_fields=["cancelled_at", "sequence"])
    _invite(actor, debrief, _people(debrief), method=CANCEL)
    record_event(
        debrief.interview,
        actor,
        InterviewEvent.Action.AFTERCARE,
        {"debrief": [_when(debrief), None]},
        note="debrief_cancelled",
    )
    schedule_delivery()
    return debrief


# --- Recipients, texts and the calendar event --------------------------------------------------------


def _people(debrief: Debrief) -> list[Recipient]:
    """Everyone invited with an email address, each address once: colleagues first, then client contacts."""
    language = debrief.interview.vacancy.language
    people: list[Recipient] = []
    seen: set[str] = set()
    for user in debrief.participants.order_by("last_name", "first_name", "id"):
        if user.email and user.email.casefold() not in seen:
            seen.add(user.email.casefold())
            people.append(
                Recipient(
                    name=str(user),
                    address=user.email,
                    language=user.language or language,
                    audience=Audience.COLLEAGUES,
                    user=user,
                    wants_calendar=True,
                )
            )
    for contact in debrief.contacts.order_by("name", "id"):
        if contact.email and contact.email.casefold() not in seen:
            seen.add(contact.email.casefold())
            people.append(
                Recipient(
                    name=contact.name,
                    address=contact.email,
                    language=language,
                    audience=Audience.CLIENT,
                    contact=contact,
                    wants_calendar=True,
                )
            )
    return people


def _when(debrief: Debrief) -> str:
    return to_zone(debrief.starts_at, debrief.time_zone).strftime("%d-%m-%Y %H:%M")


def _details(debrief: Debrief, people: Sequence[Recipient], language: str) -> str:
    """When, how long, where and with whom, in the reader's language (the values' braces kept as text)."""
    local = to_zone(debrief.starts_at, debrief.time_zone)
    with translation.override(language):
        duration = ngettext("%(minutes)d minute", "%(minutes)d minutes", debrief.duration_minutes) % {
            "minutes": debrief.duration_minutes
        }
        lines = [
            _("When: %(day)s at %(time)s (%(duration)s)")
            % {"day": local.strftime("%d-%m-%Y"), "time": local.strftime("%H:%M"), "duration": duration}
        ]
        if debrief.location:
            lines.append(_("Where: %(place)s") % {"place": mark_literal(debrief.location)})
        names = joined([mark_literal(person.name) for person in people])
        if names:
            lines.append(_("With: %(names)s") % {"names": names})
    return "\n".join(lines)


def _variant(debrief: Debrief, people: Sequence[Recipient], language: str, *, method: str, changed: bool) -> Variant:
    interview = debrief.interview
    variant = template_variant(organisation_id=interview.organisation_id, purpose=Purpose.DEBRIEF, language=language)
    details = _details(debrief, people, language)
    with translation.override(language):
        if method == CANCEL:
            return Variant(
                subject=_("Cancelled: %(subject)s") % {"subject": variant.subject},
                body=_("The debrief below has been cancelled.") + "\n\n" + details,
                signature=variant.signature,
            )
        body = f"{variant.body.rstrip()}\n\n{details}"
        subject = variant.subject
        if changed:
            body = _("The debrief has been changed; these are the new arrangements.") + "\n\n" + body
            subject = _("Changed: %(subject)s") % {"subject": subject}
    return Variant(subject=subject, body=body, signature=variant.signature, template=variant.template)


def _invite(
    actor: User, debrief: Debrief, people: Sequence[Recipient], *, method: str, changed: bool = False
) -> list[Message]:
    interview = debrief.interview
    everyone = _people(debrief)
    # The interview's video link belongs to the interview, not to its debrief.
    past = copy.copy(interview)
    past.video_link = ""
    profile = default_profile(interview.organisation_id)
    messages = []
    for person in people:
        variant = _variant(debrief, everyone, person.language, method=method, changed=changed)
        composed = compose(
            interview=past,
            recipient=person,
            variant=variant,
            include_confirm_link=False,
            confirm_url=None,
            profile=profile,
            recruiter=actor,
        )
        ics = build_ics(
            debrief,
            method=method,
            organizer=actor,
            summary=composed.subject,
            description=composed.body_text,
            attendees=everyone if method == REQUEST else [person],
        )
        from_address, reply_to = sender(actor)
        message = Message(
            organisation_id=interview.organisation_id,
            interview=interview,
            contact=person.contact,
            channel=Channel.EMAIL,
            audience=person.audience,
            purpose=Purpose.DEBRIEF,
            language=person.language,
            to_name=fit_name(person.name),
            to_address=person.address,
            from_address=from_address,
            reply_to=reply_to,
            subject=fit_subject(composed.subject),
            body_text=composed.body_text,
            body_html=composed.body_html,
            calendar_method=method,
            calendar_ics=ics,
            message_id=new_message_id(),
            state=MessageState.QUEUED,
            next_attempt_at=timezone.now(),
            created_by=actor,
        )
        try:
            message.raw_mime = render_for_outbox(message)
        except Exception:  # rendered again when sending, where a failure is recorded and shown
            message.raw_mime = None
        message.save(force_insert=True)
        messages.append(message)
    return messages


def _address(email: str, name: str, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = vText(name)
    for key, value in params.items():
        address.params[key] = vText(value)
    return address


def build_ics(
    debrief: Debrief,
    *,
    method: str,
    organizer: User,
    summary: str,
    description: str,
    attendees: Sequence[Recipient],
    now: datetime | None = None,
) -> str:
    """The debrief's own event (its UID, its SEQUENCE), organised by the recruiter."""
    calendar = Calendar()
    calendar.add("prodid", "-//Regisseur//Interview planning//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", debrief_uid(debrief))
    event.add("sequence", debrief.sequence)
    event.add("dtstamp", now or timezone.now())
    event.add("dtstart", debrief.starts_at)
    event.add("dtend", debrief.starts_at + timedelta(minutes=debrief.duration_minutes))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    if debrief.location:
        event.add("location", debrief.location)
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    event.add("transp", "OPAQUE")
    sending = settings.DEFAULT_FROM_EMAIL
    if organizer.email:
        params = {} if organizer.email.casefold() == sending.casefold() else {"SENT-BY": f"mailto:{sending}"}
        event["organizer"] = _address(organizer.email, str(organizer), **params)
    else:
        event["organizer"] = _address(sending, organizer.organisation.name if organizer.organisation else "")
    for person in attendees:
        event.add(
            "attendee",
            _address(
                person.address,
                person.name,
                CUTYPE="INDIVIDUAL",
                ROLE="REQ-PARTICIPANT",
                PARTSTAT="NEEDS-ACTION",
                RSVP="TRUE",
            ),
        )
    calendar.add_component(event)
    return calendar.to_ical().decode()
