"""Reads of interviews for the overview pages and the search."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models import Case, Count, F, Func, OrderBy, Prefetch, Q, QuerySet, TextField, Value, When, Window
from django.db.models.functions import Lower
from django.utils import timezone

from regisseur.core.phones import mobile_search_fragment
from regisseur.interviews.access import (
    candidates_for_user,
    clients_for_user,
    interviews_for_user,
    vacancies_for_user,
)
from regisseur.interviews.models import Interview
from regisseur.recruitment.models import Candidate

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


# Search (the top bar's box): each group is one query however many rows match. icontains
# is UPPER(text) LIKE UPPER('%word%') on PostgreSQL, which the trigram indexes of the
# migrations "search_trigram_indexes" serve (the same expressions); % and _ are literal.

SEARCH_MIN_LENGTH = 2
SEARCH_MAX_WORDS = 5
SEARCH_LIMIT = 10


class Joined(Func):
    """Text fields joined by spaces: a word (never with a space in it) is in one of them when it is in this.

    One trigram index on UPPER(first_name || ' ' || last_name || ' ' || email) then serves a
    search of all three, where three indexes OR-ed would lose to a scan in the planner's eyes.
    """

    arg_joiner = " || ' ' || "
    template = "(%(expressions)s)"
    output_field = TextField()


@dataclass
class SearchGroup:
    """Up to SEARCH_LIMIT rows of one kind, and how many matched in all."""

    rows: list[Any] = field(default_factory=list)
    total: int = 0


@dataclass
class SearchResults:
    candidates: SearchGroup
    vacancies: SearchGroup
    clients: SearchGroup
    interviews: SearchGroup

    @property
    def total(self) -> int:
        return self.candidates.total + self.vacancies.total + self.clients.total + self.interviews.total


def _words_q(words: list[str], fields: tuple[str, ...]) -> Q:
    """Every word in at least one of the fields."""
    condition = Q()
    for word in words:
        either = Q()
        for name in fields:
            either |= Q(**{f"{name}__icontains": word})
        condition &= either
    return condition


def _without_distinct(queryset: QuerySet[Any]) -> QuerySet[Any]:
    """The same rows without SELECT DISTINCT (a non-recruiter's scope), so that a window count counts rows."""
    if not queryset.query.distinct:
        return queryset
    return queryset.model.objects.filter(pk__in=queryset.values("pk"))


def _group(queryset: QuerySet[Any]) -> SearchGroup:
    """The first rows with the number of all matches: the ids and the count in one query
    (COUNT(*) OVER ()), then those rows by id.

    Ranking only the ids keeps the sort of thousands of matches narrow: on SQLite, which reads
    the whole table for a word inside a name, that is a fifth of the search's time.
    """
    ranked = list(queryset.annotate(search_total=Window(Count("*"))).values_list("pk", "search_total")[:SEARCH_LIMIT])
    if not ranked:
        return SearchGroup()
    found = queryset.order_by().in_bulk([pk for pk, _total in ranked])
    return SearchGroup(rows=[found[pk] for pk, _total in ranked if pk in found], total=ranked[0][1])


def search_words(text: str) -> list[str]:
    """The words searched for; a number ("06 12 34 56 78") is one word, as typed without spaces."""
    if mobile_search_fragment(text):
        return ["".join(text.split())]
    return text.split()[:SEARCH_MAX_WORDS]


def search_for_user(user: Any, text: str) -> SearchResults:
    """Candidates, vacancies, clients and interviews the user may see that match `text`."""
    words = search_words(text)
    mobile = mobile_search_fragment(text)
    if len(text.strip()) < SEARCH_MIN_LENGTH or not words:
        empty = SearchGroup()
        return SearchResults(empty, empty, empty, empty)

    # PostgreSQL: the one trigram index; SQLite reads the table either way, three LIKEs are quicker.
    name_fields = ("search_text",) if connection.vendor == "postgresql" else ("first_name", "last_name", "email")
    # A number typed is a mobile number: names and emails are not searched for it.
    candidate_q = Q(mobile__icontains=mobile) if mobile else _words_q(words, name_fields)
    candidates = (
        _without_distinct(candidates_for_user(user))
        .alias(search_text=Joined("first_name", "last_name", "email"))
        .filter(candidate_q)
        .order_by(Lower("last_name"), Lower("first_name"), "pk")
    )

    vacancies = (
        _without_distinct(vacancies_for_user(user))
        .filter(_words_q(words, ("title",)))
        .select_related("client")
        .order_by(Lower("title"), "pk")
    )

    clients = (
        clients_for_user(user)
        .filter(_words_q(words, ("name",)))
        .prefetch_related(
            Prefetch(
                "vacancies",
                queryset=vacancies_for_user(user).order_by(Lower("title"), "pk"),
                to_attr="visible_vacancies",
            )
        )
        .order_by(Lower("name"), "pk")
    )

    interview_q = _words_q(
        words,
        ("application__candidate__first_name", "application__candidate__last_name", "vacancy__title", "location"),
    )
    if mobile:
        interview_q |= Q(application__candidate__mobile__icontains=mobile)
    now = timezone.now()
    interviews = (
        interviews_for_user(user)
        .filter(interview_q)
        .select_related("application__candidate", "vacancy__client")
        .annotate(is_past=Case(When(ends_at__lt=now, then=Value(1)), default=Value(0)))
        # Upcoming first, soonest first; then the past, latest first.
        .order_by(
            "is_past",
            Case(When(ends_at__gte=now, then=F("starts_at"))).asc(nulls_last=True),
            F("starts_at").desc(),
            "pk",
        )
    )
    return SearchResults(
        candidates=_group(candidates),
        vacancies=_group(vacancies),
        clients=_group(clients),
        interviews=_group(interviews),
    )


def candidate_duplicates(user: Any, *, email: str, mobile: str, exclude: Candidate | None = None) -> list[Candidate]:
    """Candidates of the user's organisation with this email (any case) or this E.164 mobile number."""
    condition = Q()
    if email.strip():
        condition |= Q(email_key=email.strip().lower())  # the index candidate_org_email
    if mobile:
        condition |= Q(mobile=mobile)
    if not condition:
        return []
    queryset = candidates_for_user(user).annotate(email_key=Lower("email")).filter(condition)
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude.pk)
    return list(queryset.order_by("last_name", "first_name", "pk")[:SEARCH_LIMIT])
