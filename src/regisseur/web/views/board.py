"""The interview-day board (seed 000, O2) and one interview's monitoring page (O1).

The board lists a day's interviews in time order with their active window, risks and
one-click actions; it refreshes itself with a plain HTTP Refresh header while it shows
today, so it needs no script. Every action is a small POST form that returns to the page
it came from.
"""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from regisseur.accounts.roles import is_recruiter
from regisseur.actions.monitoring import record_day_outcome, start_interview, tick_checklist_item
from regisseur.core.errors import ServiceError
from regisseur.core.typed_input import format_day
from regisseur.interviews import access
from regisseur.interviews.models import Interview, InterviewStatus
from regisseur.monitoring.board import SCOPE_ALL, SCOPE_MINE, SCOPE_TEAM, Board, BoardItem, board, board_item
from regisseur.monitoring.models import NoShowBy
from regisseur.monitoring.windows import local_day
from regisseur.web.forms.fields import DayField
from regisseur.web.views.common import _actor, _require_recruiter, safe_next

# How often the board of today reloads itself (seconds).
REFRESH_SECONDS = 60

RISK_LABELS = {
    "not_confirmed": gettext_lazy("Not confirmed"),
    "checklist_open": gettext_lazy("Checklist open"),
    "no_video_link": gettext_lazy("No video link"),
    "no_mobile": gettext_lazy("No mobile number"),
    "no_client_contact": gettext_lazy("No client contact"),
    "reminder_failed": gettext_lazy("Reminder failed"),
    "message_failed": gettext_lazy("Message failed"),
    "after_steps_late": gettext_lazy("Aftercare late"),
    "feedback_late": gettext_lazy("Feedback late"),
}
RISK_HELP = {
    "not_confirmed": gettext_lazy("The candidate has not confirmed the interview."),
    "checklist_open": gettext_lazy("The day-before checklist is not complete."),
    "no_video_link": gettext_lazy("A video interview without a video link."),
    "no_mobile": gettext_lazy("No mobile number to reach the candidate on the day."),
    "no_client_contact": gettext_lazy("No contact person at the client for last-minute changes."),
    "reminder_failed": gettext_lazy("The reminder could not be delivered."),
    "message_failed": gettext_lazy("A message about this interview could not be delivered."),
    "after_steps_late": gettext_lazy("Check-ins, the success checklist or the debrief are late."),
    "feedback_late": gettext_lazy("A participant has not given feedback a day after the interview."),
}


class BoardForm(forms.Form):
    """The board's GET choices; a bad date is reported beside its field and today is shown."""

    date = DayField(label=gettext_lazy("Date"), required=False)
    scope = forms.ChoiceField(
        label=gettext_lazy("Interviews of"),
        required=False,
        choices=[
            (SCOPE_MINE, gettext_lazy("Mine")),
            (SCOPE_TEAM, gettext_lazy("My team")),
            (SCOPE_ALL, gettext_lazy("Everyone")),
        ],
    )


def _board_url(day: date, scope: str) -> str:
    return reverse("monitoring:board") + "?" + urlencode({"date": format_day(day), "scope": scope})


def _labelled(item: BoardItem) -> BoardItem:
    item.risk_labels = [  # type: ignore[attr-defined]
        {"code": code, "label": RISK_LABELS[code], "help": RISK_HELP[code]} for code in item.risks
    ]
    return item


def _recruiter_only(request: HttpRequest) -> None:
    """The board is the recruiters' (seed 000: the recruiter directs the day); others find nothing here."""
    if not is_recruiter(request.user):
        raise Http404


