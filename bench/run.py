"""One benchmark run on the database DATABASE_URL names (bench/__main__.py chooses it).

10,000 interviews spread over three months back and forward, bulk-created, then:
- overview_queries: SQL queries for one page (200 rows) of the interviews overview;
- overview_ms: median time to render that page, over 20 requests, as a recruiter;
- api_create_interview_ms: median time of POST /api/v1/interviews, over 50 requests (conflict
  check under the locks included);
- bulk_invite_500_spaced_s, bulk_invite_500_spaced_queries: see bench/planning.py.
- bulk_invite_500_queue_s, delivery_msgs_per_s, delivery_ratio: see bench/messaging.py.
- reminder_sweep_5k_s, reminder_sweep_queries, reminder_claim_*, reminder_send_5k_s: see bench/reminders.py.
- csv_import_10k_s: see bench/importing.py.
- search_ms, search_mobile_ms: see bench/search.py.
- week_calendar_queries, week_calendar_ms: see bench/calendar.py.
- board_queries, board_ms, metrics_year_ms: see bench/monitoring.py.
- panel_review_queries, panel_review_ms: see bench/evaluation.py.
- portal_queries_10, portal_queries_200, portal_queries_ratio: see bench/portal.py.
- api_get_interview_ms, api_floor_ms, api_get_floor_ratio, api_list_20_ms, api_list_20_floor_ratio,
  api_list_50_ms, api_list_filtered_ms, api_create_interview_ms_http, api_list_growth_ratio: the API
  over real HTTP, beside Django's floor; see bench/http.py.

BENCH_ONLY=api,planning (a comma-separated choice of overview, api, planning, messaging,
reminders, import, search, calendar, monitoring, evaluation, portal, http) runs only those;
BENCH_ONLY=api_parts prints where the time of an API read goes (bench/api_parts.py).

Requests go through Django's test client: the full middleware stack, templates and
database, without a network in between; except in `http`, which starts `regisseur serve`.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regisseur.config.settings")
# Test mode only for "testserver" in ALLOWED_HOSTS and static files without collectstatic;
# DEBUG stays off so that Django does not record every query.
os.environ.setdefault("REGISSEUR_TESTING", "1")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("EMAIL_URL", "locmem://")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client as HttpClient  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from regisseur.accounts.models import Organisation, Role, User  # noqa: E402
from regisseur.accounts.services import create_user  # noqa: E402
from regisseur.api.models import ApiKey  # noqa: E402
from regisseur.interviews.models import (  # noqa: E402
    ConfirmationStatus,
    Interview,
    InterviewEvent,
    InterviewKind,
    InterviewStatus,
    InterviewType,
    LocationPreset,
)
from regisseur.recruitment.models import (  # noqa: E402
    Application,
    ApplicationStage,
    Candidate,
    Client,
    Contact,
    Vacancy,
)

INTERVIEWS = 10_000
CANDIDATES = 6_000
LABEL = os.environ.get("BENCH_LABEL", connection.vendor)


def report(name: str, value: float, unit: str, *, goal: float | None, comparison: str = "<=") -> None:
    """One figure; with `goal`, the goal and the ratio the figure is judged by (None: a reference figure)."""
    shown = f"{value:.0f}" if unit == "queries" else f"{value:.2f}" if unit in {"ratio", "s"} else f"{value:.1f}"
    if goal is None:
        print(f"BENCH {name} {shown} {unit} (reference, no goal) [{LABEL}]", flush=True)
        return
    ratio = value / goal
    print(f"BENCH {name} {shown} {unit} (goal {comparison} {goal:g}, ratio {ratio:.2f}) [{LABEL}]", flush=True)


def add_interviews(recruiter: User, count: int, rng: random.Random) -> None:
    """`count` interviews spread over three months back and forward, each with two participants
    (of six recruiters) and its "planned" history entry, bulk-created 10,000 at a time."""
    organisation = recruiter.organisation
    applications = list(Application.objects.filter(vacancy__client__organisation=organisation).order_by("id"))
    vacancies = list(Vacancy.objects.filter(client__organisation=organisation).order_by("id"))
    presets = list(LocationPreset.objects.filter(organisation=organisation).order_by("id"))
    people = list(User.objects.filter(organisation=organisation).order_by("id")[:6])
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    through = Interview.participants.through
    for chunk_start in range(0, count, 10_000):
        interviews = []
        for n in range(chunk_start, min(count, chunk_start + 10_000)):
            application = applications[n % len(applications)] if n % 50 else None
            starts_at = now + timedelta(
                days=rng.randint(-90, 90), hours=rng.randint(-6, 6), minutes=rng.choice([0, 30])
            )
            past = starts_at < now
            status = (
                rng.choice([InterviewStatus.HELD] * 8 + [InterviewStatus.NO_SHOW, InterviewStatus.CANCELLED])
                if past
                else rng.choice([InterviewStatus.PLANNED] * 9 + [InterviewStatus.CANCELLED])
            )
            duration = rng.choice([30, 45, 60, 90])
            preset = rng.choice(presets)
            interviews.append(
                Interview(
                    organisation=organisation,
                    vacancy=application.vacancy if application else vacancies[n % len(vacancies)],
                    application=application,
                    round_name="" if application else "Round",
                    starts_at=starts_at,
                    ends_at=starts_at + timedelta(minutes=duration),
                    duration_minutes=duration,
                    time_zone=rng.choice(["Europe/Amsterdam"] * 8 + ["Europe/London", "America/New_York"]),
                    type=rng.choice(InterviewType.values),
                    kind=rng.choice(InterviewKind.values),
                    location_preset=preset,
                    location=preset.location,
                    interviewer="Bench Recruiter",
                    status=status,
                    confirmation_status=rng.choice(ConfirmationStatus.values),
                    created_by=recruiter,
                )
            )
        interviews = Interview.objects.bulk_create(interviews, batch_size=1000)
        through.objects.bulk_create(
            (
                through(interview_id=interview.pk, user_id=user.pk)
                for index, interview in enumerate(interviews, start=chunk_start)
                for user in {people[index % len(people)], people[(index * 5 + 1) % len(people)]}
            ),
            batch_size=2000,
        )
        InterviewEvent.objects.bulk_create(
            (
                InterviewEvent(interview=interview, actor=recruiter, action=InterviewEvent.Action.PLANNED, changes={})
                for interview in interviews
            ),
            batch_size=2000,
        )


def as_autovacuum_keeps_it() -> None:
    """PostgreSQL as a live database is: fresh statistics (without them the planner guesses row
    counts for tables that were empty a second ago) and a visibility map that lets counts read
    the index alone (right after a bulk load every count visits the table as well)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def seed(name: str = "bench") -> User:
    """An organisation of its own with 10,000 interviews; its recruiter, the user called `name`."""
    rng = random.Random(10_000)
    started = time.perf_counter()
    organisation = Organisation.objects.create(name=f"{name.title()} Recruitment")
    recruiter = create_user(username=name, password=None, organisation=organisation, role=Role.RECRUITER)
    for n in range(5):
        prefix = "" if name == "bench" else f"{name}-"
        create_user(username=f"{prefix}colleague{n}", password=None, organisation=organisation, role=Role.RECRUITER)
    clients = Client.objects.bulk_create(Client(organisation=organisation, name=f"Client {n}") for n in range(10))
    contacts = Contact.objects.bulk_create(
        Contact(client=clients[n % 10], name=f"Manager {n}", email=f"m{n}@example.com", is_hiring_manager=True)
        for n in range(30)
    )
    vacancies = Vacancy.objects.bulk_create(
        Vacancy(client=clients[n % 10], title=f"Vacancy {n}", hiring_manager=contacts[n % 30], status="published")
        for n in range(40)
    )
    LocationPreset.objects.bulk_create(
        LocationPreset(organisation=organisation, name=f"Office {n}", location=f"Street {n}, City") for n in range(4)
    )
    candidates = Candidate.objects.bulk_create(
        (
            Candidate(
                organisation=organisation,
                first_name=f"First{n}",
                last_name=f"Last{n}",
                email=f"c{n}@example.org",
                mobile=f"+3161{n:07d}" if n % 5 else "",
            )
            for n in range(CANDIDATES)
        ),
        batch_size=1000,
    )
    pairs = {(n, n % 40) for n in range(CANDIDATES)} | {(n, (n * 7 + 3) % 40) for n in range(0, CANDIDATES, 3)}
    Application.objects.bulk_create(
        (
            Application(candidate=candidates[c], vacancy=vacancies[v], stage=ApplicationStage.INTERVIEW)
            for c, v in sorted(pairs)
        ),
        batch_size=1000,
    )
    add_interviews(recruiter, INTERVIEWS, rng)
    as_autovacuum_keeps_it()
    seeded = Interview.objects.filter(organisation=organisation).count()
    print(f"seeded {seeded} interviews in {time.perf_counter() - started:.1f} s ({organisation})", flush=True)
    return recruiter


