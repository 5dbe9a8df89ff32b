"""Reads for the calendar of interviews per day and week (issue 9)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Prefetch

from regisseur.accounts.models import User
from regisseur.accounts.roles import is_recruiter
from regisseur.interviews.access import interviews_for_user, participant_interview_q
from regisseur.interviews.models import Interview, InterviewStatus, LocationPreset

CALENDAR_FIELDS = (
    "id",
    "group_id",
    "starts_at",
    "duration_minutes",
    "status",
    "confirmation_status",
    "round_name",
    "application__id",
    "application__candidate__id",
    "application__candidate__first_name",
    "application__candidate__last_name",
    "vacancy__id",
    "vacancy__title",
    "location_preset__id",
    "location_preset__name",
)


def calendar_interviews(
    user: Any,
    *,
    starts_from: datetime,
    starts_before: datetime,
    attendee: Any = None,
    location_preset_id: int | None = None,
) -> list[Interview]:
    """The calendar (issue 9): interviews the user may see starting in the window, cancelled ones left out.

    `attendee` narrows it to one person's interviews (participant, committee member or hiring
    manager), `location_preset_id` to one room's. One query for the interviews however many
    there are, one for their participants.
    """
    queryset = (
        interviews_for_user(user)
        .exclude(status=InterviewStatus.CANCELLED)
        .filter(starts_at__gte=starts_from, starts_at__lt=starts_before)
    )
    if attendee is not None:
        # A subquery: the attendee filter joins several relations, which would repeat rows.
        queryset = queryset.filter(id__in=Interview.objects.filter(participant_interview_q(attendee)).values("id"))
    if location_preset_id is not None:
        queryset = queryset.filter(location_preset_id=location_preset_id)
    people = User.objects.only("id", "first_name", "last_name", "username")
    return list(
        queryset.select_related("application__candidate", "vacancy", "location_preset")
        # Only what a block shows: a busy week has hundreds of rows with long memos and reports.
        .only(*CALENDAR_FIELDS)
        .prefetch_related(Prefetch("participants", queryset=people))
        .order_by("starts_at", "id")
    )


def calendar_colleagues(user: Any) -> list[Any]:
    """Whose calendar a recruiter may open: the active users of the organisation, by name."""
    if not is_recruiter(user):
        return []
    return list(
        User.objects.filter(organisation_id=user.organisation_id, is_active=True).order_by(
            "first_name", "last_name", "username"
        )
    )


def calendar_rooms(user: Any) -> list[LocationPreset]:
    """The organisation's interview locations (rooms) whose calendar may be opened."""
    if not getattr(user, "is_authenticated", False) or user.organisation_id is None:
        return []
    return list(LocationPreset.objects.filter(organisation_id=user.organisation_id, is_active=True))
