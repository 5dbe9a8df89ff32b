"""Reads of users, always through the reader's organisation and role."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from regisseur.accounts.models import Role, User
from regisseur.accounts.roles import is_administrator, is_recruiter


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


def organisation_users_for_user(user: Any) -> QuerySet[User]:
    """Every user of the reader's organisation, active or not, with their roles: for administrators only."""
    if not is_administrator(user) or user.organisation_id is None:
        return User.objects.none()
    return User.objects.filter(organisation_id=user.organisation_id).prefetch_related("groups")


def get_organisation_user_for_user(user: Any, pk: Any) -> User:
    try:
        return organisation_users_for_user(user).get(pk=int(pk))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        raise Http404 from None


def has_other_active_administrator(user: User) -> bool:
    """Whether the organisation keeps an active administrator besides this user."""
    return (
        User.objects.filter(
            organisation_id=int(user.organisation_id or 0), is_active=True, groups__name=Role.ADMINISTRATOR
        )
        .exclude(pk=user.pk)
        .exists()
    )
