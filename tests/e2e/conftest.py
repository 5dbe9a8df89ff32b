"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright against pytest-django's live server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Without these Chromium keeps trying to reach the internet and stalls (TESTING.md).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Playwright's sync API runs an event loop in this thread; Django refuses database
# work from a thread with a running loop unless told that it is safe, which it is here:
# the test thread only prepares data and reads results, the live server answers the browser.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("browser test: /usr/bin/chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def csp_violations(tab: Any) -> list[str]:
    """Chromium reports each Content-Security-Policy violation as a console error; collect them."""
    found: list[str] = []
    tab.on(
        "console",
        lambda message: found.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return found


@pytest.fixture
def page(chromium: Any, live_server: Any) -> Iterator[Any]:
    """A fresh browser tab reading the interface in English, so assertions read the source texts.

    Every browser test also checks that nothing it saw broke the Content-Security-Policy.
    """
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    context.set_default_timeout(15_000)
    tab = context.new_page()
    violations = csp_violations(tab)
    yield tab
    context.close()
    assert violations == [], violations


def sign_in(tab: Any, username: str = "alice") -> None:
    """Sign in through the login page, as a person would; every persona's password is the same."""
    tab.goto("/login/")
    tab.fill("input[name=username]", username)
    tab.fill("input[name=password]", "correct horse 1")
    tab.click("button[type=submit].primary")
    # Recruiters land on their interviews, hiring managers and committee members on their portal.
    tab.wait_for_url(lambda url: "/login/" not in url)


def overflows_sideways(tab: Any) -> bool:
    """Whether the page itself scrolls sideways (a box of its own that scrolls inside is fine)."""
    return bool(tab.evaluate("document.documentElement.scrollWidth > window.innerWidth"))
