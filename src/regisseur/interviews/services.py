"""Every change to an interview: validated, atomic, written to the interview's history."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regisseur.accounts.models import User
from regisseur.accounts.roles import is_recruiter
from regisseur.core.errors import ConflictError, Forbidden, ServiceError
from regisseur.core.timezones import InvalidTimeZone, format_day_first, get_zone
from regisseur.interviews.models import (
    MAX_DURATION_MINUTES,
    ConfirmationStatus,
    Guideline,
    Interview,
    InterviewEvent,
    InterviewGroup,
    InterviewKind,
    InterviewStatus,
    InterviewType,
    LocationPreset,
)
from regisseur.interviews.queries import Conflict, find_conflicts
from regisseur.recruitment.models import Application, ApplicationStage, ApplicationStatus, Contact, Vacancy

MIN_DURATION_MINUTES = 5
# Fields a candidate or participant sees: changing one invalidates links and invitations.
VISIBLE_FIELDS = ("starts_at", "duration_minutes", "time_zone", "type", "location", "interviewer", "kind")
TEXT_LIMITS = {
    "location": 500,
    "reason": 200,
    "interviewer": 200,
    "memo": 5000,
    "report": 20000,
    "round_name": 120,
    "cancel_reason": 500,
}


@dataclass
class Planning:
    """What a planner chooses on the planning form or in the API."""

    starts_at: datetime
    duration_minutes: int
    time_zone: str = "Europe/Amsterdam"
    type: str = InterviewType.IN_PERSON
    kind: str = InterviewKind.RECRUITER
    location_preset: LocationPreset | None = None
    location: str = ""
    reason: str = ""
    interviewer: str = ""
    participants: Sequence[User] = field(default_factory=list)
    committee_members: Sequence[Contact] = field(default_factory=list)
    guidelines: Sequence[Guideline] = field(default_factory=list)
    memo: str = ""
    report: str = ""
    round_name: str = ""


def _require_recruiter(actor: User) -> None:
    if not is_recruiter(actor):
        raise Forbidden(_("Only recruiters can plan or change interviews."))


def _validate_time(*, starts_at: datetime, duration_minutes: Any, time_zone: str, check_past: bool) -> None:
    try:
        get_zone(time_zone)
    except InvalidTimeZone:
        raise ServiceError(
            "invalid_time_zone", _("Unknown time zone: %(zone)s") % {"zone": time_zone}, field="time_zone"
        ) from None
    if starts_at.tzinfo is None:
        raise ServiceError("invalid_datetime", _("The date and time need a time zone."), field="starts_at")
    if not isinstance(duration_minutes, int) or isinstance(duration_minutes, bool):
        raise ServiceError("invalid_duration", _("The duration must be a number of minutes."), field="duration_minutes")
    if not MIN_DURATION_MINUTES <= duration_minutes <= MAX_DURATION_MINUTES:
        raise ServiceError(
            "invalid_duration",
            _("The duration must be between %(low)d and %(high)d minutes.")
            % {"low": MIN_DURATION_MINUTES, "high": MAX_DURATION_MINUTES},
            field="duration_minutes",
        )
    if check_past and starts_at <= timezone.now():
        raise ServiceError("in_the_past", _("The interview cannot start in the past."), field="starts_at")
    if starts_at.year > timezone.now().year + 5:
        raise ServiceError("invalid_datetime", _("The date is too far in the future."), field="starts_at")


def _validate_texts(values: dict[str, Any]) -> None:
    for name, limit in TEXT_LIMITS.items():
        value = values.get(name)
        if value is not None and len(value) > limit:
            raise ServiceError(
                "too_long",
                _("This text is too long: at most %(limit)d characters.") % {"limit": limit},
                field=name,
            )


def _validate_relations(organisation_id: int, planning: Planning) -> None:
    """Everything linked must belong to the same organisation; the caller resolved the ids."""
    if planning.location_preset is not None and planning.location_preset.organisation_id != organisation_id:
        raise ServiceError("not_found", _("Unknown interview location."), field="location_preset")
    for user in planning.participants:
        if user.organisation_id != organisation_id or not user.is_active:
            raise ServiceError("not_found", _("Unknown participating user."), field="participants")
    for contact in planning.committee_members:
        if contact.client.organisation_id != organisation_id:
            raise ServiceError("not_found", _("Unknown committee member."), field="committee_members")
    for guideline in planning.guidelines:
        if guideline.organisation_id != organisation_id:
            raise ServiceError("not_found", _("Unknown guideline."), field="guidelines")
    if planning.type not in InterviewType.values:
        raise ServiceError("invalid_choice", _("Unknown interview type."), field="type")
    if planning.kind not in InterviewKind.values:
        raise ServiceError("invalid_choice", _("Unknown kind of interview."), field="kind")


def _raise_conflicts(conflicts: list[Conflict]) -> None:
    if conflicts:
        raise ConflictError(
            "conflict",
            _("This interview overlaps %(count)d other interview(s).") % {"count": len(conflicts)},
            field="starts_at",
            details=conflicts,
        )


def _event(interview: Interview, actor: User | None, action: str, changes: dict[str, Any], note: str = "") -> None:
    InterviewEvent.objects.create(interview=interview, actor=actor, action=action, changes=changes, note=note[:500])


def _display(name: str, value: Any, interview: Interview) -> Any:
    """A value as stored in the history: readable, JSON-safe, and never the memo's text."""
    if name == "memo":
        return None
    if isinstance(value, datetime):
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


