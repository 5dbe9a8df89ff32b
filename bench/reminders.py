"""Reminder sweep benchmarks (issue 4, M7), run by bench/run.py after Django is set up and the database seeded.

Interviews with reminders are bulk-created in two steps, 10,000 and then 100,000 in all; 5,000
of them are due, the rest are due later, or were sent or cancelled before. At each size:
- reminder_claim_5k_of_10k_s / reminder_claim_5k_of_100k_s: time for claim_due to claim the
  5,000 due reminders (best of 5; the claim is reset in between);
- reminder_claim_growth_ratio: the second divided by the first: flat (about 1) when the claim
  reads what is due, about 10 when it reads everything;
- reminder_sweep_5k_s and reminder_sweep_queries: the claim among 100,000 (goal < 1 s), and its
  SQL queries (the same number among 10,000: printed);
- reminder_send_1k_s: the worker's task (services.send_due_reminders) claiming and sending 1,000 of
  them among the 100,000: each one's reminder email composed and queued in the outbox, in batches
  of BATCH_SIZE reminders (100) per transaction with one delivery task each (goal < 2 s; issue 12).
  Printed with it: the queries per reminder and their time in the database. The URL configuration
  is loaded before the timing (a worker loads it once, at its first link). BENCH_REMINDER_SEND=5000
  sends all 5,000: reminder_send_5k_s.

BENCH_VERBOSE=1 prints each query of the claim with its time, and the slowest queries of the sending.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from regisseur.accounts.models import User
from regisseur.interviews.models import Interview
from regisseur.messaging.models import Message, Purpose
from regisseur.recruitment.models import Application, ApplicationStage, Candidate, Client, Vacancy
from regisseur.reminders.models import Reminder, ReminderState
from regisseur.reminders.services import CLAIM_TIMEOUT, claim_due, send_due_reminders

DUE = 5_000
SMALL = 10_000
LARGE = 100_000
CHUNK = 10_000
ROUNDS = 5
SEND = int(os.environ.get("BENCH_REMINDER_SEND", "1000"))

Report = Callable[..., None]


class Seeder:
    """Interviews with one email reminder each, bulk-created in chunks (memory stays small)."""

    def __init__(self, recruiter: User, now: datetime) -> None:
        self.recruiter = recruiter
        self.now = now
        self.rng = random.Random(4)
        client = Client.objects.create(organisation_id=recruiter.organisation_id, name="Reminder Client")
        self.vacancy = Vacancy.objects.create(client=client, title="Reminder vacancy", status="published")
        candidates = Candidate.objects.bulk_create(
            (
                Candidate(
                    organisation_id=recruiter.organisation_id,
                    first_name=f"Herinnering{n}",
                    last_name=f"Kandidaat{n}",
                    email=f"reminder{n}@example.org",
                    language="en" if n % 3 == 0 else "nl",
                )
                for n in range(DUE)
            ),
            batch_size=1000,
        )
        self.applications = Application.objects.bulk_create(
            (
                Application(candidate=candidate, vacancy=self.vacancy, stage=ApplicationStage.INTERVIEW)
                for candidate in candidates
            ),
            batch_size=1000,
        )
        self.count = 0

    def add(self, count: int, *, due: bool) -> None:
        for start in range(0, count, CHUNK):
            self._chunk(min(CHUNK, count - start), due=due)

    def _reminder(self, index: int, *, due: bool) -> tuple[datetime, datetime, str]:
        """(interview start, reminder due time, state): due ones in the last hours; others later,
        or in the past and long sent or cancelled."""
        rng = self.rng
        if due:
            due_at = self.now - timedelta(minutes=rng.randint(1, 180))
            return due_at + timedelta(days=2, hours=5), due_at, ReminderState.SCHEDULED
        if index % 3:
            due_at = self.now + timedelta(hours=rng.randint(1, 24 * 60))
            return due_at + timedelta(days=2, hours=5), due_at, ReminderState.SCHEDULED
        due_at = self.now - timedelta(hours=rng.randint(3, 24 * 90))
        state = ReminderState.SENT if index % 7 else ReminderState.CANCELLED
        return due_at + timedelta(days=2, hours=5), due_at, state

    def _chunk(self, count: int, *, due: bool) -> None:
        planned = [self._reminder(self.count + n, due=due) for n in range(count)]
        interviews = Interview.objects.bulk_create(
            (
                Interview(
                    organisation_id=self.recruiter.organisation_id,
                    vacancy=self.vacancy,
                    application=self.applications[(self.count + n) % len(self.applications)],
                    starts_at=starts_at,
                    ends_at=starts_at + timedelta(minutes=45),
                    duration_minutes=45,
                    location="Street 1, City",
                    interviewer="Bench Recruiter",
                    created_by=self.recruiter,
                )
                for n, (starts_at, _due_at, _state) in enumerate(planned)
            ),
            batch_size=2000,
        )
        Reminder.objects.bulk_create(
            (
                Reminder(
                    interview_id=interview.pk,
                    channel="email",
                    days_before=2,
                    due_at=due_at,
                    state=state,
                    sent_at=due_at if state == ReminderState.SENT else None,
                    interview_version=interview.version,
                    created_by=self.recruiter,
                )
                for interview, (_starts_at, due_at, state) in zip(interviews, planned, strict=True)
            ),
            batch_size=2000,
        )
        self.count += count


def _fresh_statistics() -> None:
    """As autovacuum keeps them on a live database; without them the planner guesses."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"VACUUM ANALYZE {Reminder._meta.db_table}")
        else:
            cursor.execute("ANALYZE")


