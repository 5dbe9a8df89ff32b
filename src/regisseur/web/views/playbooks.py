"""Monitoring pages (seed 000): the crisis playbooks (O3).

Start a playbook on an interview; the incident's page shows each step (done or not, who, when,
a note, when it is due) with what the step needs: the drafted messages to edit and send, the
alternative candidates, the new times to pick, the later interviews to shift; and closing with
the lessons learned. Every form posts to its own address and calls one action; the page works
without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from regisseur.actions.monitoring import close_incident, open_incident, set_incident_step
from regisseur.actions.playbooks import pick_new_time, send_backup, send_step_messages, shift_later_interviews
from regisseur.core.errors import ConflictError, ServiceError
from regisseur.core.timezones import AMSTERDAM, to_zone
from regisseur.interviews.access import get_interview_for_user
from regisseur.interviews.models import Interview
from regisseur.messaging.models import Message, Purpose
from regisseur.monitoring.free_times import FreeTimes, free_times_for
from regisseur.monitoring.incidents import step_definition
from regisseur.monitoring.models import Incident, IncidentKind, IncidentStep, InterviewRun
from regisseur.monitoring.playbooks import (
    alternatives,
    get_incident_for_user,
    later_interviews,
    parse_moment,
    step_drafts,
)
from regisseur.web.forms.playbooks import CloseForm, DraftsForm, NewTimeForm, ShiftForm, StartForm, StepForm
from regisseur.web.views.common import _actor, _require_recruiter

# The steps that show more than a note: what each needs on the page.
ALTERNATIVES_STEP = "propose_alternative"
NEW_TIMES_STEP = "offer_new_times"
SHIFT_STEP = "shift_later"
BACKUP_STEP = "backup_platform"
SITUATION_PURPOSES = (Purpose.ILL_TO_CLIENT, Purpose.CANCELLED_TO_CANDIDATE)


@dataclass
class StepRow:
    step: IncidentStep
    label: str
    overdue: bool
    form: StepForm
    drafts: DraftsForm | None = None
    sent: list[Message] = field(default_factory=list)


def _page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render(request, f"monitoring/{template}", {"section": "board", **context})


def _back_to(incident: Incident, anchor: str = "") -> HttpResponse:
    url = reverse("monitoring:incident", args=[incident.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _drafts_form(request: HttpRequest, incident: Incident, code: str, data: Any = None) -> DraftsForm | None:
    definition = step_definition(incident.kind, code)
    if definition is None or not definition.purpose or incident.closed_at is not None:
        return None
    initial_backup: dict[str, str] = {}
    if code == BACKUP_STEP:
        run = InterviewRun.objects.filter(interview=incident.interview).first()
        if run is not None:
            initial_backup = {"backup_platform": run.backup_platform, "phone_fallback": run.phone_fallback}
    return DraftsForm(
        data,
        drafts=step_drafts(incident, code, actor=_actor(request)),
        situation=incident.note if definition.purpose in SITUATION_PURPOSES else None,
        with_backup=code == BACKUP_STEP,
        initial=initial_backup,
        prefix=code,
    )


def _new_times(incident: Incident) -> FreeTimes | None:
    if incident.closed_at is not None or step_definition(incident.kind, NEW_TIMES_STEP) is None:
        return None
    return free_times_for(incident.interview, now=timezone.now())


def _incident_page(
    request: HttpRequest,
    incident: Incident,
    *,
    bound: dict[str, Any] | None = None,
    close_form: CloseForm | None = None,
) -> HttpResponse:
    bound = bound or {}
    now = timezone.now()
    steps = list(IncidentStep.objects.filter(incident=incident).select_related("done_by").prefetch_related("messages"))
    rows = []
    for step in steps:
        definition = step_definition(incident.kind, step.code)
        rows.append(
            StepRow(
                step=step,
                label=str(definition.label) if definition else step.code,
                overdue=bool(step.due_at and not step.done and step.due_at < now),
                form=bound.get(f"note_{step.code}") or StepForm(initial={"note": step.note}, prefix=step.code),
                drafts=bound.get(step.code) or _drafts_form(request, incident, step.code),
                sent=list(step.messages.all()),
            )
        )
    interview = incident.interview
    codes = {step.code for step in steps}
    is_open = incident.closed_at is None
    context = {
        "incident": incident,
        "interview": interview,
        "rows": rows,
        "is_open": is_open,
        "done_count": sum(1 for step in steps if step.done),
        "alternatives": alternatives(incident) if ALTERNATIVES_STEP in codes and is_open else [],
        "alternatives_step": ALTERNATIVES_STEP,
        "new_times": _new_times(incident),
        "new_times_step": NEW_TIMES_STEP,
        "later": later_interviews(interview) if SHIFT_STEP in codes and is_open else [],
        "shift_step": SHIFT_STEP,
        "run": InterviewRun.objects.filter(interview=interview).first(),
        "close_form": close_form or CloseForm(),
        "plan_url": reverse("interviews:plan"),
        "plan_query": urlencode(
            {
                "date": to_zone(interview.starts_at, AMSTERDAM).date().isoformat(),
                "time": to_zone(interview.starts_at, AMSTERDAM).strftime("%H:%M"),
            }
        ),
    }
    return _page(request, "incident.html", context)


# --- Pages ----------------------------------------------------------------------------------------------


@login_required
def incident_start(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a playbook on an interview: what happened, a note, the delay of an overrun."""
    interview: Interview = get_interview_for_user(request.user, pk)
    _require_recruiter(request)
    kind = request.GET.get("kind", "")
    form = StartForm(request.POST or None, initial={"kind": kind if kind in IncidentKind.values else ""})
    if request.method == "POST" and form.is_valid():
        try:
            incident = open_incident(
                actor=_actor(request),
                interview=interview,
                kind=form.cleaned_data["kind"],
                note=form.cleaned_data["note"],
                delay_minutes=form.cleaned_data["delay_minutes"],
            )
        except ServiceError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Playbook started: %(kind)s.") % {"kind": incident.get_kind_display()})
            return _back_to(incident)
    open_incidents = Incident.objects.filter(interview=interview, closed_at__isnull=True)
    return _page(
        request, "incident_start.html", {"form": form, "interview": interview, "open_incidents": open_incidents}
    )


