"""The manager portal (E5) in real Chromium: a hiring manager signs in, lands in his portal, opens his
interview and reads its guidelines; at 1366 and 390 px, without sideways scrolling or serious axe findings."""

from __future__ import annotations

import os
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from regisseur.interviews.models import Guideline, Interview, InterviewKind, InterviewType
from tests.conftest import make_application, make_interview
from tests.e2e.conftest import overflows_sideways

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(tempfile.gettempdir()) / "regisseur-portal"
SERIOUS = {"serious", "critical"}
AXE = Axe()


def serious_violations(tab: Any) -> list[str]:
    results = AXE.run(tab)
    return [
        f"{violation['id']} ({violation['impact']}): {node['target']} {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
        for node in violation["nodes"]
    ]


@pytest.fixture
def hanks_interview(alice: Any, acme: Any, manager: Any, application: Any, vacancy: Any) -> Interview:
    interview = make_interview(
        alice,
        application,
        kind=InterviewKind.HIRING_MANAGER,
        type=InterviewType.VIDEO,
        video_link="https://meet.example.test/een-heel-lange-vergaderlink-die-op-een-telefoon-moet-afbreken",
    )
    interview.guidelines.add(
        Guideline.objects.create(
            organisation=acme,
            title="STAR-methode",
            body="Vraag door op Situatie, Taak, Actie en Resultaat.\n\nNoteer concrete voorbeelden.",
        )
    )
    # A past one waiting for his evaluation, so that every section of the start page has a row.
    past = make_interview(alice, make_application(vacancy, "Piet", "Jansen"), kind=InterviewKind.BOTH)
    begin = timezone.now() - timedelta(days=2)
    Interview.objects.filter(pk=past.pk).update(starts_at=begin, ends_at=begin + timedelta(hours=1))
    return interview


@pytest.mark.parametrize("width", [1366, 390])
def test_the_hiring_manager_finds_his_interview_and_its_guidelines(
    page: Any, hank: Any, hanks_interview: Interview, width: int
) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})

    page.goto("/login/")
    page.fill("input[name=username]", "hank")
    page.fill("input[name=password]", "correct horse 1")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/portal/")

    nav = page.locator("nav.sections").inner_text()
    assert "My interviews" in nav
    assert "Candidates" not in nav and "Vacancies" not in nav
    assert "Sanne Bakker" in page.locator("#upcoming-title + .portal-list").inner_text()
    assert "Piet Jansen" in page.locator("#to-evaluate-title + .portal-list").inner_text()
    assert not overflows_sideways(page)
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / f"portal-{width}.png"), full_page=True)

    page.locator("#upcoming-title + .portal-list").get_by_role("link", name="Sanne Bakker").click()
    page.wait_for_url(f"**/portal/interviews/{hanks_interview.pk}/")

    guidelines = page.locator("section[aria-labelledby=guidelines-title]").inner_text()
    assert "STAR-methode" in guidelines
    assert "Noteer concrete voorbeelden." in guidelines
    assert not overflows_sideways(page)
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / f"portal-interview-{width}.png"), full_page=True)

    page.goto("/portal/availability/")
    page.fill("#id_day", "31-02-2027")
    page.fill("#id_starts", "9:00")
    page.fill("#id_ends", "12:00")
    page.click("form[novalidate] button[type=submit]")
    assert "There is no such date" in page.locator("#id_day_errors").inner_text()
    assert not overflows_sideways(page)
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / f"portal-availability-{width}.png"), full_page=True)
