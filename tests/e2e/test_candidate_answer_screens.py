"""The candidate's answer, its to-dos and the history on the interview record, in Dutch, in real Chromium."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

from regisseur.actions.answering import answer_invitation
from regisseur.responses.models import FollowUp, FollowUpKind
from tests.conftest import make_interview
from tests.responses.conftest import link_path, token_of

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

SCREENSHOTS = Path(tempfile.gettempdir()) / "regisseur-e2e"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1366, 390])
def test_the_recruiter_ticks_off_a_to_do_on_the_dutch_record(chromium, live_server, alice, application, width):
    alice.language = "nl"
    alice.save(update_fields=["language"])
    interview = make_interview(alice, application, interviewer="Jan Smit", location="Damrak 1, Amsterdam")
    answer_invitation(
        token=token_of(link_path(interview)),
        choice="accept",
        preferred_mode="video",
        wants_questions_in_advance=True,
        preferred_times="Liefst in de ochtend",
        message="Ik gebruik een schermlezer; graag de vragen vooraf.",
    )
    context = chromium.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
    context.add_cookies([{"name": "django_language", "value": "nl", "url": live_server.url}])
    tab: Any = context.new_page()
    try:
        tab.goto("/login/")
        tab.fill("#id_username", "alice")
        tab.fill("#id_password", "correct horse 1")
        tab.keyboard.press("Enter")
        tab.wait_for_url(lambda url: "/login/" not in url)
        tab.goto(f"/interviews/{interview.pk}/")
        card = tab.locator("#candidate-answer")
        assert "Voorkeur soort interview" in card.inner_text()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(SCREENSHOTS / f"candidate-answer-before-nl-{width}.png"), full_page=True)
        card.locator('[data-follow-up="send_questions"]').get_by_role("button").click()
        tab.wait_for_url(f"**/interviews/{interview.pk}/#candidate-answer")
        assert "Afgevinkt: Stuur de vragen vooraf" in tab.locator(".flash").inner_text()
        assert "Gereed gemeld door Alice de Vries" in tab.locator("#candidate-answer").inner_text()
        history = tab.locator("table.history").inner_text()
        assert "Sanne Bakker (kandidaat)" in history and "Voorkeur soort interview" in history
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(SCREENSHOTS / f"candidate-answer-record-nl-{width}.png"), full_page=True)
        history_section = tab.locator('section[aria-labelledby="history-title"]')
        history_section.screenshot(path=str(SCREENSHOTS / f"candidate-answer-history-nl-{width}.png"))
        tab.goto("/interviews/")
        assert "Vragen vooraf gevraagd" not in tab.locator(f'tr[data-interview="{interview.pk}"]').inner_text()
        assert "Andere vorm gewenst" in tab.locator(f'tr[data-interview="{interview.pk}"]').inner_text()
        tab.screenshot(path=str(SCREENSHOTS / f"candidate-answer-overview-nl-{width}.png"), full_page=True)
    finally:
        context.close()
    assert FollowUp.objects.get(kind=FollowUpKind.SEND_QUESTIONS).done_by == alice
