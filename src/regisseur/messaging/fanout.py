"""Who gets one message: each address once, and the group's shared event once per group."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from regisseur.interviews.models import Interview, InterviewStatus
from regisseur.messaging import calendar
from regisseur.messaging.composition import Recipient
from regisseur.messaging.models import Channel, Message


def once_each(recipients: Iterable[Recipient]) -> list[Recipient]:
    """One message per address, however many roads lead a person to the interview."""
    seen: set[str] = set()
    unique = []
    for recipient in recipients:
        if recipient.address.casefold() not in seen:
            seen.add(recipient.address.casefold())
            unique.append(recipient)
    return unique


def one_per_event(interviews: Sequence[Interview], audience: str) -> list[Interview]:
    """The interviews whose event this audience receives: a group interview once for the organisation's people."""
    chosen = []
    groups: set[int] = set()
    for interview in interviews:
        if calendar.is_shared_group_event(interview, audience):
            assert interview.group_id is not None
            if interview.group_id in groups:
                continue
            groups.add(interview.group_id)
        chosen.append(interview)
    return chosen


def group_cancellation(interview: Interview, recipients: list[Recipient]) -> tuple[list[Recipient], str]:
    """For the group's shared event: who still needs telling, and whether the event itself is off.

    Cancelling a whole group tells each person once (the first member's message cancels the
    event); a member who drops out of a group that goes on is news without a calendar CANCEL,
    which would remove the event the others still meet in.
    """
    siblings = Interview.objects.filter(group_id=interview.group_id).exclude(pk=interview.pk)
    if siblings.exclude(status=InterviewStatus.CANCELLED).exists():
        return recipients, ""
    already = {
        address.casefold()
        for address in Message.objects.filter(
            interview__in=siblings, calendar_method=calendar.CANCEL, channel=Channel.EMAIL
        ).values_list("to_address", flat=True)
    }
    return [recipient for recipient in recipients if recipient.address.casefold() not in already], calendar.CANCEL