def median_ms(action: Callable[[int], Any], runs: int) -> float:
    timings = []
    for run in range(runs):
        started = time.perf_counter()
        action(run)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def bench_overview(recruiter: User) -> bool:
    try:
        url = reverse("interviews:overview")
    except NoReverseMatch:
        print("BENCH overview skipped: the interviews overview (interviews:overview) does not exist yet")
        return False
    browser = HttpClient()
    browser.force_login(recruiter)
    first = browser.get(url)  # warm-up: templates compiled, caches filled
    if first.status_code != 200:
        print(f"BENCH overview failed: {url} answered {first.status_code}")
        return False
    rows = first.content.decode().count("<tr") - 1
    with CaptureQueriesContext(connection) as queries:
        browser.get(url)
    print(f"overview page shows {rows} rows", flush=True)
    if os.environ.get("BENCH_VERBOSE"):
        for query in sorted(queries.captured_queries, key=lambda q: -float(q["time"])):
            print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:200]}")
    report("overview_queries", len(queries), "queries", goal=12)

    def get(_run: int) -> None:
        assert browser.get(url).status_code == 200

    report("overview_ms", median_ms(get, 20), "ms", goal=150, comparison="<")
    return True


def bench_api_create(recruiter: User) -> bool:
    _key, token = ApiKey.issue(user=recruiter, name="bench")
    browser = HttpClient(headers={"Authorization": f"Bearer {token}"})
    # Applications whose candidates have nothing planned 100 days ahead: no conflicts.
    application_ids = list(Application.objects.order_by("id").values_list("id", flat=True)[:51])
    base: datetime = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=100)
    failures: list[str] = []

    def post(run: int) -> None:
        body = {
            "application_id": application_ids[run],
            "starts_at": (base + timedelta(hours=run)).isoformat(),
            "duration_minutes": 60,
            "type": "video",
            "interviewer": "Bench Recruiter",
        }
        response = browser.post("/api/v1/interviews", json.dumps(body), content_type="application/json")
        if response.status_code != 201:
            failures.append(f"{response.status_code} {response.content[:300]!r}")

    post(50)  # warm-up
    cpu_started = time.process_time()
    value = median_ms(post, 50)
    # This process's own CPU time: what the figure would be without other load on the machine.
    print(f"api_create_interview: {(time.process_time() - cpu_started) * 1000 / 50:.1f} ms CPU per request (mean)")
    if failures:
        print(f"BENCH api_create_interview failed: {len(failures)} requests refused, e.g. {failures[0]}")
        return False
    report("api_create_interview_ms", value, "ms", goal=25, comparison="<")
    return True


