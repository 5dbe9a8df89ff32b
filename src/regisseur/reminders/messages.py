"""A reminder's messages (M4): the email and/or text message it sends the candidate."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from regisseur.interviews.models import Interview
from regisseur.messaging.composition import Variant, compose
from regisseur.messaging.models import Audience, HtmlProfile, Purpose
from regisseur.messaging.services import queue_email, recipients_for, record_sent, schedule_delivery
from regisseur.messaging.sms import queue_sms_reminder
from regisseur.messaging.texts import default_profile, new_message_id, template_variant
from regisseur.reminders.models import Reminder
from regisseur.responses.services import issue_link


@dataclass
class SweepTexts:
    """The reminder template and HTML profile per organisation (and language), read once per sweep.

    A sweep sends hundreds of reminders in a few seconds: reading the same template and
    profile again for each cost two queries a reminder. A template saved during the sweep
    is used from the next sweep on.
    """

    variants: dict[tuple[int, str], Variant] = field(default_factory=dict)
    profiles: dict[int, HtmlProfile | None] = field(default_factory=dict)

    def variant(self, organisation_id: int, language: str) -> Variant:
        key = (organisation_id, language)
        if key not in self.variants:
            self.variants[key] = template_variant(
                organisation_id=organisation_id, purpose=Purpose.REMINDER, language=language
            )
        return self.variants[key]

    def profile(self, organisation_id: int) -> HtmlProfile | None:
        if organisation_id not in self.profiles:
            self.profiles[organisation_id] = default_profile(organisation_id)
        return self.profiles[organisation_id]


def queue_reminder_messages(
    *,
    interview: Interview,
    reminder: Reminder,
    email: bool,
    sms: bool,
    texts: SweepTexts | None = None,
    deliver: bool = True,
) -> str:
    """The reminder's email with its own subject, content and signature, and/or its text message.

    Answers why the SMS part was skipped, if it was. `deliver=False` leaves asking the
    worker to deliver to the caller (a sweep asks once for all its reminders).
    """
    texts = texts or SweepTexts()
    recipient = recipients_for(interview, Audience.CANDIDATE)[0]
    actor = reminder.created_by or interview.created_by
    skipped = ""
    queued = []
    if email:
        variant = texts.variant(interview.organisation_id, recipient.language)
        variant = Variant(
            subject=reminder.subject or variant.subject,
            body=reminder.body or variant.body,
            signature=reminder.signature or variant.signature,
            template=variant.template,
        )
        message_id = new_message_id()
        composed = compose(
            interview=interview,
            recipient=recipient,
            variant=variant,
            include_confirm_link=True,
            confirm_url=issue_link(interview=interview, seed=message_id),
            profile=texts.profile(interview.organisation_id),
            recruiter=actor,
        )
        queued.append(
            queue_email(
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
            skipped = _("The candidate has no mobile number: the SMS reminder was skipped.")
        else:
            queued.append(queue_sms_reminder(interview=interview, recipient=recipient, actor=actor))
    if queued:
        record_sent(interview, None, queued)
        if deliver:
            schedule_delivery()
    return skipped
