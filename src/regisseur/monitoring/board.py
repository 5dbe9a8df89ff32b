"""The interview-day board (O2): a day's interviews in time order, with their windows and risks.

Read in a fixed number of queries, whatever the number of interviews (see `board`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from regisseur.accounts.models import User
from regisseur.evaluation.feedback import LATE_AFTER, feedback_open
from regisseur.interviews.access import interviews_for_user, participant_interview_q
from regisseur.interviews.models import ConfirmationStatus, Interview, InterviewStatus, InterviewType
from regisseur.messaging.models import Message, MessageState, Purpose
from regisseur.monitoring.checklists import Checklist, Line, all_lines, checklist_of, with_facts
from regisseur.monitoring.models import (
    CheckIn,
    ChecklistTick,
    Debrief,
    Incident,
    InterviewRun,
    Phase,
)
from regisseur.monitoring.windows import (
    AFTER_CHECKLIST_WITHIN,
    CHECK_IN_WITHIN,
    DEBRIEF_WITHIN,
    Window,
    active_window,
    day_bounds,
)
from regisseur.recruitment.models import Candidate, Contact

SCOPE_MINE = "mine"
SCOPE_TEAM = "team"
SCOPE_ALL = "all"
SCOPES = (SCOPE_MINE, SCOPE_TEAM, SCOPE_ALL)

# The risk codes of API.md, in the order the board shows them.
RISKS = (
    "not_confirmed",
    "checklist_open",
    "no_video_link",
    "no_mobile",
    "no_client_contact",
    "reminder_failed",
    "message_failed",
    "after_steps_late",
    # An extension of API.md's codes (issue 11): feedback not given a day after the end.
    "feedback_late",
)
REMINDER_PURPOSES = (Purpose.REMINDER, Purpose.SMS_REMINDER)
# Answers that leave the interview unconfirmed.
UNCONFIRMED = (
    ConfirmationStatus.PENDING,
    ConfirmationStatus.NOT_ACCEPTED,
    ConfirmationStatus.CONTACT_FOR_NEW_APPOINTMENT,
)


@dataclass
class BoardItem:
    interview: Interview
    window: Window
    active: bool
    risks: list[str]
    checklist: Checklist
    after: Checklist
    incident: Incident | None
    check_ins: list[CheckIn] = field(default_factory=list)
    debriefs: list[Debrief] = field(default_factory=list)
    participants: list[User] = field(default_factory=list)
    client_contacts: list[Contact] = field(default_factory=list)

    @property
    def active_from(self) -> datetime:
        return self.window.starts

    @property
    def active_until(self) -> datetime:
        return self.window.ends

    @property
    def run(self) -> InterviewRun | None:
        return getattr(self.interview, "run", None)

    @property
    def client_contact(self) -> Contact | None:
        """The client's main contact for changes (Vacancy.main_contact), from what the board read."""
        vacancy = self.interview.vacancy
        if vacancy.hiring_manager_id is not None:
            return vacancy.hiring_manager
        return self.client_contacts[0] if self.client_contacts else None

    @property
    def candidate(self) -> Candidate | None:
        application = self.interview.application
        return application.candidate if application is not None else None


def scoped(user: User, scope: str, window: Window | None = None) -> QuerySet[Interview]:
    """The interviews the board shows for a scope: mine, my team's, or everyone's the user may see.

    `window` limits them to those starting in it, inside the scope's subquery too, so that
    neither query reads beyond the day.
    """
    visible = interviews_for_user(user)
    in_window = Q(starts_at__gte=window.starts, starts_at__lt=window.ends) if window else Q()
    if scope == SCOPE_ALL:
        return visible.filter(in_window)
    mine = participant_interview_q(user) | Q(created_by=user)
    if scope == SCOPE_TEAM and user.team:
        team = User.objects.filter(organisation_id=user.organisation_id or 0, team=user.team).values("id")
        mine = mine | Q(created_by__in=team) | Q(participants__in=team)
    ids = Interview.objects.filter(in_window, organisation_id=user.organisation_id or 0).filter(mine).values("id")
    return visible.filter(in_window, id__in=ids)


