"""Issue 7, items 4-5 in a real browser: a spaced bulk invitation, going back from the email step, a group record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from regisseur.actions.planning import plan_interviews
from regisseur.interviews.models import Interview, InterviewStatus
from regisseur.interviews.planning import Planning
from regisseur.messaging.models import Message
from tests.conftest import make_application, soon
from tests.e2e.test_invite_flow import SCREENSHOTS

WIDE = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def shot(page: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def log_in(page: Any) -> None:
    page.goto("/login/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", "correct horse 1")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/interviews/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_recruiter_invites_three_spaced_goes_back_from_the_email_and_cancels_them(
    page, transactional_db, alice, vacancy
):
    for first, last in (("Anna", "Eerst"), ("Bram", "Tweede"), ("Cees", "Derde")):
        make_application(vacancy, first, last)
    moment = soon(days=7, hour=11)
    log_in(page)

    # Nothing ticked: "Run" stays on the candidate overview and says why.
    page.goto(f"/vacancies/{vacancy.pk}/candidates/")
    page.click("text=Run")
    page.wait_for_url(f"**/vacancies/{vacancy.pk}/candidates/")
    assert "Tick at least one candidate" in page.locator(".flash").inner_text()

    for name in ("Anna Eerst", "Bram Tweede", "Cees Derde"):
        page.get_by_label(f"Select {name}").check()
    page.click("text=Run")
    page.wait_for_url("**/interviews/invite/**")

    # One interview each, 45 minutes, the spacing left empty: one after the other, shown while typing.
    page.get_by_label("One interview each").check()
    page.fill("#id_date", moment.strftime("%d-%m-%Y"))
    page.fill("#id_time", "11:00")
    page.fill("#id_duration_minutes", "45")
    page.fill("#id_interviewer", "Jan Smit")
    times = page.inner_text("#spacing-times")
    # In the order of the candidate overview (by last name).
    assert "11:00 Cees Derde · 11:45 Anna Eerst · 12:30 Bram Tweede" in times
    # All at once with the same interviewer: the page says who would be needed twice.
    page.fill("#id_spacing_minutes", "0")
    assert "11:00 Bram Tweede" in page.inner_text("#spacing-times")
    page.click("button.primary:has-text('Next')")
    page.locator("section.conflicts").wait_for()
    conflicts = page.locator("section.conflicts").inner_text()
    assert "New interviews with Cees Derde and Anna Eerst" in conflicts
    assert "New interviews with Anna Eerst and Bram Tweede" in conflicts
    assert "Interviewer needed in both at once: Jan Smit" in conflicts
    assert not Interview.objects.exists()
    page.set_viewport_size(WIDE)
    shot(page, "20-bulk-form-conflict-1366")
    page.set_viewport_size(PHONE)
    shot(page, "21-bulk-form-conflict-390")
    page.set_viewport_size(WIDE)

    page.fill("#id_spacing_minutes", "")
    page.click("button.primary:has-text('Next')")
    page.wait_for_url("**/interviews/communicate/?interview=*")
    assert "3 interviews planned." in page.locator(".flash").inner_text()
    starts = [timezone_clock(i) for i in Interview.objects.order_by("starts_at")]
    assert starts == ["11:00", "11:45", "12:30"]

    # "Back" from the email: a warning, with the way to cancel them quietly.
    page.click("a.button:has-text('Back')")
    page.wait_for_url("**/interviews/invite/back/?interview=*")
    assert "The interviews have been planned already" in page.locator("h1").inner_text()
    assert "nobody has been told yet" in page.locator("main").inner_text()
    shot(page, "22-back-from-the-email")
    page.click("button:has-text('Cancel these 3 interviews and change the planning')")
    page.wait_for_url("**/interviews/invite/?application=*")
    assert "3 planned interviews have been cancelled" in page.locator(".flash").inner_text()
    assert set(Interview.objects.values_list("status", flat=True)) == {InterviewStatus.CANCELLED}
    assert not Message.objects.exists()
    # The same candidates, the planning as it was.
    assert page.input_value("#id_time") == "11:00"
    assert page.input_value("#id_duration_minutes") == "45"
    assert page.input_value("#id_interviewer") == "Jan Smit"
    assert "Cees Derde" in page.locator(".selected-candidates").inner_text()
    page.set_viewport_size(WIDE)
    shot(page, "23-bulk-form-again-1366")
    page.set_viewport_size(PHONE)
    shot(page, "24-bulk-form-again-390")


def timezone_clock(interview: Interview) -> str:
    return timezone.localtime(interview.starts_at).strftime("%H:%M")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_group_record_lists_its_members(page, transactional_db, alice, vacancy):
    applications = [
        make_application(vacancy, "Anna", "Eerst"),
        make_application(vacancy, "Bram", "Tweede"),
        make_application(vacancy, "Cees", "Derde"),
    ]
    group = plan_interviews(
        actor=alice,
        applications=applications,
        planning=Planning(starts_at=soon(days=7, hour=14), duration_minutes=90, participants=[alice]),
        as_group=True,
    ).interviews
    log_in(page)
    page.goto(f"/interviews/{group[0].pk}/")
    section = page.locator("section.group-members")
    assert "Group interview with 3 candidates" in section.inner_text()
    page.set_viewport_size(WIDE)
    shot(page, "25-group-record-1366")
    page.set_viewport_size(PHONE)
    shot(page, "26-group-record-390")
    section.locator("a:has-text('Bram Tweede')").click()
    page.wait_for_url(f"**/interviews/{group[1].pk}/")
    page.click("a.button:has-text('Cancel interview')")
    assert "This cancels the group interview for all 3 candidates." in page.locator("main").inner_text()
