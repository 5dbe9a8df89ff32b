"""Telling everyone invited that an interview is off (C6): each audience in its own words, each calendar event once.

Who is told: the candidate (unless they withdrew) and every audience that was sent an
invitation for the interview. Which calendar events are cancelled is read from what was
actually sent to each person (the UIDs of their invitations), so a colleague who holds one
event for a whole group interview gets one cancellation for it, and a group member's
withdrawal never removes the event the group goes on with.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar

from regisseur.accounts.models import User
from regisseur.accounts.roles import is_recruiter
from regisseur.core.errors import Forbidden, ServiceError
from regisseur.interviews.models import Interview, InterviewStatus
from regisseur.messaging import calendar
from regisseur.messaging.composition import Recipient, Variant, compose
from regisseur.messaging.defaults import SIGNATURE
from regisseur.messaging.models import Audience, Message, Purpose
from regisseur.messaging.services import (
    CALENDAR_PURPOSES,
    check_variant,
    queue_email,
    recipients_for,
    record_sent,
    schedule_delivery,
    variant_for,
)
from regisseur.messaging.texts import default_profile

# Each audience's cancellation in its own words (the candidate's text speaks of a new appointment).
CANCELLATION_PURPOSES: dict[str, str] = {
    Audience.CANDIDATE: Purpose.CANCELLATION,
    Audience.HIRING_MANAGER: Purpose.MANAGER_CANCELLATION,
    Audience.COMMITTEE: Purpose.COMMITTEE_CANCELLATION,
    Audience.COLLEAGUES: Purpose.COLLEAGUE_CANCELLATION,
}
AUDIENCE_ORDER = (Audience.CANDIDATE, Audience.HIRING_MANAGER, Audience.COMMITTEE, Audience.COLLEAGUES)


def invited_audiences(interview: Interview) -> list[str]:
    """The audiences that received an invitation for the interview (and so must hear it is off)."""
    invited = set(
        Message.objects.filter(interview=interview, purpose__in=list(CALENDAR_PURPOSES))
        .exclude(audience=Audience.RECRUITER)
        .values_list("audience", flat=True)
        .distinct()
    )
    return [audience for audience in AUDIENCE_ORDER if audience in invited]


def cancellation_audiences(interview: Interview, *, withdrawn: bool = False) -> list[str]:
    """Who is told of a cancellation: the candidate (unless they withdrew) and every audience invited."""
    audiences = invited_audiences(interview)
    if withdrawn:
        return [audience for audience in audiences if audience != Audience.CANDIDATE]
    if Audience.CANDIDATE not in audiences and interview.application is not None:
        audiences.insert(0, Audience.CANDIDATE)
    return audiences


@dataclass
class Draft:
    """The cancellation one audience will read in one language, before the planner edits it."""

    audience: str
    language: str
    variant: Variant
    recipients: list[Recipient]


def cancellation_drafts(interviews: Sequence[Interview]) -> list[Draft]:
    """Per audience and language, the default text of the cancellation the interviews' people would get."""
    found: dict[tuple[str, str], Draft] = {}
    for interview in interviews:
        for audience in cancellation_audiences(interview):
            try:
                recipients = recipients_for(interview, audience)
            except ServiceError:
                continue
            for recipient in recipients:
                key = (audience, recipient.language)
                if key not in found:
                    variant = variant_for(
                        interview=interview,
                        purpose=CANCELLATION_PURPOSES[audience],
                        language=recipient.language,
                        template=None,
                    )
                    found[key] = Draft(audience, recipient.language, variant, [])
                if all(other.address.lower() != recipient.address.lower() for other in found[key].recipients):
                    found[key].recipients.append(recipient)
    order: dict[str, int] = {audience: index for index, audience in enumerate(AUDIENCE_ORDER)}
    return sorted(found.values(), key=lambda draft: (order[draft.audience], draft.language))


def _uid_of(ics: str) -> str:
    try:
        events = Calendar.from_ical(ics).walk("VEVENT")
    except ValueError:
        return ""
    return str(events[0].get("UID", "")) if events else ""


def _invited_events(address: str, interviews: Sequence[Interview]) -> dict[str, Interview]:
    """The calendar events (UID → interview) this person was sent an invitation for, among these interviews."""
    by_pk = {interview.pk: interview for interview in interviews}
    if not by_pk:
        return {}
    sent = (
        Message.objects.filter(
            interview_id__in=list(by_pk), to_address__iexact=address, calendar_method=calendar.REQUEST
        )
        .exclude(calendar_ics="")
        .order_by("pk")
        .values_list("interview_id", "calendar_ics")
    )
    events: dict[str, Interview] = {}
    for interview_id, ics in sent:
        uid = _uid_of(ics)
        if uid:
            events.setdefault(uid, by_pk[interview_id])
    return events


