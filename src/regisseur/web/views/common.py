"""Small helpers every HTML view module uses: who acts, and who may write."""

from __future__ import annotations

from typing import cast

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from regisseur.accounts.models import User
from regisseur.accounts.roles import is_recruiter


def _actor(request: HttpRequest) -> User:
    """The signed-in user (login_required ran first) as the services' actor."""
    return cast(User, request.user)


def _require_recruiter(request: HttpRequest) -> None:
    """Write pages are for recruiters; others get 403 (after the object lookup has given its 404)."""
    if not is_recruiter(request.user):
        raise PermissionDenied


def safe_next(request: HttpRequest, wanted: str, fallback: str) -> str:
    """Back to the page the form was on, never to another site."""
    if wanted and url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure()):
        return wanted
    return fallback
