"""Seed 004 end to end in a real browser: four candidates answer their invitation by link.

Four interviews are planned and communicated; the worker delivers the invitations to a
real SMTP server; each candidate opens the confirm link from the received email on a
phone-sized screen and gives one of the four answers; the recruiter then sees each answer
on the interviews overview, and the withdrawal on the application record.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest

from regisseur.interviews.models import ConfirmationStatus, Interview
from regisseur.messaging.models import HtmlProfile
from regisseur.messaging.services import communicate
from regisseur.recruitment.models import ApplicationStatus
from regisseur.responses.models import CandidateAnswer
from tests.conftest import make_application, make_interview, run_worker, soon

# Playwright's sync API runs an event loop in the test thread (see tests/e2e/conftest.py).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

SCREENSHOTS = Path(tempfile.gettempdir()) / "regisseur-e2e"
PHONE = {"width": 390, "height": 844}
LINK = re.compile(r"https?://[^\s<>\"]+/r/[A-Za-z0-9_-]+/")

# (first name, last name, language, answer, interview type, location, confirmation expected)
CANDIDATES = [
    ("Anna", "Eerst", "nl", "accept", "in_person", "Damrak 1\n1012 LG Amsterdam", ConfirmationStatus.ACCEPTED),
    ("Bram", "Tweede", "en", "decline", "video", "https://meet.example.test/bakker", ConfirmationStatus.NOT_ACCEPTED),
    (
        "Cees",
        "Derde",
        "nl",
        "new_appointment",
        "phone",
        "We call you on your mobile number.",
        ConfirmationStatus.CONTACT_FOR_NEW_APPOINTMENT,
    ),
    ("Dewi", "Vierde", "en", "withdraw", "in_person", "Damrak 1, Amsterdam", ConfirmationStatus.NOT_APPLICABLE),
]


def shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_four_candidates_answer_by_link_and_the_recruiter_sees_each_answer(
    chromium, live_server, transactional_db, settings, smtp_server, alice, vacancy
):
    settings.BASE_URL = live_server.url  # the links in the emails point at this server
    HtmlProfile.objects.create(
        organisation=alice.organisation,
        name="Acme",
        primary_colour="#7a1f5c",
        background_colour="#f6f1f4",
        footer="Acme Recruitment · Damrak 1, Amsterdam · 020 123 45 67",
        is_default=True,
    )
    interviews: dict[str, Interview] = {}
    for number, (first, last, language, _answer, kind, location, _status) in enumerate(CANDIDATES):
        application = make_application(vacancy, first, last, language=language)
        interview = make_interview(
            alice,
            application,
            starts_at=soon(days=7, hour=9 + number),
            duration_minutes=45,
            type=kind,
            location=location,
            interviewer="Jan Smit",
            memo="SECRET-MEMO",
        )
        interview.participants.add(alice)
        interviews[application.candidate.email] = interview

    communicate(actor=alice, interviews=list(interviews.values()), audience="candidate")
    run_worker()

    # Every invitation arrived with its own confirm link in the text part.
    links: dict[str, str] = {}
    for received in smtp_server.messages:
        text = received.get_body(("plain",)).get_content()
        assert "SECRET-MEMO" not in text
        [link] = LINK.findall(text)
        links[received["To"].addresses[0].addr_spec] = link
    assert set(links) == set(interviews)
    assert all(link.startswith(live_server.url + "/r/") for link in links.values())

    for first, last, language, answer, _kind, _location, _status in CANDIDATES:
        email = f"{first.lower()}.{last.lower()}@example.test"
        phone = chromium.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
        phone.set_default_timeout(15_000)
        page = phone.new_page()
        page.goto(links[email])
        assert page.locator("html").get_attribute("lang") == language
        assert "SECRET-MEMO" not in page.content()
        assert "Jan Smit" in page.locator(".arrangements").inner_text()
        shot(page, f"candidate-{answer}-{language}-1-answer-page")

        if answer == "accept":
            page.locator("input[name=preferred_mode][value=video]").check()
            page.locator("input[name=wants_questions_in_advance]").check()
            page.click("button[name=choice][value=accept]")
        elif answer == "decline":
            page.click("button[name=choice][value=decline]")
        elif answer == "new_appointment":
            page.fill("textarea[name=preferred_times]", "Donderdagmiddag of vrijdagochtend")
            page.fill("textarea[name=message]", "Ik heb die dag een tentamen.")
            page.click("button[name=choice][value=new_appointment]")
        else:
            page.click("button[name=choice][value=withdraw]")
            page.wait_for_url("**/withdraw/")
            shot(page, f"candidate-{answer}-{language}-2-are-you-sure")
            # Nothing has changed before the confirmation.
            assert CandidateAnswer.objects.filter(interview=interviews[email]).count() == 0
            page.click("form.answer-form button[type=submit]")

        page.wait_for_url("**/thanks/")
        assert page.locator(f".recorded[data-choice={answer}]").is_visible()
        shot(page, f"candidate-{answer}-{language}-3-thanks")

        if answer != "withdraw":
            # Coming back shows the answer given.
            page.goto(links[email])
            assert page.locator(f".current-answer[data-choice={answer}]").is_visible()
            shot(page, f"candidate-{answer}-{language}-4-back-with-current-answer")
        else:
            page.goto(links[email])
            assert page.locator(".dead-reason[data-reason=withdrawn]").is_visible()
            shot(page, f"candidate-{answer}-{language}-4-link-dead")
        phone.close()

    # The recruiter is told of every answer, by email.
    run_worker()
    notices = [m for m in smtp_server.messages if m["To"].addresses[0].addr_spec == "alice@acme.test"]
    assert len(notices) == 4
    assert all("SECRET-MEMO" not in m.get_body(("plain",)).get_content() for m in notices)

    # The recruiter sees each answer on the interviews overview (P7) ...
    desk = chromium.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    desk.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    desk.set_default_timeout(15_000)
    page = desk.new_page()
    page.goto("/login/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", "correct horse 1")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/interviews/")
    shot(page, "recruiter-1-interviews-overview-after-answers")
    for first, last, _language, _answer, _kind, _location, status in CANDIDATES:
        row = page.locator("table.interviews-overview tbody tr", has_text=f"{first} {last}")
        assert row.count() == 1
        assert row.locator(f"td[data-confirmation='{status}'] .badge-{status}").count() == 1

    # ... and the withdrawn application as Withdrawn on its record.
    withdrawn = interviews["dewi.vierde@example.test"]
    assert withdrawn.application is not None
    page.goto(f"/applications/{withdrawn.application.pk}/")
    shot(page, "recruiter-2-withdrawn-application")
    assert page.locator(".badge-withdrawn").first.is_visible()
    assert "Withdrawn" in page.locator(".badge-withdrawn").first.inner_text()
    withdrawn.application.refresh_from_db()
    assert withdrawn.application.status == ApplicationStatus.WITHDRAWN
    desk.close()
