"""Monitoring benchmarks (seed 000: the day board O2, the metrics O5), run by bench/run.py.

An organisation of its own gets a year of 50,000 interviews (bulk-created) with what happened
to them: their history (planned, some rescheduled, changed or cancelled, some at the last
minute), incidents, recorded starts, satisfaction ratings and debriefs. Today has 300 of them,
from 07:00 to 19:00, with day-before checklists partly ticked, check-ins for the ended ones,
open incidents with their steps and two participating users each. Then:
- board_queries: SQL queries of monitoring.board.board(user, day=today, scope="all");
- board_ms: median time of that call over 20 calls (the page's template not included);
- metrics_year_ms: median time of the metrics of the year (the default period, the last 12
  months), grouped by month, over 5 calls; grouped by recruiter, client and vacancy printed.
"""

from __future__ import annotations

import os
import random
import secrets
import statistics
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from regisseur.accounts.models import Organisation, Role, User
from regisseur.accounts.services import create_user
from regisseur.core.timezones import AMSTERDAM, get_zone, local_to_utc
from regisseur.interviews.models import ConfirmationStatus, Interview, InterviewEvent, InterviewStatus, InterviewType
from regisseur.monitoring import metrics
from regisseur.monitoring.board import SCOPE_ALL, board
from regisseur.monitoring.checklists import DEFAULTS
from regisseur.monitoring.incidents import PLAYBOOKS
from regisseur.monitoring.models import (
    CheckIn,
    ChecklistTick,
    Debrief,
    Incident,
    IncidentKind,
    IncidentStep,
    InterviewRun,
    Phase,
    Rating,
)
from regisseur.recruitment.models import Application, ApplicationStage, Candidate, Client, Contact, Vacancy

YEAR_INTERVIEWS = 50_000
DAY_INTERVIEWS = 300
CANDIDATES = 10_000
CHUNK = 5_000

Report = Callable[..., None]