@login_required
def board_page(request: HttpRequest) -> HttpResponse:
    _recruiter_only(request)
    user = _actor(request)
    form = BoardForm(request.GET or None)
    today = local_day(timezone.now(), user.time_zone)
    day, scope = today, SCOPE_MINE
    if form.is_bound and form.is_valid():
        day = form.cleaned_data["date"] or today
        scope = form.cleaned_data["scope"] or SCOPE_MINE
    elif form.is_bound:
        chosen_scope = request.GET.get("scope", SCOPE_MINE)
        scope = chosen_scope if chosen_scope in (SCOPE_MINE, SCOPE_TEAM, SCOPE_ALL) else SCOPE_MINE
    if not form.is_bound:
        form = BoardForm(initial={"date": format_day(day), "scope": scope})
    shown: Board = board(user, day=day, scope=scope)
    for item in [*shown.items, *shown.tomorrow]:
        _labelled(item)
    context = {
        "section": "board",
        "form": form,
        "day": day,
        "day_text": format_day(day),
        "is_today": day == today,
        "scope": scope,
        "team_unset": scope == SCOPE_TEAM and not user.team,
        "board": shown,
        "active_count": sum(1 for item in shown.items if item.active),
        "risky_count": sum(1 for item in shown.items if item.risks),
        "navigation": {
            "previous": _board_url(day - timedelta(days=1), scope),
            "today": _board_url(today, scope),
            "next": _board_url(day + timedelta(days=1), scope),
        },
        "scopes": [
            {"code": code, "label": label, "url": _board_url(day, code), "current": code == scope}
            for code, label in BoardForm.base_fields["scope"].choices  # type: ignore[attr-defined]
        ],
        "no_show_choices": NoShowBy.choices,
        "here": request.get_full_path(),
    }
    response = render(request, "monitoring/board.html", context)
    if day == today:
        # A plain HTTP refresh: the board stays current on a screen left open, without a script.
        response["Refresh"] = str(REFRESH_SECONDS)
    return response


@login_required
def interview_page(request: HttpRequest, pk: int) -> HttpResponse:
    """One interview as the director sees it: the day-before checklist, the day, what went wrong, after."""
    interview = access.get_interview_for_user(request.user, pk)
    _recruiter_only(request)
    item = _labelled(board_item(interview))
    context = {
        "section": "board",
        "interview": item.interview,
        "item": item,
        "board_url": _board_url(local_day(interview.starts_at, _actor(request).time_zone), SCOPE_ALL),
        "no_show_choices": NoShowBy.choices,
        "here": request.get_full_path(),
        "can_act": not interview.is_cancelled,
    }
    return render(request, "monitoring/interview.html", context)


def _back(request: HttpRequest, interview: Interview) -> HttpResponse:
    return redirect(
        safe_next(request, request.POST.get("next", ""), reverse("monitoring:interview", args=[interview.pk]))
    )


def _name(interview: Interview) -> str:
    if interview.application_id and interview.application:
        return interview.application.candidate.full_name
    return interview.round_name or interview.vacancy.title


@login_required
@require_POST
def tick(request: HttpRequest, pk: int, phase: str, code: str) -> HttpResponse:
    interview = access.get_interview_for_user(request.user, pk)
    _require_recruiter(request)
    done = request.POST.get("done") == "1"
    try:
        tick_checklist_item(
            actor=_actor(request),
            interview=interview,
            phase=phase,
            code=code,
            done=done,
            note=request.POST.get("note", ""),
        )
    except ServiceError as error:
        messages.error(request, error.message)
    return _back(request, interview)


@login_required
@require_POST
def start(request: HttpRequest, pk: int) -> HttpResponse:
    interview = access.get_interview_for_user(request.user, pk)
    _require_recruiter(request)
    try:
        start_interview(actor=_actor(request), interview=interview)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Started: %(name)s.") % {"name": _name(interview)})
    return _back(request, interview)


@login_required
@require_POST
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    interview = access.get_interview_for_user(request.user, pk)
    _require_recruiter(request)
    status = request.POST.get("status", "")
    try:
        record_day_outcome(
            actor=_actor(request),
            interview=interview,
            status=status,
            no_show_by=request.POST.get("no_show_by", "") if status == InterviewStatus.NO_SHOW else "",
            reason=request.POST.get("reason", ""),
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        if status == InterviewStatus.HELD:
            messages.success(request, _("Held: %(name)s.") % {"name": _name(interview)})
        else:
            messages.success(request, _("No-show recorded: %(name)s.") % {"name": _name(interview)})
    return _back(request, interview)


patterns: list[URLPattern] = [
    path("monitoring/", board_page, name="board"),
    path("monitoring/interviews/<int:pk>/", interview_page, name="interview"),
    path("monitoring/interviews/<int:pk>/checklist/<slug:phase>/<slug:code>/", tick, name="tick"),
    path("monitoring/interviews/<int:pk>/start/", start, name="start"),
    path("monitoring/interviews/<int:pk>/outcome/", outcome, name="outcome"),
]
