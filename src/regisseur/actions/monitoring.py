"""Monitoring the interview day (seed 000): checklists, start and outcome, crisis playbooks.

One function per thing a recruiter does on the board, called alike by pages, API and admin.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction

from regisseur.accounts.models import User
from regisseur.interviews.models import Interview
from regisseur.monitoring import checklists, day, incidents
from regisseur.monitoring.checklists import Checklist, Line
from regisseur.monitoring.models import Incident


@transaction.atomic
def tick_checklist_item(
    *, actor: User, interview: Interview, phase: str, code: str, done: bool, note: str = ""
) -> Checklist:
    """Tick (or untick) a day-before or after-interview checklist line by hand."""
    return checklists.tick(actor=actor, interview=interview, phase=phase, code=code, done=done, note=note)


@transaction.atomic
def save_checklist(*, actor: User, phase: str, entries: Sequence[tuple[str, str, bool]]) -> list[Line]:
    """An administrator sets the organisation's checklist for a phase."""
    return checklists.save_lines(actor=actor, phase=phase, entries=entries)


@transaction.atomic
def start_interview(*, actor: User, interview: Interview, at: datetime | None = None) -> Interview:
    """Mark the interview started (now, or the moment given)."""
    return day.start_interview(actor=actor, interview=interview, at=at)


@transaction.atomic
def record_day_outcome(
    *, actor: User, interview: Interview, status: str, no_show_by: str = "", reason: str = ""
) -> Interview:
    """Held, or a no-show by the candidate, the interviewer or the client, with the reason."""
    return day.record_day_outcome(actor=actor, interview=interview, status=status, no_show_by=no_show_by, reason=reason)


@transaction.atomic
def open_incident(
    *, actor: User, interview: Interview, kind: str, note: str = "", delay_minutes: int | None = None
) -> Incident:
    """Start a crisis playbook on an interview."""
    return incidents.open_incident(actor=actor, interview=interview, kind=kind, note=note, delay_minutes=delay_minutes)


@transaction.atomic
def set_incident_step(*, actor: User, incident: Incident, code: str, done: bool, note: str = "") -> Incident:
    """Mark a playbook step done or not, with a note."""
    return incidents.set_step(actor=actor, incident=incident, code=code, done=done, note=note)


@transaction.atomic
def close_incident(*, actor: User, incident: Incident, lessons: str) -> Incident:
    """Close an incident with its lessons learned."""
    return incidents.close_incident(actor=actor, incident=incident, lessons=lessons)
