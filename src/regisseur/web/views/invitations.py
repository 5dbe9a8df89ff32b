"""Bulk "invite for interview" (P5): plan from the candidate overview, and go back from the email step."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regisseur.actions.cancelling import cancel_interview
from regisseur.actions.planning import plan_interviews
from regisseur.core.errors import ConflictError, ServiceError
from regisseur.interviews.access import get_applications_for_user, get_vacancy_for_user
from regisseur.interviews.models import Interview
from regisseur.messaging.models import Message
from regisseur.recruitment.models import ApplicationStatus
from regisseur.web.forms.invitations import InviteForm
from regisseur.web.views.common import _actor, _require_recruiter
from regisseur.web.views.communicate import _bulk_interviews
from regisseur.web.views.conflict_rows import ConflictRow, conflict_rows
from regisseur.web.views.interview_common import _page
from regisseur.web.views.planning import (
    _all_valid,
    _reminder_choice,
    _reminder_form,
    _show_error,
    _warn,
)

# The candidate overview's filters, kept when "Invite" is run with nothing ticked.
OVERVIEW_FILTERS = ("stage", "status")
NO_MOBILE = "candidate_has_no_mobile"


def _nothing_ticked(request: HttpRequest) -> HttpResponse:
    """Back to the candidate overview it came from, as it was filtered, with the reason."""
    messages.error(request, _("Tick at least one candidate, then choose “Invite for interview” again."))
    if not request.GET.get("vacancy"):
        return redirect("recruitment:vacancy_list")
    vacancy = get_vacancy_for_user(request.user, request.GET["vacancy"])
    filters = urlencode([(name, request.GET[name]) for name in OVERVIEW_FILTERS if request.GET.get(name)])
    url = reverse("recruitment:vacancy_candidates", args=[vacancy.pk])
    return redirect(f"{url}?{filters}" if filters else url)


def _planned_before(request: HttpRequest, vacancy_id: int) -> list[Interview]:
    """The (cancelled) interviews the recruiter went back from: the form starts as they were planned."""
    ids = request.GET.getlist("again")
    if not ids:
        return []
    interviews = sorted(_bulk_interviews(request.user, ids), key=lambda interview: (interview.starts_at, interview.pk))
    return [interview for interview in interviews if interview.vacancy_id == vacancy_id]


@login_required
def invite(request: HttpRequest) -> HttpResponse:
    """Bulk "invite for interview" from a vacancy's candidate overview (P5)."""
    _require_recruiter(request)
    ids = request.GET.getlist("application")
    if not ids:
        return _nothing_ticked(request)
    applications = get_applications_for_user(request.user, ids)
    vacancy = applications[0].vacancy
    before = _planned_before(request, vacancy.pk)
    form = InviteForm(
        request.POST or None,
        initial=InviteForm.initial_from(before) if before else None,
        organisation_id=vacancy.client.organisation_id,
        vacancy=vacancy,
    )
    reminder_form = _reminder_form(request, organisation_id=vacancy.client.organisation_id, applications=applications)
    conflicts: list[ConflictRow] = []
    if request.method == "POST" and _all_valid(form, reminder_form):
        try:
            # The same reminder for every interview, each with its own due time.
            planned = plan_interviews(
                actor=_actor(request),
                applications=applications,
                planning=form.planning(),
                as_group=form.as_group,
                spacing_minutes=form.spacing,
                reminder=_reminder_choice(reminder_form),
                force=form.cleaned_data["force"],
            )
        except ConflictError as error:
            conflicts = conflict_rows(error, vacancy=vacancy.title)
        except ServiceError as error:
            _show_error(form, reminder_form, error)
        else:
            count = len(planned.interviews)
            messages.success(
                request,
                ngettext("%(count)d interview planned.", "%(count)d interviews planned.", count) % {"count": count},
            )
            # One warning for the batch: the one about mobile numbers names the candidates it is about.
            without_mobile = ", ".join(reminder_form.without_mobile) if reminder_form is not None else ""
            for warning in planned.warnings:
                _warn(request, [warning], without_mobile if warning.code == NO_MOBILE else "")
            # Seed 004, steps 5-7: "Next" plans, then the invitation email is checked and sent
            # (or "Do not send email" is chosen), and that page returns to the candidate overview.
            # "planned" makes that page's "Back" warn that these interviews exist now.
            query = urlencode([("interview", interview.pk) for interview in planned.interviews] + [("planned", 1)])
            return redirect(reverse("messaging:communicate_bulk") + "?" + query)
    names = [application.candidate.full_name for application in applications]
    context = {
        "form": form,
        "reminder_form": reminder_form,
        "conflicts": conflicts,
        "applications": applications,
        "candidate_names": names,
        "schedule": form.schedule(names) if form.is_bound and not form.as_group else [],
        "vacancy": vacancy,
        "is_invite": True,
        "back_url": reverse("recruitment:vacancy_candidates", args=[vacancy.pk]),
    }
    return _page(request, "plan.html", context)


def _told(interviews: list[Interview]) -> set[int]:
    """Interviews someone has already been sent (or queued) a message about."""
    return set(Message.objects.filter(interview__in=interviews).values_list("interview_id", flat=True))


@login_required
def invite_back(request: HttpRequest) -> HttpResponse:
    """ "Back" from the invitation email: the interviews exist already; cancel them quietly, or keep them (P5)."""
    _require_recruiter(request)
    selected = _bulk_interviews(request.user, request.GET.getlist("interview"))
    vacancy = selected[0].vacancy
    told = _told(selected)
    untold = [interview for interview in selected if not interview.is_cancelled and interview.pk not in told]
    if request.method == "POST":
        cancelled: set[int] = set()
        # All or none: nobody was told about these, so nobody is told of the cancellation either.
        with transaction.atomic():
            for interview in untold:
                if interview.pk not in cancelled:
                    result = cancel_interview(
                        actor=_actor(request),
                        interview=interview,
                        reason=_("Planned again before the invitation was sent."),
                        notify=False,
                    )
                    cancelled.update(member.pk for member in result.interviews)
        count = len(cancelled)
        if count:
            messages.success(
                request,
                ngettext(
                    "%(count)d planned interview has been cancelled; nobody had been told about it.",
                    "%(count)d planned interviews have been cancelled; nobody had been told about them.",
                    count,
                )
                % {"count": count},
            )
        # Planned again: the candidates whose interviews are off now, not those kept because they were told.
        again = [
            interview
            for interview in selected
            if interview.pk not in told
            and interview.application is not None
            and interview.application.status == ApplicationStatus.ACTIVE
        ]
        if not again:
            return redirect("recruitment:vacancy_candidates", pk=vacancy.pk)
        query = [("application", interview.application.pk) for interview in again if interview.application]
        query += [("again", interview.pk) for interview in again]
        return redirect(reverse("interviews:invite") + "?" + urlencode(query))
    context = {
        "vacancy": vacancy,
        "untold": untold,
        "told": [interview for interview in selected if interview.pk in told and not interview.is_cancelled],
        "email_url": reverse("messaging:communicate_bulk") + "?" + request.GET.urlencode(),
    }
    return _page(request, "invite_back.html", context)
