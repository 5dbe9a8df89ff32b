"""Crisis playbooks (O3) in a real browser: "candidate ill" from start to closing.

The recruiter starts the playbook on an interview, edits and sends the drafted message to the
client (it arrives at a real SMTP server with the edits), picks an offered new time (the
interview moves) and closes the incident with a lesson. Screenshots at desk and phone width.

It starts on the interview-day board, where the interview shows its risks.
"""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from regisseur.core.timezones import to_zone
from regisseur.monitoring.models import Incident, IncidentStep
from regisseur.recruitment.models import Contact
from tests.conftest import make_interview, run_worker, soon
from tests.e2e.conftest import overflows_sideways, sign_in

SCREENSHOTS = Path(tempfile.gettempdir()) / "regisseur-e2e"


def shot(tab: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_candidate_ill_from_start_to_lessons(
    page: Any, live_server: Any, settings: Any, smtp_server: Any, alice: Any, bob: Any, application: Any
) -> None:
    settings.BASE_URL = live_server.url
    Contact.objects.create(client=application.vacancy.client, name="Carla Klant", email="carla@client.test")
    interview = make_interview(alice, application, starts_at=soon(days=4, hour=10), participants=[bob])
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page)

    day = to_zone(interview.starts_at, "Europe/Amsterdam").strftime("%d-%m-%Y")
    page.goto(f"/monitoring/?date={day}&scope=all")
    card = page.locator(f"#board-item-{interview.pk}").locator("xpath=ancestor::article")
    assert card.locator(".risks li").count() > 0  # not confirmed, checklist open
    card.locator("a:has-text('Playbook')").click()
    page.wait_for_url(f"**/monitoring/interviews/{interview.pk}/**")
    shot(page, "playbook-0-monitoring-page-1366")
    page.click(".playbook-summary a:has-text('Candidate ill or emergency')")
    page.wait_for_url("**/incident/?kind=candidate_ill")
    assert page.is_checked("input[name=kind][value=candidate_ill]")
    page.fill("textarea[name=note]", "Sanne called in sick")
    page.click("button:has-text('Start the playbook')")
    page.wait_for_url("**/monitoring/incidents/**")
    incident = Incident.objects.get(interview=interview)

    # The drafted client message, prefilled and editable; the situation is filled in when sent.
    body = page.locator("textarea[name='inform_client-body_client_nl']")
    assert "Sanne Bakker" in body.input_value()
    body.fill(body.input_value().replace("Goedendag,", "Beste Carla,\n\nIk bel je zo nog even."))
    page.fill("textarea[name='inform_client-situation']", "Sanne heeft hoge koorts.")
    shot(page, "playbook-1-drafted-1366")
    page.click("#step-inform_client button:has-text('Send')")
    page.wait_for_selector(".flash-success")
    run_worker()

    (mail,) = [m for m in smtp_server.messages if m["To"].addresses[0].addr_spec == "carla@client.test"]
    text = mail.get_body(preferencelist=("plain",)).get_content()
    assert "Ik bel je zo nog even." in text and "Sanne heeft hoge koorts." in text
    assert IncidentStep.objects.get(incident=incident, code="inform_client").done

    # An offered new time: the interview moves there and the step is done.
    first = page.locator("#step-offer_new_times form").first
    offered = first.locator("input[name=starts_at]").get_attribute("value")
    first.locator("button:has-text('Pick this time')").click()
    page.wait_for_selector(".flash-success")
    interview.refresh_from_db()
    assert interview.starts_at == datetime.fromisoformat(offered)
    assert IncidentStep.objects.get(incident=incident, code="offer_new_times").done

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/monitoring/incidents/{incident.pk}/")
    wide = page.evaluate(
        "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > window.innerWidth)"
        ".slice(0, 8).map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + e.getBoundingClientRect().right)"
    )
    assert not overflows_sideways(page), wide
    shot(page, "playbook-2-after-new-time-390")
    page.set_viewport_size({"width": 1366, "height": 900})

    page.fill("textarea[name=lessons]", "Ask for the client's backup candidate sooner.")
    page.click("button:has-text('Close with these lessons')")
    page.wait_for_selector("text=The incident is closed.")
    incident.refresh_from_db()
    assert incident.closed_at is not None and incident.lessons == "Ask for the client's backup candidate sooner."
    shot(page, "playbook-3-closed-1366")
