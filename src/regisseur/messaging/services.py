"""Save and communicate (C3-C6): messages written to the outbox with their cause."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regisseur.accounts.models import User
from regisseur.accounts.roles import is_recruiter
from regisseur.core.errors import Forbidden, ServiceError
from regisseur.core.placeholders import check_template_text, contains_confirmlink, default_include_confirm_link
from regisseur.interviews.models import Interview, InterviewEvent, InterviewKind, InterviewStatus
from regisseur.interviews.services import new_event, record_event
from regisseur.messaging import calendar
from regisseur.messaging.composition import (
    Composed,
    Recipient,
    Variant,
    compose,
    default_purpose,
    fit_name,
    fit_subject,
    sender,
)
from regisseur.messaging.delivery import render_for_outbox
from regisseur.messaging.fanout import once_each, one_per_event
from regisseur.messaging.models import (
    Audience,
    Channel,
    HtmlProfile,
    Message,
    MessageState,
    MessageTemplate,
    Purpose,
)
from regisseur.messaging.tasks import enqueue_delivery
from regisseur.messaging.texts import default_profile, new_message_id, template_variant
from regisseur.responses.services import issue_link

MAX_SUBJECT = 300
MAX_BODY = 20000
MAX_SIGNATURE = 2000
# Messages to these audiences carry the invitation (or its cancellation) for a calendar.
CALENDAR_PURPOSES = {
    Purpose.INVITATION,
    Purpose.CHANGE,
    Purpose.MANAGER_NOTICE,
    Purpose.COMMITTEE_NOTICE,
    Purpose.COLLEAGUE_NOTICE,
}


def recipients_for(interview: Interview, audience: str) -> list[Recipient]:
    """Who receives a message for this audience; audience_not_invited when nobody may."""
    if audience == Audience.CANDIDATE:
        if interview.application is None:
            raise ServiceError(
                "audience_not_invited", _("This interview round has no candidate yet."), field="audience"
            )
        candidate = interview.application.candidate
        return [
            Recipient(
                name=candidate.full_name,
                address=candidate.email,
                language=candidate.language,
                audience=audience,
                candidate=candidate,
                wants_calendar=True,
            )
        ]
    if audience == Audience.HIRING_MANAGER:
        manager = interview.vacancy.hiring_manager
        if interview.kind == InterviewKind.RECRUITER or manager is None:
            raise ServiceError(
                "audience_not_invited",
                _("The hiring manager is informed only when the interview is with the hiring manager or with both."),
                field="audience",
            )
        return [
            Recipient(
                name=manager.name,
                address=manager.email,
                language=interview.vacancy.language,
                audience=audience,
                contact=manager,
                wants_calendar=manager.wants_calendar_invites,
            )
        ]
    if audience == Audience.CLIENT:
        contact = interview.vacancy.main_contact()
        if contact is None or not contact.email:
            raise ServiceError(
                "audience_not_invited",
                _("The client has no contact person with an email address for this vacancy."),
                field="audience",
            )
        return [
            Recipient(
                name=contact.name,
                address=contact.email,
                language=interview.vacancy.language,
                audience=audience,
                contact=contact,
                wants_calendar=False,
            )
        ]
    if audience == Audience.COMMITTEE:
        members = list(interview.committee_members.all())
        if not members:
            raise ServiceError(
                "audience_not_invited", _("This interview has no selection committee members."), field="audience"
            )
        return once_each(
            Recipient(
                name=member.name,
                address=member.email,
                language=interview.vacancy.language,
                audience=audience,
                contact=member,
                user=member.user,
                # Committee members take part: every one of them gets the event for their calendar.
                wants_calendar=True,
            )
            for member in members
            if member.email
        )
    if audience == Audience.COLLEAGUES:
        colleagues = [user for user in interview.participants.all() if user.email]
        if not colleagues:
            raise ServiceError(
                "audience_not_invited", _("This interview has no participating colleagues."), field="audience"
            )
        return once_each(
            Recipient(
                name=str(user),
                address=user.email,
                language=user.language or interview.vacancy.language,
                audience=audience,
                user=user,
                wants_calendar=True,
            )
            for user in colleagues
        )
    raise ServiceError(
        "invalid_choice",
        _("Choose the candidate, the hiring manager, the committee or the colleagues."),
        field="audience",
    )


def variant_for(*, interview: Interview, purpose: str, language: str, template: MessageTemplate | None) -> Variant:
    return template_variant(
        organisation_id=interview.organisation_id, purpose=purpose, language=language, template=template
    )


def check_variant(variant: Variant) -> None:
    if not variant.subject.strip():
        raise ServiceError("required", _("The subject is empty."), field="subject")
    if not variant.body.strip():
        raise ServiceError("required", _("The content is empty."), field="body")
    if len(variant.subject) > MAX_SUBJECT:
        raise ServiceError("too_long", _("The subject is too long."), field="subject")
    # Each as long as a template may hold it: a valid template is always sendable.
    if len(variant.body) > MAX_BODY:
        raise ServiceError("too_long", _("The content is too long."), field="body")
    if len(variant.signature) > MAX_SIGNATURE:
        raise ServiceError("too_long", _("The signature is too long."), field="signature")
    for name, text in (("subject", variant.subject), ("body", variant.body), ("body", variant.signature)):
        problems = check_template_text(text)
        if problems:
            raise ServiceError("invalid_placeholder", " ".join(problems), field=name)


def queue_email(
    *,
    interview: Interview,
    composed: Composed,
    purpose: str,
    actor: User | None,
    calendar_method: str,
    message_id: str | None = None,
    calendar_uid: str = "",
) -> Message:
    message = email_message(
        interview=interview,
        composed=composed,
        purpose=purpose,
        actor=actor,
        calendar_method=calendar_method,
        message_id=message_id,
        calendar_uid=calendar_uid,
    )
    message.save(force_insert=True)
    return message


def email_message(
    *,
    interview: Interview,
    composed: Composed,
    purpose: str,
    actor: User | None,
    calendar_method: str,
    message_id: str | None = None,
    calendar_uid: str = "",
) -> Message:
    """queue_email without the write: the outbox row, rendered, for a caller that bulk-creates many.

    The rows must be written in the transaction that caused them, like queue_email's.
    """
    recipient = composed.recipient
    from_address, reply_to = sender(actor if actor is not None else interview.created_by)
    ics = ""
    if calendar_method and recipient.wants_calendar:
        ics = calendar.build_ics(
            interview=interview,
            method=calendar_method,
            summary=composed.subject,
            description=composed.calendar_text,
            audience=recipient.audience,
            recipient_email=recipient.address,
            uid=calendar_uid,
        )
    message = Message(
        organisation_id=interview.organisation_id,
        interview=interview,
        candidate=recipient.candidate,
        contact=recipient.contact,
        channel=Channel.EMAIL,
        audience=recipient.audience,
        purpose=purpose,
        language=recipient.language,
        to_name=fit_name(recipient.name),  # one line (a header), shortened to the column
        to_address=recipient.address,
        from_address=from_address,
        reply_to=reply_to,
        subject=fit_subject(composed.subject),
        body_text=composed.body_text,
        body_html=composed.body_html,
        calendar_method=calendar_method if ics else "",
        calendar_ics=ics,
        includes_confirm_link=composed.includes_confirm_link,
        message_id=message_id or new_message_id(),
        state=MessageState.QUEUED,
        next_attempt_at=timezone.now(),
        created_by=actor,
    )
    try:
        message.raw_mime = render_for_outbox(message)
    except Exception:  # rendered again when sending, where the failure is recorded and shown
        message.raw_mime = None
    return message


def record_sent(interview: Interview, actor: User | None, messages: list[Message]) -> None:
    """The interview's history notes who was sent what."""
    sent_event(interview, actor, messages).save(force_insert=True)


