"""The monitoring metrics (O5), computed from the recorded facts, never from counters.

Everything is read from the interviews, their history (InterviewEvent), incidents, starts
(InterviewRun.started_at), debriefs and satisfaction ratings, in two aggregate queries
(one over the interviews, one over the ratings) grouped in the database by the group's id,
and one for the names of the groups found, however many interviews there are.

Definitions (the page shows them too):

- Period: an interview belongs to the period by its planned start (`starts_at`); `first`
  and `last` are calendar days in Europe/Amsterdam, both included. By default the last
  12 months: from the first day of the month eleven months ago to today.
- Groups: `month` (the month of the start in Amsterdam time, key `YYYY-MM`; every month of
  the period gets a row, also one without interviews), `recruiter` (who planned the
  interview: its `created_by`; key the name, with the id), `client` (the vacancy's client)
  and `vacancy`.
- `interviews`: every interview planned in the period, cancelled ones included.
- Zero-surprise rate: over the interviews that took place or were due (held, no-show, or
  still planned with a start in the past) and those cancelled at the last minute (the
  cancellation recorded 24 hours or less before the start, or later). An interview is a
  surprise when it has an incident (any kind), was a no-show, or its history holds an
  unplanned change between 24 hours before its start and its end: rescheduled, cancelled,
  withdrawn by the candidate, or changed in something the parties see (time, place, video
  link, interviewer, type, participants: `interviews.planning.VISIBLE_FIELDS`; bookkeeping
  such as a follow-up ticked off or a reminder chosen is no surprise). The window is taken
  from the interview's current start: a reschedule is judged against the new start.
- On-time start rate: over the interviews whose start was recorded; on time when it started
  no later than 5 minutes after the planned start (windows.ON_TIME_GRACE). The goal is 100%.
- Satisfaction: the average and number of answered ratings (score 1-5) of the group's
  interviews, the candidates' and the clients' together.
- Debrief within 24 hours: over the held interviews; the share with a debrief (not
  cancelled) planned, that is created, no later than 24 hours after the end
  (windows.DEBRIEF_WITHIN); one planned before the interview counts too.
- No-show rate: no-shows over the interviews that took place or were due to (held and
  no-show).

Every rate lies between 0 and 1 and is None where no interview applies.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import Any

from django.db import connection, transaction
from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    DateTimeField,
    Exists,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from regisseur.accounts.models import User
from regisseur.accounts.roles import is_recruiter
from regisseur.core.errors import Forbidden, ServiceError
from regisseur.core.timezones import AMSTERDAM, get_zone
from regisseur.interviews.models import Interview, InterviewEvent, InterviewStatus
from regisseur.interviews.planning import VISIBLE_FIELDS
from regisseur.monitoring.models import Debrief, Incident, Rating
from regisseur.monitoring.windows import DEBRIEF_WITHIN, ON_TIME_GRACE, SURPRISE_WINDOW, day_bounds
from regisseur.recruitment.models import Client, Vacancy

MONTH = "month"
RECRUITER = "recruiter"
CLIENT = "client"
VACANCY = "vacancy"
GROUPINGS = (MONTH, RECRUITER, CLIENT, VACANCY)
# A longer period is refused: the month rows (one per month) stay a readable number.
MAX_MONTHS = 120

# History entries that are unplanned changes in the last day (an UPDATED one only when the parties see it).
CHANGE_ACTIONS = (InterviewEvent.Action.RESCHEDULED, InterviewEvent.Action.CANCELLED, InterviewEvent.Action.WITHDRAWN)
CANCEL_ACTIONS = (InterviewEvent.Action.CANCELLED, InterviewEvent.Action.WITHDRAWN)
TOOK_PLACE = (InterviewStatus.HELD, InterviewStatus.NO_SHOW)


@dataclass(frozen=True)
class Period:
    """Calendar days in Europe/Amsterdam, both included."""

    first: date
    last: date

    @property
    def starts(self) -> datetime:
        return day_bounds(self.first, AMSTERDAM).starts

    @property
    def ends(self) -> datetime:
        """The first moment after the last day."""
        return day_bounds(self.last, AMSTERDAM).ends

    def months(self) -> list[date]:
        """The first day of every month the period touches, in order."""
        # Counted in months since year 0, so that December 9999 has no month after it to compute.
        start = self.first.year * 12 + self.first.month - 1
        steps = (divmod(start + step, 12) for step in range(month_count(self.first, self.last)))
        return [date(year, month + 1, 1) for year, month in steps]


def month_count(first: date, last: date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month + 1


def default_period(today: date | None = None) -> Period:
    """The last 12 months: from the first day of the month eleven months ago to today."""
    today = today or timezone.localdate(timezone=get_zone(AMSTERDAM))
    year, month = divmod(today.year * 12 + today.month - 1 - 11, 12)
    return Period(first=date(year, month + 1, 1), last=today)


def _check_day(day: date | None, field: str) -> None:
    """A day whose start and end moments exist (not at the very ends of the calendar)."""
    if day is None:
        return
    try:
        day_bounds(day, AMSTERDAM)
    except (OverflowError, ValueError):
        raise ServiceError("validation_error", _("This date is out of range."), field=field) from None


def period_between(first: date | None, last: date | None) -> Period:
    """The period asked for, a missing end by default: `last` today, `first` the first day of the
    month eleven months before `last`. ServiceError (naming the field) for a period that cannot be.
    """
    _check_day(first, "from")
    _check_day(last, "to")
    try:
        default = default_period(last)
    except ValueError:  # eleven months before January of year 1
        raise ServiceError("validation_error", _("This date is out of range."), field="to") from None
    period = Period(first=first or default.first, last=default.last)
    if period.first > period.last:
        raise ServiceError("validation_error", _("The period ends before it starts."), field="to")
    if month_count(period.first, period.last) > MAX_MONTHS:
        message = _("Choose a period of at most %(count)d months.") % {"count": MAX_MONTHS}
        raise ServiceError("validation_error", message, field="from")
    return period


@dataclass(frozen=True)
class Share:
    """`part` of the `whole` interviews a rate applies to."""

    part: int
    whole: int

    @property
    def rate(self) -> float | None:
        return self.part / self.whole if self.whole else None


@dataclass
class MetricsRow:
    """One group's metrics: `key` names it (`YYYY-MM`, a name or a title), `id` is the record's (None for a month)."""

    key: str
    id: int | None = None
    # The vacancy's client, for vacancy rows (titles repeat across clients).
    detail: str = ""
    interviews: int = 0
    zero_surprise: Share = field(default_factory=lambda: Share(0, 0))
    on_time_start: Share = field(default_factory=lambda: Share(0, 0))
    satisfaction_average: float | None = None
    satisfaction_count: int = 0
    debrief_within_24h: Share = field(default_factory=lambda: Share(0, 0))
    no_show: Share = field(default_factory=lambda: Share(0, 0))

    @property
    def zero_surprise_rate(self) -> float | None:
        return self.zero_surprise.rate

    @property
    def on_time_start_rate(self) -> float | None:
        return self.on_time_start.rate

    @property
    def debrief_within_24h_rate(self) -> float | None:
        return self.debrief_within_24h.rate

    @property
    def no_show_rate(self) -> float | None:
        return self.no_show.rate


class Shifted(Func):
    """A moment plus a fixed duration, in the database's own arithmetic.

    Django computes `F("starts_at") + timedelta` on SQLite with a Python function called for
    every row; SQLite's own datetime() does it natively (to the second, which is enough here)
    and makes the year's metrics several times faster. Other databases add an interval.
    """

    output_field = DateTimeField()

    def __init__(self, expression: Any, delta: timedelta) -> None:
        super().__init__(expression)
        self.delta = delta

    def as_sql(
        self,
        compiler: Any,
        connection: Any,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> tuple[str, list[Any]]:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"({sql} + %s)", [*params, self.delta]

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> tuple[str, list[Any]]:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"datetime({sql}, %s)", [*params, f"{int(self.delta.total_seconds()):+d} seconds"]


def _at(reference: str, offset: timedelta) -> Shifted:
    return Shifted(OuterRef(reference), offset)


def _history(*actions: str) -> QuerySet[InterviewEvent]:
    return InterviewEvent.objects.filter(interview=OuterRef("pk"), action__in=actions).order_by()


def _flags(now: datetime) -> dict[str, Q]:
    """The conditions each metric counts, as filters on one interview row."""
    last_day_from = _at("starts_at", -SURPRISE_WINDOW)
    late_change = (
        InterviewEvent.objects.filter(interview=OuterRef("pk"), created_at__gte=last_day_from)
        .filter(created_at__lt=OuterRef("ends_at"))
        .filter(
            Q(action__in=CHANGE_ACTIONS)
            | Q(action=InterviewEvent.Action.UPDATED, changes__has_any_keys=list(VISIBLE_FIELDS))
        )
        .order_by()
    )
    late_cancel = _history(*CANCEL_ACTIONS).filter(created_at__gte=last_day_from)
    incident = Incident.objects.filter(interview=OuterRef("pk")).order_by()
    debrief = Debrief.objects.filter(
        interview=OuterRef("pk"), cancelled_at__isnull=True, created_at__lte=_at("ends_at", DEBRIEF_WITHIN)
    ).order_by()
    due = (
        Q(status__in=TOOK_PLACE)
        | Q(status=InterviewStatus.PLANNED, starts_at__lt=now)
        | (Q(status=InterviewStatus.CANCELLED) & Q(Exists(late_cancel)))
    )
    surprise = Q(status=InterviewStatus.NO_SHOW) | Q(Exists(incident)) | Q(Exists(late_change))
    return {
        "due": due,
        "due_without_surprise": due & ~surprise,
        "started": Q(run__started_at__isnull=False),
        "started_on_time": Q(run__started_at__lte=Shifted(F("starts_at"), ON_TIME_GRACE)),
        "held": Q(status=InterviewStatus.HELD),
        "held_debriefed": Q(status=InterviewStatus.HELD) & Q(Exists(debrief)),
        "no_show": Q(status=InterviewStatus.NO_SHOW),
        "took_place": Q(status__in=TOOK_PLACE),
    }


def _month_of(period: Period, field: str) -> Case:
    """The Amsterdam month (`YYYY-MM`) of a moment in the period, from the months' first moments.

    The same as TruncMonth in Europe/Amsterdam, but plain comparisons: SQLite runs TruncMonth
    as a Python function for every row.
    """
    months = period.months()
    bounds = [(month, day_bounds(next_month, AMSTERDAM).starts) for month, next_month in pairwise(months)]
    return Case(
        *(When(**{f"{field}__lt": first_after}, then=Value(f"{month:%Y-%m}")) for month, first_after in bounds),
        default=Value(f"{months[-1]:%Y-%m}"),
        output_field=CharField(),
    )


# The column a group is keyed by; names are read afterwards for the few groups found, so that
# the aggregate joins no user, vacancy or client row per interview.
GROUP_COLUMNS = {RECRUITER: "created_by_id", CLIENT: "vacancy__client_id", VACANCY: "vacancy_id"}


def _group_fields(group_by: str, period: Period, prefix: str = "") -> dict[str, Any]:
    """The group's key as a values() argument (aliased: values() may not reuse a field's own name)."""
    if group_by == MONTH:
        return {"g_key": _month_of(period, f"{prefix}starts_at")}
    return {"g_key": F(f"{prefix}{GROUP_COLUMNS[group_by]}")}


def _names(group_by: str, ids: Iterable[Any]) -> dict[Any, tuple[str, str]]:
    """Each group's key and detail: the month itself, a recruiter's or client's name, a vacancy's title and client."""
    if group_by == MONTH:
        return {month: (month, "") for month in ids}
    chosen = [pk for pk in ids if pk is not None]
    names: dict[Any, tuple[str, str]] = {None: ("", "")}  # interviews whose planner's account is gone
    if group_by == RECRUITER:
        for pk, first, last, username in User.objects.filter(pk__in=chosen).values_list(
            "pk", "first_name", "last_name", "username"
        ):
            names[pk] = (f"{first} {last}".strip() or username, "")
    elif group_by == CLIENT:
        names.update({pk: (name, "") for pk, name in Client.objects.filter(pk__in=chosen).values_list("pk", "name")})
    else:
        rows = Vacancy.objects.filter(pk__in=chosen).values_list("pk", "title", "client__name")
        names.update({pk: (title, client) for pk, title, client in rows})
    return names


def metrics_of(*, organisation_id: int, period: Period, group_by: str, now: datetime | None = None) -> list[MetricsRow]:
    """The metrics of an organisation's interviews planned in the period, one row per group, in the group's order."""
    if group_by not in GROUPINGS:
        raise ValueError(f"unknown grouping {group_by!r}")
    now = now or timezone.now()
    in_period = Interview.objects.filter(
        organisation_id=organisation_id, starts_at__gte=period.starts, starts_at__lt=period.ends
    )
    flags = _flags(now)
    counts = {name: Count("pk", filter=condition) for name, condition in flags.items()}
    groups = _group_fields(group_by, period)
    rows = in_period.order_by().values(**groups).annotate(interviews=Count("pk"), **counts)
    ratings = (
        # Filtered through the join (not `interview__in`): one pass over the period's interviews.
        Rating.objects.filter(
            score__isnull=False,
            interview__organisation_id=organisation_id,
            interview__starts_at__gte=period.starts,
            interview__starts_at__lt=period.ends,
        )
        .order_by()
        .values(**_group_fields(group_by, period, "interview__"))
        .annotate(average=Avg("score"), answered=Count("pk"))
    )
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # The planner prices the correlated subqueries (an index lookup per interview) so
                # high that it compiles the query with JIT, which takes seconds, several times
                # the query itself; LOCAL keeps this to the transaction.
                cursor.execute("SET LOCAL jit = off")
        counted, rated = list(rows), list(ratings)
    names = _names(group_by, {values["g_key"] for values in [*counted, *rated]})
    found: dict[Any, MetricsRow] = {}

    def row_of(identity: Any) -> MetricsRow:
        if identity not in found:
            key, detail = names.get(identity, ("", ""))
            found[identity] = MetricsRow(key=key, id=None if group_by == MONTH else identity, detail=detail)
        return found[identity]

    for values in counted:
        row = row_of(values["g_key"])
        row.interviews = values["interviews"]
        row.zero_surprise = Share(values["due_without_surprise"], values["due"])
        row.on_time_start = Share(values["started_on_time"], values["started"])
        row.debrief_within_24h = Share(values["held_debriefed"], values["held"])
        row.no_show = Share(values["no_show"], values["took_place"])
    for values in rated:
        row = row_of(values["g_key"])
        row.satisfaction_average = float(values["average"]) if values["average"] is not None else None
        row.satisfaction_count = values["answered"]
    if group_by == MONTH:
        return [found.get(f"{month:%Y-%m}") or MetricsRow(key=f"{month:%Y-%m}") for month in period.months()]
    return sorted(found.values(), key=lambda row: (row.key.casefold(), row.detail.casefold(), row.id or 0))


def metrics_for_user(user: Any, *, period: Period, group_by: str, now: datetime | None = None) -> list[MetricsRow]:
    """The metrics of the user's organisation: for its recruiters only (Forbidden for others)."""
    if not is_recruiter(user):
        raise Forbidden(_("Only recruiters can see the metrics."))
    # The operator's superuser belongs to no organisation: organisation 0 has no interviews.
    return metrics_of(organisation_id=user.organisation_id or 0, period=period, group_by=group_by, now=now)
