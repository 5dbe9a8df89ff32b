"""The interview-day board in real Chromium (seed 000): the active interview stands out with its risks,
the recruiter marks it started and ticks the checklist by clicking, on a laptop and on a phone.
Screenshots are kept in the temporary directory (regisseur-board/) to look at, not committed."""

from __future__ import annotations

import os
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from regisseur.interviews.models import Interview
from regisseur.monitoring.models import ChecklistTick, InterviewRun
from regisseur.recruitment.models import Contact
from tests.conftest import make_application, make_interview
from tests.e2e.conftest import overflows_sideways, sign_in

SCREENSHOTS = Path(tempfile.gettempdir()) / "regisseur-board"
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def a_busy_day(alice: Any, vacancy: Any) -> Interview:
    Contact.objects.create(client=vacancy.client, name="Carla Klant", email="carla@client.test", phone="+31201234567")
    now = timezone.now()
    active = make_interview(alice, make_application(vacancy, "Sanne", "Bakker"), starts_at=now + timedelta(days=1))
    begin = now - timedelta(minutes=15)
    Interview.objects.filter(pk=active.pk).update(starts_at=begin, ends_at=begin + timedelta(hours=1))
    later = make_interview(
        alice,
        make_application(vacancy, "Daan", "de Wit-Verhoeven", mobile="+31687654321"),
        starts_at=now + timedelta(days=1),
        type="video",
    )
    Interview.objects.filter(pk=later.pk).update(
        starts_at=now + timedelta(hours=3), ends_at=now + timedelta(hours=4), confirmation_status="accepted"
    )
    return active


@pytest.mark.parametrize("width", [1366, 390])
def test_the_recruiter_runs_the_day_from_the_board(page: Any, alice: Any, vacancy: Any, width: int) -> None:
    active = a_busy_day(alice, vacancy)
    page.set_viewport_size({"width": width, "height": 900 if width > 500 else 844})
    sign_in(page)
    SCREENSHOTS.mkdir(exist_ok=True)

    page.click("nav.sections >> text=Interview day")
    page.click("a.tab >> text=Everyone")
    card = page.locator("article.board-item.is-active")
    assert card.count() == 1
    assert "Sanne Bakker" in card.inner_text()
    risks = card.locator(".risk").all_inner_texts()
    assert "Not confirmed" in " ".join(risks) and "No mobile number" in " ".join(risks)
    assert "No video link" in page.locator("article.board-item", has_text="Daan").inner_text()
    assert not overflows_sideways(page)
    page.screenshot(path=str(SCREENSHOTS / f"board-{width}.png"), full_page=True)

    card.locator("summary", has_text="Call details").click()
    assert "+31201234567" in card.locator(".call-details").inner_text()
    card.locator("button", has_text="Started").click()
    assert "Started" in page.locator(".flash").inner_text()
    assert InterviewRun.objects.get(interview=active).started_at is not None

    page.locator("article.board-item.is-active h3 a").click()
    agenda = page.locator("li.checklist-item", has_text="Agenda and focus points confirmed")
    agenda.locator("input[name=note]").fill("Focus op klantcontact")
    agenda.locator("button", has_text="Done").click()
    assert "Focus op klantcontact" in page.locator("#day-before").inner_text()
    assert ChecklistTick.objects.get(interview=active, code="agenda").done
    assert not overflows_sideways(page)
    page.screenshot(path=str(SCREENSHOTS / f"monitoring-{width}.png"), full_page=True)
