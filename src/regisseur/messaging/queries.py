"""Reads of the outbox for the pages that write to it: what already went to whom."""

from __future__ import annotations

from collections.abc import Sequence

from regisseur.interviews.models import Interview
from regisseur.messaging.models import Audience, Message, Purpose

SHOWN = 20
# What these lists show of a message: never its bodies, calendar or rendered email.
LISTED = ("id", "interview_id", "to_name", "to_address", "subject", "state", "attempts", "sent_at", "created_at")


def already_sent(interview: Interview, audience: str) -> list[Message]:
    """The latest messages about this interview to this audience, newest first: nothing goes twice by accident."""
    return list(
        Message.objects.filter(interview=interview, audience=audience)
        .only(*LISTED)
        .order_by("-created_at", "-id")[:SHOWN]
    )


def already_invited(interviews: Sequence[Interview]) -> list[Message]:
    """For each of these interviews, the last invitation or change its candidate was sent, in the interviews' order."""
    latest: dict[int | None, Message] = {}
    for message in (
        Message.objects.filter(
            interview__in=interviews, audience=Audience.CANDIDATE, purpose__in=[Purpose.INVITATION, Purpose.CHANGE]
        )
        .only(*LISTED)
        .order_by("created_at", "id")
    ):
        latest[message.interview_id] = message
    return [latest[interview.pk] for interview in interviews if interview.pk in latest]


def progress_of(organisation_id: int, ids: Sequence[int]) -> list[Message]:
    """These messages of the organisation as they stand now, in the order they were queued."""
    return list(
        Message.objects.filter(organisation_id=organisation_id, pk__in=list(ids))
        .only(*LISTED, "next_attempt_at", "last_error")
        .order_by("id")
    )
