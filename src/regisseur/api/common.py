"""Small helpers every endpoint uses: the acting user, access checks, paging."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from regisseur.accounts.models import User
from regisseur.accounts.roles import is_recruiter
from regisseur.api.errors import ERROR_STATUSES, not_found
from regisseur.api.schemas import MAX_ID, ErrorOut, PageQuery
from regisseur.core.errors import Forbidden
from regisseur.interviews.planning import resolve_many

# Every operation may answer with the error envelope on these statuses.
ERRORS: dict[Any, Any] = {ERROR_STATUSES: ErrorOut}


def actor(request: HttpRequest) -> User:
    user: User = request.auth  # type: ignore[attr-defined]
    return user


def require_recruiter(user: User) -> None:
    """Writes are for recruiters; others learn so before any id is looked up."""
    if not is_recruiter(user):
        raise Forbidden(_("Only recruiters can make changes through the API."))


def get_for_user(getter: Any, user: User, pk: Any, *, field: str | None = None) -> Any:
    """An object through its `get_<thing>_for_user()`, with a 404 naming the field."""
    try:
        return getter(user, pk)
    except Http404:
        raise not_found(field) from None


def resolve_ids(model: Any, ids: Iterable[int], *, user: User, field: str) -> list[Any]:
    ids = list(ids)
    # Ids beyond the database's integers cannot exist, and some databases refuse them in IN (...).
    if any(not 1 <= pk <= MAX_ID for pk in ids):
        raise not_found(field)
    assert user.organisation_id is not None
    return resolve_many(model, ids, organisation_id=user.organisation_id, field=field)


def page_of(
    queryset: QuerySet[Any], paging: PageQuery, *, counted: QuerySet[Any] | None = None
) -> tuple[list[Any], int]:
    """One page of rows (`?page=N&page_size=M`) and the number of rows in all.

    `counted`: the same rows in a cheaper shape to count (without the page's subqueries).
    A page past the end is not read.
    """
    count = (queryset if counted is None else counted).count()
    start = (paging.page - 1) * paging.page_size
    return (list(queryset[start : start + paging.page_size]) if count > start else []), count


def filter_by_id(queryset: QuerySet[Any], field: str, pk: int | None) -> QuerySet[Any]:
    """Rows whose `field` is `pk` (no filter for None); an id no database holds matches nothing."""
    if pk is None:
        return queryset
    # Foreign-key lookups pass huge ids to the database unchecked, and SQLite refuses them.
    if not 1 <= pk <= MAX_ID:
        return queryset.none()
    return queryset.filter(**{field: pk})
