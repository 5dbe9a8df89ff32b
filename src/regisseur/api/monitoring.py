"""The JSON API for monitoring (API.md "Monitoring the interview day"): the board, the checklists,
the day's start and outcome, and the crisis playbooks' incidents.

Whoever may see an interview may read its board item and checklists; changes are the recruiters'.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from regisseur.accounts.models import User
from regisseur.actions import monitoring as actions
from regisseur.api.common import ERRORS, actor, get_for_user, require_recruiter
from regisseur.api.errors import ApiError
from regisseur.api.interview_reads import read_interviews
from regisseur.api.interview_schemas import InterviewOut
from regisseur.api.monitoring_schemas import (
    BoardItemOut,
    BoardOut,
    BoardQuery,
    ChecklistCountOut,
    ChecklistItemOut,
    ChecklistOut,
    ChecklistsOut,
    CloseIncidentIn,
    IncidentIn,
    IncidentOut,
    IncidentStepOut,
    MonitoredInterviewOut,
    OutcomeIn,
    PersonOut,
    RunOut,
    StartIn,
    StepIn,
    TickIn,
)
from regisseur.core.timezones import AMSTERDAM, InvalidTimeZone, get_zone, local_to_utc
from regisseur.interviews.access import get_interview_for_user
from regisseur.interviews.models import Interview
from regisseur.monitoring.access import get_incident_for_user
from regisseur.monitoring.board import BoardItem, board
from regisseur.monitoring.checklists import Checklist, all_lines, checklist_of, with_facts
from regisseur.monitoring.incidents import step_label
from regisseur.monitoring.models import ChecklistTick, Incident, IncidentStep, InterviewRun, Phase

router = Router(tags=["monitoring"])

# The days a board can be read for: their bounds and the next day stay within the datetime range.
FIRST_DAY = dt.date(1, 1, 2)
LAST_DAY = dt.date(9999, 12, 29)


# ---------------------------------------------------------------- output


def _person(user: User | None) -> PersonOut | None:
    return PersonOut(id=user.pk, name=str(user)) if user is not None else None


def checklist_out(checklist: Checklist) -> ChecklistOut:
    return ChecklistOut(
        items=[
            ChecklistItemOut(
                code=item.code,
                label=item.label,
                done=item.done,
                automatic=item.automatic,
                done_by=_person(item.done_by),
                done_at=item.done_at,
                note=item.note,
            )
            for item in checklist.items
        ]
    )


def incident_out(incident: Incident) -> IncidentOut:
    """An incident whose steps were read with their done_by and messages (see `_read_incident`)."""
    return IncidentOut(
        id=incident.pk,
        interview_id=incident.interview_id,
        kind=incident.kind,  # type: ignore[arg-type]
        opened_at=incident.opened_at,
        closed_at=incident.closed_at,
        lessons=incident.lessons,
        steps=[
            IncidentStepOut(
                code=step.code,
                label=step_label(incident.kind, step.code),
                done=step.done,
                done_by=_person(step.done_by),
                done_at=step.done_at,
                note=step.note,
                message_ids=sorted(message.pk for message in step.messages.all()),
            )
            for step in incident.steps.all()
        ],
    )


def _read_incident(incident: Incident) -> Incident:
    steps = IncidentStep.objects.select_related("done_by").prefetch_related("messages").order_by("position", "id")
    read: Incident = Incident.objects.prefetch_related(Prefetch("steps", queryset=steps)).get(pk=incident.pk)
    return read


def board_items_out(user: User, items: Sequence[BoardItem]) -> list[BoardItemOut]:
    """Board items as the API shows them, in a fixed number of queries whatever their number."""
    interviews = read_interviews(user, [item.interview.pk for item in items])
    incidents = [item.incident for item in items if item.incident is not None]
    prefetch_related_objects(incidents, "steps__done_by", "steps__messages")
    # Built without re-validation; each interview leaves out the fields it does not have (memo).
    return [
        BoardItemOut.model_construct(
            interview=InterviewOut.model_validate(interview),
            active_from=item.active_from,
            active_until=item.active_until,
            active=item.active,
            risks=item.risks,
            checklist=ChecklistCountOut(done=item.checklist.done, total=item.checklist.total),
            incident=incident_out(item.incident) if item.incident is not None else None,
        )
        for item, interview in zip(items, interviews, strict=True)
    ]


def _monitored_interview(user: User, interview: Interview) -> MonitoredInterviewOut:
    """The full interview object, with its day's run, after a start or an outcome."""
    (values,) = read_interviews(user, [interview.pk])
    run = InterviewRun.objects.filter(interview=interview).first()
    run_out = (
        RunOut(started_at=run.started_at, no_show_by=run.no_show_by or None, outcome_reason=run.outcome_reason)  # type: ignore[arg-type]
        if run is not None
        else None
    )
    # The fields the interview does not have for this user (memo) stay out of the answer.
    return MonitoredInterviewOut.model_validate({**values, "run": run_out})


def _user_zone(user: User) -> str:
    try:
        get_zone(user.time_zone)
    except InvalidTimeZone:
        return AMSTERDAM
    return user.time_zone


# ---------------------------------------------------------------- the board and the checklists


