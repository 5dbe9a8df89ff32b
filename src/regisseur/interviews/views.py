"""The interview pages: overview (P7), the one planning form (P1, P2, P4, P6), bulk invitation (P5), the record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from regisseur.accounts.models import User
from regisseur.accounts.roles import is_recruiter
from regisseur.core.errors import ConflictError, ServiceError
from regisseur.interviews import queries, services
from regisseur.interviews.forms import CancelForm, InviteForm, OverviewFilterForm, PlanningForm
from regisseur.interviews.models import (
    ConfirmationStatus,
    Interview,
    InterviewEvent,
    InterviewKind,
    InterviewStatus,
    InterviewType,
)
from regisseur.messaging import services as messaging_services
from regisseur.messaging.models import Audience, Message, Purpose
from regisseur.recruitment.models import Application, ApplicationStatus, Vacancy
from regisseur.recruitment.queries import get_application_for_user, get_vacancy_for_user, vacancies_for_user

PAGE_SIZE = 200
MOVING_FIELDS = {"starts_at", "duration_minutes", "time_zone"}


def _actor(request: HttpRequest) -> User:
    """The signed-in user (login_required ran first) as the services' actor."""
    return cast(User, request.user)


def _require_recruiter(request: HttpRequest) -> None:
    if not is_recruiter(request.user):
        raise PermissionDenied


def _page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return render(request, f"interviews/{template}", {"section": "interviews", **context}, status=status)


# --- Presentation helpers -------------------------------------------------------------------------


@dataclass
class ConflictRow:
    interview: Interview
    who: str
    busy: list[str]


def _conflict_rows(error: ConflictError, form: PlanningForm) -> list[ConflictRow]:
    """What is busy, in words: who shares the time slot and why (P6)."""
    chosen = {user.pk for user in form.cleaned_data.get("participants", [])}
    rows = []
    for conflict in error.details or []:
        other = conflict.interview
        busy = []
        if "participant" in conflict.reasons:
            names = ", ".join(str(user) for user in other.participants.all() if user.pk in chosen)
            busy.append(_("participating user busy: %(names)s") % {"names": names})
        if "candidate" in conflict.reasons:
            busy.append(_("the candidate already has an interview"))
        if "location" in conflict.reasons:
            busy.append(_("the location is taken: %(location)s") % {"location": other.location})
        who = other.application.candidate.full_name if other.application else other.round_name
        rows.append(ConflictRow(interview=other, who=who, busy=busy))
    return rows


_CHOICE_LABELS: dict[str, dict[str, Any]] = {
    "type": dict(InterviewType.choices),
    "kind": dict(InterviewKind.choices),
    "status": dict(InterviewStatus.choices),
    "confirmation_status": dict(ConfirmationStatus.choices),
}


