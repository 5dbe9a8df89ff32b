"""Writes to interviews, inside the interviews domain: validated, conflict-checked under locks, in the history.

These are the building blocks of the actions (regisseur.actions), which add what an
action implies in other domains (reminders, messages, links).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regisseur.accounts.models import User
from regisseur.core.errors import ServiceError
from regisseur.core.timezones import format_day_first
from regisseur.interviews.conflicts import Slot, check_free
from regisseur.interviews.models import (
    Interview,
    InterviewEvent,
    InterviewGroup,
    InterviewStatus,
    InterviewType,
)
from regisseur.interviews.planning import (
    Planning,
    require_recruiter,
    validate_planning,
    validate_texts,
)
from regisseur.recruitment.models import Application, ApplicationStage, ApplicationStatus, Vacancy

MAX_BULK = 1000
MAX_SPACING_MINUTES = 24 * 60


def lock_for_sweep(pk: int) -> Interview | None:
    """One interview locked for a background sweep (check-ins, feedback reminders), with what its messages read.

    None when another transaction holds it (a change, another sweep): the next sweep looks again.
    """
    return (
        Interview.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("application__candidate", "vacancy__client", "vacancy__hiring_manager", "created_by")
        .filter(pk=pk)
        .first()
    )


def record_event(
    interview: Interview,
    actor: User | None,
    action: str,
    changes: dict[str, Any],
    note: str = "",
    source: str = InterviewEvent.Source.USER,
) -> InterviewEvent:
    """One line of the interview's history."""
    event = new_event(interview, actor, action, changes, note=note, source=source)
    event.save(force_insert=True)
    return event


def new_event(
    interview: Interview,
    actor: User | None,
    action: str,
    changes: dict[str, Any],
    note: str = "",
    source: str = InterviewEvent.Source.USER,
) -> InterviewEvent:
    """record_event without the write: the row, for a caller that bulk-creates many (the reminder sweep)."""
    if actor is None and source == InterviewEvent.Source.USER:
        source = InterviewEvent.Source.SYSTEM
    return InterviewEvent(
        interview=interview, actor=actor, action=action, changes=changes, note=note[:500], source=source
    )


def display_value(name: str, value: Any, interview: Interview) -> Any:
    """A value as stored in the history: readable, JSON-safe, and never the memo's text."""
    if name == "memo":
        return None
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):
        return format_day_first(value, interview.time_zone)
    if hasattr(value, "all"):
        return sorted(str(item) for item in value.all())
    if isinstance(value, list | tuple):
        return sorted(str(item) for item in value)
    if value is None:
        return ""
    if hasattr(value, "pk"):
        return str(value)
    return value


def _advance_stage(applications: Sequence[Application]) -> None:
    """Applications still before the interview stage move to it (one UPDATE for any number)."""
    early = {ApplicationStage.NEW, ApplicationStage.SCREENING, ApplicationStage.PLAN_INTERVIEW}
    moving = [application for application in applications if application.stage in early]
    if not moving:
        return
    now = timezone.now()
    Application.objects.filter(pk__in=[application.pk for application in moving], stage__in=early).update(
        stage=ApplicationStage.INTERVIEW, updated_at=now
    )
    for application in moving:
        application.stage = ApplicationStage.INTERVIEW
        application.updated_at = now


def check_application(actor: User, application: Application) -> None:
    if application.vacancy.client.organisation_id != actor.organisation_id:
        raise ServiceError("not_found", _("Unknown application."), field="application_id")
    if application.status != ApplicationStatus.ACTIVE:
        raise ServiceError(
            "application_not_active",
            _("This application is %(status)s; interviews can only be planned for active applications.")
            % {"status": application.get_status_display().lower()},
            field="application_id",
        )


def slot_for(planning: Planning, applications: Sequence[Application | None], label: str = "") -> Slot:
    """What an interview with this planning occupies."""
    return Slot(
        starts_at=planning.starts_at,
        ends_at=planning.starts_at + timedelta(minutes=planning.duration_minutes),
        participants=tuple((user.pk, str(user)) for user in planning.participants),
        candidates=tuple(
            (application.candidate_id, application.candidate.full_name)
            for application in applications
            if application is not None
        ),
        location_preset_id=planning.location_preset.pk if planning.location_preset else None,
        location=planning.location or (planning.location_preset.location if planning.location_preset else ""),
        interviewer=planning.interviewer,
        label=label,
    )


