"""Reads of interviews for the overview pages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import F, OrderBy, QuerySet

from regisseur.interviews.access import interviews_for_user
from regisseur.interviews.models import Interview

# The overview's sortable columns (issue 9): the URL's `sort` value → the order; "-" sorts descending.
# Every order ends on the start and the id, so pages never shuffle between requests.
OVERVIEW_COLUMNS: dict[str, tuple[str, ...]] = {
    "starts": (),
    "candidate": ("application__candidate__last_name", "application__candidate__first_name"),
    "vacancy": ("vacancy__title", "vacancy__client__name"),
    "status": ("status", "confirmation_status"),
}
OVERVIEW_ORDERINGS = {*OVERVIEW_COLUMNS, *(f"-{name}" for name in OVERVIEW_COLUMNS)}


def overview_order(ordering: str) -> list[OrderBy]:
    """The ORDER BY for a whitelisted sort value; unknown values sort by start."""
    descending = ordering.startswith("-")
    columns = OVERVIEW_COLUMNS.get(ordering.lstrip("-"), ())
    # Within a candidate, vacancy or status the earliest start comes first; "-starts" is newest first.
    newest_first = descending and not columns
    # Rounds without a candidate sort last either way, on SQLite and PostgreSQL alike.
    return [
        *(F(name).desc(nulls_last=True) if descending else F(name).asc(nulls_last=True) for name in columns),
        *(F(name).desc() if newest_first else F(name).asc() for name in ("starts_at", "id")),
    ]


def interviews_for_overview(
    user: Any,
    *,
    starts_from: datetime | None = None,
    starts_before: datetime | None = None,
    vacancy_id: int | None = None,
    status: str = "",
    confirmation_status: str = "",
    ordering: str = "starts",
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
        .order_by(*overview_order(ordering))
    )


def group_roster(user: Any, interview: Interview) -> list[Interview]:
    """Every member of the interview's group the user may see, cancelled ones too, in the order planned."""
    if interview.group_id is None:
        return []
    return list(
        interviews_for_user(user)
        .filter(group_id=interview.group_id)
        .select_related("application__candidate")
        .order_by("starts_at", "id")
    )
