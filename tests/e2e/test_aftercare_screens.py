"""After the interview (O4) in real Chromium: the recruiter's page and a party's rating page, at 1366 and 390 px."""

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
from regisseur.messaging.models import Message, Purpose
from regisseur.monitoring.aftercare import send_due_check_ins
from regisseur.monitoring.models import Debrief, Rating
from regisseur.recruitment.models import Contact
from tests.conftest import make_interview
from tests.e2e.conftest import overflows_sideways

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

SCREENSHOTS = Path(tempfile.gettempdir()) / "regisseur-e2e"


@pytest.fixture
def ended(alice, application, vacancy) -> Any:
    """An interview that ended half an hour ago, whose check-ins have just gone out."""
    Contact.objects.create(client=vacancy.client, name="Carla Klant", email="carla@client.test")
    starts = (timezone.now() - timedelta(minutes=90)).replace(second=0, microsecond=0)
    with time_machine.travel(starts - timedelta(days=2), tick=False):
        interview = make_interview(alice, application, starts_at=starts, location="Damrak 1, Amsterdam")
    send_due_check_ins()
    return interview


def _tab(chromium: Any, live_server: Any, width: int, language: str) -> Any:
    context = chromium.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    context.set_default_timeout(15_000)
    return context.new_page()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1366, 390])
def test_the_recruiter_works_through_the_aftercare(chromium, live_server, alice, bob, ended, width):
    tab = _tab(chromium, live_server, width, "en")
    try:
        tab.goto("/login/")
        tab.fill("#id_username", "alice")
        tab.fill("#id_password", "correct horse 1")
        tab.keyboard.press("Enter")
        tab.wait_for_url(lambda url: "/login/" not in url)
        tab.goto(f"/monitoring/interviews/{ended.pk}/after/")
        assert tab.locator('.check-ins li[data-audience="candidate"]').get_attribute("data-state") == "sent"
        assert not overflows_sideways(tab)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(SCREENSHOTS / f"aftercare-{width}.png"), full_page=True)

        tab.locator("#checklist form").first.get_by_role("button").click()
        tab.wait_for_url(f"**/monitoring/interviews/{ended.pk}/after/#checklist")
        assert "1/5" in tab.locator("#checklist-heading").inner_text()

        tab.fill("#id_duration_minutes", "45")
        tab.locator("#debrief label", has_text="Bob Jansen").click()
        tab.get_by_role("button", name="Plan and invite").click()
        tab.wait_for_url(f"**/monitoring/interviews/{ended.pk}/after/#debrief")
        assert "Debrief invitation queued for sending to" in tab.locator(".flash").inner_text()
        assert Debrief.objects.get().duration_minutes == 45

        tab.fill("#id_notes", "Goed gesprek")
        tab.get_by_role("button", name="Log as completed").click()
        tab.wait_for_url(f"**/monitoring/interviews/{ended.pk}/after/#completion")
        assert "Completed by Alice de Vries" in tab.locator("#completion").inner_text()
        assert not overflows_sideways(tab)
        tab.screenshot(path=str(SCREENSHOTS / f"aftercare-done-{width}.png"), full_page=True)
    finally:
        tab.context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1366, 390])
def test_the_candidate_rates_the_interview_in_dutch(chromium, live_server, ended, width):
    body = build_email(Message.objects.get(purpose=Purpose.CHECK_IN)).body  # as the email carries it
    link = re.search(r"/r/[\w-]+/rating/4/", body)
    assert link
    tab = _tab(chromium, live_server, width, "en")  # the browser's language does not matter: the candidate's does
    try:
        tab.goto(link.group(0))
        assert tab.locator("input[name=score][value='4']").is_checked()
        assert Rating.objects.get(audience="candidate").score is None  # opening the link records nothing
        assert "Hoe was het?" in tab.locator("h1").inner_text()
        assert not overflows_sideways(tab)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(SCREENSHOTS / f"rating-{width}.png"), full_page=True)

        tab.fill("textarea[name=comment]", "Fijn en duidelijk")
        tab.get_by_role("button", name="Verzenden").click()
        tab.wait_for_url("**/rating/thanks/")
        assert "4/5" in tab.locator(".recorded").inner_text()
        tab.screenshot(path=str(SCREENSHOTS / f"rating-thanks-{width}.png"), full_page=True)
    finally:
        tab.context.close()
    rating = Rating.objects.get(audience="candidate")
    assert (rating.score, rating.comment) == (4, "Fijn en duidelijk")