def _insert(
    *,
    actor: User,
    vacancy: Vacancy,
    plans: Sequence[tuple[Application | None, Planning]],
    group: InterviewGroup | None,
) -> list[Interview]:
    """New interview rows with their relations and history: a fixed number of queries for any number."""
    interviews = Interview.objects.bulk_create(
        Interview(
            organisation_id=vacancy.client.organisation_id,
            vacancy=vacancy,
            application=application,
            group=group,
            round_name=planning.round_name,
            starts_at=planning.starts_at,
            ends_at=planning.starts_at + timedelta(minutes=planning.duration_minutes),
            time_zone=planning.time_zone,
            duration_minutes=planning.duration_minutes,
            type=planning.type,
            kind=planning.kind,
            location_preset=planning.location_preset,
            location=planning.location or (planning.location_preset.location if planning.location_preset else ""),
            video_link=planning.video_link,
            reason=planning.reason,
            interviewer=planning.interviewer,
            memo=planning.memo,
            report=planning.report,
            created_by=actor,
        )
        for application, planning in plans
    )
    for relation, target in (
        (Interview.participants, "user_id"),
        (Interview.committee_members, "contact_id"),
        (Interview.guidelines, "guideline_id"),
    ):
        through: Any = relation.through
        rows = [
            through(interview_id=interview.pk, **{target: item.pk})
            for interview, (_application, planning) in zip(interviews, plans, strict=True)
            for item in dict.fromkeys(getattr(planning, relation.field.name))
        ]
        if rows:
            through.objects.bulk_create(rows)
    events = []
    for interview in interviews:
        changes: dict[str, Any] = {
            "starts_at": [None, format_day_first(interview.starts_at, interview.time_zone)],
            "time_zone": [None, interview.time_zone],
        }
        if group is not None:
            changes["group"] = [None, group.pk]
        events.append(
            InterviewEvent(
                interview=interview,
                actor=actor,
                action=InterviewEvent.Action.PLANNED,
                changes=changes,
                source=InterviewEvent.Source.USER,
            )
        )
    InterviewEvent.objects.bulk_create(events)
    _advance_stage([application for application, _planning in plans if application is not None])
    return interviews


# Within the planning action's transaction: no savepoint of its own (two round trips fewer);
# whatever goes wrong rolls the whole action back, which is what its callers want.
@transaction.atomic(savepoint=False)
def create_interviews(
    *,
    actor: User,
    vacancy: Vacancy,
    applications: Sequence[Application | None],
    planning: Planning,
    as_group: bool = False,
    spacing_minutes: int = 0,
    force: bool = False,
) -> list[Interview]:
    """New interview rows: one per application (spaced `spacing_minutes` apart), or one group interview.

    `applications` may be `[None]`: a round on the vacancy without a candidate yet (P4).
    Every resource is locked before the check, and the batch is checked against itself.
    """
    require_recruiter(actor)
    organisation_id = vacancy.client.organisation_id
    if organisation_id != actor.organisation_id:
        raise ServiceError("not_found", _("Unknown vacancy."), field="vacancy_id")
    if not applications:
        raise ServiceError("required", _("Select at least one candidate."), field="application_ids")
    if len(applications) > MAX_BULK:
        raise ServiceError(
            "too_many", _("Plan at most %(count)d interviews at once.") % {"count": MAX_BULK}, field="application_ids"
        )
    for application in applications:
        if application is not None:
            check_application(actor, application)
            if application.vacancy_id != vacancy.pk:
                raise ServiceError(
                    "invalid", _("All selected candidates must be on the same vacancy."), field="application_ids"
                )
    if not isinstance(spacing_minutes, int) or not 0 <= spacing_minutes <= MAX_SPACING_MINUTES:
        raise ServiceError(
            "invalid", _("The minutes between starts must be between 0 and 1440."), field="spacing_minutes"
        )
    validate_planning(organisation_id, planning, check_past=True)
    if as_group:
        planning = dataclasses.replace(planning, type=InterviewType.GROUP)
        check_free(organisation_id=organisation_id, slots=[slot_for(planning, applications)], force=force)
        group = InterviewGroup.objects.create(organisation_id=organisation_id)
        return _insert(
            actor=actor, vacancy=vacancy, plans=[(application, planning) for application in applications], group=group
        )
    plannings = [
        dataclasses.replace(planning, starts_at=planning.starts_at + timedelta(minutes=spacing_minutes * index))
        for index in range(len(applications))
    ]
    slots = [
        slot_for(each, [application], label=application.candidate.full_name if application else each.round_name)
        for each, application in zip(plannings, applications, strict=True)
    ]
    check_free(organisation_id=organisation_id, slots=slots, force=force)
    return _insert(actor=actor, vacancy=vacancy, plans=list(zip(applications, plannings, strict=True)), group=None)