def _advance_stage(application: Application) -> None:
    if application.stage in {ApplicationStage.NEW, ApplicationStage.SCREENING, ApplicationStage.PLAN_INTERVIEW}:
        application.stage = ApplicationStage.INTERVIEW
        application.save(update_fields=["stage", "updated_at"])


def _check_application(actor: User, application: Application) -> None:
    if application.vacancy.client.organisation_id != actor.organisation_id:
        raise ServiceError("not_found", _("Unknown application."), field="application_id")
    if application.status != ApplicationStatus.ACTIVE:
        raise ServiceError(
            "application_not_active",
            _("This application is %(status)s; interviews can only be planned for active applications.")
            % {"status": application.get_status_display().lower()},
            field="application_id",
        )


def _create(
    *,
    actor: User,
    vacancy: Vacancy,
    application: Application | None,
    planning: Planning,
    group: InterviewGroup | None,
) -> Interview:
    interview = Interview.objects.create(
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
        reason=planning.reason,
        interviewer=planning.interviewer,
        memo=planning.memo,
        report=planning.report,
        created_by=actor,
    )
    if planning.participants:
        interview.participants.set(planning.participants)
    if planning.committee_members:
        interview.committee_members.set(planning.committee_members)
    if planning.guidelines:
        interview.guidelines.set(planning.guidelines)
    _event(
        interview,
        actor,
        InterviewEvent.Action.PLANNED,
        {
            "starts_at": [None, format_day_first(interview.starts_at, interview.time_zone)],
            "time_zone": [None, interview.time_zone],
        },
    )
    if application is not None:
        _advance_stage(application)
    return interview


def _validate_planning(actor: User, organisation_id: int, planning: Planning) -> None:
    _validate_time(
        starts_at=planning.starts_at,
        duration_minutes=planning.duration_minutes,
        time_zone=planning.time_zone,
        check_past=True,
    )
    _validate_texts({name: getattr(planning, name) for name in TEXT_LIMITS if hasattr(planning, name)})
    _validate_relations(organisation_id, planning)