def _history_value(name: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(_CHOICE_LABELS.get(name, {}).get(value, value))


def _history(events: list[InterviewEvent]) -> list[dict[str, Any]]:
    """History rows (P3): the memo's values are never stored nor shown, only that it changed."""
    rows = []
    for event in events:
        changes = []
        for name, values in (event.changes or {}).items():
            before, after = (values + [None, None])[:2] if isinstance(values, list) else (None, values)
            try:
                label = str(getattr(Interview._meta.get_field(name), "verbose_name", name))
            except FieldDoesNotExist:  # a field that no longer exists keeps its stored name
                label = name
            if name == "memo":
                changes.append({"label": label, "memo": True})
            else:
                changes.append(
                    {"label": label, "before": _history_value(name, before), "after": _history_value(name, after)}
                )
        rows.append({"event": event, "changes": changes})
    return rows


def _back_url(origin: str, application: Application | None, vacancy: Vacancy) -> str:
    """Where "Back" leads on the planning form: the page the planner came from (P1)."""
    if application is not None:
        targets = {
            "board": ("recruitment:vacancy_board", vacancy.pk),
            "candidate": ("recruitment:candidate_detail", application.candidate_id),
            "vacancy": ("recruitment:vacancy_detail", vacancy.pk),
        }
        name, pk = targets.get(origin, ("recruitment:application_detail", application.pk))
        return reverse(name, args=[pk])
    return reverse("recruitment:vacancy_detail", args=[vacancy.pk])


# --- Pages ------------------------------------------------------------------------------------------


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """All interviews the user may see, with their confirmation status (P7)."""
    vacancies = vacancies_for_user(request.user).order_by("title", "id").values_list("id", "title", "client__name")
    form = OverviewFilterForm(
        request.GET or None, vacancies=[(pk, f"{title} ({client})") for pk, title, client in vacancies]
    )
    interviews = queries.interviews_for_overview(request.user, **(form.filters() if form.is_bound else {}))
    page = Paginator(interviews, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = _with_labels(list(page.object_list))
    return _page(request, "overview.html", {"form": form, "page": page, "is_recruiter": is_recruiter(request.user)})


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
    for interview in interviews:
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
    interview = queries.get_interview_for_user(request.user, pk)
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
    context = {
        "interview": interview,
        "communicate": _communicate_actions(interview, recruiter, committee_members, message_log, events),
        "message_log": message_log,
        "can_change": recruiter and not interview.is_cancelled,
        "can_record_outcome": recruiter and not interview.is_cancelled and interview.starts_at <= timezone.now(),
        "can_see_memo": queries.can_see_memo(request.user, interview),
        "participants": list(interview.participants.all()),
        "committee_members": committee_members,
        "guidelines": list(interview.guidelines.all()),
        "history": _history(events),
        "linkable": linkable,
    }
    return _page(request, "detail.html", context)


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
        and set(event.changes or {}) & set(services.VISIBLE_FIELDS)
        and event.created_at > max(invitations)
        for event in events
    )
    return {
        "candidate": interview.application_id is not None,
        "change_untold": change_untold and interview.application_id is not None,
        "hiring_manager": interview.kind in (InterviewKind.HIRING_MANAGER, InterviewKind.BOTH)
        and interview.vacancy.hiring_manager_id is not None,
        "committee": bool(committee_members),
    }


@login_required
def plan(request: HttpRequest) -> HttpResponse:
    """The one planning form (P1): for an application, or a round on a vacancy (P4)."""
    _require_recruiter(request)
    application: Application | None = None
    if request.GET.get("application"):
        application = get_application_for_user(request.user, request.GET["application"])
        vacancy = application.vacancy
    else:
        vacancy = get_vacancy_for_user(request.user, request.GET.get("vacancy"))
    form = PlanningForm(
        request.POST or None,
        organisation_id=vacancy.client.organisation_id,
        vacancy=vacancy,
        with_round_name=application is None,
    )
    conflicts: list[ConflictRow] = []
    if request.method == "POST" and form.is_valid():
        try:
            interview = services.plan_interview(
                actor=_actor(request),
                planning=form.planning(),
                application=application,
                vacancy=vacancy,
                force=form.cleaned_data["force"],
            )
        except ConflictError as error:
            conflicts = _conflict_rows(error, form)
        except ServiceError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("The interview has been planned."))
            if application is not None and "communicate" in request.POST:
                return redirect("messaging:communicate", pk=interview.pk, audience="candidate")
            return redirect("interviews:detail", pk=interview.pk)
    context = {
        "form": form,
        "conflicts": conflicts,
        "application": application,
        "vacancy": vacancy,
        "back_url": _back_url(request.GET.get("from", ""), application, vacancy),
    }
    return _page(request, "plan.html", context)


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The planning form for an existing interview; a new moment is a reschedule (P3)."""
    interview = queries.get_interview_for_user(request.user, pk)
    _require_recruiter(request)
    if interview.is_cancelled:
        messages.error(request, _("This interview has been cancelled and cannot be changed."))
        return redirect("interviews:detail", pk=interview.pk)
    form = PlanningForm(
        request.POST or None,
        organisation_id=interview.organisation_id,
        vacancy=interview.vacancy,
        interview=interview,
        with_round_name=interview.application_id is None,
    )
    conflicts: list[ConflictRow] = []
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        try:
            services.update_interview(
                actor=_actor(request),
                interview=interview,
                changes=changes,
                force=form.cleaned_data["force"],
            )
        except ConflictError as error:
            conflicts = _conflict_rows(error, form)
        except ServiceError as error:
            form.add_service_error(error)
        else:
            if not changes:
                messages.info(request, _("Nothing was changed."))
            elif MOVING_FIELDS & set(changes):
                messages.success(request, _("The interview has been rescheduled."))
            else:
                messages.success(request, _("The interview has been saved."))
            if "communicate" in request.POST and interview.application_id is not None:
                # default_purpose makes this a change when the candidate was invited before.
                return redirect("messaging:communicate", pk=interview.pk, audience="candidate")
            return redirect("interviews:detail", pk=interview.pk)
    context = {
        "form": form,
        "conflicts": conflicts,
        "interview": interview,
        "application": interview.application,
        "vacancy": interview.vacancy,
        "back_url": reverse("interviews:detail", args=[interview.pk]),
    }
    return _page(request, "plan.html", context)


@login_required
def invite(request: HttpRequest) -> HttpResponse:
    """Bulk "invite for interview" from a vacancy's candidate overview (P5)."""
    _require_recruiter(request)
    ids = request.GET.getlist("application")
    if not ids:
        messages.error(request, _("Select at least one candidate."))
        return redirect("recruitment:vacancy_list")
    applications = queries.get_applications_for_user(request.user, ids)
    vacancy = applications[0].vacancy
    form = InviteForm(request.POST or None, organisation_id=vacancy.client.organisation_id, vacancy=vacancy)
    conflicts: list[ConflictRow] = []
    if request.method == "POST" and form.is_valid():
        try:
            interviews = services.invite_applications(
                actor=_actor(request),
                applications=applications,
                planning=form.planning(),
                as_group=form.as_group,
                force=form.cleaned_data["force"],
            )
        except ConflictError as error:
            conflicts = _conflict_rows(error, form)
        except ServiceError as error:
            form.add_service_error(error)
        else:
            count = len(interviews)
            messages.success(
                request,
                ngettext("%(count)d interview planned.", "%(count)d interviews planned.", count) % {"count": count},
            )
            # Seed 004, steps 5-7: "Next" plans, then the invitation email is checked and sent
            # (or "Do not send email" is chosen), and that page returns to the candidate overview.
            query = urlencode([("interview", interview.pk) for interview in interviews])
            return redirect(reverse("messaging:communicate_bulk") + "?" + query)
    context = {
        "form": form,
        "conflicts": conflicts,
        "applications": applications,
        "vacancy": vacancy,
        "is_invite": True,
        "back_url": reverse("recruitment:vacancy_candidates", args=[vacancy.pk]),
    }
    return _page(request, "plan.html", context)


