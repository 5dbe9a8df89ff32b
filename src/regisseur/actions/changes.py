"""Changing planned interviews (P3): the planning, the time, the outcome, the candidate of a round."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from regisseur.accounts.models import User
from regisseur.actions.planning import ReminderChoice, apply_reminder
from regisseur.interviews import changes, services
from regisseur.interviews.changes import SCOPE_GROUP, Change
from regisseur.interviews.models import Interview
from regisseur.interviews.planning import Planning, planning_of
from regisseur.recruitment.models import Application
from regisseur.reminders.services import Warning, follow_interview


@dataclass
class Changed:
    change: Change
    warnings: list[Warning]


@transaction.atomic
def change_interview(
    *,
    actor: User,
    interview: Interview,
    planning: Planning,
    scope: str = SCOPE_GROUP,
    reminder: ReminderChoice | None = None,
    force: bool = False,
) -> Changed:
    """Give an interview (or its whole group) a new planning; reminders move with it (M7).

    `reminder` None leaves the reminder as it is; a ReminderChoice sets it (on this interview).
    """
    change = changes.change_interview(actor=actor, interview=interview, planning=planning, scope=scope, force=force)
    for changed in change.interviews:
        follow_interview(changed)
    # The reminder is set on the interview as the change left it (its new moment and version).
    warnings = apply_reminder(actor, [Interview.objects.get(pk=interview.pk)], reminder) if reminder else []
    return Changed(change, warnings)


@transaction.atomic
def reschedule_interview(
    *,
    actor: User,
    interview: Interview,
    starts_at: datetime,
    duration_minutes: int | None = None,
    time_zone: str | None = None,
    scope: str = SCOPE_GROUP,
    force: bool = False,
) -> Changed:
    """Move an interview (or its group) to a new moment; the candidate is asked to confirm again."""
    current = planning_of(interview)
    planning = dataclasses.replace(
        current,
        starts_at=starts_at,
        duration_minutes=current.duration_minutes if duration_minutes is None else duration_minutes,
        time_zone=time_zone or current.time_zone,
    )
    return change_interview(actor=actor, interview=interview, planning=planning, scope=scope, force=force)


@transaction.atomic
def record_outcome(*, actor: User, interview: Interview, status: str) -> Interview:
    """Mark a past interview as held or as a no-show."""
    return services.record_outcome(actor=actor, interview=interview, status=status)


@transaction.atomic
def link_application(*, actor: User, interview: Interview, application: Application) -> Interview:
    """Give an interview round planned on the vacancy its candidate (P4)."""
    linked = services.link_application(actor=actor, interview=interview, application=application)
    follow_interview(linked)
    return linked


@transaction.atomic
def set_interview_reminder(*, actor: User, interview: Interview, reminder: ReminderChoice) -> list[Warning]:
    """Choose the interview's reminder (M1-M6); channel "none" removes it."""
    return apply_reminder(actor, [interview], reminder)