class Seeder:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.organisation = Organisation.objects.create(name="Monitoring Bench")
        self.recruiters = [
            create_user(
                username=f"monitor{n}",
                password=None,
                organisation=self.organisation,
                role=Role.RECRUITER,
                first_name=f"Recruiter{n}",
                last_name="Bench",
            )
            for n in range(10)
        ]
        clients = Client.objects.bulk_create(
            Client(organisation=self.organisation, name=f"Monitored client {n}") for n in range(20)
        )
        contacts = Contact.objects.bulk_create(
            Contact(client=clients[n % 20], name=f"Contact {n}", email=f"c{n}@example.com", is_hiring_manager=True)
            for n in range(30)
        )
        vacancies = Vacancy.objects.bulk_create(
            Vacancy(
                client=clients[n % 20],
                title=f"Monitored vacancy {n}",
                hiring_manager=contacts[n % 30] if n % 4 else None,
                status="published",
            )
            for n in range(60)
        )
        candidates = Candidate.objects.bulk_create(
            (
                Candidate(
                    organisation=self.organisation,
                    first_name=f"Watched{n}",
                    last_name=f"Candidate{n}",
                    email=f"watched{n}@example.org",
                    mobile=f"+3162{n:07d}" if n % 6 else "",
                )
                for n in range(CANDIDATES)
            ),
            batch_size=2000,
        )
        self.applications = Application.objects.bulk_create(
            (
                Application(candidate=candidate, vacancy=vacancies[n % 60], stage=ApplicationStage.INTERVIEW)
                for n, candidate in enumerate(candidates)
            ),
            batch_size=2000,
        )

    def interview(self, n: int, starts_at: datetime, now: datetime) -> Interview:
        rng = self.rng
        application = self.applications[n % len(self.applications)]
        duration = rng.choice([30, 45, 60, 90])
        if starts_at < now:
            status = rng.choices(
                [InterviewStatus.HELD, InterviewStatus.NO_SHOW, InterviewStatus.CANCELLED, InterviewStatus.PLANNED],
                weights=[85, 5, 6, 4],
            )[0]
        else:
            status = rng.choices([InterviewStatus.PLANNED, InterviewStatus.CANCELLED], weights=[95, 5])[0]
        kind = rng.choice(InterviewType.values)
        return Interview(
            organisation=self.organisation,
            vacancy_id=application.vacancy_id,
            application=application,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=duration),
            duration_minutes=duration,
            type=kind,
            video_link="https://meet.example.com/x" if kind == InterviewType.VIDEO and n % 5 else "",
            location="Street 1, City",
            interviewer="Bench Recruiter",
            status=status,
            confirmation_status=rng.choice(ConfirmationStatus.values),
            created_by=self.recruiters[n % len(self.recruiters)],
        )

    def history(self, interviews: list[Interview]) -> None:
        """Events, incidents, starts, ratings and debriefs, as the year would have recorded them."""
        rng = self.rng
        events, incidents, runs, ratings, debriefs = [], [], [], [], []
        for interview in interviews:
            start, end = interview.starts_at, interview.ends_at
            planned = InterviewEvent.Action.PLANNED
            events.append(InterviewEvent(interview=interview, action=planned, created_at=start - timedelta(days=7)))
            # A tenth moved, a twentieth changed; a third of those in the last day.
            if rng.random() < 0.10:
                hours = rng.choice([2, 5, 30, 72])
                events.append(
                    InterviewEvent(
                        interview=interview,
                        action=InterviewEvent.Action.RESCHEDULED,
                        changes={"starts_at": ["a", "b"]},
                        created_at=start - timedelta(hours=hours),
                    )
                )
            if rng.random() < 0.05:
                events.append(
                    InterviewEvent(
                        interview=interview,
                        action=InterviewEvent.Action.UPDATED,
                        changes=rng.choice([{"location": ["a", "b"]}, {"follow_up": ["x", "done"]}]),
                        created_at=start - timedelta(hours=rng.choice([1, 12, 48])),
                    )
                )
            if interview.status == InterviewStatus.CANCELLED:
                events.append(
                    InterviewEvent(
                        interview=interview,
                        action=InterviewEvent.Action.CANCELLED,
                        created_at=start - timedelta(hours=rng.choice([1, 6, 50, 120])),
                    )
                )
            if rng.random() < 0.04:
                incidents.append(
                    Incident(
                        interview=interview,
                        kind=rng.choice(IncidentKind.values),
                        opened_at=start,
                        closed_at=end + timedelta(hours=1),
                    )
                )
            if interview.status != InterviewStatus.HELD:
                continue
            if rng.random() < 0.8:
                runs.append(
                    InterviewRun(interview=interview, started_at=start + timedelta(minutes=rng.randint(-2, 12)))
                )
            if rng.random() < 0.4:
                for audience in ("candidate", "client"):
                    ratings.append(
                        Rating(
                            interview=interview,
                            audience=audience,
                            token_hash=secrets.token_hex(32),
                            expires_at=end + timedelta(days=14),
                            score=rng.choice([None, 3, 4, 4, 5, 5]),
                            created_at=end,
                        )
                    )
            if rng.random() < 0.6:
                debriefs.append(
                    Debrief(
                        interview=interview,
                        starts_at=end + timedelta(days=1),
                        created_at=end + timedelta(hours=rng.choice([1, 3, 20, 30])),
                    )
                )
        InterviewEvent.objects.bulk_create(events, batch_size=2000)
        Incident.objects.bulk_create(incidents, batch_size=2000)
        InterviewRun.objects.bulk_create(runs, batch_size=2000)
        Rating.objects.bulk_create(ratings, batch_size=2000)
        Debrief.objects.bulk_create(debriefs, batch_size=2000)

    def participants(self, interviews: list[Interview]) -> None:
        through = Interview.participants.through
        people = self.recruiters
        through.objects.bulk_create(
            (
                through(interview_id=interview.pk, user_id=user.pk)
                for index, interview in enumerate(interviews)
                for user in {people[index % 10], people[(index * 3 + 1) % 10]}
            ),
            batch_size=2000,
        )

    def year(self, period: metrics.Period, today: date, now: datetime) -> None:
        """YEAR_INTERVIEWS - DAY_INTERVIEWS spread over the period outside today, in chunks."""
        today_start = local_to_utc(today, datetime.min.time(), AMSTERDAM)
        span = int((today_start - period.starts).total_seconds() // 60 // 15)
        count = YEAR_INTERVIEWS - DAY_INTERVIEWS
        for first in range(0, count, CHUNK):
            rows = []
            for n in range(first, min(first + CHUNK, count)):
                starts_at = period.starts + timedelta(minutes=15 * self.rng.randrange(span))
                rows.append(self.interview(n, starts_at, now))
            made = Interview.objects.bulk_create(rows, batch_size=2000)
            self.history(made)
            self.participants(made)

    def day(self, today: date, now: datetime) -> list[Interview]:
        """Today's interviews, 07:00-19:00, with ticks, check-ins and open incidents."""
        opening = local_to_utc(today, datetime.min.time().replace(hour=7), AMSTERDAM)
        rows = [
            self.interview(YEAR_INTERVIEWS + n, opening + timedelta(minutes=15 * self.rng.randrange(48)), now)
            for n in range(DAY_INTERVIEWS)
        ]
        made = Interview.objects.bulk_create(rows)
        self.history(made)
        self.participants(made)
        codes = [item.code for item in DEFAULTS[Phase.DAY_BEFORE] if not item.automatic]
        after_codes = [item.code for item in DEFAULTS[Phase.AFTER]]
        ticks, check_ins, steps = [], [], []
        for index, interview in enumerate(made):
            for code in codes[: index % (len(codes) + 1)]:
                ticks.append(
                    ChecklistTick(
                        interview=interview,
                        phase=Phase.DAY_BEFORE,
                        code=code,
                        done=True,
                        done_by=self.recruiters[0],
                        done_at=now - timedelta(days=1),
                    )
                )
            if interview.ends_at < now and interview.status == InterviewStatus.HELD:
                for code in after_codes[: index % 4]:
                    ticks.append(
                        ChecklistTick(interview=interview, phase=Phase.AFTER, code=code, done=True, done_at=now)
                    )
                for audience in ("candidate", "client"):
                    check_ins.append(
                        CheckIn(interview=interview, audience=audience, state="sent" if index % 5 else "missed")
                    )
        ChecklistTick.objects.bulk_create(ticks, batch_size=2000)
        CheckIn.objects.bulk_create(check_ins, batch_size=2000)
        open_incidents = Incident.objects.bulk_create(
            Incident(interview=interview, kind=IncidentKind.TECHNICAL_PROBLEM, opened_at=interview.starts_at)
            for interview in made[::20]
        )
        for incident in open_incidents:
            for position, step in enumerate(PLAYBOOKS[incident.kind]):
                steps.append(IncidentStep(incident=incident, code=step.code, position=position, done=position == 0))
        IncidentStep.objects.bulk_create(steps)
        return made


def _median_ms(action: Callable[[], Any], runs: int) -> tuple[float, float]:
    """The median wall-clock time and the mean CPU time of this process, in ms."""
    timings = []
    cpu_started = time.process_time()
    for _run in range(runs):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), (time.process_time() - cpu_started) * 1000 / runs


