"""The settings pages' actions: interview locations, guidelines, and the organisation's users and roles."""

from __future__ import annotations

import dataclasses

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from regisseur.accounts.models import Language, Organisation, Role, User
from regisseur.accounts.queries import has_other_active_administrator
from regisseur.accounts.roles import is_administrator, is_recruiter
from regisseur.accounts.services import checked_email, checked_username, create_user, lock_organisation, set_roles
from regisseur.core.errors import Forbidden, ServiceError
from regisseur.interviews import library
from regisseur.interviews.models import Guideline, LocationPreset


def _check_recruiter(actor: User, organisation_id: int) -> None:
    if not is_recruiter(actor) or actor.organisation_id is None or actor.organisation_id != organisation_id:
        raise Forbidden(_("Only recruiters of the organisation can change locations and guidelines."))


def _check_administrator(actor: User, organisation_id: int | None) -> None:
    if not is_administrator(actor) or actor.organisation_id is None or actor.organisation_id != organisation_id:
        raise Forbidden(_("Only administrators of the organisation can manage its users."))


@transaction.atomic
def save_location(*, actor: User, location: LocationPreset) -> LocationPreset:
    """Create or change an interview location of the actor's organisation."""
    _check_recruiter(actor, location.organisation_id)
    return library.save_location(location)


@transaction.atomic
def set_location_active(*, actor: User, location: LocationPreset, active: bool) -> LocationPreset:
    _check_recruiter(actor, location.organisation_id)
    return library.set_location_active(location, active=active)


@transaction.atomic
def delete_location(*, actor: User, location: LocationPreset) -> None:
    """Delete a location no interview uses (the others are deactivated instead)."""
    _check_recruiter(actor, location.organisation_id)
    library.delete_location(location)


@transaction.atomic
def save_guideline(*, actor: User, guideline: Guideline) -> Guideline:
    _check_recruiter(actor, guideline.organisation_id)
    return library.save_guideline(guideline)


@transaction.atomic
def delete_guideline(*, actor: User, guideline: Guideline) -> None:
    """Delete a guideline; the interviews that linked to it lose only that link."""
    _check_recruiter(actor, guideline.organisation_id)
    library.delete_guideline(guideline)


@dataclasses.dataclass(frozen=True)
class UserDetails:
    """What an administrator sets of a user: name, email, language, roles and team."""

    first_name: str
    last_name: str
    email: str
    roles: list[str]
    language: str = Language.DUTCH
    # Colleagues in the same team share the interview-day board's "my team" view.
    team: str = ""


def _checked_details(details: UserDetails) -> UserDetails:
    email = checked_email(details.email, field="email") if (details.email or "").strip() else ""
    roles = [role for role in Role.values if role in set(details.roles)]
    if not roles or len(roles) != len(set(details.roles)):
        raise ServiceError("invalid_roles", _("Choose at least one role."), field="roles")
    if details.language not in Language.values:
        raise ServiceError("invalid_language", _("Choose Dutch or English."), field="language")
    team = (details.team or "").strip()
    if len(team) > 100:
        raise ServiceError("too_long", _("A team name has at most 100 characters."), field="team")
    return UserDetails(
        first_name=(details.first_name or "").strip(),
        last_name=(details.last_name or "").strip(),
        email=email,
        roles=roles,
        language=details.language,
        team=team,
    )


def _checked_username(username: str) -> str:
    return checked_username(username, field="username", missing=_("Fill in a username."))


def _keep_an_administrator(user: User) -> None:
    """Refuse a change that would leave the organisation without an active administrator."""
    lock_organisation(int(user.organisation_id or 0))
    if not has_other_active_administrator(user):
        raise ServiceError(
            "last_administrator",
            _("%(name)s is the organisation's last administrator: make someone else administrator first.")
            % {"name": user.get_full_name() or user.username},
            field="roles",
        )


@transaction.atomic
def add_user(*, actor: User, username: str, password: str, details: UserDetails) -> User:
    """A new user of the actor's organisation, with the chosen roles and an initial password."""
    _check_administrator(actor, actor.organisation_id)
    organisation = Organisation.objects.get(pk=int(actor.organisation_id or 0))
    username = _checked_username(username)
    details = _checked_details(details)
    candidate = User(username=username, first_name=details.first_name, last_name=details.last_name, email=details.email)
    try:
        validate_password(password, user=candidate)
    except ValidationError as error:
        raise ServiceError("invalid_password", " ".join(error.messages), field="password1") from None
    user = create_user(
        username=username,
        password=password,
        organisation=organisation,
        role=details.roles[0],
        first_name=details.first_name,
        last_name=details.last_name,
        email=details.email,
        language=details.language,
    )
    if details.team:
        user.team = details.team
        user.save(update_fields=["team"])
    set_roles(user=user, roles=details.roles)
    return user


@transaction.atomic
def change_user(*, actor: User, user: User, details: UserDetails) -> User:
    """A user's name, email, language and roles; the organisation always keeps an active administrator."""
    _check_administrator(actor, user.organisation_id)
    details = _checked_details(details)
    had_administrator = user.groups.filter(name=Role.ADMINISTRATOR).exists()
    if had_administrator and Role.ADMINISTRATOR not in details.roles and user.is_active:
        _keep_an_administrator(user)
    user.first_name, user.last_name = details.first_name, details.last_name
    user.email, user.language, user.team = details.email, details.language, details.team
    user.save(update_fields=["first_name", "last_name", "email", "language", "team"])
    set_roles(user=user, roles=details.roles)
    return user


@transaction.atomic
def set_user_active(*, actor: User, user: User, active: bool) -> User:
    """Deactivate (they can no longer sign in, nor use API keys) or reactivate a user; never oneself."""
    _check_administrator(actor, user.organisation_id)
    if not active:
        if user.pk == actor.pk:
            raise ServiceError("self", _("You cannot deactivate yourself."))
        if user.groups.filter(name=Role.ADMINISTRATOR).exists():
            _keep_an_administrator(user)
    user.is_active = active
    user.save(update_fields=["is_active"])
    return user
