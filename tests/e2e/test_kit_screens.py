"""Interview kits (E1) in a real browser: the recruiter starts from the standard kit and edits it,
the hiring manager reads the kit of their interview, and it prints without menus or buttons.
Screenshots at desk and phone width; the page never scrolls sideways.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest

from regisseur.evaluation.models import KitQuestion
from regisseur.interviews.models import Guideline
from tests.conftest import make_interview
from tests.e2e.conftest import overflows_sideways, sign_in

SCREENSHOTS = Path(tempfile.gettempdir()) / "regisseur-e2e"
WIDTHS = (1366, 390)


def shot(tab: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_recruiter_builds_the_kit_and_the_hiring_manager_reads_and_prints_it(
    page: Any, chromium: Any, live_server: Any, alice: Any, hank: Any, manager: Any, application: Any, acme: Any
) -> None:
    vacancy = application.vacancy
    star = Guideline.objects.create(organisation=acme, title="STAR", body="Situation, Task, Action, Result.")
    interview = make_interview(alice, application, kind="hiring_manager")
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page)

    # From the vacancy record to its kit; an empty kit offers the standard one.
    page.goto(f"/vacancies/{vacancy.pk}/")
    page.click("nav.tabs a:has-text('Interview kit')")
    page.wait_for_url(f"**/vacancies/{vacancy.pk}/kit/")
    page.click("button:has-text('Start from the standard kit')")
    page.wait_for_selector(".flash-success")
    assert KitQuestion.objects.filter(kit__vacancy=vacancy).count() > 7

    # Link STAR, add a question to the opening, with a competency.
    page.check(f"input[name=guidelines][value='{star.pk}']")
    page.click("button:has-text('Save guidelines and visibility')")
    page.wait_for_selector(".flash-success")
    page.fill("#new-question-opening-text", "How was your journey here?")
    page.select_option("#new-question-opening-competency", label="Communicatie")
    page.click("#new-question-opening button:has-text('Add question')")
    page.wait_for_selector(".flash-success")
    added = KitQuestion.objects.get(text="How was your journey here?")
    assert added.phase == "opening" and added.competency is not None
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"/vacancies/{vacancy.pk}/kit/")
        assert not overflows_sideways(page), width
        shot(page, f"kit-editor-{width}")

    # The hiring manager reads the kit from the interview record.
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 1366, "height": 900})
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    tab = context.new_page()
    try:
        sign_in(tab, "hank")
        tab.goto(f"/interviews/{interview.pk}/")
        tab.click("a:has-text('Interview kit')")
        tab.wait_for_url(f"**/interviews/{interview.pk}/kit/")
        assert tab.locator("text=How was your journey here?").is_visible()
        assert tab.locator("text=Situation, Task, Action, Result.").is_visible()
        for width in WIDTHS:
            tab.set_viewport_size({"width": width, "height": 900})
            tab.reload()
            assert not overflows_sideways(tab), width
            shot(tab, f"kit-panel-{width}")
        tab.emulate_media(media="print")
        assert not tab.locator("header.topbar").is_visible()
        assert tab.locator("a.button:visible, button:visible").count() == 0
        assert tab.locator("text=How was your journey here?").is_visible()
        shot(tab, "kit-panel-print")
    finally:
        context.close()
