"""Manager portal benchmark (E5), run by bench/run.py.

A hiring manager of an organisation of its own attends interviews (half of them past, some
with an evaluation in draft or submitted); the start page /portal/ is requested as that
manager with 10 and then 200 interviews:
- portal_queries_10, portal_queries_200: SQL queries of one request of the start page;
- portal_queries_ratio: the second divided by the first (goal: equal, 1.00).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from regisseur.accounts.models import Organisation, Role, User
from regisseur.accounts.services import create_user
from regisseur.evaluation.models import Evaluation
from regisseur.interviews.models import Interview, InterviewKind, InterviewStatus, InterviewType
from regisseur.recruitment.models import Application, Candidate, Client, Contact, Vacancy

Report = Callable[..., None]


class Seeder:
    def __init__(self) -> None:
        self.organisation = Organisation.objects.create(name="Portal Bench")
        self.manager = create_user(
            username="portal-manager",
            password=None,
            organisation=self.organisation,
            role=Role.HIRING_MANAGER,
            first_name="Portal",
            last_name="Manager",
        )
        client = Client.objects.create(organisation=self.organisation, name="Portal client")
        contact = Contact.objects.create(
            client=client, name="Portal Manager", email="pm@example.com", is_hiring_manager=True, user=self.manager
        )
        self.vacancy = Vacancy.objects.create(
            client=client, title="Portal vacancy", hiring_manager=contact, status="published"
        )
        self.count = 0

    def add(self, number: int) -> None:
        """`number` more interviews with the manager: every other one past, a third of those evaluated."""
        now = timezone.now()
        candidates = Candidate.objects.bulk_create(
            Candidate(
                organisation=self.organisation,
                first_name=f"Kandidaat{self.count + n}",
                last_name="Portal",
                email=f"portal{self.count + n}@example.com",
            )
            for n in range(number)
        )
        applications = Application.objects.bulk_create(
            Application(candidate=candidate, vacancy=self.vacancy) for candidate in candidates
        )
        interviews = []
        for n, application in enumerate(applications):
            index = self.count + n
            starts_at = now + timedelta(days=1 + index) if index % 2 == 0 else now - timedelta(days=1 + index)
            interviews.append(
                Interview(
                    organisation=self.organisation,
                    vacancy=self.vacancy,
                    application=application,
                    starts_at=starts_at,
                    ends_at=starts_at + timedelta(hours=1),
                    duration_minutes=60,
                    type=InterviewType.VIDEO if index % 3 else InterviewType.IN_PERSON,
                    video_link=f"https://meet.example.com/{index}" if index % 3 else "",
                    location="" if index % 3 else "Catharijnesingel 80, Utrecht",
                    kind=InterviewKind.BOTH,
                    status=InterviewStatus.PLANNED if starts_at > now else InterviewStatus.HELD,
                )
            )
        created = Interview.objects.bulk_create(interviews)
        Interview.participants.through.objects.bulk_create(
            Interview.participants.through(interview_id=interview.pk, user_id=self.manager.pk)
            for interview in created[::4]
        )
        Evaluation.objects.bulk_create(
            Evaluation(
                interview=interview,
                author=self.manager,
                submitted_at=now if interview.pk % 2 else None,
            )
            for interview in created
            if interview.starts_at < now and interview.pk % 3 == 0
        )
        self.count += number


def _queries(browser: HttpClient, url: str) -> int | None:
    with CaptureQueriesContext(connection) as queries:
        response = browser.get(url)
    return len(queries) if response.status_code == 200 else None


def bench_portal(report: Report) -> bool:
    seeder = Seeder()
    manager: User = seeder.manager
    url = reverse("portal:home")
    browser = HttpClient()
    browser.force_login(manager)
    seeder.add(10)
    browser.get(url)  # warm-up: templates compiled, translations loaded
    few = _queries(browser, url)
    seeder.add(190)
    many = _queries(browser, url)
    if few is None or many is None:
        print(f"BENCH portal failed: {url} did not answer 200")
        return False
    print(f"portal: {seeder.count} interviews of one hiring manager", flush=True)
    report("portal_queries_10", few, "queries", goal=12)
    report("portal_queries_200", many, "queries", goal=12)
    report("portal_queries_ratio", many / few, "ratio", goal=1, comparison="=")
    return many == few
