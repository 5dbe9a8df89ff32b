"""Seed 004 end to end in a real browser: vacancy list → candidate overview → invite two → email → overview."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest

from regisseur.interviews.models import ConfirmationStatus, Interview
from regisseur.messaging.models import Message
from tests.conftest import make_application, soon

SCREENSHOTS = Path(tempfile.gettempdir()) / "regisseur-e2e"


def shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_recruiter_invites_two_candidates_and_sees_them_pending(page, transactional_db, alice, vacancy):
    make_application(vacancy, "Anna", "Eerst")
    make_application(vacancy, "Bram", "Tweede")
    make_application(vacancy, "Cees", "Derde")
    moment = soon(days=7, hour=10)

    # Log in through the login form.
    page.goto("/login/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", "correct horse 1")
    shot(page, "01-login")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/interviews/")

    # Vacancy list (top bar) → the vacancy → its candidate overview.
    page.click("nav.sections >> text=Vacancies")
    page.wait_for_url("**/vacancies/")
    shot(page, "02-vacancy-list")
    page.click("table.list >> text=Bakker")
    page.click("nav.tabs >> text=Candidates")
    page.wait_for_url(f"**/vacancies/{vacancy.pk}/candidates/")
    shot(page, "03-candidate-overview")

    # Tick two candidates, choose "Invite for interview" and run.
    page.get_by_label("Select Anna Eerst").check()
    page.get_by_label("Select Bram Tweede").check()
    page.select_option("#recruitment-action", "invite")
    shot(page, "04-two-ticked")
    page.click("text=Run")
    page.wait_for_url("**/interviews/invite/**")
    assert page.locator(".selected-candidates").inner_text().count("\n") >= 1
    assert "Anna Eerst" in page.locator(".selected-candidates").inner_text()
    assert "Cees Derde" not in page.locator(".selected-candidates").inner_text()

    # Fill the planning form: one interview each, date, time, duration, type, kind, interviewer.
    page.get_by_label("One interview each").check()
    page.fill("#id_date", moment.strftime("%d-%m-%Y"))
    page.fill("#id_time", "10:00")
    page.fill("#id_duration_minutes", "45")
    # One after the other: the same interviewer cannot be in both at once.
    page.fill("#id_spacing_minutes", "45")
    assert "10:00 Anna Eerst · 10:45 Bram Tweede" in page.inner_text("#spacing-times")
    page.select_option("#id_type", "video")
    page.select_option("#id_kind", "hiring_manager")
    page.fill("#id_interviewer", "Jan Smit")
    page.fill("#id_location", "https://meet.example.test/bakker")
    shot(page, "05-planning-form")
    page.click("button.primary:has-text('Next')")

    # Seed 004, step 6: check the email (From, Subject, Content), keep the action "Send email", Send.
    page.wait_for_url("**/interviews/communicate/?interview=*")
    assert "2 interviews planned." in page.locator(".flash").inner_text()
    assert page.input_value("#id_action") == "send"
    assert "alice" in page.locator(".envelope").inner_text().lower()
    assert page.input_value("#id_subject_nl")
    assert page.input_value("#id_body_nl")
    shot(page, "06-invitation-email")
    page.select_option("#id_action", "send")
    page.click("button.primary:has-text('Send')")

    # Step 7: the sending followed on its own page, then back on the candidate overview, the status updated.
    page.wait_for_url("**/messages/progress/*/")
    assert "queued for sending to 2 candidates." in page.locator(".flash").inner_text()
    assert page.locator("table.progress tbody tr").count() == 2
    page.click("text=Back to the candidates")
    page.wait_for_url(f"**/vacancies/{vacancy.pk}/candidates/")
    overview = page.locator("table.list").inner_text()
    assert overview.count(moment.strftime("%d-%m-%Y 10:00")) == 1
    assert overview.count(moment.strftime("%d-%m-%Y 10:45")) == 1
    assert page.locator("table.list .badge-pending").count() == 2
    shot(page, "07-back-on-candidate-overview")
    assert Message.objects.filter(audience="candidate", purpose="invitation").count() == 2

    # The interviews overview shows both, pending confirmation (P7).
    page.click("nav.sections >> text=Interviews")
    page.wait_for_url("**/interviews/")
    shot(page, "08-interviews-overview")
    rows = page.locator("table.interviews-overview tbody tr")
    assert rows.count() == 2
    text = page.locator("table.interviews-overview").inner_text()
    assert "Anna Eerst" in text and "Bram Tweede" in text
    assert moment.strftime("%d-%m-%Y 10:00") in text and moment.strftime("%d-%m-%Y 10:45") in text
    assert page.locator("td[data-confirmation='pending'] .badge-pending").count() == 2
    assert set(Interview.objects.values_list("confirmation_status", flat=True)) == {ConfirmationStatus.PENDING}

    # Open one: the record with its history.
    page.click("table.interviews-overview tbody tr:first-child td.when a")
    page.wait_for_url("**/interviews/*/")
    shot(page, "09-interview-record")
    assert "Jan Smit" in page.locator("main").inner_text()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_conflict_is_shown_before_saving_and_plan_anyway_saves(page, transactional_db, alice, application):
    from regisseur.interviews.models import LocationPreset
    from tests.conftest import make_interview

    LocationPreset.objects.create(organisation=alice.organisation, name="Hoofdkantoor", location="Damrak 1, Amsterdam")
    moment = soon(days=5, hour=14)
    make_interview(alice, application, starts_at=moment)
    page.goto("/login/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", "correct horse 1")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/interviews/")

    # From the application record (one of the four starting points) to the planning form.
    page.goto(f"/applications/{application.pk}/")
    page.click("a.button:has-text('Plan interview')")
    page.wait_for_url("**/interviews/plan/?application=*&from=application")
    page.fill("#id_date", moment.strftime("%d-%m-%Y"))
    page.fill("#id_time", "14:30")
    page.select_option("#id_location_preset", label="Hoofdkantoor")
    # The small script fills the free-text location from the preset.
    assert page.input_value("#id_location") == "Damrak 1, Amsterdam"
    page.click("button.primary:has-text('Plan interview')")
    conflicts = page.locator("section.conflicts")
    conflicts.wait_for()
    shot(page, "09-conflict-before-saving")
    assert "Sanne Bakker" in conflicts.inner_text()
    assert "Candidate already has an interview: Sanne Bakker" in conflicts.inner_text()
    assert Interview.objects.count() == 1
    assert page.input_value("#id_time") == "14:30"

    page.click("button[name=force]")
    page.wait_for_url("**/interviews/*/")
    shot(page, "10-planned-anyway")
    assert Interview.objects.count() == 2
    assert "The interview has been planned." in page.locator(".flash").inner_text()
    assert "Damrak 1, Amsterdam" in page.locator("main").inner_text()
