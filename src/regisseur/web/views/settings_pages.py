"""Settings: the message templates and HTML profiles of the organisation (C1, C2)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from regisseur.accounts.models import User
from regisseur.accounts.roles import is_administrator
from regisseur.core.errors import ServiceError
from regisseur.messaging import library
from regisseur.messaging.models import HtmlProfile, MessageTemplate, Purpose
from regisseur.web.forms.messaging import HtmlProfileForm, MessageTemplateForm
from regisseur.web.views.messaging_common import _placeholder_rows, _require_recruiter


def _organisation_id(actor: User) -> int:
    return int(actor.organisation_id or 0)


def _settings_page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render(request, f"messaging/{template}", {"section": "settings", **context})


@login_required
def settings_index(request: HttpRequest) -> HttpResponse:
    actor = _require_recruiter(request)
    return _settings_page(request, "settings_index.html", {"can_manage_users": is_administrator(actor)})


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    actor = _require_recruiter(request)
    templates = MessageTemplate.objects.filter(organisation_id=_organisation_id(actor)).order_by(
        "purpose", "language", "-is_default", "name"
    )
    # In the order the purposes are declared, so each audience's cancellation sits beside the others.
    order = {purpose: index for index, purpose in enumerate(Purpose.values)}
    ordered = sorted(templates, key=lambda template: order.get(template.purpose, len(order)))
    return _settings_page(request, "template_list.html", {"templates": ordered})


def _template_for_user(actor: User, pk: Any) -> MessageTemplate:
    try:
        return MessageTemplate.objects.get(pk=int(pk), organisation_id=_organisation_id(actor))
    except (ValueError, TypeError, OverflowError, MessageTemplate.DoesNotExist):
        raise Http404 from None


@login_required
def template_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    actor = _require_recruiter(request)
    instance = (
        _template_for_user(actor, pk)
        if pk is not None
        else MessageTemplate(
            organisation_id=_organisation_id(actor), language=actor.language, purpose=Purpose.INVITATION
        )
    )
    form = MessageTemplateForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            library.save_message_template(actor=actor, template=form.instance)
        except ServiceError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("The template “%(name)s” has been saved.") % {"name": form.instance.name})
            return redirect("messaging:template_list")
    return _settings_page(
        request,
        "template_form.html",
        {"form": form, "template": instance if pk else None, "placeholders": _placeholder_rows()},
    )


@login_required
def profile_list(request: HttpRequest) -> HttpResponse:
    actor = _require_recruiter(request)
    profiles = HtmlProfile.objects.filter(organisation_id=_organisation_id(actor)).order_by("-is_default", "name")
    return _settings_page(request, "profile_list.html", {"profiles": list(profiles)})


@login_required
def profile_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    actor = _require_recruiter(request)
    if pk is not None:
        try:
            instance = HtmlProfile.objects.get(pk=int(pk), organisation_id=_organisation_id(actor))
        except HtmlProfile.DoesNotExist:
            raise Http404 from None
    else:
        instance = HtmlProfile(organisation_id=_organisation_id(actor))
    form = HtmlProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            library.save_html_profile(actor=actor, profile=form.instance)
        except ServiceError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("The HTML profile “%(name)s” has been saved.") % {"name": form.instance.name})
            return redirect("messaging:profile_list")
    return _settings_page(request, "profile_form.html", {"form": form, "profile": instance if pk else None})
