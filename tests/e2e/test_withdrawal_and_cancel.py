"""Issue 7 in a real browser: a withdrawal ends the interview for everyone; the cancel page drafts per audience.

The candidate withdraws on a phone-sized page through the link in their invitation; the
recruiter's overview shows the interview cancelled and the colleague, who received the
calendar invitation, receives the cancellation (METHOD:CANCEL, same UID) in Dutch.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from regisseur.interviews.models import InterviewStatus
from regisseur.messaging.models import Purpose
from regisseur.messaging.services import communicate
from regisseur.recruitment.models import Contact
from tests.conftest import make_application, make_interview, run_worker, soon

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

SCREENSHOTS = Path(tempfile.gettempdir()) / "regisseur-e2e"
PHONE = {"width": 390, "height": 844}
LINK = re.compile(r"https?://[^\s<>\"]+/r/[A-Za-z0-9_-]+/")


def shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def calendar_of(received: Any) -> tuple[str, str]:
    [part] = [part for part in received.walk() if part.get_content_type() == "text/calendar"]
    parsed = Calendar.from_ical(part.get_content())
    [event] = parsed.walk("VEVENT")
    return str(parsed["METHOD"]), str(event["UID"])


def log_in(chromium: Any, live_server: Any, viewport: dict[str, int]) -> tuple[Any, Any]:
    desk = chromium.new_context(base_url=live_server.url, viewport=viewport)
    desk.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    desk.set_default_timeout(15_000)
    page = desk.new_page()
    page.goto("/login/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", "correct horse 1")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/interviews/")
    return desk, page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_candidate_withdraws_on_a_phone_and_everyone_invited_is_told(
    chromium, live_server, transactional_db, settings, smtp_server, alice, colin, vacancy
):
    settings.BASE_URL = live_server.url
    application = make_application(vacancy, "Dewi", "Vierde", language="en")
    interview = make_interview(alice, application, starts_at=soon(days=5, hour=11), participants=[colin])
    communicate(actor=alice, interviews=[interview], audience="candidate")
    communicate(actor=alice, interviews=[interview], audience="colleagues", purpose=Purpose.COLLEAGUE_NOTICE)
    run_worker()
    invitations = {m["To"].addresses[0].addr_spec: m for m in smtp_server.messages}
    [link] = LINK.findall(invitations[application.candidate.email].get_body(("plain",)).get_content())
    assert calendar_of(invitations["colin@acme.test"])[0] == "REQUEST"
    smtp_server.received.clear()

    phone = chromium.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    phone.set_default_timeout(15_000)
    page = phone.new_page()
    page.goto(link)
    page.click("button[name=choice][value=withdraw]")
    page.wait_for_url("**/withdraw/")
    page.fill("textarea[name=message]", "I accepted another offer.")
    shot(page, "withdrawal-1-are-you-sure-390")
    page.click("form.answer-form button[type=submit]")
    page.wait_for_url("**/thanks/")
    assert page.locator(".recorded[data-choice=withdraw]").is_visible()
    # Nothing on the phone page runs off the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "withdrawal-2-thanks-390")
    phone.close()

    interview.refresh_from_db()
    assert (interview.status, interview.cancel_reason) == (InterviewStatus.CANCELLED, "candidate_withdrew")
    run_worker()
    received = {m["To"].addresses[0].addr_spec: m for m in smtp_server.messages}
    assert set(received) == {"colin@acme.test", "alice@acme.test"}  # the candidate gets nothing more
    cancellation = received["colin@acme.test"]
    assert calendar_of(cancellation) == ("CANCEL", calendar_of(invitations["colin@acme.test"])[1])
    text = cancellation.get_body(("plain",)).get_content()
    assert text.startswith("Beste collega,")
    assert "Reden: Kandidaat heeft zich teruggetrokken" in text
    assert "Colin Collega" in received["alice@acme.test"].get_body(("plain",)).get_content()

    desk, page = log_in(chromium, live_server, {"width": 1280, "height": 900})
    row = page.locator("table.interviews-overview tbody tr", has_text="Dewi Vierde")
    assert row.locator("td[data-status=cancelled]").count() == 1
    shot(page, "withdrawal-3-overview-cancelled")
    page.goto(f"/interviews/{interview.pk}/")
    assert "Candidate withdrew" in page.locator(".notice-cancelled").inner_text()
    shot(page, "withdrawal-4-record")
    desk.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_cancel_page_drafts_each_audiences_message_and_sends_the_edited_one(
    chromium, live_server, transactional_db, settings, smtp_server, alice, colin, hank, vacancy
):
    settings.BASE_URL = live_server.url
    vacancy.hiring_manager = Contact.objects.get(user=hank)
    vacancy.language = "en"
    vacancy.save(update_fields=["hiring_manager", "language"])
    application = make_application(vacancy, "Sanne", "Bakker", language="nl")
    interview = make_interview(alice, application, kind="both", starts_at=soon(days=6, hour=14), participants=[colin])
    for audience in ("candidate", "hiring_manager"):
        communicate(actor=alice, interviews=[interview], audience=audience)
    communicate(actor=alice, interviews=[interview], audience="colleagues", purpose=Purpose.COLLEAGUE_NOTICE)
    run_worker()
    smtp_server.received.clear()

    for width, height in ((390, 844), (1366, 900)):
        desk, page = log_in(chromium, live_server, {"width": width, "height": height})
        page.goto(f"/interviews/{interview.pk}/cancel/")
        assert page.locator("section.draft").count() == 3
        shot(page, f"cancel-page-drafts-{width}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        if width == 1366:
            page.fill("#id_reason", "The client closed the vacancy")
            page.fill("#id_subject_hiring_manager_en", "Interview with Sanne is off")
            page.click("form button.danger")
            page.wait_for_url(f"**/interviews/{interview.pk}/")
            assert page.locator(".notice-cancelled").is_visible()
        desk.close()

    run_worker()
    received = {m["To"].addresses[0].addr_spec: m for m in smtp_server.messages}
    assert set(received) == {application.candidate.email, "hank@jansen.test", "colin@acme.test"}
    assert received["hank@jansen.test"]["Subject"] == "Interview with Sanne is off"
    assert "Reason: The client closed the vacancy" in received["hank@jansen.test"].get_body(("plain",)).get_content()
    assert all(calendar_of(message)[0] == "CANCEL" for message in received.values())
