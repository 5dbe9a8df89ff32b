"""Search benchmark (issue 9, item 4), run by bench/run.py after Django is set up and the database seeded.

100,000 candidates bulk-created in one organisation of their own (a recruiter, 20 clients, 200
vacancies, 2,000 interviews), with Dutch surnames so that a name matches as in real life, then:
- search_ms: median time of the search page (/search/?q=...) for part of a last name ("visse":
  every Visser, about 2% of the candidates), over 20 requests, as a recruiter;
- search_mobile_ms: the same for one candidate's mobile number typed as "06 12 34 56 78".
Goal < 50 ms each. BENCH_VERBOSE=1 prints the queries of one request with their times.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from regisseur.accounts.models import Organisation, Role, User
from regisseur.accounts.services import create_user
from regisseur.interviews.models import Interview
from regisseur.recruitment.models import Application, Candidate, Client, Vacancy

CANDIDATES = 100_000
SURNAMES = (
    "de Jong Jansen de Vries van den Berg van Dijk Bakker Janssen Visser Smit Meijer de Boer Mulder de Groot "
    "Bos Vos Peters Hendriks van Leeuwen Dekker Brouwer de Wit Dijkstra Smits de Graaf van der Meer van der Linden "
    "Kok Jacobs de Haan Vermeulen van den Heuvel van der Veen van den Broek de Bruijn de Bruin van der Heijden "
    "Schouten van Beek Willems van Vliet van de Ven Hoekstra Maas Verhoeven Koster van Dam van der Wal Prins Blom "
    "Huisman Peeters de Lange"
)
FIRST_NAMES = [
    "Sanne",
    "Emma",
    "Julia",
    "Lotte",
    "Anouk",
    "Daan",
    "Sem",
    "Lucas",
    "Milan",
    "Levi",
    "Tim",
    "Bram",
    "Noah",
    "Fleur",
    "Iris",
    "Sophie",
    "Thijs",
    "Ruben",
]


def _surnames() -> list[str]:
    words = SURNAMES.split()
    names: list[str] = []
    particle: list[str] = []
    for word in words:
        if word in {"de", "van", "den", "der"}:
            particle.append(word)
            continue
        names.append(" ".join([*particle, word]))
        particle = []
    return names


def seed_search() -> tuple[User, str]:
    """The organisation with 100,000 candidates; its recruiter and one candidate's mobile number."""
    rng = random.Random(9)
    started = time.perf_counter()
    organisation = Organisation.objects.create(name="Search Bench")
    recruiter = create_user(username="search-bench", password=None, organisation=organisation, role=Role.RECRUITER)
    surnames = _surnames()
    Candidate.objects.bulk_create(
        (
            Candidate(
                organisation=organisation,
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(surnames),
                email=f"kandidaat{n}@example.org",
                mobile=f"+316{10_000_000 + n * 83:08d}" if n % 4 else "",
            )
            for n in range(CANDIDATES)
        ),
        batch_size=2000,
    )
    clients = Client.objects.bulk_create(Client(organisation=organisation, name=f"Klant {n}") for n in range(20))
    vacancies = Vacancy.objects.bulk_create(
        Vacancy(client=clients[n % 20], title=f"Vacature {n}", status="published") for n in range(200)
    )
    candidate_ids = list(
        Candidate.objects.filter(organisation=organisation).order_by("pk").values_list("pk", flat=True)[:2000]
    )
    applications = Application.objects.bulk_create(
        Application(candidate_id=pk, vacancy=vacancies[n % 200]) for n, pk in enumerate(candidate_ids)
    )
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    Interview.objects.bulk_create(
        (
            Interview(
                organisation=organisation,
                vacancy=application.vacancy,
                application=application,
                starts_at=now + timedelta(hours=n - 1000),
                ends_at=now + timedelta(hours=n - 1000, minutes=60),
                duration_minutes=60,
                location=f"Kantoor {n % 7}, Utrecht",
                created_by=recruiter,
            )
            for n, application in enumerate(applications)
        ),
        batch_size=1000,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    mobile = Candidate.objects.filter(organisation=organisation).exclude(mobile="").order_by("pk")[5000].mobile
    print(f"seeded {CANDIDATES} candidates for search in {time.perf_counter() - started:.1f} s", flush=True)
    return recruiter, mobile


def _as_typed(mobile: str) -> str:
    """+31612345678 as people type it: 06 12 34 56 78."""
    digits = "0" + mobile.removeprefix("+31")
    return " ".join([digits[:2], digits[2:4], digits[4:6], digits[6:8], digits[8:]])


def _median_ms(action: Callable[[], Any], runs: int) -> float:
    timings = []
    for _run in range(runs):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return timings[len(timings) // 2]


def bench_search(report: Callable[..., None]) -> bool:
    recruiter, mobile = seed_search()
    browser = HttpClient()
    browser.force_login(recruiter)
    url = reverse("web:search")
    ok = True
    for name, typed, expected in (("search_ms", "visse", "Visser"), ("search_mobile_ms", _as_typed(mobile), None)):
        first = browser.get(url, {"q": typed})  # warm-up: templates compiled, caches filled
        page = first.content.decode()
        if first.status_code != 200 or (expected or "search-results") not in page:
            print(f"BENCH {name} failed: {url}?q={typed} answered {first.status_code} without results")
            ok = False
            continue
        with CaptureQueriesContext(connection) as queries:
            browser.get(url, {"q": typed})
        print(f"{name}: q={typed!r}, {len(queries)} queries", flush=True)
        if os.environ.get("BENCH_VERBOSE"):
            for query in queries.captured_queries:
                print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:300]}")

        def get(typed: str = typed) -> None:
            assert browser.get(url, {"q": typed}).status_code == 200

        cpu_started = time.process_time()
        value = _median_ms(get, 20)
        # This process's CPU (the whole request on SQLite; without the server's share on PostgreSQL).
        print(f"{name}: {(time.process_time() - cpu_started) * 1000 / 20:.1f} ms CPU per request (mean)", flush=True)
        report(name, value, "ms", goal=50, comparison="<")
    return ok
