"""Accessibility (issue 9, item 12): axe-core in real Chromium finds no serious or critical
violation on any main page, in English and in Dutch, wide and on a phone; and no page
scrolls sideways (item 9)."""

from __future__ import annotations

import os
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from regisseur.messaging.defaults import install_defaults
from regisseur.messaging.services import communicate
from tests.conftest import make_application, make_interview
from tests.e2e.conftest import overflows_sideways, sign_in
from tests.responses.conftest import link_path

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERIOUS = {"serious", "critical"}
# What sticks out on the right, to read in a failure: the outermost such elements.
WIDEST = """(() => {
  const out = [];
  const clipped = (element) => {
    for (let up = element.parentElement; up; up = up.parentElement) {
      if (["auto", "scroll", "hidden"].includes(getComputedStyle(up).overflowX)) return true;
    }
    return false;
  };
  for (const element of document.querySelectorAll('body *')) {
    if (clipped(element)) continue;
    const box = element.getBoundingClientRect();
    if (box.right > window.innerWidth + 1 && !out.some((outer) => outer.contains(element))) {
      out.push(element);
    }
  }
  const right = (e) => Math.round(e.getBoundingClientRect().right);
  return out.slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className} (${right(e)})`);
})()"""
AXE = Axe()


def serious_violations(tab: Any) -> list[str]:
    """Each serious or critical violation as "rule: where", to read in the failure."""
    results = AXE.run(tab)
    return [
        f"{violation['id']} ({violation['impact']}): {node['target']} {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
        for node in violation["nodes"]
    ]


@pytest.fixture
def pages(alice: Any, acme: Any, vacancy: Any) -> dict[str, str]:
    """Every main page of the recruiter, with something on it."""
    install_defaults(acme)
    sanne = make_application(vacancy, "Sanne", "Bakker", mobile="+31612345678")
    piet = make_application(vacancy, "Piet", "Jansen", language="en")
    interview = make_interview(alice, sanne, location="Catharijnesingel 80, Utrecht", interviewer="Jan Smit")
    make_interview(alice, piet)
    [message] = communicate(actor=alice, interviews=[interview], audience="candidate")
    return {
        "overview": "/interviews/",
        "interview record": f"/interviews/{interview.pk}/",
        "planning form": f"/interviews/plan/?application={sanne.pk}",
        "edit form": f"/interviews/{interview.pk}/edit/",
        "communicate": f"/interviews/{interview.pk}/communicate/candidate/",
        "cancel": f"/interviews/{interview.pk}/cancel/",
        "message": f"/messages/{message.pk}/",
        "vacancies": "/vacancies/",
        "vacancy record": f"/vacancies/{vacancy.pk}/",
        "vacancy candidates": f"/vacancies/{vacancy.pk}/candidates/",
        "board": f"/vacancies/{vacancy.pk}/board/",
        "new vacancy": "/vacancies/new/",
        "candidates": "/candidates/",
        "candidate record": f"/candidates/{sanne.candidate.pk}/",
        "new candidate": "/candidates/new/",
        "application": f"/applications/{sanne.pk}/",
        "settings": "/settings/",
        "templates": "/settings/templates/",
        "new template": "/settings/templates/new/",
        "profiles": "/settings/profiles/",
        "locations": "/settings/locations/",
        "new location": "/settings/locations/new/",
        "guidelines": "/settings/guidelines/",
        "new guideline": "/settings/guidelines/new/",
        "calendar week": "/interviews/calendar/",
        "calendar day": f"/interviews/calendar/?view=day&date={interview.starts_at.date():%d-%m-%Y}",
        "past interviews": "/interviews/?when=past",
        "search": "/search/?q=Bakker",
        "import": "/candidates/import/",
        "candidate's answer page": link_path(interview),
        "interview day": f"/monitoring/?date={interview.starts_at.date():%d-%m-%Y}&scope=all",
        "interview monitoring": f"/monitoring/interviews/{interview.pk}/",
        "kit library": "/settings/kits/",
    }


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("width", [1366, 390])
def test_no_main_page_has_a_serious_accessibility_violation(page, live_server, pages, language, width):
    page.set_viewport_size({"width": width, "height": 768 if width > 500 else 844})
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    sign_in(page)
    found: dict[str, list[str]] = {}
    for name, path in pages.items():
        page.goto(path)
        if violations := serious_violations(page):
            found[name] = violations
    assert found == {}


def test_a_serious_violation_would_be_caught(page, pages):
    """The check itself: an image without a text alternative, added to one of our pages, is reported."""
    sign_in(page)
    page.goto(pages["overview"])
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/static/x.png\">')")
    assert any(violation.startswith("image-alt (critical)") for violation in serious_violations(page))


@pytest.mark.parametrize("width", [390, 1366])
def test_no_main_page_scrolls_sideways(page, pages, width):
    """Item 9: usable at 390 px without the page scrolling sideways (a table scrolls in its own box)."""
    page.set_viewport_size({"width": width, "height": 844 if width < 500 else 768})
    sign_in(page)
    wide = {}
    for name, path in pages.items():
        page.goto(path)
        if overflows_sideways(page):
            wide[name] = page.evaluate(WIDEST)
    assert wide == {}, "\n".join(f"{name}: {elements}" for name, elements in wide.items())