@login_required
def incident(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_incident_for_user(request.user, pk)
    _require_recruiter(request)
    return _incident_page(request, found)


@login_required
@require_POST
def incident_step(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """Mark a step done or not, with its note."""
    found = get_incident_for_user(request.user, pk)
    _require_recruiter(request)
    form = StepForm(request.POST, prefix=code)
    if not form.is_valid():
        return _incident_page(request, found, bound={f"note_{code}": form})
    try:
        set_incident_step(
            actor=_actor(request),
            incident=found,
            code=code,
            done=request.POST.get("done") == "1",
            note=form.cleaned_data["note"],
        )
    except ServiceError as error:
        messages.error(request, error.message)
    return _back_to(found, f"step-{code}")


@login_required
@require_POST
def incident_send(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """Send a step's drafted messages as edited; the step is marked done with them."""
    found = get_incident_for_user(request.user, pk)
    _require_recruiter(request)
    form = _drafts_form(request, found, code, request.POST)
    if form is None:
        messages.error(request, _("This step sends no message."))
        return _back_to(found)
    if form.is_valid():
        try:
            if code == BACKUP_STEP:
                sent = send_backup(
                    actor=_actor(request),
                    incident=found,
                    backup_platform=form.cleaned_data["backup_platform"],
                    phone_fallback=form.cleaned_data["phone_fallback"],
                    texts=form.texts(),
                    note=form.cleaned_data["note"],
                )
            else:
                sent = send_step_messages(
                    actor=_actor(request),
                    incident=found,
                    code=code,
                    texts=form.texts(),
                    situation=form.cleaned_data.get("situation", ""),
                    note=form.cleaned_data["note"],
                )
        except ServiceError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            names = ", ".join(dict.fromkeys(m.to_name or m.to_address for m in sent.messages))
            messages.success(request, _("Queued for sending to %(recipients)s.") % {"recipients": names})
            for reason in sent.skipped:
                messages.warning(request, _("Not sent: %(reason)s") % {"reason": reason})
            return _back_to(found, f"step-{code}")
    return _incident_page(request, found, bound={code: form})


@login_required
@require_POST
def incident_new_time(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the interview to an offered time; the candidate is told and the step marked done."""
    found = get_incident_for_user(request.user, pk)
    _require_recruiter(request)
    form = NewTimeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the offered times."))
        return _back_to(found, f"step-{NEW_TIMES_STEP}")
    try:
        starts_at = parse_moment(form.cleaned_data["starts_at"])
        note = form.cleaned_data["note"]
        moved = pick_new_time(actor=_actor(request), incident=found, starts_at=starts_at, note=note)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The interview has been moved; the candidate is told of the new time."))
        if not moved.messages:
            messages.warning(request, _("Nobody was told: the interview has no candidate."))
    return _back_to(found, f"step-{NEW_TIMES_STEP}")


@login_required
@require_POST
def incident_shift(request: HttpRequest, pk: int) -> HttpResponse:
    """Shift one later interview, or all of them, by the delay; their candidates are told."""
    found = get_incident_for_user(request.user, pk)
    _require_recruiter(request)
    form = ShiftForm(request.POST)
    chosen = form.cleaned_data["interview"] if form.is_valid() else None
    try:
        moved = shift_later_interviews(
            actor=_actor(request), incident=found, interview_ids=[chosen] if chosen else None
        )
    except ConflictError as error:
        messages.error(request, _("Nothing was shifted. %(reason)s") % {"reason": error.message})
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        count = len(moved.interviews)
        text = ngettext(
            "Shifted %(count)d interview; its candidate is told.",
            "Shifted %(count)d interviews; their candidates are told.",
            count,
        )
        messages.success(request, text % {"count": count})
    return _back_to(found, f"step-{SHIFT_STEP}")


@login_required
@require_POST
def incident_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close the incident with its lessons learned."""
    found = get_incident_for_user(request.user, pk)
    _require_recruiter(request)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            close_incident(actor=_actor(request), incident=found, lessons=form.cleaned_data["lessons"])
        except ServiceError as error:
            form.add_error("lessons" if error.field == "lessons" else None, error.message)
        else:
            messages.success(request, _("The incident is closed."))
            return _back_to(found)
    return _incident_page(request, found, close_form=form)


patterns: list[URLPattern] = [
    path("monitoring/interviews/<int:pk>/incident/", incident_start, name="incident_start"),
    path("monitoring/incidents/<int:pk>/", incident, name="incident"),
    path("monitoring/incidents/<int:pk>/steps/<slug:code>/", incident_step, name="incident_step"),
    path("monitoring/incidents/<int:pk>/steps/<slug:code>/send/", incident_send, name="incident_send"),
    path("monitoring/incidents/<int:pk>/new-time/", incident_new_time, name="incident_new_time"),
    path("monitoring/incidents/<int:pk>/shift/", incident_shift, name="incident_shift"),
    path("monitoring/incidents/<int:pk>/close/", incident_close, name="incident_close"),
]
