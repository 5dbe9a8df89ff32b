"""A reminder's messages (M4): the email and/or text message it sends the candidate."""

from __future__ import annotations

from django.utils.translation import gettext as _

from regisseur.interviews.models import Interview
from regisseur.messaging.composition import Variant, compose
from regisseur.messaging.models import Audience, Purpose
from regisseur.messaging.services import queue_email, recipients_for, record_sent, schedule_delivery
from regisseur.messaging.sms import queue_sms_reminder
from regisseur.messaging.texts import default_profile, new_message_id, template_variant
from regisseur.reminders.models import Reminder
from regisseur.responses.services import issue_link


def queue_reminder_messages(*, interview: Interview, reminder: Reminder, email: bool, sms: bool) -> str:
    """The reminder's email with its own subject, content and signature, and/or its text message.

    Answers why the SMS part was skipped, if it was.
    """
    recipient = recipients_for(interview, Audience.CANDIDATE)[0]
    actor = reminder.created_by or interview.created_by
    skipped = ""
    queued = []
    if email:
        variant = template_variant(
            organisation_id=interview.organisation_id, purpose=Purpose.REMINDER, language=recipient.language
        )
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
            profile=default_profile(interview.organisation_id),
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
        schedule_delivery()
    return skipped
