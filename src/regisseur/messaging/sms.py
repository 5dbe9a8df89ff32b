"""Text messages (M4): the reminder's SMS, queued in the outbox like any message."""

from __future__ import annotations

from django.utils import timezone

from regisseur.accounts.models import User
from regisseur.core.placeholders import fill_text
from regisseur.interviews.models import Interview
from regisseur.messaging.composition import Recipient, placeholder_values
from regisseur.messaging.models import Channel, Message, MessageState, Purpose


def queue_sms_reminder(*, interview: Interview, recipient: Recipient, actor: User | None) -> Message:
    """The reminder text for the candidate's mobile, from the SMS template of their language."""
    from regisseur.messaging.services import _new_message_id, choose_template

    template = choose_template(
        organisation_id=interview.organisation_id, purpose=Purpose.SMS_REMINDER, language=recipient.language
    )
    if template is not None:
        text = template.body
    else:
        from regisseur.messaging.defaults import DEFAULTS

        texts = DEFAULTS[Purpose.SMS_REMINDER]
        text = texts.get(recipient.language, texts["nl"])[2]
    values = placeholder_values(interview, language=recipient.language, recruiter=actor)
    values["confirmlink"] = ""
    assert recipient.candidate is not None
    return Message.objects.create(
        organisation_id=interview.organisation_id,
        interview=interview,
        candidate=recipient.candidate,
        channel=Channel.SMS,
        audience=recipient.audience,
        purpose=Purpose.SMS_REMINDER,
        language=recipient.language,
        to_name=" ".join(recipient.name.split()),
        to_address=recipient.candidate.mobile,
        from_address="",
        body_text=" ".join(fill_text(text, values).split()),
        message_id=_new_message_id(),
        state=MessageState.QUEUED,
        next_attempt_at=timezone.now(),
        created_by=actor,
    )