def board_queryset(interviews: QuerySet[Interview]) -> QuerySet[Interview]:
    failed = Message.objects.filter(interview=OuterRef("pk"), state=MessageState.FAILED)
    return (
        with_facts(interviews)
        .select_related(
            "vacancy__client", "vacancy__hiring_manager", "location_preset", "run", "reminder", "created_by"
        )
        .annotate(
            reminder_failed=Exists(failed.filter(purpose__in=REMINDER_PURPOSES)),
            message_failed=Exists(failed.exclude(purpose__in=REMINDER_PURPOSES)),
            feedback_open=feedback_open(),
        )
        .order_by("starts_at", "id")
    )


def risks_of(
    interview: Interview,
    checklist: Checklist,
    after: Checklist,
    check_ins: Sequence[CheckIn],
    debriefs: Sequence[Debrief],
    now: datetime,
) -> list[str]:
    """The risk codes of API.md that apply to an interview now."""
    if interview.status == InterviewStatus.CANCELLED:
        return []
    risks = []
    upcoming = interview.ends_at > now and interview.status == InterviewStatus.PLANNED
    candidate = interview.application.candidate if interview.application_id and interview.application else None
    if upcoming and interview.confirmation_status in UNCONFIRMED:
        risks.append("not_confirmed")
    if upcoming and not checklist.is_complete:
        risks.append("checklist_open")
    if interview.type == InterviewType.VIDEO and not interview.video_link:
        risks.append("no_video_link")
    if candidate is not None and not candidate.mobile:
        risks.append("no_mobile")
    if not getattr(interview, "has_client_contact", True):
        risks.append("no_client_contact")
    if getattr(interview, "reminder_failed", False):
        risks.append("reminder_failed")
    if getattr(interview, "message_failed", False):
        risks.append("message_failed")
    if after_steps_late(interview, after, check_ins, debriefs, now):
        risks.append("after_steps_late")
    if (
        interview.status != InterviewStatus.NO_SHOW
        and now - interview.ends_at > LATE_AFTER
        and getattr(interview, "feedback_open", False)
    ):
        risks.append("feedback_late")
    return risks


def after_steps_late(
    interview: Interview, after: Checklist, check_ins: Sequence[CheckIn], debriefs: Sequence[Debrief], now: datetime
) -> bool:
    """An interview that took place whose aftercare (O4) is behind its deadlines."""
    if interview.status in (InterviewStatus.CANCELLED, InterviewStatus.NO_SHOW):
        return False
    ended = now - interview.ends_at
    if ended >= CHECK_IN_WITHIN and any(check_in.state == "missed" for check_in in check_ins):
        return True
    if ended >= AFTER_CHECKLIST_WITHIN and not after.is_complete:
        return True
    debriefed = any(
        debrief.cancelled_at is None and debrief.created_at <= interview.ends_at + DEBRIEF_WITHIN
        for debrief in debriefs
    )
    return ended >= DEBRIEF_WITHIN and not debriefed


def _grouped(rows: Iterable[Any], key: str) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[getattr(row, key)].append(row)
    return grouped


@dataclass(frozen=True)
class TickRow:
    """A ChecklistTick as the board reads it: plain values, no model instance per row."""

    interview_id: int
    phase: str
    code: str
    done: bool
    done_by: User | None
    done_at: datetime | None
    note: str


def _ticks(ids: Sequence[int]) -> dict[int, list[Any]]:
    """The interviews' ticks, each with its user, in two queries (a day has many ticks, few users)."""
    rows = list(
        ChecklistTick.objects.filter(interview_id__in=ids).values_list(
            "interview_id", "phase", "code", "done", "done_by_id", "done_at", "note"
        )
    )
    user_ids = {row[4] for row in rows if row[4] is not None}
    users = User.objects.in_bulk(user_ids) if user_ids else {}
    grouped: dict[int, list[Any]] = defaultdict(list)
    for interview_id, phase, code, done, done_by_id, done_at, note in rows:
        grouped[interview_id].append(
            TickRow(interview_id, phase, code, done, users.get(done_by_id) if done_by_id else None, done_at, note)
        )
    return grouped


