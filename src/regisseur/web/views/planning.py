"""The one planning form (P1, P2, P4, P6), bulk invitation (P5), cancelling, outcome and linking."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from regisseur.actions import changes as change_actions
from regisseur.actions.planning import ReminderChoice, plan_interview
from regisseur.core.errors import ConflictError, ServiceError
from regisseur.interviews.access import (
    get_application_for_user,
    get_interview_for_user,
    get_vacancy_for_user,
    vacancies_for_user,
)
from regisseur.interviews.changes import GROUP_FIELDS, Change
from regisseur.interviews.models import Interview
from regisseur.interviews.planning import planning_of
from regisseur.interviews.services import group_members
from regisseur.recruitment.models import Application, ApplicationStatus, Vacancy, VacancyStatus
from regisseur.reminders.models import Reminder, ReminderState
from regisseur.reminders.services import Warning as ReminderWarning
from regisseur.reminders.services import default_email_texts
from regisseur.web.forms.interviews import PlanningForm
from regisseur.web.forms.plan_initial import carried, initial_from_query
from regisseur.web.forms.reminders import ReminderForm
from regisseur.web.views.common import _actor, _require_recruiter
from regisseur.web.views.conflict_rows import ConflictRow, conflict_rows
from regisseur.web.views.interview_common import _page

MOVING_FIELDS = {"starts_at", "duration_minutes", "time_zone"}


# --- Presentation helpers -------------------------------------------------------------------------


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


def _reminder_form(
    request: HttpRequest, *, organisation_id: int, applications: list[Application], reminder: Reminder | None = None
) -> ReminderForm | None:
    """The reminder part of the form (seed 004, step 7), for interviews with a candidate to remind."""
    if not applications:
        return None
    languages = {application.candidate.language for application in applications}
    # The template's texts are shown as a hint when every candidate reads the same language.
    template = (
        default_email_texts(organisation_id=organisation_id, language=languages.pop()) if len(languages) == 1 else None
    )
    form = ReminderForm(request.POST or None, actor=_actor(request), reminder=reminder, template=template)
    form.without_mobile = [item.candidate.full_name for item in applications if not item.candidate.mobile]
    return form


def _all_valid(*forms: Any) -> bool:
    # Every form is validated (no short cut) so that all errors are shown at once.
    results = [form.is_valid() for form in forms if form is not None]
    return all(results)


def _reminder_choice(form: ReminderForm | None) -> ReminderChoice | None:
    """The reminder the planner chose, or None to leave it as it is."""
    if form is None or not form.has_new_choice():
        return None
    return form.choice()


def _show_error(form: PlanningForm, reminder_form: ReminderForm | None, error: ServiceError) -> None:
    if reminder_form is None or not reminder_form.add_service_error(error):
        form.add_service_error(error)


def _warn(request: HttpRequest, warnings: list[ReminderWarning], who: str = "") -> None:
    for warning in warnings:
        messages.warning(request, f"{who}: {warning.message}" if who else warning.message)


# --- Pages ------------------------------------------------------------------------------------------


@login_required
def plan(request: HttpRequest) -> HttpResponse:
    """The one planning form (P1): for an application, or a round on a vacancy (P4)."""
    _require_recruiter(request)
    if not request.GET.get("application") and not request.GET.get("vacancy"):
        return _choose_what_to_plan(request)
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
        initial=initial_from_query(request.GET, organisation_id=vacancy.client.organisation_id),
    )
    reminder_form = _reminder_form(
        request,
        organisation_id=vacancy.client.organisation_id,
        applications=[application] if application is not None else [],
    )
    conflicts: list[ConflictRow] = []
    if request.method == "POST" and _all_valid(form, reminder_form):
        try:
            planned = plan_interview(
                actor=_actor(request),
                planning=form.planning(),
                application=application,
                vacancy=vacancy,
                reminder=_reminder_choice(reminder_form),
                force=form.cleaned_data["force"],
            )
        except ConflictError as error:
            conflicts = conflict_rows(error)
        except ServiceError as error:
            _show_error(form, reminder_form, error)
        else:
            interview = planned.interviews[0]
            messages.success(request, _("The interview has been planned."))
            _warn(request, planned.warnings)
            if application is not None and "communicate" in request.POST:
                return redirect("messaging:communicate", pk=interview.pk, audience="candidate")
            return redirect("interviews:detail", pk=interview.pk)
    context = {
        "form": form,
        "reminder_form": reminder_form,
        "conflicts": conflicts,
        "application": application,
        "vacancy": vacancy,
        "back_url": _back_url(request.GET.get("from", ""), application, vacancy),
    }
    return _page(request, "plan.html", context)


def _choose_what_to_plan(request: HttpRequest) -> HttpResponse:
    """From the calendar's empty time: first the candidate (or a round on a vacancy), the moment carried along."""
    vacancies = list(
        vacancies_for_user(request.user)
        .exclude(status=VacancyStatus.CLOSED)
        .select_related("client")
        .prefetch_related(
            Prefetch(
                "applications",
                queryset=Application.objects.filter(status=ApplicationStatus.ACTIVE)
                .select_related("candidate")
                .order_by("candidate__last_name", "candidate__first_name", "pk"),
                to_attr="active_applications",
            )
        )
        .order_by("title", "pk")
    )
    context = {
        "vacancies": vacancies,
        "carried": carried(request.GET),
        "back_url": reverse("interviews:calendar"),
    }
    return _page(request, "plan_choose.html", context)


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The planning form for an existing interview; a new moment is a reschedule (P3)."""
    interview = get_interview_for_user(request.user, pk)
    _require_recruiter(request)
    if interview.is_cancelled:
        messages.error(request, _("This interview has been cancelled and cannot be changed."))
        return redirect("interviews:detail", pk=interview.pk)
    group_size = len(group_members(interview)) if interview.group_id is not None else 0
    form = PlanningForm(
        request.POST or None,
        organisation_id=interview.organisation_id,
        vacancy=interview.vacancy,
        interview=interview,
        with_round_name=interview.application_id is None,
        group_size=group_size,
    )
    reminder = Reminder.objects.filter(interview=interview).first()
    reminder_form = _reminder_form(
        request,
        organisation_id=interview.organisation_id,
        applications=[interview.application] if interview.application is not None else [],
        reminder=reminder,
    )
    conflicts: list[ConflictRow] = []
    if request.method == "POST" and _all_valid(form, reminder_form):
        changes = form.changes()
        try:
            changed = change_actions.change_interview(
                actor=_actor(request),
                interview=interview,
                planning=dataclasses.replace(planning_of(interview), **changes),
                scope=form.change_scope,
                reminder=_reminder_choice(reminder_form),
                force=form.cleaned_data["force"],
            )
        except ConflictError as error:
            conflicts = conflict_rows(error)
        except ServiceError as error:
            _show_error(form, reminder_form, error)
        else:
            reminder_changed = reminder_form is not None and reminder_form.has_new_choice()
            _tell_what_changed(request, interview, changes, changed.change, reminder_changed, group_size)
            _warn(request, changed.warnings)
            if not reminder_changed:
                _tell_if_reminder_dropped(request, reminder)
            if "communicate" in request.POST and interview.application_id is not None:
                return _communicate_change(interview, changed.change)
            return redirect("interviews:detail", pk=interview.pk)
    context = {
        "form": form,
        "reminder_form": reminder_form,
        "conflicts": conflicts,
        "interview": interview,
        "group_size": group_size,
        "application": interview.application,
        "vacancy": interview.vacancy,
        "back_url": reverse("interviews:detail", args=[interview.pk]),
    }
    return _page(request, "plan.html", context)


def _tell_what_changed(
    request: HttpRequest,
    interview: Interview,
    changes: dict[str, Any],
    change: Change,
    reminder_changed: bool,
    group_size: int,
) -> None:
    """The message after saving: nothing, saved, rescheduled; for a group, for how many, or who left it."""
    moved = bool(MOVING_FIELDS & set(changes))
    if change.left_group:
        name = interview.application.candidate.full_name if interview.application else interview.round_name
        messages.success(request, _("%(name)s now has an interview of their own.") % {"name": name})
    elif not changes and not reminder_changed:
        messages.info(request, _("Nothing was changed."))
    elif group_size > 1 and set(changes) & set(GROUP_FIELDS):
        count = len(change.interviews)
        text = (
            ngettext(
                "The group interview has been rescheduled for %(count)d candidate.",
                "The group interview has been rescheduled for %(count)d candidates.",
                count,
            )
            if moved
            else ngettext(
                "The group interview has been changed for %(count)d candidate.",
                "The group interview has been changed for %(count)d candidates.",
                count,
            )
        )
        messages.success(request, text % {"count": count})
    elif moved:
        messages.success(request, _("The interview has been rescheduled."))
    else:
        messages.success(request, _("The interview has been saved."))


def _communicate_change(interview: Interview, change: Change) -> HttpResponse:
    """After "save and communicate": a group change goes to every changed member, else to this candidate."""
    members = [member.pk for member in change.interviews if member.application_id is not None]
    if change.visible and not change.left_group and len(members) > 1:
        query = urlencode([("interview", pk) for pk in members])
        return redirect(reverse("messaging:communicate_bulk") + "?" + query)
    # default_purpose makes this a change when the candidate was invited before.
    return redirect("messaging:communicate", pk=interview.pk, audience="candidate")


def _tell_if_reminder_dropped(request: HttpRequest, before: Reminder | None) -> None:
    """A move that brings the interview too close cancels its unchanged reminder (M3, M7): say so."""
    if before is None or before.state != ReminderState.SCHEDULED:
        return
    after = Reminder.objects.filter(pk=before.pk).values_list("state", "note").first()
    if after is not None and after[0] == ReminderState.CANCELLED:
        messages.warning(request, _("The reminder has been cancelled: %(reason)s") % {"reason": after[1]})


@login_required
@login_required
@require_POST
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a started interview as held or as a no-show."""
    interview = get_interview_for_user(request.user, pk)
    _require_recruiter(request)
    try:
        change_actions.record_outcome(
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
    interview = get_interview_for_user(request.user, pk)
    _require_recruiter(request)
    if not request.POST.get("application"):
        messages.error(request, _("Choose a candidate."))
        return redirect("interviews:detail", pk=interview.pk)
    application = get_application_for_user(request.user, request.POST["application"])
    try:
        change_actions.link_application(
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
