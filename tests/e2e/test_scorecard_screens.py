"""The scorecard in real Chromium: it saves itself a moment after typing stops (scorecard.js)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from regisseur.evaluation.models import Evaluation
from tests.e2e.conftest import overflows_sideways, sign_in
from tests.evaluation.scorecard_builders import make_kit, panel_interview

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

SCREENSHOTS = Path(tempfile.gettempdir()) / "regisseur-e2e"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_scorecard_saves_itself_while_typing(page, alice, bob, application, vacancy):
    talk, _solve = make_kit(vacancy, "Communication", "Problem solving")
    interview = panel_interview(alice, application, colleagues=[bob])
    sign_in(page)

    page.goto(f"/interviews/{interview.pk}/evaluation/")
    page.check(f"input[name=rating_{talk.pk}][value='4']")
    page.fill("#id_strengths", "Clear examples")
    page.get_by_role("status").filter(has_text="Saved").wait_for()

    saved = Evaluation.objects.get(interview=interview, author=alice)
    assert (saved.strengths, saved.ratings, saved.submitted_at) == ("Clear examples", {str(talk.pk): 4}, None)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "scorecard.png"), full_page=True)
    assert not overflows_sideways(page)

    page.check("input[name=recommendation][value='yes']")
    page.get_by_role("button", name="Submit").click()
    page.get_by_role("link", name="Edit (new version)").wait_for()
    assert Evaluation.objects.get(interview=interview, author=alice).submitted_at is not None

    page.get_by_role("link", name="Panel review").first.click()
    page.get_by_role("heading", name="The panel's decision").wait_for()
    page.screenshot(path=str(SCREENSHOTS / "panel.png"), full_page=True)
    assert not overflows_sideways(page)
