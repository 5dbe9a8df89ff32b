"""Aftercare of seed 002 in real Chromium: the interview record's aftercare card and the candidate's result page."""

from __future__ import annotations

import os
import re
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from regisseur.messaging.delivery import build_email
from regisseur.messaging.models import Message
from tests.conftest import make_interview
from tests.e2e.conftest import csp_violations, overflows_sideways

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

SCREENSHOTS = Path(tempfile.gettempdir()) / "regisseur-e2e"


@pytest.fixture
def ended(alice, application) -> Any:
    starts = (timezone.now() - timedelta(hours=3)).replace(second=0, microsecond=0)
    with time_machine.travel(starts - timedelta(days=2), tick=False):
        return make_interview(alice, application, starts_at=starts, location="Damrak 1, Amsterdam")


def _tab(chromium: Any, live_server: Any, width: int, language: str) -> Any:
    context = chromium.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    context.set_default_timeout(15_000)
    return context.new_page()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1366, 390])
def test_the_recruiter_looks_after_a_sensitive_interview_and_the_candidate_corrects_the_result(
    chromium, live_server, alice, ended, width
):
    tab = _tab(chromium, live_server, width, "en")
    candidate = None
    try:
        violations = csp_violations(tab)
        tab.goto("/login/")
        tab.fill("#id_username", "alice")
        tab.fill("#id_password", "correct horse 1")
        tab.keyboard.press("Enter")
        tab.wait_for_url(lambda url: "/login/" not in url)
        tab.goto(f"/interviews/{ended.pk}/")
        assert tab.get_by_role("link", name="Send thank-you").is_visible()

        tab.get_by_role("button", name="Mark as sensitive").click()
        tab.wait_for_url(f"**/interviews/{ended.pk}/#aftercare")
        assert "ask how the candidate experienced the interview" in tab.locator("#aftercare").inner_text()
        tab.get_by_role("button", name="Let this vacancy's candidates review the result").click()
        tab.fill("#id_result_text", "Sanne vertelde over haar jaren bij De Bakkerij.")
        tab.get_by_role("button", name="Send to the candidate for review").click()
        tab.wait_for_url(f"**/interviews/{ended.pk}/#aftercare")
        assert "Sent for review" in tab.locator("#aftercare").inner_text()
        assert not overflows_sideways(tab)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(SCREENSHOTS / f"care-record-{width}.png"), full_page=True)

        message = Message.objects.get(interview=ended)
        token = re.search(r"/r/([A-Za-z0-9_-]+)/result/", build_email(message).body).group(1)
        candidate = _tab(chromium, live_server, width, "nl")
        candidate_violations = csp_violations(candidate)
        candidate.goto(f"/r/{token}/result/")
        assert "Sanne vertelde over haar jaren bij De Bakkerij." in candidate.content()
        assert not overflows_sideways(candidate)
        candidate.screenshot(path=str(SCREENSHOTS / f"care-result-{width}.png"), full_page=True)
        candidate.fill("textarea[name=corrections]", "Het waren vijf jaren.")
        candidate.locator("button[type=submit]").click()
        candidate.wait_for_url(f"**/r/{token}/result/thanks/")

        tab.goto(f"/interviews/{ended.pk}/")
        assert "Het waren vijf jaren." in tab.locator("#aftercare").inner_text()
        assert violations == [] and candidate_violations == []
    finally:
        tab.context.close()
        if candidate is not None:
            candidate.context.close()
