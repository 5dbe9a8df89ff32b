"""Reads of users, always through the reader's organisation and role."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q, QuerySet

from regisseur.accounts.models import User
from regisseur.accounts.roles import is_recruiter


def users_for_user(user: Any, *, role: str | None = None) -> QuerySet[User]:
    """The active users of the reader's organisation (for recruiters and administrators), with their roles.

    Each row carries `has_sms_permission` (given to the user or to one of their roles),
    so that a list needs no query per user.
    """
    if not is_recruiter(user) or user.organisation_id is None:
        return User.objects.none()
    sms_permission = Permission.objects.filter(codename="sms_access", content_type__app_label="accounts").filter(
        Q(user=OuterRef("pk")) | Q(group__user=OuterRef("pk"))
    )
    users = (
        User.objects.filter(organisation_id=user.organisation_id, is_active=True)
        .select_related("organisation")
        .prefetch_related("groups")
        .annotate(has_sms_permission=Exists(sms_permission))
    )
    if role is not None:
        users = users.filter(groups__name=role)
    return users