@transaction.atomic
def plan_interview(
    *,
    actor: User,
    planning: Planning,
    application: Application | None = None,
    vacancy: Vacancy | None = None,
    force: bool = False,
) -> Interview:
    """Plan one interview for an application, or a round on a vacancy (P4) when no application is given."""
    _require_recruiter(actor)
    if application is not None:
        _check_application(actor, application)
        if vacancy is not None and vacancy.pk != application.vacancy_id:
            raise ServiceError("invalid", _("The application belongs to another vacancy."), field="vacancy_id")
        vacancy = application.vacancy
    if vacancy is None:
        raise ServiceError("required", _("Choose an application or a vacancy."), field="application_id")
    if vacancy.client.organisation_id != actor.organisation_id:
        raise ServiceError("not_found", _("Unknown vacancy."), field="vacancy_id")
    _validate_planning(actor, vacancy.client.organisation_id, planning)
    if not force:
        _raise_conflicts(
            find_conflicts(
                organisation_id=vacancy.client.organisation_id,
                starts_at=planning.starts_at,
                ends_at=planning.starts_at + timedelta(minutes=planning.duration_minutes),
                participant_ids=[user.pk for user in planning.participants],
                candidate_ids=[application.candidate_id] if application else [],
                location_preset_id=planning.location_preset.pk if planning.location_preset else None,
                location=planning.location,
            )
        )
    return _create(actor=actor, vacancy=vacancy, application=application, planning=planning, group=None)


@transaction.atomic
def invite_applications(
    *,
    actor: User,
    applications: Sequence[Application],
    planning: Planning,
    as_group: bool,
    force: bool = False,
) -> list[Interview]:
    """Bulk "invite for interview" (P5): one interview each, or one group interview for all."""
    _require_recruiter(actor)
    if not applications:
        raise ServiceError("required", _("Select at least one candidate."), field="application_ids")
    vacancy_ids = {application.vacancy_id for application in applications}
    if len(vacancy_ids) != 1:
        raise ServiceError(
            "invalid", _("All selected candidates must be on the same vacancy."), field="application_ids"
        )
    for application in applications:
        _check_application(actor, application)
    vacancy = applications[0].vacancy
    organisation_id = vacancy.client.organisation_id
    _validate_planning(actor, organisation_id, planning)
    ends_at = planning.starts_at + timedelta(minutes=planning.duration_minutes)
    if as_group:
        if not force:
            _raise_conflicts(
                find_conflicts(
                    organisation_id=organisation_id,
                    starts_at=planning.starts_at,
                    ends_at=ends_at,
                    participant_ids=[user.pk for user in planning.participants],
                    candidate_ids=[application.candidate_id for application in applications],
                    location_preset_id=planning.location_preset.pk if planning.location_preset else None,
                    location=planning.location,
                )
            )
        group = InterviewGroup.objects.create(organisation_id=organisation_id)
        planning = dataclasses.replace(planning, type=InterviewType.GROUP)
        return [
            _create(actor=actor, vacancy=vacancy, application=application, planning=planning, group=group)
            for application in applications
        ]
    # One interview each at the same moment: only each candidate's own agenda can conflict,
    # because the selected candidates are meant to be interviewed in parallel or by different people.
    if not force:
        _raise_conflicts(
            find_conflicts(
                organisation_id=organisation_id,
                starts_at=planning.starts_at,
                ends_at=ends_at,
                participant_ids=[],
                candidate_ids=[application.candidate_id for application in applications],
                location_preset_id=None,
                location="",
            )
        )
    return [
        _create(actor=actor, vacancy=vacancy, application=application, planning=planning, group=None)
        for application in applications
    ]


def _check_changeable(actor: User, interview: Interview) -> None:
    _require_recruiter(actor)
    if interview.organisation_id != actor.organisation_id:
        raise ServiceError("not_found", _("Unknown interview."))
    if interview.status == InterviewStatus.CANCELLED:
        raise ServiceError("interview_cancelled", _("This interview has been cancelled and cannot be changed."))


