"""The calendar in real Chromium (issue 9): it fits a phone and a laptop, an empty half hour plans an
interview there with the person filled in, and a block opens its interview. Screenshots are kept in
the temporary directory (regisseur-calendar/) to look at, not committed."""

from __future__ import annotations

import os
import re
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from regisseur.interviews.models import ConfirmationStatus, Interview, InterviewGroup, LocationPreset
from regisseur.recruitment.models import Vacancy
from tests.conftest import make_application
from tests.e2e.conftest import sign_in

SCREENSHOTS = Path(tempfile.gettempdir()) / "regisseur-calendar"
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def put(vacancy: Vacancy, starts_at: datetime, name: str, people: tuple[Any, ...], **fields: Any) -> Interview:
    application = make_application(vacancy, name, "Visser")
    minutes = fields.pop("duration_minutes", 60)
    interview = Interview.objects.create(
        organisation=vacancy.client.organisation,
        vacancy=vacancy,
        application=application,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes),
        duration_minutes=minutes,
        **fields,
    )
    interview.participants.set(people)
    return interview


def at(day_offset: int, hour: int, minute: int = 0) -> datetime:
    """A moment this week (Monday is offset 0), in Amsterdam."""
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    naive = datetime.combine(monday + timedelta(days=day_offset), datetime.min.time()).replace(hour=hour, minute=minute)
    return timezone.make_aware(naive, timezone.get_default_timezone())


def a_busy_week(alice: Any, bob: Any, vacancy: Vacancy) -> Interview:
    room = LocationPreset.objects.create(
        organisation=alice.organisation, name="Zaal Utrecht", location="Catharijnesingel 80"
    )
    first = put(vacancy, at(0, 9), "Sanne", (alice,), location_preset=room)
    put(
        vacancy,
        at(0, 9, 30),
        "Daan",
        (alice, bob),
        duration_minutes=45,
        confirmation_status=ConfirmationStatus.ACCEPTED,
    )
    put(vacancy, at(0, 10), "Femke", (alice,), duration_minutes=30, confirmation_status=ConfirmationStatus.NOT_ACCEPTED)
    put(
        vacancy,
        at(1, 13, 15),
        "Lotte",
        (alice,),
        duration_minutes=90,
        confirmation_status=ConfirmationStatus.CONTACT_FOR_NEW_APPOINTMENT,
    )
    put(vacancy, at(2, 7, 30), "Joost", (alice,), confirmation_status=ConfirmationStatus.NOT_APPLICABLE)
    put(vacancy, at(3, 19, 30), "Laat", (alice,), duration_minutes=90)
    group = InterviewGroup.objects.create(organisation=alice.organisation)
    for name in ("Eva", "Noah", "Mila"):
        put(vacancy, at(4, 11), name, (alice,), group=group)
    return first


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_calendar_never_scrolls_the_page_sideways(
    chromium, live_server, alice, bob, vacancy, width, height, language
):
    a_busy_week(alice, bob, vacancy)
    alice.language = language
    alice.save(update_fields=["language"])
    context = chromium.new_context(base_url=live_server.url, viewport={"width": width, "height": height})
    tab = context.new_page()
    try:
        sign_in(tab, "alice")
        for view in ("week", "day"):
            tab.goto(f"/interviews/calendar/?view={view}&date={at(0, 0):%d-%m-%Y}")
            assert tab.locator("a.block").count() >= 1
            fits = tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
            assert fits, (view, tab.evaluate("document.documentElement.scrollWidth"))
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            tab.screenshot(path=str(SCREENSHOTS / f"{view}-{width}-{language}.png"), full_page=True)
        if width > 1000:
            # At laptop width the week grid itself needs no sideways scrolling either.
            tab.goto(f"/interviews/calendar/?date={at(0, 0):%d-%m-%Y}")
            box = tab.locator(".calendar-scroll")
            assert box.evaluate("element => element.scrollWidth <= element.clientWidth")
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_empty_half_hour_plans_an_interview_with_that_colleague_then(page, alice, bob, vacancy):
    make_application(vacancy, "Tim", "de Wit")
    sign_in(page, "alice")
    next_week = at(7, 0)
    page.goto(f"/interviews/calendar/?date={next_week:%d-%m-%Y}")
    page.select_option("select[name=show]", f"user-{bob.pk}")
    page.click("button[type=submit].primary")
    page.wait_for_url(re.compile(rf"show=user-{bob.pk}"))
    day = next_week + timedelta(days=2)
    page.click(f"section[data-date='{day:%Y-%m-%d}'] a.slot[href*='time=14%3A30']")
    page.select_option("select[name=application]", label="Tim de Wit")
    page.click("button[type=submit].primary")
    page.wait_for_url(re.compile(r"/interviews/plan/\?.*application="))
    assert page.input_value("input[name=date]") == f"{day:%d-%m-%Y}"
    assert page.input_value("input[name=time]") == "14:30"
    assert page.is_checked(f"input[name=participants][value='{bob.pk}']")
    assert not page.is_checked(f"input[name=participants][value='{alice.pk}']")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_clicking_a_block_opens_the_interview(page, alice, bob, vacancy):
    first = a_busy_week(alice, bob, vacancy)
    sign_in(page, "alice")
    page.goto(f"/interviews/calendar/?date={at(0, 0):%d-%m-%Y}")
    block = page.locator(f"a.block[data-interview='{first.pk}']")
    assert "Sanne Visser" in block.inner_text()
    block.click()
    page.wait_for_url(f"**/interviews/{first.pk}/")
    assert "Sanne Visser" in page.locator("h1").inner_text()
