"""The candidate overview's selection and a bulk send's progress, in real Chromium."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

from regisseur.messaging.models import Message
from tests.conftest import make_application, run_worker, soon
from tests.e2e.conftest import overflows_sideways, sign_in

SCREENSHOTS = Path(tempfile.gettempdir()) / "regisseur-bulk"
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shot(tab: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_select_all_and_none_tick_the_boxes_and_the_bar_counts_them(page, alice, vacancy):
    for number in range(30):
        make_application(vacancy, f"Kandidaat{number:02d}", "Jansen")
    sign_in(page)
    page.goto(f"/vacancies/{vacancy.pk}/candidates/")
    count = page.locator("[data-count]")
    assert count.inner_text() == "0"

    page.click("[data-select=all]")
    assert count.inner_text() == "30"
    assert page.locator("input[name=application]:checked").count() == 30
    page.locator("input[name=application]").nth(3).uncheck()
    assert count.inner_text() == "29"
    page.click("[data-select=none]")
    assert count.inner_text() == "0"

    # The bar stays in view at the bottom of a long list.
    page.mouse.wheel(0, 3000)
    bar = page.locator(".bulk-actions").bounding_box()
    assert bar is not None and 0 <= bar["y"] < 10
    shot(page, "selection-scrolled")


def test_a_bulk_invitation_ends_on_a_progress_page_that_follows_the_sending(page, alice, vacancy, smtp_server):
    for first in ("Anna", "Bram", "Cees"):
        make_application(vacancy, first, "Jansen")
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page)
    page.goto(f"/vacancies/{vacancy.pk}/candidates/")
    page.click("[data-select=all]")
    page.click("button.primary:has-text('Run')")
    page.wait_for_url("**/interviews/invite/**")
    page.get_by_label("One interview each").check()
    page.fill("#id_date", soon(days=7, hour=11).strftime("%d-%m-%Y"))
    page.fill("#id_time", "11:00")
    page.fill("#id_duration_minutes", "45")
    page.click("button.primary:has-text('Next')")
    page.wait_for_url("**/interviews/communicate/?interview=*")
    page.click("button.primary:has-text('Send')")
    page.wait_for_url("**/messages/progress/**")

    assert "Still on its way" in page.inner_text("main")
    assert page.locator("table.progress tbody tr").count() == 3
    assert not overflows_sideways(page)
    shot(page, "progress-queued-390")
    run_worker()
    page.wait_for_selector("text=every message was accepted", timeout=15_000)  # the page looked again by itself
    assert Message.objects.filter(state="sent").count() == 3
    shot(page, "progress-done-390")
