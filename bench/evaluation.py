"""Evaluation benchmark (seeds 001, 002: the panel review E3), run by bench/run.py.

An organisation of its own gets one interview with 12 competencies in its kit and 8
evaluators (committee members) who each submitted a scorecard with every competency rated
and off-the-record notes. Then:
- panel_review_queries: SQL queries of the panel review page, as a recruiter;
- panel_review_ms: median time of that page (view, selector and template) over 20 requests;
- evaluations_api_ms: median time of GET /api/v1/interviews/{id}/evaluations over 20 requests
  (printed, no goal of its own).
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from regisseur.accounts.models import Organisation, Role
from regisseur.accounts.services import create_user
from regisseur.actions.planning import plan_interview
from regisseur.api.models import ApiKey
from regisseur.evaluation.models import Competency, Evaluation, Kit, Recommendation
from regisseur.interviews.models import InterviewKind
from regisseur.interviews.planning import Planning
from regisseur.recruitment.models import Application, Candidate, Client, Contact, Vacancy

EVALUATORS = 8
COMPETENCIES = 12
RUNS = 20

Report = Callable[..., None]


def _median_ms(action: Callable[[], Any]) -> float:
    timings = []
    for _run in range(RUNS):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def bench_evaluation(report: Report) -> bool:
    rng = random.Random(11)
    organisation = Organisation.objects.create(name="Evaluation Bench")
    recruiter = create_user(
        username="panel-recruiter", password=None, organisation=organisation, role=Role.RECRUITER, first_name="Rita"
    )
    client = Client.objects.create(organisation=organisation, name="Panel client")
    vacancy = Vacancy.objects.create(client=client, title="Panel vacancy")
    candidate = Candidate.objects.create(
        organisation=organisation, first_name="Pim", last_name="Panel", email="pim@example.test"
    )
    application = Application.objects.create(candidate=candidate, vacancy=vacancy)
    members = []
    for n in range(EVALUATORS):
        user = create_user(
            username=f"panel-member{n}",
            password=None,
            organisation=organisation,
            role=Role.COMMITTEE_MEMBER,
            first_name=f"Member{n}",
            last_name="Panel",
        )
        members.append(Contact.objects.create(client=client, name=f"Member{n}", email=f"m{n}@example.test", user=user))
    kit = Kit.objects.create(organisation=organisation, vacancy=vacancy)
    competencies = Competency.objects.bulk_create(
        Competency(
            kit=kit,
            name=f"Competency {n}",
            anchors={str(level): f"What level {level} of competency {n} looks like" for level in range(1, 6)},
            position=n,
        )
        for n in range(COMPETENCIES)
    )
    interview = plan_interview(
        actor=recruiter,
        application=application,
        force=True,
        planning=Planning(
            starts_at=timezone.now() + timedelta(days=1),
            duration_minutes=60,
            kind=InterviewKind.RECRUITER,
            committee_members=members,
        ),
    ).interviews[0]
    Evaluation.objects.bulk_create(
        Evaluation(
            interview=interview,
            author=member.user,
            ratings={str(competency.pk): rng.randint(1, 5) for competency in competencies},
            strengths="Structured answers, good examples. " * 5,
            weaknesses="Could be more concrete about results. " * 3,
            recommendation=rng.choice(Recommendation.values),
            candidate_questions="Team size, growth path.",
            off_record_notes="Not for anyone else.",
            submitted_at=timezone.now(),
        )
        for member in members
    )

    ok = True
    browser = HttpClient()
    browser.force_login(recruiter)
    url = reverse("evaluation:panel", args=[interview.pk])

    def page() -> None:
        response = browser.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"panel review answered {response.status_code}")

    page()  # warm-up: templates, translations, the user's roles
    with CaptureQueriesContext(connection) as queries:
        page()
    print(f"panel review: {EVALUATORS} evaluators, {COMPETENCIES} competencies", flush=True)
    report("panel_review_queries", len(queries), "queries", goal=20)
    report("panel_review_ms", _median_ms(page), "ms", goal=50)

    _key, plain = ApiKey.issue(user=recruiter, name="bench")
    api = HttpClient(headers={"Authorization": f"Bearer {plain}"})
    api_url = f"/api/v1/interviews/{interview.pk}/evaluations"
    api.get(api_url)
    print(f"evaluations_api_ms {_median_ms(lambda: api.get(api_url)):.1f} ms", flush=True)
    return ok
