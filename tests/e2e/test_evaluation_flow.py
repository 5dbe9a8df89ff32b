"""The evaluation flow of issue 11 in real Chromium, as the people involved go through it: the hiring
manager logs in and lands in the portal, reads the kit, fills and submits the scorecard and then sees
the committee member's; the recruiter sees the discrepancy and records the panel's decision."""

from __future__ import annotations

import os
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from regisseur.evaluation.models import Evaluation, KitQuestion, PanelDecision
from regisseur.interviews.models import Interview
from tests.e2e.conftest import overflows_sideways, sign_in
from tests.evaluation.scorecard_builders import make_kit, panel_interview

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
SCREENSHOTS = Path(tempfile.gettempdir()) / "regisseur-e2e"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def held_an_hour_ago(interview: Interview) -> Interview:
    begin = timezone.now() - timedelta(hours=2)
    Interview.objects.filter(pk=interview.pk).update(starts_at=begin, ends_at=begin + timedelta(hours=1))
    interview.refresh_from_db()
    return interview


def test_manager_evaluates_in_the_portal_and_the_recruiter_decides(
    page: Any,
    chromium: Any,
    live_server: Any,
    alice: Any,
    hank: Any,
    cora: Any,
    manager: Any,
    application: Any,
    vacancy: Any,
) -> None:
    talk, solve = make_kit(vacancy, "Communication", "Problem solving")
    KitQuestion.objects.create(
        kit=talk.kit, phase="behavioural", text="Tell us about a conflict you solved.", competency=talk
    )
    interview = held_an_hour_ago(panel_interview(alice, application, colleagues=[], cora=cora))
    Evaluation.objects.create(
        interview=interview,
        author=cora,
        ratings={str(talk.pk): 2, str(solve.pk): 3},
        recommendation="no",
        strengths="Friendly",
        off_record_notes="Knows my cousin",
        submitted_at=timezone.now(),
    )
    stage_before = application.stage

    # The hiring manager: the portal, the kit, the scorecard.
    sign_in(page, "hank")
    assert page.url.endswith("/portal/")
    assert page.locator("nav.sections >> text=Candidates").count() == 0
    page.get_by_role("link", name="Sanne Bakker").first.click()
    page.get_by_role("link", name="Interview kit").click()
    assert "Tell us about a conflict you solved." in page.content()
    assert "Communication" in page.content()
    page.go_back()
    page.get_by_role("link", name="Give my evaluation").click()
    assert "Friendly" not in page.content()  # the others' only after submitting his own
    page.check(f"input[name=rating_{talk.pk}][value='5']")
    page.check(f"input[name=rating_{solve.pk}][value='4']")
    page.fill("#id_strengths", "Strong examples, calm under pressure")
    page.check("input[name=recommendation][value='strong_yes']")
    page.get_by_role("button", name="Submit").click()
    page.get_by_role("link", name="Edit (new version)").wait_for()
    page.get_by_role("link", name="Panel review").first.click()
    panel = page.content()
    assert "Friendly" in panel  # Cora's evaluation, now that his own is in
    assert "Knows my cousin" not in panel  # her off-the-record note stays hers
    assert not overflows_sideways(page)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "evaluation-flow-manager.png"), full_page=True)

    # The recruiter: the discrepancy, then the decision.
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 1366, "height": 900})
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    recruiter = context.new_page()
    sign_in(recruiter, "alice")
    recruiter.goto(f"/interviews/{interview.pk}/panel/")
    discussed = recruiter.locator("section.discrepancies").inner_text()
    assert "Communication" in discussed
    assert recruiter.locator("section.discrepancies li[data-kind='recommendation_split']").count() == 1
    recruiter.check("input[name=decision][value='advance']")
    recruiter.fill("#id_reasoning", "Strong on the competencies that matter; Cora's doubts discussed and met.")
    recruiter.get_by_role("button", name="Record decision").click()
    recruiter.get_by_text("Strong on the competencies that matter").first.wait_for()
    recruiter.screenshot(path=str(SCREENSHOTS / "evaluation-flow-recruiter.png"), full_page=True)
    context.close()

    decision = PanelDecision.objects.get(application=application)
    assert (decision.decision, decision.decided_by) == ("advance", alice)
    application.refresh_from_db()
    assert application.stage != stage_before