def check_changeable(actor: User, interview: Interview) -> None:
    require_recruiter(actor)
    if interview.organisation_id != actor.organisation_id:
        raise ServiceError("not_found", _("Unknown interview."))
    if interview.status == InterviewStatus.CANCELLED:
        raise ServiceError("interview_cancelled", _("This interview has been cancelled and cannot be changed."))


@transaction.atomic
def cancel_interview(
    *, actor: User | None, interview: Interview, reason: str = "", source: str = InterviewEvent.Source.USER
) -> Interview:
    """Mark one interview cancelled; its links die with the new version. `actor` None: the candidate withdrew."""
    interview = Interview.objects.select_for_update(of=("self",)).get(pk=interview.pk)
    if actor is not None:
        check_changeable(actor, interview)
    elif interview.status == InterviewStatus.CANCELLED:
        return interview
    validate_texts({"cancel_reason": reason})
    interview.status = InterviewStatus.CANCELLED
    interview.cancel_reason = reason
    interview.version += 1
    interview.save(update_fields=["status", "cancel_reason", "version", "updated_at"])
    record_event(
        interview,
        actor,
        InterviewEvent.Action.CANCELLED,
        {"status": [InterviewStatus.PLANNED, InterviewStatus.CANCELLED]},
        note=reason,
        source=source,
    )
    return interview


def group_members(interview: Interview) -> list[Interview]:
    """Every interview of the same group (itself alone when not a group), not cancelled ones."""
    if interview.group_id is None:
        return [interview]
    return list(
        Interview.objects.filter(group_id=interview.group_id)
        .exclude(status=InterviewStatus.CANCELLED)
        .select_related("application__candidate")
        .order_by("pk")
    )


@transaction.atomic
def record_outcome(*, actor: User, interview: Interview, status: str) -> Interview:
    """Mark a past interview as held or as a no-show."""
    interview = Interview.objects.select_for_update(of=("self",)).get(pk=interview.pk)
    check_changeable(actor, interview)
    if status not in {InterviewStatus.HELD, InterviewStatus.NO_SHOW, InterviewStatus.PLANNED}:
        raise ServiceError("invalid_choice", _("Choose held, no-show or planned."), field="status")
    if status != InterviewStatus.PLANNED and interview.starts_at > timezone.now():
        raise ServiceError("not_started", _("The interview has not started yet."), field="status")
    if status == interview.status:
        return interview
    record_event(interview, actor, InterviewEvent.Action.STATUS, {"status": [interview.status, status]})
    interview.status = status
    interview.save(update_fields=["status", "updated_at"])
    return interview


@transaction.atomic
def link_application(*, actor: User, interview: Interview, application: Application) -> Interview:
    """Attach an application to an interview round planned on the vacancy (P4)."""
    interview = Interview.objects.select_for_update(of=("self",)).get(pk=interview.pk)
    check_changeable(actor, interview)
    check_application(actor, application)
    if interview.application_id is not None:
        raise ServiceError("already_linked", _("This interview already has a candidate."), field="application_id")
    if application.vacancy_id != interview.vacancy_id:
        raise ServiceError("invalid", _("The application belongs to another vacancy."), field="application_id")
    check_free(
        organisation_id=interview.organisation_id,
        slots=[
            Slot(
                starts_at=interview.starts_at,
                ends_at=interview.ends_at,
                candidates=((application.candidate_id, application.candidate.full_name),),
            )
        ],
        force=False,
        exclude_ids=[interview.pk],
    )
    interview.application = application
    interview.version += 1
    interview.save(update_fields=["application", "version", "updated_at"])
    _advance_stage([application])
    record_event(interview, actor, InterviewEvent.Action.LINKED, {"application": ["", str(application)]})
    return interview