def _unclaim(due_ids: list[int]) -> None:
    Reminder.objects.filter(pk__in=due_ids).update(state=ReminderState.SCHEDULED, claimed_at=None)
    _fresh_statistics()


def _due_query(now: datetime) -> QuerySet[Reminder, int]:
    """The claim's first query, without the lock (EXPLAIN cannot show FOR UPDATE on SQLite)."""
    return (
        Reminder.objects.filter(state=ReminderState.SCHEDULED, due_at__lte=now)
        .order_by("due_at", "id")
        .values_list("id", flat=True)[:DUE]
    )


def _stale_query(now: datetime) -> QuerySet[Reminder, int]:
    """The claim's second query: claims left by a worker that died."""
    return Reminder.objects.filter(state=ReminderState.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT).values_list(
        "id", flat=True
    )[:DUE]


def _plan(query: QuerySet[Reminder, int]) -> str:
    """How the database finds the rows: through an index, or by reading every row."""
    return " | ".join(line.strip() for line in query.explain().splitlines() if line.strip())[:240]


def _stale_lookup_ms(now: datetime) -> float:
    """Best time of the claim's second query, for claims left by a worker that died: the model
    has no index on claimed reminders, so it reads every row (printed, not a BENCH line)."""
    query = _stale_query(now)
    timings = []
    for _round in range(ROUNDS):
        started = time.perf_counter()
        list(query.all())  # a fresh queryset each round: no cached result
        timings.append(time.perf_counter() - started)
    return min(timings) * 1000


def _best_claim(now: datetime, due_ids: list[int]) -> tuple[float, int]:
    """Best time of ROUNDS claims of the DUE reminders, and the queries of one claim."""
    timings, queries = [], 0
    for _round in range(ROUNDS):
        _unclaim(due_ids)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            claimed = claim_due(now=now)
            timings.append(time.perf_counter() - started)
        assert sorted(claimed) == due_ids, f"claimed {len(claimed)} of {len(due_ids)}"
        queries = len(captured)
        if os.environ.get("BENCH_VERBOSE"):
            for query in captured.captured_queries:
                print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:160]}")
    return min(timings), queries


