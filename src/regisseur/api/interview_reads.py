"""Interviews as the API answers them, read in one query whatever their number (issue 12).

One SELECT returns each interview with everything the contract shows: its own columns, the
organizer (a join), the reminder (a join), the ids of its participants, committee members and
guidelines (each a JSON array aggregated in a subquery) and the candidate's latest answer (a
JSON object from a subquery). No model instances are built: rows come back as tuples and
become the answer's dicts directly, which is most of what made a 50-row page slow
(docs/performance.md).

The dicts hold datetimes (aware, UTC) where the contract has them; `api.rendering` writes them
as text, and `InterviewOut.model_validate` accepts them as they are.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from django.db.models import Aggregate, F, JSONField, OuterRef, QuerySet, Subquery
from django.db.models.functions import JSONObject

from regisseur.accounts.models import User
from regisseur.accounts.roles import is_recruiter
from regisseur.interviews.access import interviews_for_user
from regisseur.interviews.models import Interview
from regisseur.reminders.models import ReminderState
from regisseur.responses.models import CandidateAnswer, Choice

# The interview's own columns, in the contract's order: those before its relations, those after.
LEADING = (
    "id",
    "application_id",
    "vacancy_id",
    "starts_at",
    "ends_at",
    "duration_minutes",
    "time_zone",
    "type",
    "kind",
    "location_preset_id",
    "location",
    "interviewer",
    "reason",
)
TRAILING = ("status", "confirmation_status", "cancel_reason", "video_link", "group_id")
COLUMNS = (*LEADING, "report", *TRAILING, "version")
ANSWER_CHOICES = {
    Choice.ACCEPT: "accepted",
    Choice.DECLINE: "not_accepted",
    Choice.NEW_APPOINTMENT: "new_appointment",
    Choice.WITHDRAW: "withdrawn",
}


class JsonArray(Aggregate):
    """The group's values as a JSON array (SQLite's json_group_array, PostgreSQL's jsonb_agg)."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, function="JSONB_AGG", **extra)


def _ids(relation: str, column: str) -> Subquery:
    """The ids on the other side of one of the interview's many-to-many relations."""
    through = Interview._meta.get_field(relation).remote_field.through  # type: ignore[union-attr]
    rows = (
        through.objects.filter(interview_id=OuterRef("pk"))
        .values("interview_id")
        .annotate(ids=JsonArray(column))
        .values("ids")
    )
    return Subquery(rows, output_field=JSONField())


def _latest_answer() -> Subquery:
    rows = (
        CandidateAnswer.objects.filter(interview_id=OuterRef("pk"))
        .order_by("-created_at", "-id")
        .values(
            answer=JSONObject(
                choice="choice",
                preferred_mode="preferred_mode",
                questions_in_advance="wants_questions_in_advance",
                preferred_times="preferred_times",
                message="message",
                answered_at="created_at",
            )
        )[:1]
    )
    return Subquery(rows, output_field=JSONField())


def rows(queryset: QuerySet[Interview], *, memo: bool) -> QuerySet[Any]:
    """`queryset` as one query of value rows (dicts) with everything the contract returns."""
    extra = ("memo",) if memo else ()
    return queryset.values(
        *COLUMNS,
        *extra,
        participant_ids=_ids("participants", "user_id"),
        committee_ids=_ids("committee_members", "contact_id"),
        guideline_ids_=_ids("guidelines", "guideline_id"),
        answer=_latest_answer(),
        organizer_first_name=F("created_by__first_name"),
        organizer_last_name=F("created_by__last_name"),
        organizer_username=F("created_by__username"),
        organizer_email=F("created_by__email"),
        reminder_channel=F("reminder__channel"),
        reminder_days_before=F("reminder__days_before"),
        reminder_due_at=F("reminder__due_at"),
        reminder_state=F("reminder__state"),
    )


def _id_list(value: Any) -> list[int]:
    if value is None:  # no row in the relation: the subquery had no group
        return []
    return sorted(value)


def _moment(value: Any) -> datetime:
    """A datetime from inside a JSON value: ISO text from PostgreSQL, "YYYY-MM-DD HH:MM:SS" (UTC) from SQLite."""
    moment = datetime.fromisoformat(value)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _organizer(row: dict[str, Any]) -> dict[str, str] | None:
    if row["organizer_username"] is None:
        return None
    # As str(user): the full name, or else the username.
    name = f"{row['organizer_first_name']} {row['organizer_last_name']}".strip() or row["organizer_username"]
    return {"name": name, "email": row["organizer_email"]}


def _answer(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if isinstance(value, str):  # a JSON object some drivers leave as text
        value = json.loads(value)
    return {
        "choice": ANSWER_CHOICES[Choice(value["choice"])],
        "preferred_mode": value["preferred_mode"],
        "questions_in_advance": bool(value["questions_in_advance"]),
        "preferred_times": value["preferred_times"],
        "message": value["message"],
        "answered_at": _moment(value["answered_at"]),
    }


def _reminder(row: dict[str, Any]) -> dict[str, Any] | None:
    if row["reminder_channel"] is None:
        return None
    # One being sent right now is still "scheduled" to callers.
    state = ReminderState.SCHEDULED if row["reminder_state"] == ReminderState.SENDING else row["reminder_state"]
    return {
        "channel": row["reminder_channel"],
        "days_before": row["reminder_days_before"],
        "due_at": row["reminder_due_at"],
        "state": str(state),
    }


def payload(row: dict[str, Any]) -> dict[str, Any]:
    """One value row as the contract's interview object (memo only when it was read)."""
    out: dict[str, Any] = {name: row[name] for name in LEADING}
    out["participant_user_ids"] = _id_list(row["participant_ids"])
    out["committee_contact_ids"] = _id_list(row["committee_ids"])
    out["guideline_ids"] = _id_list(row["guideline_ids_"])
    out["report"] = row["report"]
    if "memo" in row:
        out["memo"] = row["memo"]
    for name in TRAILING:
        out[name] = row[name]
    out["organizer"] = _organizer(row)
    out["candidate_answer"] = _answer(row["answer"])
    out["reminder"] = _reminder(row)
    out["version"] = row["version"]
    return out


def prepared_rows(*, memo: bool) -> QuerySet[Any]:
    """`rows` of every interview, built once per thread: building the query with its subqueries
    costs more than running it (docs/performance.md), and each read starts from a copy
    (`filter` copies; the prepared query itself is never changed)."""
    bases: dict[bool, QuerySet[Any]] | None = getattr(_prepared, "bases", None)
    if bases is None:
        bases = _prepared.bases = {}
    base = bases.get(memo)
    if base is None:
        base = bases[memo] = rows(Interview.objects.all(), memo=memo)
    return base


_prepared = threading.local()


def visible_rows(user: User) -> QuerySet[Any]:
    """The value rows (`rows`) of the interviews `user` may see, to filter, order and slice."""
    return interviews_for_user(user, prepared_rows(memo=_sees_memo(user)))


def payloads(value_rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [payload(row) for row in value_rows]


def read_interviews(user: User, ids: list[int]) -> list[dict[str, Any]]:
    """The interviews with these ids (all of them visible to `user`), in that order: one query."""
    found = {item["id"]: item for item in payloads(visible_rows(user).filter(pk__in=ids))}
    return [found[pk] for pk in ids]


def _sees_memo(user: User) -> bool:
    # Every interview the API reads is one of the user's organisation's (interviews_for_user),
    # so whether the memo may be shown (interviews.access.can_see_memo) depends on the role alone.
    return is_recruiter(user)
