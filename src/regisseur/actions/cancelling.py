"""Cancelling an interview: every member of a group, their reminders, and a word to everyone invited."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from regisseur.accounts.models import User
from regisseur.interviews import services
from regisseur.interviews.models import CANDIDATE_WITHDREW, Interview, InterviewEvent
from regisseur.messaging.cancellations import send_cancellation
from regisseur.messaging.composition import Variant
from regisseur.messaging.models import Message
from regisseur.reminders.services import follow_interview


@dataclass
class Cancelled:
    interviews: list[Interview]
    messages: list[Message] = field(default_factory=list)


@transaction.atomic
def cancel_interview(
    *,
    actor: User,
    interview: Interview,
    reason: str = "",
    notify: bool = False,
    texts: dict[str, dict[str, Variant]] | None = None,
) -> Cancelled:
    """Cancel an interview (a group interview for every member); with `notify`, tell each audience in its words.

    `texts` holds what the planner edited: per audience, per language.
    """
    members = services.group_members(interview)
    cancelled = [services.cancel_interview(actor=actor, interview=member, reason=reason) for member in members]
    for member in cancelled:
        follow_interview(member)
    messages: list[Message] = []
    if notify:
        # One call for the whole group: each candidate hears of their own, everyone else once.
        messages = send_cancellation(actor=actor, interview=cancelled[0], group=cancelled, texts=texts)
    return Cancelled(cancelled, messages)


@transaction.atomic
def cancel_for_withdrawal(*, interview: Interview) -> Cancelled:
    """The candidate withdrew: their interview is off, its reminder too, and everyone invited is told.

    In a group interview only the candidate's own row ends; the others' shared event stays.
    """
    cancelled = services.cancel_interview(
        actor=None, interview=interview, reason=CANDIDATE_WITHDREW, source=InterviewEvent.Source.CANDIDATE
    )
    follow_interview(cancelled)
    messages = send_cancellation(actor=None, interview=cancelled, withdrawn=True)
    return Cancelled([cancelled], messages)
