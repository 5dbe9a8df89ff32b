"""The manager portal (E5): the start page of hiring managers and committee members.

Their own interviews only (upcoming and past), the evaluations they still have to give,
each interview with its guidelines in full, and the times they can take part in new
interviews. Recruiters have their own start page and are sent there; an interview the
user does not attend is "not found".
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from regisseur.accounts.roles import is_recruiter
from regisseur.actions.portal import add_availability, remove_availability
from regisseur.core.errors import ServiceError
from regisseur.evaluation.availability import get_availability_for_user, upcoming_availability
from regisseur.evaluation.portal import portal_for_user, portal_interview
from regisseur.interviews.access import get_interview_for_user
from regisseur.web.forms.portal import AvailabilityForm
from regisseur.web.views.common import _actor

# The next few slots on the start page; the availability page lists them all.
START_AVAILABILITY = 5


@login_required
def home(request: HttpRequest) -> HttpResponse:
    if is_recruiter(request.user):
        return redirect("web:home")
    user = _actor(request)
    portal = portal_for_user(user)
    slots = list(upcoming_availability(user)[: START_AVAILABILITY + 1])
    context = {
        "section": "portal",
        "portal": portal,
        "slots": slots[:START_AVAILABILITY],
        "more_slots": len(slots) > START_AVAILABILITY,
    }
    return render(request, "evaluation/portal_home.html", context)


@login_required
def interview(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_interview_for_user(request.user, pk)  # others' interviews: 404
    documents = list(found.application.candidate.documents.all()) if found.application_id and found.application else []
    context = {"section": "portal", "documents": documents, **portal_interview(_actor(request), found)}
    return render(request, "evaluation/portal_interview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def availability(request: HttpRequest) -> HttpResponse:
    if is_recruiter(request.user):
        return redirect("web:home")
    user = _actor(request)
    form = AvailabilityForm(request.POST or None)
    if form.is_valid():
        try:
            add_availability(actor=user, **form.cleaned_data)
        except ServiceError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Your availability has been saved."))
            return redirect("portal:availability")
    context = {"section": "portal", "form": form, "slots": list(upcoming_availability(user))}
    return render(request, "evaluation/portal_availability.html", context)


@login_required
@require_POST
def availability_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = _actor(request)
    remove_availability(actor=user, slot=get_availability_for_user(user, pk))
    messages.success(request, _("The time has been removed."))
    return redirect("portal:availability")


patterns: list[URLPattern] = [
    path("portal/", home, name="home"),
    path("portal/interviews/<int:pk>/", interview, name="interview"),
    path("portal/availability/", availability, name="availability"),
    path("portal/availability/<int:pk>/remove/", availability_remove, name="availability_remove"),
]
