"""The reminder part of the planning form and the reminder on the record, in real Chromium, with screenshots."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

from regisseur.accounts.models import Role
from regisseur.accounts.services import create_user
from regisseur.reminders.models import Reminder
from tests.conftest import make_application, soon

SCREENSHOTS = Path(tempfile.gettempdir()) / "regisseur-reminders"
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def shot(target: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def log_in(tab: Any, username: str) -> None:
    tab.goto("/login/")
    tab.fill("input[name=username]", username)
    tab.fill("input[name=password]", "correct horse 1")
    tab.click("button[type=submit].primary")
    tab.wait_for_url("**/interviews/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_reminder_part_without_sms_access(page, alice, vacancy):
    application = make_application(vacancy, mobile="+31612345678")
    log_in(page, "alice")
    page.goto(f"/interviews/plan/?application={application.pk}")
    section = page.locator("fieldset.reminder-fields")
    assert page.locator("input[name=reminder]").count() == 2
    # With script, only what the chosen option needs is shown.
    assert not page.locator("[data-reminder-email]").is_visible()
    assert not page.locator(".reminder-days").is_visible()
    page.check("input[name=reminder][value=email]")
    assert page.locator("[data-reminder-email]").is_visible()
    section.scroll_into_view_if_needed()
    shot(section, "plan-reminder-without-sms")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_reminder_part_with_sms_access_and_the_record(page, acme, vacancy):
    create_user(
        username="sam",
        password="correct horse 1",
        organisation=acme,
        role=Role.RECRUITER,
        sms_access=True,
        first_name="Sam",
        last_name="Sms",
        email="sam@acme.test",
        language="en",
    )
    application = make_application(vacancy, "Piet", "Jansen")  # no mobile number
    moment = soon(days=10, hour=14)
    log_in(page, "sam")
    page.goto(f"/interviews/plan/?application={application.pk}")
    assert page.locator("input[name=reminder]").count() == 4
    assert page.locator("#reminder-no-mobile").is_visible()
    page.fill("input[name=date]", moment.strftime("%d-%m-%Y"))
    page.fill("input[name=time]", "14:00")
    page.check("input[name=reminder][value=email_sms]")
    page.select_option("select[name=reminder_days]", "2")
    page.fill("input[name=reminder_subject]", "See you soon")
    section = page.locator("fieldset.reminder-fields")
    section.scroll_into_view_if_needed()
    shot(section, "plan-reminder-with-sms")
    page.click("button[type=submit].primary >> nth=0")
    page.wait_for_url("**/interviews/*/")
    assert Reminder.objects.get().channel == "email_sms"
    assert page.locator(".flash-warning").is_visible()
    assert page.locator("#reminder .reminder-skip").is_visible()
    page.screenshot(path=str(SCREENSHOTS / "record-with-reminder.png"), full_page=True)
    page.goto("/interviews/")
    shot(page, "overview-with-reminder")
