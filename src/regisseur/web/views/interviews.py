"""The interview pages: overview (P7) and the record, with its history and reminder."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regisseur.accounts.roles import is_recruiter
from regisseur.actions.answering import complete_follow_up
from regisseur.core.errors import ServiceError
from regisseur.core.timezones import format_day_first
from regisseur.interviews import access, queries
from regisseur.interviews.access import vacancies_for_user
from regisseur.interviews.models import (
    ConfirmationStatus,
    Interview,
    InterviewEvent,
    InterviewKind,
    InterviewStatus,
    InterviewType,
)
from regisseur.interviews.planning import VISIBLE_FIELDS
from regisseur.messaging.models import Audience, Message, Purpose
from regisseur.recruitment.models import ApplicationStatus
from regisseur.reminders.models import SMS_CHANNELS, Reminder, ReminderChannel, ReminderState
from regisseur.responses.models import FollowUp
from regisseur.web.forms.overview import OverviewFilterForm
from regisseur.web.views import overview_parts as parts
from regisseur.web.views.care import care_context
from regisseur.web.views.common import _actor, _require_recruiter
from regisseur.web.views.follow_ups import attach_follow_up_markers
from regisseur.web.views.history import history_rows
from regisseur.web.views.interview_common import _page

PAGE_SIZE = 200


# --- Presentation helpers -------------------------------------------------------------------------


# Badge colours by meaning: a scheduled reminder waits to go out like a queued message.
REMINDER_BADGES = {
    ReminderState.SCHEDULED: "queued",
    ReminderState.SENDING: "queued",
    ReminderState.SENT: "sent",
    ReminderState.CANCELLED: "cancelled",
}


@dataclass
class ReminderSummary:
    """One interview's reminder as the overview and the record show it (issue 4, item 7)."""

    channel: str
    channel_label: str
    days_before: int
    due: str
    state: str
    state_label: str
    badge: str
    sms_skipped: bool
    note: str


def _reminder_labels() -> tuple[dict[str, str], dict[str, str]]:
    channels = {
        ReminderChannel.EMAIL: _("Email"),
        ReminderChannel.SMS: _("SMS"),
        ReminderChannel.EMAIL_SMS: _("Email and SMS"),
    }
    return {str(key): value for key, value in channels.items()}, {
        value: str(label) for value, label in ReminderState.choices
    }


def _reminder_summary(
    interview: Interview,
    reminder: Reminder | None,
    labels: tuple[dict[str, str], dict[str, str]] | None = None,
) -> ReminderSummary | None:
    if reminder is None or reminder.channel == ReminderChannel.NONE:
        return None
    channels, states = labels or _reminder_labels()
    sms_skipped = False
    if reminder.channel in SMS_CHANNELS:
        if reminder.state in (ReminderState.SCHEDULED, ReminderState.SENDING):
            # Still to go out: whether the candidate has a mobile number now.
            candidate = interview.application.candidate if interview.application else None
            sms_skipped = candidate is None or not candidate.mobile
        elif reminder.state == ReminderState.SENT:
            sms_skipped = bool(reminder.sms_skipped_reason)
    return ReminderSummary(
        channel=reminder.channel,
        channel_label=channels.get(reminder.channel, reminder.channel),
        days_before=reminder.days_before,
        due=format_day_first(reminder.due_at, settings.REMINDER_TIME_ZONE),
        state=reminder.state,
        state_label=states.get(reminder.state, reminder.state),
        badge=REMINDER_BADGES.get(ReminderState(reminder.state), reminder.state),
        sms_skipped=sms_skipped,
        note=reminder.note,
    )


