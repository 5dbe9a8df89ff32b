"""Who gets one message: each address once, and the group's shared event once per group."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from regisseur.interviews.models import Interview
from regisseur.messaging import calendar
from regisseur.messaging.composition import Recipient


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
