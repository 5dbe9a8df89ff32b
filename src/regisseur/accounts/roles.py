"""Who may do what: role checks used by every get_<thing>_for_user()."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from regisseur.accounts.models import Role

if TYPE_CHECKING:
    from regisseur.accounts.models import User

# The operator's superuser belongs to no organisation, and so does anybody an operator
# created without one: they may use the admin site but plan nothing (API and web say so).
NO_ORGANISATION_MESSAGE = _(
    "This user belongs to no organisation, so it cannot plan or change anything. Use a user of an "
    "organisation instead (create one with `regisseur manage create_organisation`)."
)


def has_organisation(user: Any) -> bool:
    return getattr(user, "organisation_id", None) is not None


def role_names(user: Any) -> frozenset[str]:
    """The user's role names, cached on the user object for the request."""
    cached: frozenset[str] | None = getattr(user, "_role_names", None)
    if cached is None:
        if not getattr(user, "is_authenticated", False):
            cached = frozenset()
        else:
            cached = frozenset(user.groups.values_list("name", flat=True))
        user._role_names = cached
    return cached


def is_recruiter(user: Any) -> bool:
    """Recruiters and administrators see and change everything of their organisation."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return bool(role_names(user) & {Role.RECRUITER, Role.ADMINISTRATOR})


def is_administrator(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser or Role.ADMINISTRATOR in role_names(user))


def has_sms_access(user: User) -> bool:
    return bool(user.is_active and user.has_perm("accounts.sms_access"))
