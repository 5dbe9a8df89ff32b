"""Reads of interviews through the user's permissions, and conflict detection (P6)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from regisseur.accounts.roles import is_recruiter
from regisseur.interviews.models import Interview, InterviewKind, InterviewStatus
from regisseur.recruitment.models import Application


def participant_interview_q(user: Any, *, prefix: str = "") -> Q:
    """Interviews `user` attends: as participating user, committee member, or the vacancy's hiring manager."""
    return (
        Q(**{f"{prefix}participants": user})
        | Q(**{f"{prefix}committee_members__user": user})
        | Q(
            **{
                f"{prefix}vacancy__hiring_manager__user": user,
                f"{prefix}kind__in": [InterviewKind.HIRING_MANAGER, InterviewKind.BOTH],
            }
        )
    )


def interviews_for_user(user: Any) -> QuerySet[Interview]:
    if not getattr(user, "is_authenticated", False) or user.organisation_id is None:
        return Interview.objects.none()
    queryset = Interview.objects.filter(organisation_id=user.organisation_id)
    if is_recruiter(user):
        return queryset
    # A subquery, not a join, so that the caller's ordering and counts stay simple.
    visible = Interview.objects.filter(participant_interview_q(user)).values("id")
    return queryset.filter(id__in=visible)


def get_interview_for_user(user: Any, pk: Any) -> Interview:
    try:
        return (
            interviews_for_user(user)
            .select_related("application__candidate", "vacancy__client", "vacancy__hiring_manager", "location_preset")
            .get(pk=int(pk))
        )
    except (ValueError, TypeError, OverflowError, Interview.DoesNotExist):
        raise Http404 from None


def can_see_memo(user: Any, interview: Interview) -> bool:
    """The memo is private to the organisation's recruiters (P2)."""
    return is_recruiter(user) and user.organisation_id == interview.organisation_id


@dataclass
class Conflict:
    interview: Interview
    reasons: list[str] = field(default_factory=list)  # "participant", "candidate", "location"


def find_conflicts(
    *,
    organisation_id: int,
    starts_at: datetime,
    ends_at: datetime,
    participant_ids: list[int],
    candidate_ids: list[int],
    location_preset_id: int | None,
    location: str,
    exclude_ids: list[int] | None = None,
    exclude_group_id: int | None = None,
) -> list[Conflict]:
    """Interviews overlapping [starts_at, ends_at) that share a participant, candidate or location."""
    shared = Q()
    if participant_ids:
        shared |= Q(participants__in=participant_ids)
    if candidate_ids:
        shared |= Q(application__candidate_id__in=candidate_ids)
    if location_preset_id:
        shared |= Q(location_preset_id=location_preset_id)
    normalised_location = location.strip()
    if normalised_location:
        shared |= Q(location__iexact=normalised_location)
    if not shared:
        return []
    queryset = (
        Interview.objects.filter(organisation_id=organisation_id)
        .exclude(status=InterviewStatus.CANCELLED)
        .overlapping(starts_at, ends_at)
        .filter(shared)
        .distinct()
        .select_related("application__candidate", "vacancy", "location_preset")
        .prefetch_related("participants")
        .order_by("starts_at", "id")
    )
    if exclude_ids:
        queryset = queryset.exclude(id__in=exclude_ids)
    if exclude_group_id:
        queryset = queryset.exclude(group_id=exclude_group_id)
    conflicts = []
    for other in queryset[:50]:
        reasons = []
        if participant_ids and any(p.id in participant_ids for p in other.participants.all()):
            reasons.append("participant")
        if other.application_id and other.application and other.application.candidate_id in candidate_ids:
            reasons.append("candidate")
        if (location_preset_id and other.location_preset_id == location_preset_id) or (
            normalised_location and other.location.strip().lower() == normalised_location.lower()
        ):
            reasons.append("location")
        conflicts.append(Conflict(interview=other, reasons=reasons))
    return conflicts


def interviews_for_overview(
    user: Any,
    *,
    starts_from: datetime | None = None,
    starts_before: datetime | None = None,
    vacancy_id: int | None = None,
    status: str = "",
    confirmation_status: str = "",
) -> QuerySet[Interview]:
    """The interviews overview (P7): everything the user may see, filtered, with what each row shows."""
    queryset = interviews_for_user(user)
    if starts_from is not None:
        queryset = queryset.filter(starts_at__gte=starts_from)
    if starts_before is not None:
        queryset = queryset.filter(starts_at__lt=starts_before)
    if vacancy_id is not None:
        queryset = queryset.filter(vacancy_id=vacancy_id)
    if status:
        queryset = queryset.filter(status=status)
    if confirmation_status:
        queryset = queryset.filter(confirmation_status=confirmation_status)
    return (
        # "reminder" is the reverse one-to-one: joined, so each row's reminder costs no query.
        queryset.select_related("application__candidate", "vacancy__client", "reminder")
        .prefetch_related("participants")
        .order_by("starts_at", "id")
    )


def get_applications_for_user(user: Any, ids: list[Any]) -> list[Application]:
    """The applications chosen for a bulk action, in the order given; any unknown id is "not found"."""
    from regisseur.recruitment.queries import applications_for_user

    try:
        wanted = list(dict.fromkeys(int(raw) for raw in ids))
    except (TypeError, ValueError, OverflowError):
        raise Http404 from None
    if not all(0 < pk < 2**63 for pk in wanted):
        raise Http404
    found = {
        application.pk: application
        for application in applications_for_user(user)
        .filter(pk__in=wanted)
        .select_related("candidate", "vacancy__client")
    }
    if len(found) != len(wanted):
        raise Http404
    return [found[pk] for pk in wanted]
