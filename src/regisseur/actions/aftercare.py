"""After the interview (seed 000, O4): check-ins, satisfaction, the debrief and the completion.

One function per thing a recruiter (or a rating party, through their link) does.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction

from regisseur.accounts.models import User
from regisseur.interviews.models import Interview
from regisseur.monitoring import aftercare, debriefs, ratings
from regisseur.monitoring.debriefs import Planned
from regisseur.monitoring.models import CheckIn, Debrief, InterviewRun, Rating
from regisseur.recruitment.models import Contact


@transaction.atomic
def cancel_check_in(*, actor: User, interview: Interview, audience: str) -> CheckIn:
    """Call off the candidate's or the client's check-in before it goes."""
    return aftercare.cancel_check_in(actor=actor, interview=interview, audience=audience)


@transaction.atomic
def rate_interview(*, token: str, score: int, comment: str = "") -> Rating:
    """A party's satisfaction (1-5) and comment, through their rating link."""
    return ratings.record_rating(token=token, score=score, comment=comment)


@transaction.atomic
def plan_debrief(
    *,
    actor: User,
    interview: Interview,
    starts_at: datetime,
    duration_minutes: int = 30,
    participants: Sequence[User] = (),
    contacts: Sequence[Contact] = (),
    location: str = "",
) -> Planned:
    """Plan the debrief within 24 hours of the end, with a calendar invitation to everyone in it."""
    return debriefs.plan_debrief(
        actor=actor,
        interview=interview,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        participants=participants,
        contacts=contacts,
        location=location,
    )


@transaction.atomic
def reschedule_debrief(
    *,
    actor: User,
    debrief: Debrief,
    starts_at: datetime,
    duration_minutes: int,
    participants: Sequence[User],
    contacts: Sequence[Contact],
    location: str = "",
) -> Planned:
    """Move the debrief or change who takes part; everyone's calendar follows."""
    return debriefs.reschedule_debrief(
        actor=actor,
        debrief=debrief,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        participants=participants,
        contacts=contacts,
        location=location,
    )


@transaction.atomic
def cancel_debrief(*, actor: User, debrief: Debrief) -> Debrief:
    """Call the debrief off; everyone's calendar event is cancelled."""
    return debriefs.cancel_debrief(actor=actor, debrief=debrief)


@transaction.atomic
def complete_interview(*, actor: User, interview: Interview, notes: str, lessons: str) -> InterviewRun:
    """Log the interview as completed, with notes and lessons learned."""
    return aftercare.complete_interview(actor=actor, interview=interview, notes=notes, lessons=lessons)