# --- Pages ------------------------------------------------------------------------------------------


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """The interviews the user may see (P7): today and upcoming first, sortable, filters kept in the URL."""
    vacancies = vacancies_for_user(request.user).order_by("title", "id").values_list("id", "title", "client__name")
    form = OverviewFilterForm(request.GET, vacancies=[(pk, f"{title} ({client})") for pk, title, client in vacancies])
    interviews = queries.interviews_for_overview(request.user, **form.filters())
    kept = form.good_query()
    recruiter = is_recruiter(request.user)
    page = Paginator(interviews, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = _with_labels(list(page.object_list))
    if recruiter:
        attach_follow_up_markers(page.object_list)  # what the candidates asked that is still open
    now = timezone.now()
    for interview in page.object_list:
        setattr(interview, "people", parts.people(interview))  # noqa: B010
        setattr(interview, "markers", parts.markers(interview, now=now) if recruiter else [])  # noqa: B010
    context = {
        "form": form,
        "page": page,
        "is_recruiter": recruiter,
        "reminder_zone": settings.REMINDER_TIME_ZONE,
        "kept": kept,
        "day": form.day,
        "periods": parts.period_links(kept, form.day),
        "days": parts.day_links(kept, form.day),
        "headers": parts.sort_headers(kept, form.sort),
        "sort": form.sort,
        # The top bar's "Today" is current when today's list is shown.
        "section": "today" if form.day == timezone.localdate() else "interviews",
    }
    return _page(request, "overview.html", context)


def _with_labels(interviews: list[Interview]) -> list[Interview]:
    """Translated labels and local times computed once per page rather than once per cell.

    The overview shows 200 rows; get_FOO_display() rebuilds its choices mapping on every
    call, which made label lookups a fifth of the page's render time.
    """
    labels = {
        name: {value: str(label) for value, label in choices.choices} for name, choices in LABELLED_FIELDS.items()
    }
    viewer_zone = timezone.get_current_timezone()
    viewer_zone_name = getattr(viewer_zone, "key", str(viewer_zone))
    reminder_labels = _reminder_labels()
    for interview in interviews:
        # select_related("reminder") leaves no attribute when there is no row: a missing one is None.
        reminder = getattr(interview, "reminder", None)
        setattr(interview, "reminder_summary", _reminder_summary(interview, reminder, reminder_labels))  # noqa: B010
        for name in LABELLED_FIELDS:
            setattr(interview, f"{name}_label", labels[name].get(getattr(interview, name), getattr(interview, name)))
        setattr(interview, "starts_local", interview.starts_at.astimezone(viewer_zone).strftime("%d-%m-%Y %H:%M"))  # noqa: B010
        own_clock = "" if interview.time_zone == viewer_zone_name else interview.local_starts_at.strftime("%H:%M")
        setattr(interview, "own_zone_clock", own_clock)  # noqa: B010
    return interviews


LABELLED_FIELDS: dict[str, type[models.TextChoices]] = {
    "type": InterviewType,
    "kind": InterviewKind,
    "status": InterviewStatus,
    "confirmation_status": ConfirmationStatus,
}


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    interview = access.get_interview_for_user(request.user, pk)
    recruiter = is_recruiter(request.user)
    events = list(interview.events.select_related("actor"))
    linkable = []
    if recruiter and interview.application_id is None and not interview.is_cancelled:
        linkable = list(
            interview.vacancy.applications.filter(status=ApplicationStatus.ACTIVE)
            .select_related("candidate")
            .order_by("candidate__last_name", "candidate__first_name")
        )
    message_log = list(Message.objects.filter(interview=interview)) if recruiter else []
    committee_members = list(interview.committee_members.all())
    candidate_name = interview.application.candidate.full_name if interview.application else ""
    context = {
        "interview": interview,
        "reminder": _reminder_summary(interview, Reminder.objects.filter(interview=interview).first()),
        "reminder_zone": settings.REMINDER_TIME_ZONE,
        "communicate": _communicate_actions(interview, recruiter, committee_members, message_log, events),
        "message_log": message_log,
        "can_change": recruiter and not interview.is_cancelled,
        "can_record_outcome": recruiter and not interview.is_cancelled and interview.starts_at <= timezone.now(),
        "can_see_memo": access.can_see_memo(request.user, interview),
        "participants": list(interview.participants.all()),
        "committee_members": committee_members,
        "guidelines": list(interview.guidelines.all()),
        "history": history_rows(events, candidate_name=candidate_name),
        **_candidate_answer(interview, recruiter),
        "linkable": linkable,
        "group": _group(request.user, interview),
        "earlier_interviews": _earlier_interviews(request.user, interview),
        **care_context(request.user, interview, message_log),
    }
    return _page(request, "detail.html", context)


def _earlier_interviews(user: Any, interview: Interview) -> list[Interview]:
    """The candidate's earlier interviews the user may see, newest first, with their reports (issue 11, item 5)."""
    if interview.application_id is None or interview.application is None:
        return []
    return list(
        access.interviews_for_user(user)
        .filter(application__candidate_id=interview.application.candidate_id, starts_at__lt=interview.starts_at)
        .exclude(pk=interview.pk)
        .exclude(status=InterviewStatus.CANCELLED)
        .select_related("vacancy")
        .order_by("-starts_at", "-id")[:20]
    )


def _group(user: Any, interview: Interview) -> dict[str, Any] | None:
    """A group interview's members with their confirmation (cancelled ones marked); None when not a group."""
    members = queries.group_roster(user, interview)
    if not members:
        return None
    taking_part = [member for member in members if not member.is_cancelled]
    return {"members": members, "size": len(taking_part) or len(members)}


def _communicate_actions(
    interview: Interview,
    recruiter: bool,
    committee_members: list[Any],
    message_log: list[Message],
    events: list[InterviewEvent],
) -> dict[str, bool]:
    """Which "communicate" buttons the record offers (C3, C5), and whether a change is still untold."""
    if not recruiter or interview.is_cancelled:
        return {}
    invitations = [
        message.created_at
        for message in message_log
        if message.audience == Audience.CANDIDATE and message.purpose in (Purpose.INVITATION, Purpose.CHANGE)
    ]
    change_untold = bool(invitations) and any(
        event.action in (InterviewEvent.Action.RESCHEDULED, InterviewEvent.Action.UPDATED)
        and set(event.changes or {}) & set(VISIBLE_FIELDS)
        and event.created_at > max(invitations)
        for event in events
    )
    return {
        "candidate": interview.application_id is not None,
        "change_untold": change_untold and interview.application_id is not None,
        "hiring_manager": interview.kind in (InterviewKind.HIRING_MANAGER, InterviewKind.BOTH)
        and interview.vacancy.hiring_manager_id is not None,
        "committee": bool(committee_members),
        "colleagues": any(user.email for user in interview.participants.all()),
    }


def _candidate_answer(interview: Interview, recruiter: bool) -> dict[str, Any]:
    """The candidate's latest answer and the to-dos it opened (A2): for the recruiters only."""
    if not recruiter:
        return {}
    answer = interview.answers.first()
    follow_ups = list(interview.follow_ups.select_related("done_by"))
    return {
        "answer": answer,
        "open_follow_ups": [item for item in follow_ups if item.done_at is None],
        "done_follow_ups": [item for item in follow_ups if item.done_at is not None],
    }


@login_required
@require_POST
def follow_up_done(request: HttpRequest, pk: int, follow_up_id: int) -> HttpResponse:
    """The recruiter ticks off what the candidate's answer asked for."""
    interview = access.get_interview_for_user(request.user, pk)
    _require_recruiter(request)
    follow_up = get_object_or_404(FollowUp, pk=follow_up_id, interview=interview)
    try:
        complete_follow_up(actor=_actor(request), follow_up=follow_up)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Marked as done: %(task)s") % {"task": follow_up.get_kind_display()})
    return redirect(reverse("interviews:detail", args=[interview.pk]) + "#candidate-answer")
