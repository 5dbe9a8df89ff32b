"""The top bar's search in a real browser: "/" focuses it, a name or a number finds the candidate (issue 9, item 4)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest

from regisseur.recruitment.models import Candidate, Vacancy
from tests.conftest import make_application, make_candidate, make_interview
from tests.e2e.conftest import sign_in

SCREENSHOTS = Path(tempfile.gettempdir()) / "regisseur-e2e"


def shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_slash_focuses_the_search_and_a_part_of_a_name_or_a_number_opens_the_candidate(
    page: Any, transactional_db: Any, alice: Any, vacancy: Vacancy
) -> None:
    sanne = make_application(vacancy, "Sanne", "Wijnbergen", mobile="+31612345678").candidate
    make_interview(alice, make_application(vacancy, "Piet", "Jansen"), location="Kantoor Utrecht")
    sign_in(page)

    # "/" jumps to the box from anywhere on the page, but not while typing in a field.
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "site-search"
    page.keyboard.type("ijnber")
    assert page.input_value("#site-search") == "ijnber"
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=ijnber")
    shot(page, "search-name-1366-en")
    page.click(".search-results >> text=Sanne Wijnbergen")
    page.wait_for_url(f"**/candidates/{sanne.pk}/")

    page.goto("/candidates/")
    page.click("#id_q")
    page.keyboard.type("a/b")
    assert page.input_value("#id_q") == "a/b"
    assert page.evaluate("document.activeElement.id") == "id_q"

    # A mobile number as people type it.
    page.keyboard.press("Escape")
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("/")
    page.keyboard.type("06 12345678")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/**")
    assert "Sanne Wijnbergen" in page.inner_text("#found-candidates + .search-results")
    page.click(".search-results >> text=Sanne Wijnbergen")
    page.wait_for_url(f"**/candidates/{sanne.pk}/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_search_page_fits_a_phone_and_a_laptop(
    page: Any, transactional_db: Any, alice: Any, vacancy: Vacancy, live_server: Any, language: str
) -> None:
    for index in range(12):
        application = make_application(vacancy, "Sanne", f"Bakker-Wijnbergenhuizen{index}", mobile="+31612345678")
        make_interview(alice, application, location=f"Catharijnesingel {index}, 3511 GB Utrecht, derde verdieping")
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    sign_in(page)

    for width, height in ((1366, 768), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto("/search/?q=bakker")
        shot(page, f"search-{width}-{language}")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert page.locator(".search-results li").count() >= 10


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_duplicate_candidate_is_shown_with_a_link_and_created_only_when_confirmed(
    page: Any, transactional_db: Any, alice: Any, acme: Any, live_server: Any, language: str
) -> None:
    existing = make_candidate(acme, "Tim", "de Wit", email="tim@example.test", mobile="+31612345678")
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    sign_in(page)
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto("/candidates/new/")
    page.fill("#id_first_name", "Tim")
    page.fill("#id_last_name", "de Wit")
    page.fill("#id_email", "tim.dewit@example.test")
    page.fill("#id_mobile", "06 12345678")
    page.click("button[type=submit].primary")
    page.wait_for_selector(".duplicate-warning")
    shot(page, f"duplicate-390-{language}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    href = page.get_attribute(".duplicate-warning a", "href")
    assert href == f"/candidates/{existing.pk}/"
    assert Candidate.objects.count() == 1

    # Enter in a field checks again; only the button confirms.
    page.press("#id_first_name", "Enter")
    page.wait_for_selector(".duplicate-warning")
    assert Candidate.objects.count() == 1
    page.click("button[name=confirm_duplicate]")
    page.wait_for_url("**/candidates/*/")
    assert Candidate.objects.count() == 2
