"""Small helpers every HTML view module uses: who acts, and who may write."""

from __future__ import annotations

from typing import cast

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from regisseur.accounts.models import User
from regisseur.accounts.roles import is_recruiter


def _actor(request: HttpRequest) -> User:
    """The signed-in user (login_required ran first) as the services' actor."""
    return cast(User, request.user)


def _require_recruiter(request: HttpRequest) -> None:
    """Write pages are for recruiters; others get 403 (after the object lookup has given its 404)."""
    if not is_recruiter(request.user):
        raise PermissionDenied
