"""Settings: the organisation's users and their roles, for its administrators."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regisseur.accounts.models import Role, User
from regisseur.accounts.queries import get_organisation_user_for_user, organisation_users_for_user
from regisseur.accounts.roles import is_administrator
from regisseur.actions import settings as actions
from regisseur.core.errors import ServiceError
from regisseur.web.forms.settings import NewUserForm, UserDetailsForm
from regisseur.web.views.common import _actor

ROLE_LABELS = dict(Role.choices)


def _require_administrator(request: HttpRequest) -> User:
    """Users and roles belong to the organisation's administrators; to anybody else the pages do not exist."""
    actor = _actor(request)
    if not is_administrator(actor) or actor.organisation_id is None:
        raise Http404
    return actor


def _page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render(request, f"accounts/settings/{template}", {"section": "settings", **context})


def role_labels(user: User) -> list[str]:
    """The user's roles by name, in the order the roles are declared (from the prefetched groups)."""
    names = {group.name for group in user.groups.all()}
    return [str(label) for role, label in ROLE_LABELS.items() if role in names]


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    actor = _require_administrator(request)
    users = list(organisation_users_for_user(actor).order_by("-is_active", "last_name", "first_name", "username"))
    rows = [{"user": user, "roles": role_labels(user)} for user in users]
    return _page(request, "user_list.html", {"rows": rows})


@login_required
def user_create(request: HttpRequest) -> HttpResponse:
    actor = _require_administrator(request)
    form = NewUserForm(request.POST or None, initial={"language": actor.language})
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.add_user(
                actor=actor,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
                details=form.details(),
            )
        except ServiceError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("User saved. %(name)s can sign in as “%(username)s”.")
                % {"name": user.get_full_name(), "username": user.username},
            )
            return redirect("settings:user_list")
    return _page(request, "user_form.html", {"form": form, "member": None})


@login_required
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _require_administrator(request)
    member = get_organisation_user_for_user(actor, pk)
    form = UserDetailsForm(request.POST or None, initial=UserDetailsForm.initial_of(member))
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_user(actor=actor, user=member, details=form.details())
        except ServiceError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("User saved."))
            return redirect("settings:user_list")
    return _page(request, "user_form.html", {"form": form, "member": member, "is_self": member.pk == actor.pk})


@login_required
@require_POST
def user_active(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _require_administrator(request)
    member = get_organisation_user_for_user(actor, pk)
    active = request.POST.get("active") == "1"
    name = member.get_full_name() or member.username
    try:
        actions.set_user_active(actor=actor, user=member, active=active)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("settings:user_edit", pk=member.pk)
    if active:
        messages.success(request, _("%(name)s is active again and can sign in.") % {"name": name})
    else:
        messages.success(request, _("%(name)s is deactivated and can no longer sign in.") % {"name": name})
    return redirect("settings:user_list")
