"""The metrics page (O5) in real Chromium: no serious accessibility violation (English and Dutch, wide and
on a phone), no sideways scrolling of the page, the charts drawn without JavaScript."""

from __future__ import annotations

import os
from typing import Any

import pytest
import time_machine

from tests.e2e.conftest import overflows_sideways, sign_in
from tests.e2e.test_accessibility import serious_violations
from tests.monitoring import metrics_data as data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PATH = "/monitoring/metrics/?from=01-03-2026&to=30-06-2026"


@pytest.fixture
def story(alice: Any, bob: Any, client_company: Any) -> data.Story:
    return data.tell(alice, bob, client_company)


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("width", [1366, 390])
def test_the_metrics_page_is_accessible_and_fits(
    page: Any, live_server: Any, story: data.Story, language: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    sign_in(page)
    with time_machine.travel(data.NOW, tick=False):
        for group_by in ("month", "vacancy"):
            page.goto(f"{PATH}&group_by={group_by}")
            assert page.locator("svg.bar-chart").count() == 6
            assert serious_violations(page) == []
            assert not overflows_sideways(page)
    if shots := os.environ.get("METRICS_SCREENSHOTS"):
        page.screenshot(path=f"{shots}/metrics-{language}-{width}.png", full_page=True)


def test_the_charts_need_no_javascript(chromium: Any, live_server: Any, story: data.Story) -> None:
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    tab = context.new_page()
    traveller = time_machine.travel(data.NOW, tick=False)
    traveller.start()
    tab.goto("/login/")
    tab.fill("input[name=username]", "alice")
    tab.fill("input[name=password]", "correct horse 1")
    tab.click("button[type=submit].primary")
    tab.goto(PATH)
    zero_surprise = tab.locator("svg.chart-zero-surprise")
    assert zero_surprise.get_attribute("role") == "img"
    assert zero_surprise.locator("text.value").all_text_contents() == ["33%", "25%", "100%", "—"]
    assert zero_surprise.locator("rect").first.bounding_box()["height"] > 0
    context.close()
    traveller.stop()