@router.get("/board", response={200: BoardOut, **ERRORS}, exclude_unset=True)
def get_board(request: HttpRequest, query: Query[BoardQuery]) -> BoardOut:
    user = actor(request)
    zone = _user_zone(user)
    day = query.date or timezone.localtime(timezone.now(), get_zone(zone)).date()
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ApiError(422, "validation_error", _("This date is out of range."), field="date")
    shown = board(user, day=day, scope=query.scope, zone=zone)
    items = board_items_out(user, [*shown.items, *shown.tomorrow])
    return BoardOut.model_construct(date=day, items=items[: len(shown.items)], tomorrow=items[len(shown.items) :])


def _checklists_of(interview: Interview) -> dict[str, Checklist]:
    read = with_facts(Interview.objects.filter(pk=interview.pk)).get()
    chosen = all_lines(interview.organisation_id)
    ticks: Iterable[ChecklistTick] = list(ChecklistTick.objects.filter(interview=read).select_related("done_by"))
    return {phase: checklist_of(read, phase, chosen=chosen[phase], ticks=ticks) for phase in chosen}


@router.get("/interviews/{interview_id}/checklists", response={200: ChecklistsOut, **ERRORS})
def get_checklists(request: HttpRequest, interview_id: int) -> ChecklistsOut:
    user = actor(request)
    interview = get_for_user(get_interview_for_user, user, interview_id)
    checklists = _checklists_of(interview)
    return ChecklistsOut(
        day_before=checklist_out(checklists[Phase.DAY_BEFORE]), after=checklist_out(checklists[Phase.AFTER])
    )


@router.post("/interviews/{interview_id}/checklists/{phase}/{code}", response={200: ChecklistOut, **ERRORS})
def tick_item(
    request: HttpRequest, interview_id: int, phase: str, code: str, payload: TickIn | None = None
) -> ChecklistOut:
    """`phase` is `day_before` or `after`; another phase or code is not found (404)."""
    user = actor(request)
    require_recruiter(user)
    interview = get_for_user(get_interview_for_user, user, interview_id)
    payload = payload or TickIn()
    checklist = actions.tick_checklist_item(
        actor=user, interview=interview, phase=phase, code=code, done=payload.done, note=payload.note
    )
    return checklist_out(checklist)


# ---------------------------------------------------------------- the day itself


@router.post("/interviews/{interview_id}/start", response={200: MonitoredInterviewOut, **ERRORS}, exclude_unset=True)
def start(request: HttpRequest, interview_id: int, payload: StartIn | None = None) -> MonitoredInterviewOut:
    user = actor(request)
    require_recruiter(user)
    interview = get_for_user(get_interview_for_user, user, interview_id)
    at = payload.at if payload else None
    try:
        if at is not None and at.tzinfo is None:
            at = local_to_utc(at.date(), at.time(), interview.time_zone)
        actions.start_interview(actor=user, interview=interview, at=at)
    except (OverflowError, InvalidTimeZone):
        raise ApiError(422, "validation_error", _("This moment is out of range."), field="at") from None
    return _monitored_interview(user, interview)


@router.post("/interviews/{interview_id}/outcome", response={200: MonitoredInterviewOut, **ERRORS}, exclude_unset=True)
def outcome(request: HttpRequest, interview_id: int, payload: OutcomeIn) -> MonitoredInterviewOut:
    user = actor(request)
    require_recruiter(user)
    interview = get_for_user(get_interview_for_user, user, interview_id)
    actions.record_day_outcome(
        actor=user,
        interview=interview,
        status=payload.status,
        no_show_by=payload.no_show_by or "",
        reason=payload.reason,
    )
    return _monitored_interview(user, interview)


# ---------------------------------------------------------------- incidents (crisis playbooks)


@router.post("/interviews/{interview_id}/incidents", response={201: IncidentOut, **ERRORS})
def open_incident(request: HttpRequest, interview_id: int, payload: IncidentIn) -> Status:
    user = actor(request)
    require_recruiter(user)
    interview = get_for_user(get_interview_for_user, user, interview_id)
    incident = actions.open_incident(
        actor=user, interview=interview, kind=payload.kind, note=payload.note, delay_minutes=payload.delay_minutes
    )
    return Status(201, incident_out(_read_incident(incident)))


@router.post("/incidents/{incident_id}/steps/{code}", response={200: IncidentOut, **ERRORS})
def set_step(request: HttpRequest, incident_id: int, code: str, payload: StepIn | None = None) -> IncidentOut:
    user = actor(request)
    require_recruiter(user)
    incident = get_for_user(get_incident_for_user, user, incident_id)
    payload = payload or StepIn()
    changed = actions.set_incident_step(actor=user, incident=incident, code=code, done=payload.done, note=payload.note)
    return incident_out(_read_incident(changed))


@router.post("/incidents/{incident_id}/close", response={200: IncidentOut, **ERRORS})
def close_incident(request: HttpRequest, incident_id: int, payload: CloseIncidentIn) -> IncidentOut:
    user = actor(request)
    require_recruiter(user)
    incident = get_for_user(get_incident_for_user, user, incident_id)
    closed = actions.close_incident(actor=user, incident=incident, lessons=payload.lessons)
    return incident_out(_read_incident(closed))
