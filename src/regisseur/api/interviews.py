"""Interviews: plan, read, list, change, reschedule and cancel (P1-P7)."""

from __future__ import annotations

import dataclasses
from datetime import datetime, time, timedelta
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router

from regisseur.accounts.models import User
from regisseur.actions import changes as change_actions
from regisseur.actions.cancelling import cancel_interview
from regisseur.actions.planning import ReminderChoice, plan_interview, plan_interviews
from regisseur.api.common import (
    ERRORS,
    actor,
    filter_by_id,
    get_for_user,
    page_of,
    require_recruiter,
    resolve_ids,
)
from regisseur.api.errors import ApiError, not_found
from regisseur.api.interview_reads import payloads, read_interviews, visible_rows
from regisseur.api.interview_schemas import (
    BulkIn,
    BulkOut,
    CancelIn,
    InterviewFilters,
    InterviewIn,
    InterviewList,
    InterviewOut,
    InterviewPatch,
    ReminderIn,
)
from regisseur.api.rendering import json_response
from regisseur.core.errors import ServiceError
from regisseur.core.timezones import AMSTERDAM, InvalidTimeZone, get_zone, local_to_utc
from regisseur.interviews.access import (
    get_application_for_user,
    get_applications_for_user,
    get_interview_for_user,
    interviews_for_user,
)
from regisseur.interviews.models import Guideline, LocationPreset
from regisseur.interviews.planning import Planning, planning_of
from regisseur.recruitment.models import Contact
from regisseur.reminders.services import Warning

router = Router(tags=["interviews"])

# Where the reminder service names a form input, the body's field.
REMINDER_FIELDS = {
    "reminder": "reminder.channel",
    "reminder_days": "reminder.days_before",
    "reminder_body": "reminder.body",
}
# Body fields that go to the service unchanged on PATCH.
PLAIN_FIELDS = (
    "duration_minutes",
    "time_zone",
    "type",
    "kind",
    "location",
    "interviewer",
    "reason",
    "memo",
    "report",
    "video_link",
)


# ---------------------------------------------------------------- input


def _aware(moment: datetime, zone_name: str) -> datetime:
    """An input datetime as an aware one: a naive wall-clock time is read in the interview's zone."""
    if moment.tzinfo is not None:
        return moment
    try:
        return local_to_utc(moment.date(), moment.time(), zone_name)
    except InvalidTimeZone:
        raise ServiceError(
            "invalid_time_zone", _("Unknown time zone: %(zone)s") % {"zone": zone_name}, field="time_zone"
        ) from None
    except OverflowError:
        raise ServiceError("invalid_datetime", _("This date is out of range."), field="starts_at") from None


def _reminder_choice(reminder: ReminderIn | None) -> ReminderChoice:
    """`reminder: null` is "no reminder", as the interview answers it."""
    if reminder is None:
        return ReminderChoice(channel="none")
    return ReminderChoice(
        channel=reminder.channel,
        days_before=reminder.days_before,
        subject=reminder.subject,
        body=reminder.body,
        signature=reminder.signature,
    )


def _warnings(warnings: list[Warning]) -> list[dict[str, str]]:
    return [{"code": warning.code, "message": warning.message} for warning in warnings]