def main() -> int:
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    recruiter = seed()
    only = {name.strip() for name in os.environ.get("BENCH_ONLY", "").split(",") if name.strip()}

    def wanted(name: str) -> bool:
        return not only or name in only

    ok = True
    if wanted("overview"):
        ok = bench_overview(recruiter) and ok
    if wanted("api"):
        ok = bench_api_create(recruiter) and ok
    if wanted("planning"):
        from bench.planning import bench_bulk_spaced

        ok = bench_bulk_spaced(recruiter, report) and ok
    if wanted("messaging"):
        from bench.messaging import bench_messaging

        ok = bench_messaging(recruiter, report) and ok
    if wanted("reminders"):
        from bench.reminders import bench_reminders

        ok = bench_reminders(recruiter, report) and ok
    if wanted("import"):
        from bench.importing import bench_import

        ok = bench_import(recruiter, report) and ok
    if wanted("search"):
        from bench.search import bench_search

        ok = bench_search(report) and ok
    if wanted("calendar"):
        from bench.calendar import bench_calendar

        ok = bench_calendar(recruiter, report) and ok
    if wanted("monitoring"):
        from bench.monitoring import bench_monitoring

        ok = bench_monitoring(report) and ok
    if wanted("evaluation"):
        from bench.evaluation import bench_evaluation

        ok = bench_evaluation(report) and ok
    if wanted("portal"):
        from bench.portal import bench_portal

        ok = bench_portal(report) and ok
    if "api_parts" in only:  # on request only: a breakdown, no goals
        from bench.api_parts import bench_api_parts

        ok = bench_api_parts(recruiter) and ok
    if wanted("http"):  # last: it adds 90,000 interviews
        from bench.http import bench_http

        ok = bench_http(report) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
