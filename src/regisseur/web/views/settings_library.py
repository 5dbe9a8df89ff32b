"""Settings: the organisation's interview locations and guidelines, for its recruiters."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regisseur.actions import settings as actions
from regisseur.core.errors import ServiceError
from regisseur.interviews.access import (
    get_guideline_for_user,
    get_location_for_user,
    guidelines_for_user,
    locations_for_user,
)
from regisseur.interviews.models import Guideline, LocationPreset
from regisseur.web.forms.settings import GuidelineForm, LocationForm
from regisseur.web.views.messaging_common import _require_recruiter


def _page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render(request, f"interviews/settings/{template}", {"section": "settings", **context})


@login_required
def location_list(request: HttpRequest) -> HttpResponse:
    actor = _require_recruiter(request)
    locations = list(locations_for_user(actor).order_by("-is_active", "name", "pk"))
    return _page(request, "location_list.html", {"locations": locations})


@login_required
def location_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    actor = _require_recruiter(request)
    location = get_location_for_user(actor, pk) if pk is not None else None
    instance = location or LocationPreset(organisation_id=int(actor.organisation_id or 0))
    title = location.name if location else ""
    form = LocationForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_location(actor=actor, location=form.instance)
        except ServiceError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Location saved."))
            return redirect("settings:location_list")
    return _page(request, "location_form.html", {"form": form, "location": location, "title": title})


@login_required
@require_POST
def location_active(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _require_recruiter(request)
    location = get_location_for_user(actor, pk)
    active = request.POST.get("active") == "1"
    actions.set_location_active(actor=actor, location=location, active=active)
    if active:
        messages.success(request, _("The location “%(name)s” is active again.") % {"name": location.name})
    else:
        messages.success(
            request,
            _("The location “%(name)s” is deactivated: it is no longer offered when planning.")
            % {"name": location.name},
        )
    return redirect("settings:location_list")


@login_required
def location_delete(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _require_recruiter(request)
    location = get_location_for_user(actor, pk)
    error = ""
    if request.method == "POST":
        try:
            actions.delete_location(actor=actor, location=location)
        except ServiceError as refused:
            error = refused.message
        else:
            messages.success(request, _("The location “%(name)s” is deleted.") % {"name": location.name})
            return redirect("settings:location_list")
    return _page(request, "location_delete.html", {"location": location, "error": error})


@login_required
def guideline_list(request: HttpRequest) -> HttpResponse:
    actor = _require_recruiter(request)
    guidelines = list(guidelines_for_user(actor).order_by("title", "pk"))
    return _page(request, "guideline_list.html", {"guidelines": guidelines})


@login_required
def guideline_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    actor = _require_recruiter(request)
    guideline = get_guideline_for_user(actor, pk) if pk is not None else None
    instance = guideline or Guideline(organisation_id=int(actor.organisation_id or 0))
    title = guideline.title if guideline else ""
    form = GuidelineForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_guideline(actor=actor, guideline=form.instance)
        except ServiceError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Guideline saved."))
            return redirect("settings:guideline_list")
    return _page(request, "guideline_form.html", {"form": form, "guideline": guideline, "title": title})


@login_required
def guideline_delete(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _require_recruiter(request)
    guideline = get_guideline_for_user(actor, pk)
    if request.method == "POST":
        actions.delete_guideline(actor=actor, guideline=guideline)
        messages.success(request, _("The guideline “%(title)s” is deleted.") % {"title": guideline.title})
        return redirect("settings:guideline_list")
    return _page(request, "guideline_delete.html", {"guideline": guideline})