class _ReminderFields:
    """Reminder errors named as the body's fields (the service names the form's inputs)."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: Any, error: Any, traceback: Any) -> None:
        if isinstance(error, ServiceError) and error.field in REMINDER_FIELDS:
            error.field = REMINDER_FIELDS[error.field]


def _relations(user: User, values: dict[str, Any]) -> dict[str, Any]:
    """Planning relations from the ids in the body (only those sent)."""
    relations: dict[str, Any] = {}
    if "location_preset_id" in values:
        preset_id = values["location_preset_id"]
        relations["location_preset"] = (
            None
            if preset_id is None
            else resolve_ids(LocationPreset, [preset_id], user=user, field="location_preset_id")[0]
        )
    for name, model, field in (
        ("participants", User, "participant_user_ids"),
        ("committee_members", Contact, "committee_contact_ids"),
        ("guidelines", Guideline, "guideline_ids"),
    ):
        if field in values and values[field] is not None:
            relations[name] = resolve_ids(model, values[field], user=user, field=field)
    return relations


# ---------------------------------------------------------------- output


def _read_one(user: User, interview_id: int, warnings: list[Warning] | None = None) -> dict[str, Any]:
    """One interview the user may see, with the warnings of the change just made; 404 otherwise."""
    found = payloads(filter_by_id(visible_rows(user), "pk", interview_id))
    if not found:
        raise not_found(None)
    item = found[0]
    if warnings:
        item["warnings"] = _warnings(warnings)
    return item


# ---------------------------------------------------------------- endpoints


def _planning(user: User, payload: InterviewIn | BulkIn) -> Planning:
    values = payload.model_dump(exclude={"reminder", "force"})
    return Planning(
        starts_at=_aware(payload.starts_at, payload.time_zone),
        duration_minutes=payload.duration_minutes,
        time_zone=payload.time_zone,
        type=payload.type,
        kind=payload.kind,
        location=payload.location,
        reason=payload.reason,
        interviewer=payload.interviewer,
        memo=payload.memo,
        report=getattr(payload, "report", ""),
        video_link=payload.video_link,
        **_relations(user, values),
    )


@router.post("/interviews", response={201: InterviewOut, **ERRORS}, exclude_unset=True)
def create_interview(request: HttpRequest, payload: InterviewIn) -> HttpResponse:
    user = actor(request)
    require_recruiter(user)
    application = get_for_user(get_application_for_user, user, payload.application_id, field="application_id")
    with _ReminderFields():
        planned = plan_interview(
            actor=user,
            planning=_planning(user, payload),
            application=application,
            reminder=_reminder_choice(payload.reminder) if payload.reminder is not None else None,
            force=payload.force,
        )
    return json_response(_read_one(user, planned.interviews[0].pk, planned.warnings), status=201)


@router.post("/interviews/bulk", response={201: BulkOut, **ERRORS}, exclude_unset=True)
def create_interviews(request: HttpRequest, payload: BulkIn) -> HttpResponse:
    user = actor(request)
    require_recruiter(user)
    try:
        applications = get_applications_for_user(user, payload.application_ids)
    except Http404:
        raise ApiError(404, "not_found", _("Unknown application."), field="application_ids") from None
    with _ReminderFields():
        planned = plan_interviews(
            actor=user,
            applications=applications,
            planning=_planning(user, payload),
            as_group=payload.mode == "group",
            spacing_minutes=payload.spacing_minutes,
            reminder=_reminder_choice(payload.reminder) if payload.reminder is not None else None,
            force=payload.force,
        )
    items = read_interviews(user, [interview.pk for interview in planned.interviews])
    if planned.warnings:
        warnings = _warnings(planned.warnings)
        for item in items:
            item["warnings"] = warnings
    return json_response({"interviews": items, "group_id": planned.group_id}, status=201)


@router.get("/interviews", response={200: InterviewList, **ERRORS}, exclude_unset=True)
def list_interviews(request: HttpRequest, filters: Query[InterviewFilters]) -> HttpResponse:
    user = actor(request)
    wanted: dict[str, Any] = {}
    if filters.date is not None:
        # The day as the requesting user lives it, from local midnight to the next.
        zone = user.time_zone if _is_zone(user.time_zone) else AMSTERDAM
        try:
            wanted["starts_at__gte"] = local_to_utc(filters.date, time(0), zone)
            wanted["starts_at__lt"] = local_to_utc(filters.date + timedelta(days=1), time(0), zone)
        except OverflowError:
            raise ApiError(422, "validation_error", _("This date is out of range."), field="date") from None
    if filters.status is not None:
        wanted["status"] = filters.status
    # Two queries: the count, on the interviews alone, and the page's rows with everything.
    counted = filter_by_id(interviews_for_user(user).filter(**wanted), "vacancy_id", filters.vacancy_id)
    page = filter_by_id(visible_rows(user).filter(**wanted), "vacancy_id", filters.vacancy_id)
    items, count = page_of(page.order_by("starts_at", "id"), filters, counted=counted)
    return json_response({"items": payloads(items), "count": count})


def _is_zone(name: str) -> bool:
    try:
        get_zone(name)
    except InvalidTimeZone:
        return False
    return True


@router.get("/interviews/{interview_id}", response={200: InterviewOut, **ERRORS}, exclude_unset=True)
def get_interview(request: HttpRequest, interview_id: int) -> HttpResponse:
    # One query: the interview with everything the contract shows, if the user may see it.
    return json_response(_read_one(actor(request), interview_id))


@router.patch("/interviews/{interview_id}", response={200: InterviewOut, **ERRORS}, exclude_unset=True)
def change_interview(request: HttpRequest, interview_id: int, payload: InterviewPatch) -> HttpResponse:
    user = actor(request)
    interview = get_for_user(get_interview_for_user, user, interview_id)
    require_recruiter(user)
    sent = payload.model_dump(exclude_unset=True, exclude={"reminder", "force", "scope"})
    changes: dict[str, Any] = _relations(user, sent)
    for name in PLAIN_FIELDS:
        if name in sent:
            if sent[name] is None:
                raise ServiceError("required", _("This field cannot be empty."), field=name)
            changes[name] = sent[name]
    if "starts_at" in sent:
        if sent["starts_at"] is None:
            raise ServiceError("required", _("This field cannot be empty."), field="starts_at")
        changes["starts_at"] = _aware(sent["starts_at"], changes.get("time_zone", interview.time_zone))
    planning = dataclasses.replace(planning_of(interview), **changes)
    # A new starts_at is a reschedule: the candidate is asked again and the reminder moves (M7).
    with _ReminderFields():
        changed = change_actions.change_interview(
            actor=user,
            interview=interview,
            planning=planning,
            scope=payload.scope,
            reminder=_reminder_choice(payload.reminder) if "reminder" in payload.model_fields_set else None,
            force=payload.force,
        )
    return json_response(_read_one(user, interview.pk, changed.warnings))


@router.post("/interviews/{interview_id}/cancel", response={200: InterviewOut, **ERRORS}, exclude_unset=True)
def cancel(request: HttpRequest, interview_id: int, payload: CancelIn | None = None) -> HttpResponse:
    user = actor(request)
    interview = get_for_user(get_interview_for_user, user, interview_id)
    cancel_interview(
        actor=user,
        interview=interview,
        reason=payload.reason if payload else "",
        notify=bool(payload and payload.notify),
    )
    return json_response(_read_one(user, interview.pk))
