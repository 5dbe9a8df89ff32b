"""Roles as Django groups, and user creation for the demo, tests and administrators."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from regisseur.accounts.models import Organisation, Role, User
from regisseur.core.errors import ServiceError

# Django's model permissions each role's group gets (the admin uses them).
_RECORD_MODELS = ["client", "contact", "vacancy", "candidate", "application"]
_INTERVIEW_MODELS = ["interview", "locationpreset", "guideline", "interviewgroup"]
_MESSAGING_MODELS = ["messagetemplate", "htmlprofile"]
_ORGANISATION_MODELS = _RECORD_MODELS + _INTERVIEW_MODELS + _MESSAGING_MODELS


def _codenames(models: list[str], actions: list[str]) -> list[str]:
    return [f"{action}_{model}" for model in models for action in actions]


ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.RECRUITER: _codenames(_RECORD_MODELS + _INTERVIEW_MODELS + _MESSAGING_MODELS, ["add", "change", "view"])
    + ["view_message"],
    Role.ADMINISTRATOR: _codenames(
        _RECORD_MODELS + _INTERVIEW_MODELS + _MESSAGING_MODELS, ["add", "change", "view", "delete"]
    )
    + [
        "view_message",
        "add_user",
        "change_user",
        "view_user",
        "add_organisation",
        "change_organisation",
        "view_organisation",
    ],
    Role.HIRING_MANAGER: [],
    Role.COMMITTEE_MEMBER: [],
}


def ensure_roles(**_: Any) -> None:
    """Create the role groups with their permissions (idempotent; runs after migrate)."""
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        if codenames:
            group.permissions.set(Permission.objects.filter(codename__in=codenames))


@transaction.atomic
def create_user(
    *,
    username: str,
    password: str | None,
    organisation: Organisation,
    role: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    sms_access: bool = False,
    language: str = "nl",
    time_zone: str = "Europe/Amsterdam",
) -> User:
    """A user with one role in an organisation."""
    user = User.objects.create_user(
        username=username,
        password=password,
        email=email,
        first_name=first_name,
        last_name=last_name,
        organisation=organisation,
        language=language,
        time_zone=time_zone,
        is_staff=role in {Role.ADMINISTRATOR, Role.RECRUITER},
    )
    ensure_roles()
    user.groups.add(Group.objects.get(name=role))
    if sms_access:
        user.user_permissions.add(Permission.objects.get(codename="sms_access", content_type__app_label="accounts"))
    return user


def grant_role(*, user: User, role: str) -> None:
    """Give a user one more role (idempotent)."""
    ensure_roles()
    user.groups.add(Group.objects.get(name=role))
    # role_names() caches the roles on the user object.
    user.__dict__.pop("_role_names", None)


# The roles that may use the operator's Django admin, as create_user gives them.
STAFF_ROLES: frozenset[str] = frozenset({Role.ADMINISTRATOR, Role.RECRUITER})


def set_roles(*, user: User, roles: list[str]) -> None:
    """Give a user exactly these roles; recruiters and administrators are staff, as create_user makes them."""
    ensure_roles()
    user.groups.set(Group.objects.filter(name__in=roles))
    staff = any(role in STAFF_ROLES for role in roles)
    if user.is_staff != staff and not user.is_superuser:
        user.is_staff = staff
        user.save(update_fields=["is_staff"])
    user.__dict__.pop("_role_names", None)


def lock_organisation(organisation_id: int) -> None:
    """Serialise changes to the organisation's administrators until the transaction ends (one row lock)."""
    list(Organisation.objects.select_for_update().filter(pk=organisation_id).values_list("pk", flat=True))


def checked_username(username: str, *, field: str, missing: str) -> str:
    """A username for a new user: filled in (else `missing`), valid for Django, and not taken in any case."""
    username = (username or "").strip()
    if not username:
        raise ServiceError("required", missing, field=field)
    try:
        User._meta.get_field("username").run_validators(username)
    except ValidationError as error:
        raise ServiceError("invalid_username", " ".join(error.messages), field=field) from None
    # Like Django's own user creation form: "Anna" and "anna" would be too easily confused at login.
    if User.objects.filter(username__iexact=username).exists():
        raise ServiceError("username_taken", _("The username “%(name)s” is taken.") % {"name": username}, field=field)
    return username


def checked_email(email: str, *, field: str) -> str:
    """The email address normalised as Django stores it; a clear error when it is not one."""
    email = User.objects.normalize_email((email or "").strip())
    try:
        validate_email(email)
    except ValidationError:
        raise ServiceError(
            "invalid_email", _("“%(email)s” is not a valid email address.") % {"email": email}, field=field
        ) from None
    return email
