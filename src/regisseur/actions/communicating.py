"""Save and communicate (C3-C6): messages about interviews to the candidate, the hiring manager, the committee
and the participating colleagues."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.db.models import Max

from regisseur.accounts.models import User
from regisseur.interviews.models import Interview
from regisseur.messaging import services
from regisseur.messaging.composition import Variant
from regisseur.messaging.fanout import one_per_event
from regisseur.messaging.models import Audience, HtmlProfile, Message, Purpose


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
    """One message per recipient, each in their own language (see messaging.services.communicate).

    Inviting the candidate, or telling them of a change, also sends the participating
    colleagues the invitation or its update for their calendars: they take part in the
    same meeting and have no other way to hear of it. Each colleague reads their own
    language; a group interview is one event for them, sent once.
    """
    messages = services.communicate(
        actor=actor,
        interviews=interviews,
        audience=audience,
        variants=variants,
        purpose=purpose,
        profile=profile,
        include_confirm_link=include_confirm_link,
        send=send,
        extra_values=extra_values,
    )
    told = {m.interview_id for m in messages if m.purpose in (Purpose.INVITATION, Purpose.CHANGE)}
    invited = [interview for interview in interviews if interview.pk in told]
    if audience == Audience.CANDIDATE and invited:
        untold = _colleagues_not_told(one_per_event(invited, Audience.COLLEAGUES))
        if untold:
            messages += services.communicate(
                actor=actor, interviews=untold, audience=Audience.COLLEAGUES, profile=profile
            )
    return messages


def _colleagues_not_told(interviews: Sequence[Interview]) -> list[Interview]:
    """The interviews with colleagues to invite that have changed since the colleagues were last told.

    Sending the candidate the same invitation again (a lost email) does not repeat it to the colleagues.
    """
    untold = []
    for interview in interviews:
        if not any(user.email for user in interview.participants.all()):
            continue
        event = Interview.objects.filter(pk=interview.pk)
        if interview.group_id is not None:
            event = Interview.objects.filter(group_id=interview.group_id)
        last_change = event.aggregate(at=Max("updated_at"))["at"]
        told = Message.objects.filter(
            interview__in=event, audience=Audience.COLLEAGUES, purpose=Purpose.COLLEAGUE_NOTICE
        )
        if last_change is None or not told.filter(created_at__gte=last_change).exists():
            untold.append(interview)
    return untold


@transaction.atomic
def retry_message(*, actor: User, message: Message) -> Message:
    """Try a failed message again now."""
    return services.retry_message(actor=actor, message=message)
