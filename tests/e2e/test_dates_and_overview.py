"""Issue 9 in real Chromium: the calendar gives dd-mm-yyyy to an American browser; the overview fits the screen."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from regisseur.interviews.models import Interview
from tests.conftest import make_application, make_interview, soon

SCREENSHOTS = Path(tempfile.gettempdir()) / "regisseur-e2e"
LONG_LOCATION = (
    "Hoofdkantoor Bakkerij Jansen, Catharijnesingelzuidvleugelverdiepingsruimte 80-82, 3511GLUtrecht, "
    "derde verdieping, vraag bij de receptie naar de personeelsafdeling"
)


def sign_in(chromium: Any, live_server: Any, *, width: int, height: int, language: str = "en") -> tuple[Any, Any]:
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": width, "height": height}, locale="en-US"
    )
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    context.set_default_timeout(15_000)
    tab = context.new_page()
    tab.goto("/login/")
    tab.fill("#id_username", "alice")
    tab.fill("#id_password", "correct horse 1")
    tab.keyboard.press("Enter")
    tab.wait_for_url(lambda url: "/login/" not in url)
    return context, tab


def fits(tab: Any) -> bool:
    return bool(tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def shot(tab: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_calendar_sets_a_day_first_date_in_an_american_browser(chromium, live_server, alice, application):
    year = timezone.now().year + 1
    context, tab = sign_in(chromium, live_server, width=1366, height=768)
    try:
        tab.goto(f"/interviews/plan/?application={application.pk}&from=candidate")
        assert tab.get_attribute("#id_date", "type") == "text"
        assert tab.get_attribute("#id_date", "placeholder") == "dd-mm-yyyy"
        # Start from a typed date: the calendar opens on it.
        tab.fill("#id_date", f"10-01-{year}")
        tab.get_by_role("button", name="Choose a date from the calendar").click()
        calendar = tab.get_by_role("dialog")
        assert calendar.is_visible()
        assert tab.locator(".datepicker-title").inner_text().lower() == f"january {year}"
        assert tab.locator(".datepicker-grid th").first.inner_text() == "Mon"
        shot(tab, "datepicker-en-US-1366")
        # Escape closes; the keyboard opens it again with Alt+Down from the field.
        tab.keyboard.press("Escape")
        assert not calendar.is_visible()
        tab.focus("#id_date")
        tab.keyboard.press("Alt+ArrowDown")
        assert calendar.is_visible()
        tab.get_by_role("button", name="Next month").click()
        assert tab.locator(".datepicker-title").inner_text().lower() == f"february {year}"
        # The keyboard: from the 10th two days right and one week down is the 19th.
        tab.locator('.datepicker-day[tabindex="0"]').focus()
        for key in ("ArrowRight", "ArrowRight", "ArrowDown"):
            tab.keyboard.press(key)
        tab.keyboard.press("Enter")
        assert not calendar.is_visible()
        assert tab.input_value("#id_date") == f"19-02-{year}"

        # The mouse: open again and click the 20th.
        tab.get_by_role("button", name="Choose a date from the calendar").click()
        tab.locator(f'.datepicker-day[data-date="20-02-{year}"]').click()
        assert tab.input_value("#id_date") == f"20-02-{year}"

        tab.fill("#id_time", "9.30")
        tab.fill("#id_duration_minutes", "45")
        tab.click("button.primary:has-text('Plan interview')")
        tab.wait_for_url("**/interviews/*/")
        planned = Interview.objects.get()
        assert planned.local_starts_at.date() == date(year, 2, 20)
        assert planned.local_starts_at.strftime("%H:%M") == "09:30"
        assert f"20-02-{year} 09:30" in tab.locator("main").inner_text()
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_dutch_calendar_names_months_and_days_in_dutch(chromium, live_server, alice, application):
    context, tab = sign_in(chromium, live_server, width=390, height=844, language="nl")
    try:
        tab.goto(f"/interviews/plan/?application={application.pk}&from=candidate")
        assert tab.get_attribute("#id_date", "placeholder") == "dd-mm-jjjj"
        tab.fill("#id_date", "10-03-2030")
        tab.get_by_role("button", name="Kies een datum in de kalender").click()
        assert tab.locator(".datepicker-title").inner_text().lower() == "maart 2030"
        assert tab.locator(".datepicker-grid th").first.inner_text().lower().startswith("ma")
        assert fits(tab)
        shot(tab, "datepicker-nl-390")
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_the_overview_and_the_planning_form_never_scroll_sideways(
    chromium, live_server, alice, bob, vacancy, language, width, height
):
    for index in range(6):
        application = make_application(
            vacancy, f"Maximiliaan-Alexander{index}", "van der Hoogenbandt-Vredenburgh", mobile=""
        )
        make_interview(
            alice,
            application,
            starts_at=soon(days=1 + index, hour=9 + index),
            interviewer="Alice de Vries",
            participants=[alice, bob],
            location=LONG_LOCATION,
        )
    context, tab = sign_in(chromium, live_server, width=width, height=height, language=language)
    try:
        tab.goto("/interviews/")
        assert tab.locator("table.interviews-overview tbody tr").count() == 6
        shot(tab, f"overview-{language}-{width}")
        assert fits(tab), tab.evaluate("document.documentElement.scrollWidth")
        tab.goto(f"/interviews/?date={soon(days=1).strftime('%d-%m-%Y')}&sort=-candidate")
        assert fits(tab)
        shot(tab, f"overview-day-{language}-{width}")
        tab.goto("/interviews/?date=31-02-2026")
        assert tab.locator("#id_date_errors").is_visible()
        assert tab.locator("table.interviews-overview tbody tr").count() == 6
        assert fits(tab)
        shot(tab, f"overview-bad-date-{language}-{width}")
        application = make_application(vacancy, "Kort", "Naam")
        tab.goto(f"/interviews/plan/?application={application.pk}&from=candidate")
        assert fits(tab)
        shot(tab, f"planning-form-{language}-{width}")
    finally:
        context.close()
