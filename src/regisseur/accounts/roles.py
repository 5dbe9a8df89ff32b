"""Who may do what: role checks used by every get_<thing>_for_user()."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from regisseur.accounts.models import Role

if TYPE_CHECKING:
    from regisseur.accounts.models import User


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