@login_required
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    interview = queries.get_interview_for_user(request.user, pk)
    _require_recruiter(request)
    if interview.is_cancelled:
        messages.error(request, _("This interview has been cancelled and cannot be changed."))
        return redirect("interviews:detail", pk=interview.pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            informed = messaging_services.cancel_and_inform(
                actor=_actor(request),
                interview=interview,
                reason=form.cleaned_data["reason"],
                inform=form.cleaned_data["inform"],
            )
        except ServiceError as error:
            form.add_error("reason" if error.field == "cancel_reason" else None, error.message)
        else:
            messages.success(request, _("The interview has been cancelled."))
            if informed:
                names = ", ".join(dict.fromkeys(m.to_name or m.to_address for m in informed))
                messages.success(
                    request, _("Cancellation queued for sending to %(recipients)s.") % {"recipients": names}
                )
            return redirect("interviews:detail", pk=interview.pk)
    return _page(request, "cancel.html", {"form": form, "interview": interview})


@login_required
@require_POST
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a started interview as held or as a no-show."""
    interview = queries.get_interview_for_user(request.user, pk)
    _require_recruiter(request)
    try:
        services.record_outcome(
            actor=_actor(request),
            interview=interview,
            status=request.POST.get("status", ""),
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The outcome has been recorded."))
    return redirect("interviews:detail", pk=interview.pk)


@login_required
@require_POST
def link(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach an application to an interview round planned on the vacancy (P4)."""
    interview = queries.get_interview_for_user(request.user, pk)
    _require_recruiter(request)
    if not request.POST.get("application"):
        messages.error(request, _("Choose a candidate."))
        return redirect("interviews:detail", pk=interview.pk)
    application = get_application_for_user(request.user, request.POST["application"])
    try:
        services.link_application(
            actor=_actor(request),
            interview=interview,
            application=application,
        )
    except ConflictError:
        messages.error(request, _("This candidate already has an interview at that time."))
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The candidate has been linked to this interview."))
    return redirect("interviews:detail", pk=interview.pk)