def bench_reminders(recruiter: User, report: Report) -> bool:
    now = timezone.now()
    started = time.perf_counter()
    seeder = Seeder(recruiter, now)
    seeder.add(DUE, due=True)
    due_ids = sorted(
        Reminder.objects.filter(state=ReminderState.SCHEDULED, due_at__lte=now).values_list("id", flat=True)
    )
    seeder.add(SMALL - DUE, due=False)
    print(f"seeded {seeder.count} interviews with reminders in {time.perf_counter() - started:.1f} s", flush=True)
    small_s, small_queries = _best_claim(now, due_ids)
    small_stale_ms = _stale_lookup_ms(now)

    started = time.perf_counter()
    seeder.add(LARGE - SMALL, due=False)
    print(f"seeded {seeder.count} interviews with reminders in {time.perf_counter() - started:.1f} s", flush=True)
    large_s, large_queries = _best_claim(now, due_ids)
    large_stale_ms = _stale_lookup_ms(now)
    print(f"claim plan: {_plan(_due_query(now))}", flush=True)
    print(
        f"claiming {DUE} due: {small_s * 1000:.0f} ms and {small_queries} queries among {SMALL}, "
        f"{large_s * 1000:.0f} ms and {large_queries} queries among {LARGE}",
        flush=True,
    )
    print(
        f"of which the lookup of stale claims: {small_stale_ms:.1f} ms among {SMALL}, {large_stale_ms:.1f} ms among "
        f"{LARGE} (plan: {_plan(_stale_query(now))})",
        flush=True,
    )
    report(f"reminder_claim_5k_of_{SMALL // 1000}k_s", small_s, "s", goal=1, comparison="<")
    report(f"reminder_claim_5k_of_{LARGE // 1000}k_s", large_s, "s", goal=1, comparison="<")
    report("reminder_claim_growth_ratio", large_s / small_s, "ratio", goal=1.5, comparison="<=")
    report("reminder_sweep_5k_s", large_s, "s", goal=1, comparison="<")
    report("reminder_sweep_queries", large_queries, "queries", goal=small_queries)

    # The worker's task on the same 100,000: claim what is due and queue each one's email. The
    # other due reminders stay claimed (and not yet stale), so the task sends SEND of them.
    _unclaim(due_ids[:SEND])
    Reminder.objects.filter(pk__in=due_ids[SEND:]).update(claimed_at=timezone.now())
    before = Message.objects.filter(purpose=Purpose.REMINDER).count()
    # The first reverse() of a process imports every URL module (the API's schemas among them):
    # half a second, once per worker process. Loaded here, so that the figure is the same whether
    # the benchmarks before this one (which request pages) ran or not (BENCH_ONLY=reminders).
    started = time.perf_counter()
    reverse("responses:answer", args=["warm-up"])
    print(f"URL configuration loaded in {time.perf_counter() - started:.2f} s (not counted)", flush=True)
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        outcomes = send_due_reminders.call()
        elapsed = time.perf_counter() - started
    queued = Message.objects.filter(purpose=Purpose.REMINDER).count() - before
    if outcomes != {"sent": SEND} or queued != SEND:
        print(f"BENCH reminder_send failed: {outcomes}, {queued} reminder emails queued")
        return False
    database_s = sum(float(query["time"] or 0) for query in captured.captured_queries)
    print(
        f"sent {SEND} reminders: {SEND / elapsed:.0f} per second, {elapsed / SEND * 1000:.2f} ms each, "
        f"{len(captured)} queries ({len(captured) / SEND:.2f} per reminder, {database_s:.2f} s in the database)",
        flush=True,
    )
    if os.environ.get("BENCH_VERBOSE"):
        for query in sorted(captured.captured_queries, key=lambda query: -float(query["time"] or 0))[:15]:
            print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:160]}")
    # Goal (issue 12): 1,000 reminders queued within 2 s; 5,000 due at 09:00 within 10 s.
    name = f"reminder_send_{SEND // 1000}k_s" if SEND % 1000 == 0 else f"reminder_send_{SEND}_s"
    report(name, elapsed, "s", goal=2 * SEND / 1000, comparison="<")
    return True
