"""The workflow board in real Chromium: drag a card to another stage; on a phone the columns
scroll inside their own box and the page never scrolls sideways."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

from regisseur.recruitment.models import Application, ApplicationStage
from tests.conftest import make_application
from tests.e2e.conftest import overflows_sideways, sign_in

SCREENSHOTS = Path(tempfile.gettempdir()) / "regisseur-board"
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shot(tab: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_dragging_a_card_to_another_column_moves_the_application(page, alice, vacancy):
    sanne = make_application(vacancy, "Sanne", "Bakker")
    make_application(vacancy, "Maximiliaan-Alexander", "van Oldenbarnevelt-Tjarda Starckenborgh")
    sign_in(page)
    page.goto(f"/vacancies/{vacancy.pk}/board/")
    card = page.locator(f".board-card[data-application='{sanne.pk}']")
    offer = page.locator(".board-column[data-stage='offer']")

    card.drag_to(offer)

    page.wait_for_selector("#board-status:not(:empty)")
    assert "Sanne Bakker moved to “Offer”" in page.locator("#board-status").inner_text()
    assert offer.locator(f".board-card[data-application='{sanne.pk}']").count() == 1
    assert offer.locator(".count").inner_text() == "(1)"
    assert Application.objects.get(pk=sanne.pk).stage == ApplicationStage.OFFER
    shot(page, "board-1366")
    page.reload()  # as the server has it
    assert offer.locator(f".board-card[data-application='{sanne.pk}']").count() == 1


def test_without_dragging_the_card_moves_with_its_own_select_and_button(page, alice, vacancy):
    sanne = make_application(vacancy, "Sanne", "Bakker")
    sign_in(page)
    page.goto(f"/vacancies/{vacancy.pk}/board/")
    card = page.locator(f".board-card[data-application='{sanne.pk}']")

    card.locator("select[name=stage]").select_option("screening")
    card.locator("button", has_text="Move").click()

    page.wait_for_url(f"**/vacancies/{vacancy.pk}/board/")
    assert Application.objects.get(pk=sanne.pk).stage == ApplicationStage.SCREENING


@pytest.mark.parametrize("width", [390, 1366])
def test_the_board_never_makes_the_page_scroll_sideways_and_cuts_no_stage_name(page, alice, vacancy, width):
    make_application(vacancy, "Maximiliaan-Alexander", "van Oldenbarnevelt-Tjarda Starckenborgh")
    page.set_viewport_size({"width": width, "height": 844 if width == 390 else 768})
    sign_in(page)
    page.goto(f"/vacancies/{vacancy.pk}/board/")

    assert not overflows_sideways(page)
    scroller = page.locator(".board-scroll")
    if width == 390:  # the columns scroll inside their own box
        assert scroller.evaluate("box => box.scrollWidth > box.clientWidth")
    select = page.locator(".board-card select[name=stage]").first
    # The select is wide enough for its longest stage name ("To plan interview").
    assert select.evaluate("s => s.scrollWidth <= s.clientWidth + 1")
    shot(page, f"board-{width}")