def _still_in_the_group_notice(audience: str, language: str) -> Variant:
    """For a person whose one calendar event the rest of the group keeps: who left, and that the event stays."""
    with translation.override(language):
        greeting = _("Dear committee member,") if audience == Audience.COMMITTEE else _("Dear colleague,")
        return Variant(
            subject=_("{candidate_name} no longer takes part in the group interview on {interview_date}"),
            body=greeting
            + "\n\n"
            + _(
                "{candidate_name} no longer takes part in the group interview for the vacancy {vacancy_title} "
                "on {interview_date} at {interview_time}."
            )
            + "\n{cancel_reason}\n\n"
            + _("The group interview goes ahead with the other candidates; the appointment stays in your calendar."),
            signature=SIGNATURE.get(language, ""),
        )


@transaction.atomic
def send_cancellation(
    *,
    actor: User | None,
    interview: Interview,
    group: Sequence[Interview] = (),
    texts: dict[str, dict[str, Variant]] | None = None,
    withdrawn: bool = False,
) -> list[Message]:
    """Tell everyone who was invited that the interview is off, each audience in its own words, with METHOD:CANCEL.

    `group`: every interview cancelled together with `interview` (a group interview's
    members); each candidate is told of their own, everyone else once for all.
    `texts` holds edited texts per audience and language; `actor` None: the candidate withdrew.
    """
    cancelled = list(group) or [interview]
    for each in cancelled:
        if actor is not None and (not is_recruiter(actor) or actor.organisation_id != each.organisation_id):
            raise Forbidden(_("Only recruiters can send messages about interviews."))
        if each.status != InterviewStatus.CANCELLED:
            raise ServiceError("invalid", _("The interview is not cancelled."))
    going_on: list[Interview] = []
    if interview.group_id is not None:
        going_on = list(
            Interview.objects.filter(group_id=interview.group_id)
            .exclude(status=InterviewStatus.CANCELLED)
            .exclude(pk__in=[each.pk for each in cancelled])
        )
    sender_user = actor or interview.created_by
    profile = default_profile(interview.organisation_id)
    messages: list[Message] = []

    def send(
        member: Interview, recipient: Recipient, variant: Variant, purpose: str, method: str, uid: str = ""
    ) -> None:
        check_variant(variant)
        composed = compose(
            interview=member,
            recipient=recipient,
            variant=variant,
            include_confirm_link=False,
            confirm_url=None,
            profile=profile,
            recruiter=sender_user,
        )
        messages.append(
            queue_email(
                interview=member,
                composed=composed,
                purpose=purpose,
                actor=sender_user,
                calendar_method=method,
                calendar_uid=uid,
            )
        )

    told: set[str] = set()
    for audience in AUDIENCE_ORDER:
        purpose = CANCELLATION_PURPOSES[audience]
        for member in cancelled:
            if audience not in cancellation_audiences(member, withdrawn=withdrawn):
                continue
            try:
                recipients = recipients_for(member, audience)
            except ServiceError:
                continue
            for recipient in recipients:
                variant = (texts or {}).get(audience, {}).get(recipient.language) or variant_for(
                    interview=member, purpose=purpose, language=recipient.language, template=None
                )
                if audience == Audience.CANDIDATE:
                    send(member, recipient, variant, purpose, calendar.CANCEL)
                    continue
                if recipient.address.lower() in told:
                    continue
                told.add(recipient.address.lower())
                held = _invited_events(recipient.address, cancelled)
                # The events the rest of the group keeps: those sent for them, and the group's shared event.
                kept = set(_invited_events(recipient.address, going_on)) | {
                    calendar.event_uid(other, audience) for other in going_on
                }
                ending = {uid: event for uid, event in held.items() if uid not in kept}
                if held and not ending:
                    # Their one event is the group's, which goes on: a word, and no CANCEL that would remove it.
                    send(member, recipient, _still_in_the_group_notice(audience, recipient.language), purpose, "")
                    continue
                # One cancellation per event the person holds, with the UID their invitation carried;
                # one in all when no invitation with a calendar part was recorded.
                for uid, event_interview in ending.items() or [("", member)]:
                    send(event_interview, recipient, variant, purpose, calendar.CANCEL, uid)
    if messages:
        for member in cancelled:
            sent = [message for message in messages if message.interview_id == member.pk]
            if sent:
                record_sent(member, actor, sent)
        schedule_delivery()
    return messages
