"""Bulk planning benchmark (issue 7, P5), run by bench/run.py after Django is set up and the database seeded.

- bulk_invite_500_spaced_s: plan one interview each for 500 selected candidates, 45 minutes apart
  (a window of about 16 days in the middle of the 10,000 seeded interviews), with a colleague,
  a location and an interviewer: the batch is checked against itself and against every existing
  interview of its window, under the locks, then written. The action only (no messages: see
  bulk_invite_500_queue_s).
- bulk_invite_500_spaced_queries: its SQL queries; the same for 5 candidates (printed), since
  bulk planning reads and writes in a fixed number of queries.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from regisseur.accounts.models import Role, User
from regisseur.accounts.services import create_user
from regisseur.actions.planning import plan_interviews
from regisseur.interviews.models import Interview, LocationPreset
from regisseur.interviews.planning import Planning
from regisseur.recruitment.models import Application, ApplicationStage, Candidate, Client, Vacancy

SELECTED = 500
SPACING_MINUTES = 45

Report = Callable[..., None]


def _selection(recruiter: User, count: int, prefix: str) -> list[Application]:
    client = Client.objects.create(organisation_id=recruiter.organisation_id, name=f"{prefix} Client")
    vacancy = Vacancy.objects.create(client=client, title=f"{prefix} vacancy", status="published")
    candidates = Candidate.objects.bulk_create(
        Candidate(
            organisation_id=recruiter.organisation_id,
            first_name=f"{prefix}{n}",
            last_name=f"Spaced{n}",
            email=f"{prefix.lower()}{n}@example.org",
        )
        for n in range(count)
    )
    Application.objects.bulk_create(
        Application(candidate=candidate, vacancy=vacancy, stage=ApplicationStage.SCREENING) for candidate in candidates
    )
    # As the bulk action loads the selection: one query.
    return list(
        Application.objects.filter(vacancy=vacancy).select_related("candidate", "vacancy__client").order_by("id")
    )


def _plan(recruiter: User, selection: list[Application], planning: Planning) -> tuple[list[Interview], int, float]:
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        interviews = plan_interviews(
            actor=recruiter, applications=selection, planning=planning, spacing_minutes=SPACING_MINUTES
        ).interviews
        elapsed = time.perf_counter() - started
    return interviews, len(queries), elapsed


def bench_bulk_spaced(recruiter: User, report: Report) -> bool:
    organisation_id = recruiter.organisation_id
    assert organisation_id is not None
    colleague = create_user(
        username="spaced-colleague", password=None, organisation=recruiter.organisation, role=Role.RECRUITER
    )
    room = LocationPreset.objects.create(organisation_id=organisation_id, name="Spaced room", location="Room 9, City")
    first: datetime = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=30)
    existing = Interview.objects.exclude(status="cancelled").overlapping(
        first, first + timedelta(minutes=SPACING_MINUTES * SELECTED)
    )

    def planning(starts_at: datetime) -> Planning:
        return Planning(
            starts_at=starts_at,
            duration_minutes=45,
            participants=[colleague],
            location_preset=room,
            interviewer="Spaced Interviewer",
        )

    few, few_queries, _seconds = _plan(recruiter, _selection(recruiter, 5, "Few"), planning(first - timedelta(days=1)))
    interviews, queries, seconds = _plan(recruiter, _selection(recruiter, SELECTED, "Spaced"), planning(first))
    if len(interviews) != SELECTED or len(few) != 5:
        print(f"BENCH bulk_invite_500_spaced failed: planned {len(interviews)}")
        return False
    last = interviews[-1].starts_at
    print(
        f"planned {len(interviews)} interviews from {first:%Y-%m-%d %H:%M} to {last:%Y-%m-%d %H:%M} UTC, "
        f"checked against {existing.count()} existing ones in that window; "
        f"{queries} queries (5 candidates: {few_queries})",
        flush=True,
    )
    report("bulk_invite_500_spaced_s", seconds, "s", goal=10)
    report("bulk_invite_500_spaced_queries", queries, "queries", goal=30)
    return True
