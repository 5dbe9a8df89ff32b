"""Communicating about an interview (C3-C6) and its message log (C7)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from regisseur.actions.communicating import communicate
from regisseur.api.common import ERRORS, actor, get_for_user, page_of, require_recruiter
from regisseur.api.errors import not_found
from regisseur.api.interview_schemas import AttachmentOut, CommunicateIn, CommunicateOut, MessageList, MessageOut
from regisseur.api.schemas import MAX_ID, PageQuery
from regisseur.core.errors import ServiceError
from regisseur.interviews.access import get_interview_for_user
from regisseur.interviews.models import Interview, InterviewStatus
from regisseur.messaging.composition import Variant, default_purpose
from regisseur.messaging.delivery import attachments_of
from regisseur.messaging.models import HtmlProfile, Message, MessageTemplate
from regisseur.messaging.services import recipients_for, variant_for

router = Router(tags=["messages"])


def message_out(message: Message) -> MessageOut:
    return MessageOut(
        id=message.pk,
        channel=message.channel,  # type: ignore[arg-type]
        audience=message.audience,  # type: ignore[arg-type]
        to=message.to_address,
        subject=message.subject,
        body_text=message.body_text,
        has_html=bool(message.body_html),
        attachments=[AttachmentOut(filename=name, content_type=kind) for name, kind in attachments_of(message)],
        includes_confirm_link=message.includes_confirm_link,
        state=message.public_state,  # type: ignore[arg-type]
        attempts=message.attempts,
        sent_at=message.sent_at,
        last_error=message.last_error,
    )


def _owned(model: Any, pk: int | None, *, organisation_id: int | None, field: str) -> Any:
    """A template or profile of the user's organisation; others' and unknown ids are not found."""
    if pk is None:
        return None
    found = model.objects.filter(organisation_id=organisation_id, pk=pk).first() if 1 <= pk <= MAX_ID else None
    if found is None:
        raise not_found(field)
    return found


def _variants(interview: Interview, payload: CommunicateIn, template: MessageTemplate | None) -> dict[str, Variant]:
    """What the planner chose, per language of the recipients: the template with the typed overrides."""
    if template is None and payload.subject is None and payload.body is None:
        return {}  # every language gets its default template
    if interview.status == InterviewStatus.CANCELLED:
        # Checked here too, because the recipients are looked up before the service refuses.
        raise ServiceError("interview_cancelled", _("This interview has been cancelled."))
    purpose = template.purpose if template is not None else default_purpose(interview, payload.audience)
    variants = {}
    for language in {recipient.language for recipient in recipients_for(interview, payload.audience)}:
        base = variant_for(interview=interview, purpose=purpose, language=language, template=template)
        variants[language] = Variant(
            subject=base.subject if payload.subject is None else payload.subject,
            body=base.body if payload.body is None else payload.body,
            signature=base.signature,
            template=base.template,
        )
    return variants


@router.post(
    "/interviews/{interview_id}/communicate",
    response={201: CommunicateOut, **ERRORS},
    summary="Save and communicate: send the interview's message to an audience",
)
def communicate_interview(request: HttpRequest, interview_id: int, payload: CommunicateIn) -> Status:
    user = actor(request)
    require_recruiter(user)
    interview = get_for_user(get_interview_for_user, user, interview_id)
    template = _owned(MessageTemplate, payload.template_id, organisation_id=user.organisation_id, field="template_id")
    profile = _owned(
        HtmlProfile, payload.html_profile_id, organisation_id=user.organisation_id, field="html_profile_id"
    )
    messages = communicate(
        actor=user,
        interviews=[interview],
        audience=payload.audience,
        variants=_variants(interview, payload, template),
        purpose=template.purpose if template is not None else None,
        profile=profile,
        include_confirm_link=payload.include_confirm_link,
        send=payload.send,
    )
    return Status(201, CommunicateOut(messages=[message_out(message) for message in messages]))


@router.get("/interviews/{interview_id}/messages", response={200: MessageList, **ERRORS})
def list_messages(request: HttpRequest, interview_id: int, filters: Query[PageQuery]) -> MessageList:
    user = actor(request)
    require_recruiter(user)
    interview = get_for_user(get_interview_for_user, user, interview_id)
    items, count = page_of(Message.objects.filter(interview=interview).order_by("-created_at", "-id"), filters)
    return MessageList(items=[message_out(message) for message in items], count=count)