def bench_monitoring(report: Report) -> bool:
    started = time.perf_counter()
    rng = random.Random(5)
    now = timezone.now()
    today = timezone.localdate(now, timezone=get_zone(AMSTERDAM))
    period = metrics.default_period(today)
    seeder = Seeder(rng)
    seeder.year(period, today, now)
    todays = seeder.day(today, now)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    total = Interview.objects.filter(organisation=seeder.organisation).count()
    print(
        f"monitoring: seeded {total} interviews ({len(todays)} today), "
        f"{InterviewEvent.objects.filter(interview__organisation=seeder.organisation).count()} events, "
        f"in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    user: User = seeder.recruiters[0]
    ok = True

    board(user, day=today, scope=SCOPE_ALL)  # warm-up: the user's roles, translations
    with CaptureQueriesContext(connection) as queries:
        day_board = board(user, day=today, scope=SCOPE_ALL)
    shown = len(day_board.items)
    print(f"board: {shown} interviews today, {len(day_board.tomorrow)} tomorrow", flush=True)
    if shown != DAY_INTERVIEWS:
        print(f"BENCH board failed: {shown} interviews on the board, {DAY_INTERVIEWS} expected")
        ok = False
    report("board_queries", len(queries), "queries", goal=15)
    if os.environ.get("BENCH_VERBOSE"):
        for query in queries.captured_queries:
            print(f"  {query['sql'][:300]}")
    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(board, user, day=today, scope=SCOPE_ALL)
        pstats.Stats(profile).sort_stats("tottime").print_stats(30)
    board_ms, board_cpu = _median_ms(lambda: board(user, day=today, scope=SCOPE_ALL), 20)
    print(f"board: {board_cpu:.1f} ms CPU per call (mean)")
    report("board_ms", board_ms, "ms", goal=200, comparison="<")

    rows = metrics.metrics_for_user(user, period=period, group_by=metrics.MONTH)
    counted = sum(row.interviews for row in rows)
    print(f"metrics: {len(rows)} months, {counted} interviews counted", flush=True)
    if counted != YEAR_INTERVIEWS:
        print(f"BENCH metrics failed: {counted} interviews counted, {YEAR_INTERVIEWS} expected")
        ok = False
    year_ms, year_cpu = _median_ms(lambda: metrics.metrics_for_user(user, period=period, group_by=metrics.MONTH), 5)
    print(f"metrics_year (month): {year_cpu:.1f} ms CPU per call (mean)")
    report("metrics_year_ms", year_ms, "ms", goal=500, comparison="<")
    for group_by in (metrics.RECRUITER, metrics.CLIENT, metrics.VACANCY):
        value, _cpu = _median_ms(
            lambda group_by=group_by: metrics.metrics_for_user(user, period=period, group_by=group_by), 3
        )
        print(f"metrics_year_{group_by}_ms {value:.1f} ms (goal < 500) [{connection.vendor}]", flush=True)
    return ok
