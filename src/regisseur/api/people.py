"""People (API.md "People"): the key's own user, and the users of its organisation."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from regisseur.accounts.models import Role, User
from regisseur.accounts.queries import users_for_user
from regisseur.accounts.roles import has_sms_access
from regisseur.api.common import ERRORS, actor, page_of
from regisseur.api.schemas import PeopleFilters, PersonList, PersonOut

router = Router(tags=["people"])

# The contract's role names; the committee's role is named at more length inside.
ROLES_IN_API = {
    Role.RECRUITER: "recruiter",
    Role.HIRING_MANAGER: "hiring_manager",
    Role.COMMITTEE_MEMBER: "committee",
    Role.ADMINISTRATOR: "administrator",
}
ROLES_BY_API_NAME = {name: role for role, name in ROLES_IN_API.items()}


def person_out(user: User, *, sms_access: bool) -> dict[str, Any]:
    # groups.all() reads the prefetched roles in a list, and asks the database for one user.
    roles = {group.name for group in user.groups.all()}
    organisation = user.organisation
    return {
        "id": user.pk,
        "username": user.username,
        "name": user.get_full_name(),
        "email": user.email,
        "roles": [name for role, name in ROLES_IN_API.items() if role in roles],
        "sms_access": sms_access,
        "organisation": None if organisation is None else {"id": organisation.pk, "name": organisation.name},
    }


@router.get("/me", response={200: PersonOut, **ERRORS})
def me(request: HttpRequest) -> dict[str, Any]:
    user = actor(request)
    return person_out(user, sms_access=has_sms_access(user))


@router.get("/users", response={200: PersonList, **ERRORS})
def list_users(request: HttpRequest, filters: Query[PeopleFilters]) -> dict[str, Any]:
    role = ROLES_BY_API_NAME[filters.role] if filters.role else None
    users = users_for_user(actor(request), role=role).order_by("last_name", "first_name", "username", "id")
    items, count = page_of(users, filters)
    # Superusers belong to no organisation, so every user listed here has exactly their permissions.
    return {"items": [person_out(user, sms_access=user.has_sms_permission) for user in items], "count": count}
