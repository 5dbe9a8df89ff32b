"""A known set of interviews and what happened to them, with the metrics they must give (O5).

"Now" is 15 June 2026 12:00 UTC; the period is March to June 2026 (Amsterdam days).
Alice and Bob plan; Bakkerij Jansen has the vacancies Bakker and Verkoper, Slagerij Smit
has Slager. Each interview's story is told beside it; the expected figures below follow.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from regisseur.accounts.models import User
from regisseur.core.timezones import get_zone
from regisseur.interviews.models import Interview, InterviewEvent, InterviewStatus
from regisseur.monitoring.metrics import Period
from regisseur.monitoring.models import Debrief, Incident, InterviewRun, Rating
from regisseur.recruitment.models import Client, Vacancy

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
PERIOD = Period(first=date(2026, 3, 1), last=date(2026, 6, 30))
AMSTERDAM = get_zone("Europe/Amsterdam")


def local(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


def interview(
    author: User | None, vacancy: Vacancy, starts_at: datetime, status: str = InterviewStatus.HELD
) -> Interview:
    return Interview.objects.create(
        organisation=vacancy.client.organisation,
        vacancy=vacancy,
        round_name="Round",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=1),
        duration_minutes=60,
        status=status,
        created_by=author,
    )


def event(interview: Interview, action: str, at: datetime, changes: dict[str, Any] | None = None) -> None:
    InterviewEvent.objects.create(interview=interview, action=action, changes=changes or {}, created_at=at)


def started(interview: Interview, late: timedelta) -> None:
    InterviewRun.objects.create(interview=interview, started_at=interview.starts_at + late)


def debrief(interview: Interview, created_at: datetime, *, cancelled: bool = False) -> None:
    Debrief.objects.create(
        interview=interview,
        starts_at=created_at + timedelta(hours=2),
        created_at=created_at,
        cancelled_at=created_at + timedelta(hours=1) if cancelled else None,
    )


def rating(interview: Interview, audience: str, score: int | None) -> None:
    Rating.objects.create(
        interview=interview,
        audience=audience,
        token_hash=secrets.token_hex(32),
        expires_at=NOW + timedelta(days=7),
        score=score,
        answered_at=NOW if score is not None else None,
    )


def incident(interview: Interview, kind: str = "overrun") -> None:
    Incident.objects.create(interview=interview, kind=kind, opened_at=interview.starts_at)


@dataclass
class Story:
    bakker: Vacancy
    verkoper: Vacancy
    slager: Vacancy
    interviews: dict[str, Interview]


def tell(alice: User, bob: User, bakkerij: Client) -> Story:
    """The interviews I1-I10 (in the period) and two just outside it."""
    slagerij = Client.objects.create(organisation=bakkerij.organisation, name="Slagerij Smit")
    bakker = Vacancy.objects.create(client=bakkerij, title="Bakker", status="published")
    verkoper = Vacancy.objects.create(client=bakkerij, title="Verkoper", status="published")
    slager = Vacancy.objects.create(client=slagerij, title="Slager", status="published")
    made: dict[str, Interview] = {}

    # Outside the period by Amsterdam days (inside it by UTC dates).
    made["before"] = interview(alice, bakker, local(2026, 2, 28, 23, 30))  # 22:30 UTC on 28 February
    made["after"] = interview(alice, bakker, local(2026, 7, 1, 0, 30))  # 22:30 UTC on 30 June
    incident(made["before"])
    incident(made["after"])

    # March.
    # I1 at 00:30 on the 1st (23:30 UTC on 28 February): March in Amsterdam. Held without surprise,
    # started 3 minutes late (on time), debrief planned 2 hours after the end, rated 4 and 5.
    one = made["I1"] = interview(alice, bakker, local(2026, 3, 1, 0, 30))
    started(one, timedelta(minutes=3))
    debrief(one, one.ends_at + timedelta(hours=2))
    rating(one, "candidate", 4)
    rating(one, "client", 5)
    # I2: held with an overrun incident, started 10 minutes late, debrief planned 30 hours after, rated 2.
    two = made["I2"] = interview(alice, bakker, local(2026, 3, 10, 14))
    incident(two)
    started(two, timedelta(minutes=10))
    debrief(two, two.ends_at + timedelta(hours=30))
    rating(two, "candidate", 2)
    # I3: a no-show (a surprise in itself).
    made["I3"] = interview(bob, slager, local(2026, 3, 20, 9), InterviewStatus.NO_SHOW)
    # I4: cancelled three days before: counted, but neither due nor a surprise.
    four = made["I4"] = interview(bob, slager, local(2026, 3, 25, 11), InterviewStatus.CANCELLED)
    event(four, InterviewEvent.Action.CANCELLED, four.starts_at - timedelta(days=3))

    # April.
    # I5 at 00:30 on 1 April (22:30 UTC on 31 March): April in Amsterdam. Rescheduled 5 hours before,
    # started exactly 5 minutes late (still on time), debrief planned before the interview.
    five = made["I5"] = interview(alice, slager, local(2026, 4, 1, 0, 30))
    event(five, InterviewEvent.Action.RESCHEDULED, five.starts_at - timedelta(hours=5))
    started(five, timedelta(minutes=5))
    debrief(five, five.starts_at - timedelta(days=2))
    # I6: cancelled two hours before the start: due, and a surprise.
    six = made["I6"] = interview(bob, bakker, local(2026, 4, 15, 10), InterviewStatus.CANCELLED)
    event(six, InterviewEvent.Action.CANCELLED, six.starts_at - timedelta(hours=2))
    # I7: held; a follow-up ticked off 3 hours before (bookkeeping) and the place changed 25 hours
    # before (in time): no surprise. Started 6 minutes late; its debrief was cancelled.
    seven = made["I7"] = interview(bob, bakker, local(2026, 4, 20, 10))
    event(seven, InterviewEvent.Action.UPDATED, seven.starts_at - timedelta(hours=3), {"follow_up": ["x", "done"]})
    event(seven, InterviewEvent.Action.UPDATED, seven.starts_at - timedelta(hours=25), {"location": ["A", "B"]})
    event(seven, InterviewEvent.Action.STARTED, seven.starts_at)
    started(seven, timedelta(minutes=6))
    debrief(seven, seven.ends_at + timedelta(hours=1), cancelled=True)
    # I8: held; the place changed an hour before (a surprise). No start recorded; debrief in time.
    eight = made["I8"] = interview(alice, bakker, local(2026, 4, 22, 10))
    event(eight, InterviewEvent.Action.UPDATED, eight.starts_at - timedelta(hours=1), {"location": ["A", "B"]})
    debrief(eight, eight.ends_at + timedelta(hours=23))

    # May: I9 still planned, its start in the past: due, no surprise; its rating is unanswered.
    nine = made["I9"] = interview(alice, verkoper, local(2026, 5, 5, 10), InterviewStatus.PLANNED)
    rating(nine, "candidate", None)

    # June: I10 planned after "now": counted, nothing else applies.
    made["I10"] = interview(bob, slager, local(2026, 6, 20, 10), InterviewStatus.PLANNED)
    return Story(bakker=bakker, verkoper=verkoper, slager=slager, interviews=made)


# The expected rows: key → (interviews, zero_surprise, on_time, satisfaction average, count, debrief, no_show).
THIRD, TWO_THIRDS = 1 / 3, 2 / 3
BY_MONTH = {
    "2026-03": (4, THIRD, 0.5, 11 / 3, 3, 0.5, THIRD),
    "2026-04": (4, 0.25, 0.5, None, 0, TWO_THIRDS, 0.0),
    "2026-05": (1, 1.0, None, None, 0, None, None),
    "2026-06": (1, None, None, None, 0, None, None),
}
BY_RECRUITER = {
    "Alice de Vries": (5, 0.4, TWO_THIRDS, 11 / 3, 3, 0.75, 0.0),
    "Bob Jansen": (5, THIRD, 0.0, None, 0, 0.0, 0.5),
}
BY_CLIENT = {
    "Bakkerij Jansen": (6, 0.5, THIRD, 11 / 3, 3, 0.5, 0.0),
    "Slagerij Smit": (4, 0.0, 1.0, None, 0, 1.0, 0.5),
}
BY_VACANCY = {
    "Bakker": (5, 0.4, THIRD, 11 / 3, 3, 0.5, 0.0),
    "Slager": (4, 0.0, 1.0, None, 0, 1.0, 0.5),
    "Verkoper": (1, 1.0, None, None, 0, None, None),
}
FIELDS = (
    "interviews",
    "zero_surprise_rate",
    "on_time_start_rate",
    "satisfaction_average",
    "satisfaction_count",
    "debrief_within_24h_rate",
    "no_show_rate",
)