@transaction.atomic
def update_interview(
    *,
    actor: User,
    interview: Interview,
    changes: dict[str, Any],
    force: bool = False,
) -> Interview:
    """Change planning fields; a new date, time, zone or duration is a reschedule (P3).

    `changes` holds Planning field names with their new values (relations as objects).
    """
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    _check_changeable(actor, interview)
    unknown = set(changes) - set(Planning.__dataclass_fields__)
    if unknown:
        raise ServiceError(
            "invalid", _("Unknown field: %(name)s") % {"name": sorted(unknown)[0]}, field=sorted(unknown)[0]
        )
    current = Planning(
        starts_at=interview.starts_at,
        duration_minutes=interview.duration_minutes,
        time_zone=interview.time_zone,
        type=interview.type,
        kind=interview.kind,
        location_preset=interview.location_preset,
        location=interview.location,
        reason=interview.reason,
        interviewer=interview.interviewer,
        participants=list(interview.participants.all()),
        committee_members=list(interview.committee_members.select_related("client")),
        guidelines=list(interview.guidelines.all()),
        memo=interview.memo,
        report=interview.report,
        round_name=interview.round_name,
    )
    before = {name: getattr(current, name) for name in changes}
    for name, value in changes.items():
        setattr(current, name, value)
    if "location_preset" in changes and current.location_preset is not None and "location" not in changes:
        current.location = current.location_preset.location
    moved = any(
        name in changes and changes[name] != before[name] for name in ("starts_at", "duration_minutes", "time_zone")
    )
    _validate_time(
        starts_at=current.starts_at,
        duration_minutes=current.duration_minutes,
        time_zone=current.time_zone,
        check_past="starts_at" in changes and changes["starts_at"] != before["starts_at"],
    )
    _validate_texts({name: getattr(current, name) for name in TEXT_LIMITS if hasattr(current, name)})
    _validate_relations(interview.organisation_id, current)
    ends_at = current.starts_at + timedelta(minutes=current.duration_minutes)
    touches_agenda = moved or any(name in changes for name in ("participants", "location", "location_preset"))
    if touches_agenda and not force:
        _raise_conflicts(
            find_conflicts(
                organisation_id=interview.organisation_id,
                starts_at=current.starts_at,
                ends_at=ends_at,
                participant_ids=[user.pk for user in current.participants],
                candidate_ids=[interview.application.candidate_id] if interview.application else [],
                location_preset_id=current.location_preset.pk if current.location_preset else None,
                location=current.location,
                exclude_ids=[interview.pk],
                exclude_group_id=interview.group_id,
            )
        )

    recorded: dict[str, list[Any]] = {}
    scalar_fields = [
        "starts_at",
        "duration_minutes",
        "time_zone",
        "type",
        "kind",
        "location_preset",
        "location",
        "reason",
        "interviewer",
        "memo",
        "report",
        "round_name",
    ]
    update_fields = []
    for name in scalar_fields:
        old, new = getattr(interview, name), getattr(current, name)
        if old != new:
            recorded[name] = [_display(name, old, interview), _display(name, new, interview)]
            setattr(interview, name, new)
            update_fields.append(name)
    for name in ("participants", "committee_members", "guidelines"):
        if name in changes:
            old_ids = {item.pk for item in getattr(interview, name).all()}
            new_items = list(getattr(current, name))
            if old_ids != {item.pk for item in new_items}:
                recorded[name] = [
                    _display(name, getattr(interview, name), interview),
                    _display(name, new_items, interview),
                ]
                getattr(interview, name).set(new_items)
    if not recorded:
        return interview
    if "starts_at" in recorded or "time_zone" in recorded:
        # Show both moments in the interview's (possibly new) zone.
        recorded["starts_at"] = [
            format_day_first(before.get("starts_at", interview.starts_at), interview.time_zone),
            format_day_first(interview.starts_at, interview.time_zone),
        ]
    interview.ends_at = ends_at
    if any(name in recorded for name in VISIBLE_FIELDS):
        interview.version += 1
        update_fields.append("version")
    if moved and interview.confirmation_status != ConfirmationStatus.NOT_APPLICABLE:
        # A new moment needs a new answer from the candidate.
        if interview.confirmation_status != ConfirmationStatus.PENDING:
            recorded["confirmation_status"] = [interview.confirmation_status, ConfirmationStatus.PENDING]
        interview.confirmation_status = ConfirmationStatus.PENDING
        update_fields.append("confirmation_status")
    interview.save(update_fields=[*update_fields, "ends_at", "updated_at"])
    _event(
        interview,
        actor,
        InterviewEvent.Action.RESCHEDULED if moved else InterviewEvent.Action.UPDATED,
        recorded,
    )
    if moved or "version" in update_fields:
        _follow_reminder(interview)
    return interview


def _follow_reminder(interview: Interview) -> None:
    """Move or cancel the interview's reminder with it (M7)."""
    from regisseur.reminders.services import follow_interview

    follow_interview(interview)


