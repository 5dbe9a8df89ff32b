"""Calendar benchmark (issue 9), run by bench/run.py after Django is set up and the database seeded.

Two weeks far after the seeded three months get interviews of their own, Monday to Friday
08:00-18:00, overlapping as a busy agency's do, each with two participating users:
- week_calendar_queries: SQL queries for one week page of everyone's interviews, for a week of
  50 and a week of 500 interviews (both printed); the larger is reported. It must not grow.
- week_calendar_ms: median time to render the week of 500 interviews for "everyone", over 20
  requests through the test client (middleware, template and database included).
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta

from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from regisseur.accounts.models import User
from regisseur.interviews.models import ConfirmationStatus, Interview, InterviewGroup
from regisseur.recruitment.models import Application

Report = Callable[..., None]


def _monday(weeks_ahead: int) -> date:
    today = timezone.localdate()
    return today - timedelta(days=today.weekday()) + timedelta(weeks=weeks_ahead)


def _fill_week(recruiter: User, monday: date, count: int, seed: int) -> None:
    rng = random.Random(seed)
    zone = timezone.get_default_timezone()
    applications = list(
        Application.objects.filter(vacancy__client__organisation_id=recruiter.organisation_id)
        .select_related("vacancy")
        .order_by("id")[:count]
    )
    people = list(User.objects.filter(organisation_id=recruiter.organisation_id).order_by("id"))
    groups = InterviewGroup.objects.bulk_create(
        InterviewGroup(organisation_id=recruiter.organisation_id) for _ in range(count // 50)
    )
    rows = []
    for number, application in enumerate(applications):
        day = monday + timedelta(days=number % 5)
        local = datetime.combine(day, datetime.min.time()).replace(hour=8) + timedelta(minutes=15 * rng.randrange(40))
        starts_at = timezone.make_aware(local, zone)
        duration = rng.choice([30, 45, 60, 90])
        # Three rows in every 25 join a group (six members each), planned together at 16:00.
        group = groups[number // 50] if groups and number % 25 < 3 else None
        if group is not None:
            group_day = monday + timedelta(days=(number // 50) % 5)
            starts_at = timezone.make_aware(datetime.combine(group_day, datetime.min.time()).replace(hour=16), zone)
            duration = 60
        rows.append(
            Interview(
                organisation_id=recruiter.organisation_id,
                vacancy=application.vacancy,
                application=application,
                group=group,
                starts_at=starts_at,
                ends_at=starts_at + timedelta(minutes=duration),
                duration_minutes=duration,
                interviewer="Bench Recruiter",
                location="Street 1, City",
                confirmation_status=rng.choice(ConfirmationStatus.values),
                created_by=recruiter,
            )
        )
    interviews = Interview.objects.bulk_create(rows, batch_size=1000)
    through = Interview.participants.through
    through.objects.bulk_create(
        (
            through(interview_id=interview.pk, user_id=user.pk)
            for index, interview in enumerate(interviews)
            for user in {people[index % len(people)], people[(index * 5 + 1) % len(people)]}
        ),
        batch_size=2000,
    )


def bench_calendar(recruiter: User, report: Report) -> bool:
    small, large = _monday(40), _monday(41)
    _fill_week(recruiter, small, 50, seed=50)
    _fill_week(recruiter, large, 500, seed=500)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    browser = HttpClient()
    browser.force_login(recruiter)
    url = reverse("interviews:calendar")
    counts = {}
    for label, monday in (("50", small), ("500", large)):
        params = {"view": "week", "date": monday.isoformat(), "show": "everyone"}
        first = browser.get(url, params)  # warm-up: templates compiled, caches filled
        if first.status_code != 200:
            print(f"BENCH calendar failed: {url} answered {first.status_code}")
            return False
        blocks = first.content.decode().count('class="block ')
        with CaptureQueriesContext(connection) as queries:
            browser.get(url, params)
        counts[label] = len(queries)
        print(f"week_calendar_queries: {len(queries)} for {label} interviews ({blocks} blocks shown)", flush=True)
    report("week_calendar_queries", max(counts.values()), "queries", goal=10)
    if counts["50"] != counts["500"]:
        print("BENCH week_calendar_queries grows with the number of interviews")
        return False

    params = {"view": "week", "date": large.isoformat(), "show": "everyone"}
    timings = []
    cpu_started = time.process_time()
    for _run in range(20):
        started = time.perf_counter()
        assert browser.get(url, params).status_code == 200
        timings.append((time.perf_counter() - started) * 1000)
    # This process's own CPU time: what the figure would be without other load on the machine.
    print(f"week_calendar: {(time.process_time() - cpu_started) * 1000 / 20:.1f} ms CPU per request (mean)")
    report("week_calendar_ms", statistics.median(timings), "ms", goal=150, comparison="<")
    return True
