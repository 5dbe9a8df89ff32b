"""In a real Chromium, every kind of page works under the Content-Security-Policy: the scripts
(now static files) run, the brand colours and swatches show, the email preview keeps its styles,
and the browser reports no violation (the `page` fixture fails a test on any)."""

from __future__ import annotations

import os
from typing import Any

import pytest

from regisseur.accounts.models import User
from regisseur.interviews.models import LocationPreset
from regisseur.messaging.models import HtmlProfile
from tests.conftest import make_interview
from tests.e2e.conftest import csp_violations
from tests.responses.conftest import link_path

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


def sign_in(page: Any, username: str = "alice") -> None:
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "correct horse 1")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/interviews/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_violation_would_be_caught(chromium, live_server, transactional_db):
    """The listener itself: an inline script added to one of our pages is refused and reported."""
    context = chromium.new_context(base_url=live_server.url)
    try:
        tab = context.new_page()
        violations = csp_violations(tab)
        tab.goto("/login/")
        # What an injection would do: add an inline <script> (DevTools' own evaluate is exempt).
        tab.evaluate(
            """() => { const script = document.createElement("script");
                       script.textContent = "document.body.dataset.ran = 'yes'";
                       document.head.appendChild(script); }"""
        )
        tab.wait_for_timeout(300)
        assert tab.evaluate("document.body.dataset.ran") is None
    finally:
        context.close()
    assert violations and "script-src" in violations[0]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_recruiters_pages_work_under_the_policy(page, transactional_db, alice, application):
    LocationPreset.objects.create(organisation=alice.organisation, name="Hoofdkantoor", location="Damrak 1, Amsterdam")
    HtmlProfile.objects.create(organisation=alice.organisation, name="Acme", primary_colour="#7a1f5c", is_default=True)
    interview = make_interview(alice, application)
    sign_in(page)

    # plan.js: the preset fills the location; the video link shows only for a video interview.
    page.goto(f"/interviews/plan/?application={application.pk}")
    page.select_option("#id_location_preset", label="Hoofdkantoor")
    assert page.input_value("#id_location") == "Damrak 1, Amsterdam"
    page.select_option("#id_type", "phone")
    assert not page.locator(".video-link-field").is_visible()
    page.select_option("#id_type", "video")
    assert page.locator(".video-link-field").is_visible()

    # The email preview keeps the email's own inline styles inside its sandboxed frame.
    page.goto(f"/interviews/{interview.pk}/communicate/candidate/")
    frame = page.frame_locator("iframe.email-frame")
    top = frame.locator("table[width='600']").evaluate("element => getComputedStyle(element).borderTopColor")
    assert top == "rgb(122, 31, 92)"  # #7a1f5c from the profile


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_profile_swatches_show_their_colours(page, transactional_db, ada):
    HtmlProfile.objects.create(organisation=ada.organisation, name="Acme", primary_colour="#7a1f5c", is_default=True)
    sign_in(page, "ada")
    page.goto("/settings/profiles/")
    assert page.locator("svg.swatch rect").first.evaluate("rect => getComputedStyle(rect).fill") == "rgb(122, 31, 92)"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_candidate_page_wears_its_brand_under_the_policy(page, transactional_db, alice, application):
    HtmlProfile.objects.create(organisation=alice.organisation, name="Acme", primary_colour="#7a1f5c", is_default=True)
    page.goto(link_path(make_interview(alice, application)))

    brand = page.evaluate("getComputedStyle(document.body).getPropertyValue('--brand').trim()")
    assert brand == "#7a1f5c"
    page.click("button[name=choice][value=accept]")
    page.wait_for_url("**/thanks/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_admin_works_under_the_policy(page, transactional_db, ada):
    User.objects.filter(pk=ada.pk).update(is_staff=True, is_superuser=True)
    page.goto("/admin/login/")
    page.fill("#id_username", "ada")
    page.fill("#id_password", "correct horse 1")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto("/admin/accounts/user/")
    page.locator("#searchbar").wait_for()
