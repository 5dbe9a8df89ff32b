"""The interview pages: overview (P7), the one planning form (P1, P2, P4, P6), bulk invitation (P5), the record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.db import models, transaction
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
from regisseur.core.timezones import format_day_first
from regisseur.interviews import queries, services
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
from regisseur.reminders.models import SMS_CHANNELS, Reminder, ReminderChannel, ReminderState
from regisseur.reminders.services import Warning as ReminderWarning
from regisseur.reminders.services import default_email_texts, set_reminder
from regisseur.web.forms.interviews import CancelForm, InviteForm, OverviewFilterForm, PlanningForm
from regisseur.web.forms.reminders import ReminderForm

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


def _set_reminder(request: HttpRequest, interview: Interview, form: ReminderForm | None) -> list[ReminderWarning]:
    """Set the chosen reminder, inside the caller's transaction: a refused one saves nothing."""
    if form is None or not form.has_new_choice():
        return []
    _reminder, warnings = set_reminder(actor=_actor(request), interview=interview, **form.choice().as_kwargs())
    return warnings


def _show_error(form: PlanningForm, reminder_form: ReminderForm | None, error: ServiceError) -> None:
    if reminder_form is None or not reminder_form.add_service_error(error):
        form.add_service_error(error)


def _warn(request: HttpRequest, warnings: list[ReminderWarning], who: str = "") -> None:
    for warning in warnings:
        messages.warning(request, f"{who}: {warning.message}" if who else warning.message)


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
    context = {
        "form": form,
        "page": page,
        "is_recruiter": is_recruiter(request.user),
        "reminder_zone": settings.REMINDER_TIME_ZONE,
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
        "reminder": _reminder_summary(interview, Reminder.objects.filter(interview=interview).first()),
        "reminder_zone": settings.REMINDER_TIME_ZONE,
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
    reminder_form = _reminder_form(
        request,
        organisation_id=vacancy.client.organisation_id,
        applications=[application] if application is not None else [],
    )
    conflicts: list[ConflictRow] = []
    if request.method == "POST" and _all_valid(form, reminder_form):
        try:
            with transaction.atomic():
                interview = services.plan_interview(
                    actor=_actor(request),
                    planning=form.planning(),
                    application=application,
                    vacancy=vacancy,
                    force=form.cleaned_data["force"],
                )
                warnings = _set_reminder(request, interview, reminder_form)
        except ConflictError as error:
            conflicts = _conflict_rows(error, form)
        except ServiceError as error:
            _show_error(form, reminder_form, error)
        else:
            messages.success(request, _("The interview has been planned."))
            _warn(request, warnings)
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
            with transaction.atomic():
                changed = services.update_interview(
                    actor=_actor(request),
                    interview=interview,
                    changes=changes,
                    force=form.cleaned_data["force"],
                )
                warnings = _set_reminder(request, changed, reminder_form)
        except ConflictError as error:
            conflicts = _conflict_rows(error, form)
        except ServiceError as error:
            _show_error(form, reminder_form, error)
        else:
            reminder_changed = reminder_form is not None and reminder_form.has_new_choice()
            if not changes and not reminder_changed:
                messages.info(request, _("Nothing was changed."))
            elif MOVING_FIELDS & set(changes):
                messages.success(request, _("The interview has been rescheduled."))
            else:
                messages.success(request, _("The interview has been saved."))
            _warn(request, warnings)
            if not reminder_changed:
                _tell_if_reminder_dropped(request, reminder)
            if "communicate" in request.POST and interview.application_id is not None:
                # default_purpose makes this a change when the candidate was invited before.
                return redirect("messaging:communicate", pk=interview.pk, audience="candidate")
            return redirect("interviews:detail", pk=interview.pk)
    context = {
        "form": form,
        "reminder_form": reminder_form,
        "conflicts": conflicts,
        "interview": interview,
        "application": interview.application,
        "vacancy": interview.vacancy,
        "back_url": reverse("interviews:detail", args=[interview.pk]),
    }
    return _page(request, "plan.html", context)


def _tell_if_reminder_dropped(request: HttpRequest, before: Reminder | None) -> None:
    """A move that brings the interview too close cancels its unchanged reminder (M3, M7): say so."""
    if before is None or before.state != ReminderState.SCHEDULED:
        return
    after = Reminder.objects.filter(pk=before.pk).values_list("state", "note").first()
    if after is not None and after[0] == ReminderState.CANCELLED:
        messages.warning(request, _("The reminder has been cancelled: %(reason)s") % {"reason": after[1]})


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
    reminder_form = _reminder_form(request, organisation_id=vacancy.client.organisation_id, applications=applications)
    conflicts: list[ConflictRow] = []
    if request.method == "POST" and _all_valid(form, reminder_form):
        try:
            with transaction.atomic():
                interviews = services.invite_applications(
                    actor=_actor(request),
                    applications=applications,
                    planning=form.planning(),
                    as_group=form.as_group,
                    force=form.cleaned_data["force"],
                )
                # The same reminder for every interview, each with its own due time and warnings.
                warned = [(item, _set_reminder(request, item, reminder_form)) for item in interviews]
        except ConflictError as error:
            conflicts = _conflict_rows(error, form)
        except ServiceError as error:
            _show_error(form, reminder_form, error)
        else:
            count = len(interviews)
            messages.success(
                request,
                ngettext("%(count)d interview planned.", "%(count)d interviews planned.", count) % {"count": count},
            )
            for item, warnings in warned:
                _warn(request, warnings, item.application.candidate.full_name if item.application else "")
            # Seed 004, steps 5-7: "Next" plans, then the invitation email is checked and sent
            # (or "Do not send email" is chosen), and that page returns to the candidate overview.
            query = urlencode([("interview", interview.pk) for interview in interviews])
            return redirect(reverse("messaging:communicate_bulk") + "?" + query)
    context = {
        "form": form,
        "reminder_form": reminder_form,
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