def reschedule_interview(
    *,
    actor: User,
    interview: Interview,
    starts_at: datetime,
    duration_minutes: int | None = None,
    time_zone: str | None = None,
    force: bool = False,
) -> Interview:
    """Move an interview to a new moment; the candidate is asked to confirm again."""
    changes: dict[str, Any] = {"starts_at": starts_at}
    if duration_minutes is not None:
        changes["duration_minutes"] = duration_minutes
    if time_zone is not None:
        changes["time_zone"] = time_zone
    return update_interview(actor=actor, interview=interview, changes=changes, force=force)


@transaction.atomic
def cancel_interview(*, actor: User, interview: Interview, reason: str = "") -> Interview:
    """Cancel an interview; its links and reminders die with it."""
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    _check_changeable(actor, interview)
    _validate_texts({"cancel_reason": reason})
    interview.status = InterviewStatus.CANCELLED
    interview.cancel_reason = reason
    interview.version += 1
    interview.save(update_fields=["status", "cancel_reason", "version", "updated_at"])
    _event(
        interview,
        actor,
        InterviewEvent.Action.CANCELLED,
        {"status": [InterviewStatus.PLANNED, InterviewStatus.CANCELLED]},
        note=reason,
    )
    _follow_reminder(interview)
    return interview


@transaction.atomic
def record_outcome(*, actor: User, interview: Interview, status: str) -> Interview:
    """Mark a past interview as held or as a no-show."""
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    _check_changeable(actor, interview)
    if status not in {InterviewStatus.HELD, InterviewStatus.NO_SHOW, InterviewStatus.PLANNED}:
        raise ServiceError("invalid_choice", _("Choose held, no-show or planned."), field="status")
    if status != InterviewStatus.PLANNED and interview.starts_at > timezone.now():
        raise ServiceError("not_started", _("The interview has not started yet."), field="status")
    if status == interview.status:
        return interview
    _event(interview, actor, InterviewEvent.Action.STATUS, {"status": [interview.status, status]})
    interview.status = status
    interview.save(update_fields=["status", "updated_at"])
    return interview


@transaction.atomic
def link_application(*, actor: User, interview: Interview, application: Application) -> Interview:
    """Attach an application to an interview round planned on the vacancy (P4)."""
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    _check_changeable(actor, interview)
    _check_application(actor, application)
    if interview.application_id is not None:
        raise ServiceError("already_linked", _("This interview already has a candidate."), field="application_id")
    if application.vacancy_id != interview.vacancy_id:
        raise ServiceError("invalid", _("The application belongs to another vacancy."), field="application_id")
    _raise_conflicts(
        find_conflicts(
            organisation_id=interview.organisation_id,
            starts_at=interview.starts_at,
            ends_at=interview.ends_at,
            participant_ids=[],
            candidate_ids=[application.candidate_id],
            location_preset_id=None,
            location="",
            exclude_ids=[interview.pk],
        )
    )
    interview.application = application
    interview.version += 1
    interview.save(update_fields=["application", "version", "updated_at"])
    _advance_stage(application)
    _event(interview, actor, InterviewEvent.Action.LINKED, {"application": ["", str(application)]})
    return interview


def resolve_many(model: Any, ids: Iterable[Any], *, organisation_id: int, field: str) -> list[Any]:
    """Objects for ids, all within the organisation; unknown or foreign ids are refused by name."""
    wanted = []
    for raw in ids:
        try:
            wanted.append(int(raw))
        except (TypeError, ValueError):
            raise ServiceError("not_found", _("Unknown id: %(id)s") % {"id": raw}, field=field) from None
    if not wanted:
        return []
    lookup = "client__organisation_id" if model is Contact else "organisation_id"
    queryset = model.objects.filter(pk__in=wanted, **{lookup: organisation_id})
    if model is Contact:
        queryset = queryset.select_related("client")
    found = {item.pk: item for item in queryset}
    missing = [pk for pk in wanted if pk not in found]
    if missing:
        raise ServiceError("not_found", _("Unknown id: %(id)s") % {"id": missing[0]}, field=field)
    return [found[pk] for pk in dict.fromkeys(wanted)]
