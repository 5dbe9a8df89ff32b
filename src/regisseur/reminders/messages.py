"""A reminder's messages (M4): the email and/or text message it sends the candidate."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from regisseur.interviews.models import Interview, InterviewEvent
from regisseur.messaging.composition import Variant, compose
from regisseur.messaging.models import Audience, HtmlProfile, Message, Purpose
from regisseur.messaging.services import email_message, recipients_for, sent_event
from regisseur.messaging.sms import sms_reminder_message, sms_reminder_text
from regisseur.messaging.texts import default_profile, new_message_id, template_variant
from regisseur.reminders.models import Reminder
from regisseur.responses.models import CandidateLink
from regisseur.responses.services import new_link


@dataclass
class SweepTexts:
    """The reminder templates and HTML profile per organisation (and language), read once per sweep.

    A sweep sends hundreds of reminders in a few seconds: reading the same template and
    profile again for each cost two queries a reminder. A template saved during the sweep
    is used from the next sweep on.
    """

    variants: dict[tuple[int, str], Variant] = field(default_factory=dict)
    sms_texts: dict[tuple[int, str], str] = field(default_factory=dict)
    profiles: dict[int, HtmlProfile | None] = field(default_factory=dict)

    def variant(self, organisation_id: int, language: str) -> Variant:
        key = (organisation_id, language)
        if key not in self.variants:
            self.variants[key] = template_variant(
                organisation_id=organisation_id, purpose=Purpose.REMINDER, language=language
            )
        return self.variants[key]

    def sms_text(self, organisation_id: int, language: str) -> str:
        key = (organisation_id, language)
        if key not in self.sms_texts:
            self.sms_texts[key] = sms_reminder_text(organisation_id=organisation_id, language=language)
        return self.sms_texts[key]

    def profile(self, organisation_id: int) -> HtmlProfile | None:
        if organisation_id not in self.profiles:
            self.profiles[organisation_id] = default_profile(organisation_id)
        return self.profiles[organisation_id]


@dataclass
class ReminderMessages:
    """What one reminder writes: its messages, their confirm links, the history's line."""

    messages: list[Message] = field(default_factory=list)
    links: list[CandidateLink] = field(default_factory=list)
    events: list[InterviewEvent] = field(default_factory=list)
    sms_skipped: str = ""


@dataclass
class Outbox:
    """The rows of the reminders sent in one transaction, written together when they are all composed.

    A reminder's rows join only once all of them are composed, so one that fails halfway
    leaves nothing behind. `write` must run in the transaction that marks the reminders
    sent: the outbox's rule (a message is written with its cause) and the sweep's (sent
    once) both rest on it.
    """

    messages: list[Message] = field(default_factory=list)
    links: list[CandidateLink] = field(default_factory=list)
    events: list[InterviewEvent] = field(default_factory=list)
    sent: list[Reminder] = field(default_factory=list)

    def add(self, reminder: Reminder, rows: ReminderMessages) -> None:
        self.messages += rows.messages
        self.links += rows.links
        self.events += rows.events
        self.sent.append(reminder)

    def write(self) -> None:
        """A few statements for the whole batch: the links, the messages, the history, the sent marks."""
        CandidateLink.objects.bulk_create(self.links)
        Message.objects.bulk_create(self.messages)
        InterviewEvent.objects.bulk_create(self.events)
        # The sent reminders share their values but for an SMS skipped now and then: one UPDATE per
        # distinct set of values (bulk_update's CASE per row and field cost more than the messages).
        marks: dict[tuple[object, ...], list[int]] = {}
        for reminder in self.sent:
            values = (reminder.state, reminder.sent_at, reminder.sms_skipped_reason, reminder.updated_at)
            marks.setdefault(values, []).append(reminder.pk)
        for (state, sent_at, sms_skipped_reason, updated_at), ids in marks.items():
            Reminder.objects.filter(pk__in=ids).update(
                state=state, sent_at=sent_at, sms_skipped_reason=sms_skipped_reason, updated_at=updated_at
            )


def queue_reminder_messages(
    *,
    interview: Interview,
    reminder: Reminder,
    email: bool,
    sms: bool,
    texts: SweepTexts | None = None,
) -> ReminderMessages:
    """The reminder's email with its own subject, content and signature, and/or its text message.

    The rows are not written: the caller adds them to its Outbox. `sms_skipped` says why
    the SMS part was skipped, if it was.
    """
    texts = texts or SweepTexts()
    recipient = recipients_for(interview, Audience.CANDIDATE)[0]
    actor = reminder.created_by or interview.created_by
    rows = ReminderMessages()
    if email:
        variant = texts.variant(interview.organisation_id, recipient.language)
        variant = Variant(
            subject=reminder.subject or variant.subject,
            body=reminder.body or variant.body,
            signature=reminder.signature or variant.signature,
            template=variant.template,
        )
        message_id = new_message_id()
        link, confirm_url = new_link(interview=interview, seed=message_id)
        composed = compose(
            interview=interview,
            recipient=recipient,
            variant=variant,
            include_confirm_link=True,
            confirm_url=confirm_url,
            profile=texts.profile(interview.organisation_id),
            recruiter=actor,
        )
        rows.links.append(link)
        rows.messages.append(
            email_message(
                interview=interview,
                composed=composed,
                purpose=Purpose.REMINDER,
                actor=actor,
                calendar_method="",
                message_id=message_id,
            )
        )
    if sms:
        candidate = recipient.candidate
        if candidate is None or not candidate.mobile:
            rows.sms_skipped = _("The candidate has no mobile number: the SMS reminder was skipped.")
        else:
            message, sms_link = sms_reminder_message(
                interview=interview,
                recipient=recipient,
                actor=actor,
                text=texts.sms_text(interview.organisation_id, recipient.language),
            )
            rows.messages.append(message)
            rows.links += [sms_link] if sms_link is not None else []
    if rows.messages:
        rows.events.append(sent_event(interview, None, rows.messages))
    return rows