def sent_event(interview: Interview, actor: User | None, messages: list[Message]) -> InterviewEvent:
    """record_sent without the write: the history's line, for a caller that bulk-creates many."""
    return new_event(
        interview,
        actor,
        InterviewEvent.Action.MESSAGE,
        {"to": [None, ", ".join(m.to_address for m in messages)]},
        # The purpose's code: the history shows its label in the reader's language.
        note=messages[0].purpose if messages else "",
    )


def schedule_delivery() -> None:
    """Ask the worker to deliver once the messages are committed (see tasks.enqueue_delivery)."""
    enqueue_delivery()


def _check_access(actor: User, interview: Interview) -> None:
    if not is_recruiter(actor) or actor.organisation_id != interview.organisation_id:
        raise Forbidden(_("Only recruiters can send messages about interviews."))
    if interview.status == InterviewStatus.CANCELLED:
        raise ServiceError("interview_cancelled", _("This interview has been cancelled."))


@transaction.atomic
def communicate(
    *,
    actor: User,
    interviews: Sequence[Interview],
    audience: str,
    variants: dict[str, Variant] | None = None,
    purpose: str | None = None,
    profile: HtmlProfile | None = None,
    include_confirm_link: bool | None = None,
    send: bool = True,
    extra_values: dict[str, str] | None = None,
) -> list[Message]:
    """Save and communicate (C3, C5): one message per recipient, each in their own language.

    `variants` holds what the planner chose or edited per language; a language
    without a variant gets the default template. `include_confirm_link=None` follows
    the rule of seed 004 (see core.placeholders.default_include_confirm_link).
    """
    if not interviews:
        raise ServiceError("required", _("Choose at least one interview."))
    # Lock the interviews and catch up with changes committed since the caller read them: a
    # link or a calendar SEQUENCE for a version that no longer exists would be dead on arrival.
    versions = dict(
        Interview.objects.select_for_update()
        .filter(pk__in=[interview.pk for interview in interviews])
        .values_list("pk", "version")
    )
    for interview in interviews:
        if versions.get(interview.pk, interview.version) != interview.version:
            interview.refresh_from_db()
        _check_access(actor, interview)
    if profile is not None and profile.organisation_id != actor.organisation_id:
        raise ServiceError("not_found", _("Unknown HTML profile."), field="html_profile_id")
    plan = []
    for interview in one_per_event(interviews, audience):
        for recipient in recipients_for(interview, audience):
            plan.append((interview, recipient))
    chosen: dict[str, Variant] = dict(variants or {})
    for interview, recipient in plan:
        if recipient.language not in chosen:
            chosen[recipient.language] = variant_for(
                interview=interview,
                purpose=purpose or default_purpose(interview, audience),
                language=recipient.language,
                template=None,
            )
    for variant in chosen.values():
        if variant.template is not None and variant.template.organisation_id != actor.organisation_id:
            raise ServiceError("not_found", _("Unknown template."), field="template_id")
        check_variant(variant)
    used_languages = {recipient.language for _interview, recipient in plan}
    if include_confirm_link is None:
        include_confirm_link = default_include_confirm_link(chosen[language].body for language in used_languages)
    if not send:
        for interview in interviews:
            # The note is a code, shown in the reader's language by the history.
            record_event(interview, actor, InterviewEvent.Action.MESSAGE, {}, note="not_sent")
        return []
    profile = profile or default_profile(actor.organisation_id or 0)
    messages = []
    for interview, recipient in plan:
        message_purpose = purpose or default_purpose(interview, audience)
        wants_link = include_confirm_link or contains_confirmlink(chosen[recipient.language].body)
        confirm_url = None
        message_id = new_message_id()
        if recipient.audience == Audience.CANDIDATE and wants_link:
            # The stored message gets a placeholder address; delivery derives the real token.
            confirm_url = issue_link(interview=interview, seed=message_id)
        composed = compose(
            interview=interview,
            recipient=recipient,
            variant=chosen[recipient.language],
            include_confirm_link=include_confirm_link,
            confirm_url=confirm_url,
            profile=profile,
            recruiter=actor,
            extra_values=extra_values,
        )
        method = calendar.REQUEST if message_purpose in CALENDAR_PURPOSES else ""
        messages.append(
            queue_email(
                interview=interview,
                composed=composed,
                purpose=message_purpose,
                actor=actor,
                calendar_method=method,
                message_id=message_id,
            )
        )
    for interview in interviews:
        sent = [m for m in messages if m.interview_id == interview.pk]
        if sent:
            record_sent(interview, actor, sent)
    schedule_delivery()
    return messages


@transaction.atomic
def retry_message(*, actor: User, message: Message) -> Message:
    """Try a failed message again now (after the recruiter fixed an address, say)."""
    if not is_recruiter(actor) or actor.organisation_id != message.organisation_id:
        raise Forbidden(_("Only recruiters can retry messages."))
    updated = Message.objects.filter(pk=message.pk, state=MessageState.FAILED).update(next_attempt_at=timezone.now())
    if updated:
        schedule_delivery()
    message.refresh_from_db()
    return message


# --- Helpers for the communicate pages and the settings pages (added for the screens of issue 3) ---

PREVIEW_CONFIRM_URL_PATH = "/r/preview/"


def preview(
    *,
    actor: User,
    interview: Interview,
    recipient: Recipient,
    variant: Variant,
    include_confirm_link: bool,
    profile: HtmlProfile | None,
) -> Composed:
    """The message one recipient would read, without writing anything (no real confirm link is issued)."""
    return compose(
        interview=interview,
        recipient=recipient,
        variant=variant,
        include_confirm_link=include_confirm_link,
        confirm_url=settings.BASE_URL + PREVIEW_CONFIRM_URL_PATH,
        profile=profile or default_profile(interview.organisation_id),
        recruiter=actor,
    )