def _participants(ids: Sequence[int]) -> dict[int, list[User]]:
    through = Interview.participants.through.objects.filter(interview_id__in=ids).select_related("user")
    grouped: dict[int, list[User]] = defaultdict(list)
    for row in through.order_by("user__first_name", "user__last_name", "user_id"):
        grouped[row.interview_id].append(row.user)
    return grouped


def items_for(interviews: Sequence[Interview], *, organisation_id: int, now: datetime | None = None) -> list[BoardItem]:
    """Board items for interviews read with `board_queryset`, in a fixed number of queries.

    The related rows are read per kind for all interviews at once and grouped here: Django's
    prefetching would build a manager and clone a query per interview, which cost more than
    the reading itself on a day of hundreds of interviews.
    """
    now = now or timezone.now()
    ids = [interview.pk for interview in interviews]
    chosen: dict[str, list[Line]] = all_lines(organisation_id)
    ticks = _ticks(ids)
    check_ins = _grouped(CheckIn.objects.filter(interview_id__in=ids), "interview_id")
    debriefs = _grouped(Debrief.objects.filter(interview_id__in=ids), "interview_id")
    open_incidents = _grouped(
        Incident.objects.filter(interview_id__in=ids, closed_at__isnull=True).order_by("-opened_at", "-id"),
        "interview_id",
    )
    participants = _participants(ids)
    client_ids = {
        interview.vacancy.client_id for interview in interviews if interview.vacancy.hiring_manager_id is None
    }
    contacts = (
        _grouped(Contact.objects.filter(client_id__in=client_ids).order_by("id"), "client_id") if client_ids else {}
    )
    items = []
    for interview in interviews:
        own_ticks = ticks.get(interview.pk, [])
        checklist = checklist_of(interview, Phase.DAY_BEFORE, chosen=chosen[Phase.DAY_BEFORE], ticks=own_ticks)
        after = checklist_of(interview, Phase.AFTER, chosen=chosen[Phase.AFTER], ticks=own_ticks)
        window = active_window(interview.starts_at, interview.ends_at)
        own_check_ins = check_ins.get(interview.pk, [])
        own_debriefs = debriefs.get(interview.pk, [])
        own_incidents = open_incidents.get(interview.pk, [])
        items.append(
            BoardItem(
                interview=interview,
                window=window,
                active=window.contains(now) and interview.status != InterviewStatus.CANCELLED,
                risks=risks_of(interview, checklist, after, own_check_ins, own_debriefs, now),
                checklist=checklist,
                after=after,
                incident=own_incidents[0] if own_incidents else None,
                check_ins=own_check_ins,
                debriefs=own_debriefs,
                participants=participants.get(interview.pk, []),
                client_contacts=contacts.get(interview.vacancy.client_id, []),
            )
        )
    return items


@dataclass
class Board:
    day: date
    scope: str
    items: list[BoardItem]
    tomorrow: list[BoardItem]


def board(
    user: User, *, day: date, scope: str = SCOPE_MINE, zone: str | None = None, now: datetime | None = None
) -> Board:
    """A day's board for a user: the day's interviews (cancelled ones last in the list of their hour)
    and tomorrow's risky ones."""
    zone = zone or user.time_zone
    todays = list(board_queryset(scoped(user, scope, day_bounds(day, zone))))
    next_bounds = day_bounds(day.fromordinal(day.toordinal() + 1), zone)
    tomorrows = list(board_queryset(scoped(user, scope, next_bounds).exclude(status=InterviewStatus.CANCELLED)))
    organisation_id = user.organisation_id or 0
    items = items_for(todays + tomorrows, organisation_id=organisation_id, now=now)
    today_items = items[: len(todays)]
    tomorrow_items = [item for item in items[len(todays) :] if item.risks]
    return Board(day=day, scope=scope, items=today_items, tomorrow=tomorrow_items)


def board_item(interview: Interview, *, now: datetime | None = None) -> BoardItem:
    """One interview's item (its detail page, the API's answers)."""
    [read] = board_queryset(Interview.objects.filter(pk=interview.pk))
    return items_for([read], organisation_id=interview.organisation_id, now=now)[0]
