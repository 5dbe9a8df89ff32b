"""The video link in real Chromium: the planning form shows the field for a video interview, the record
keeps the link, and the candidate's answer page gives it as a link on a phone and a desktop screen."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

from regisseur.interviews.models import Interview, LocationPreset
from regisseur.recruitment.models import Contact
from tests.conftest import make_application, make_interview, soon
from tests.responses.conftest import link_path

SCREENSHOTS = Path(tempfile.gettempdir()) / "regisseur-video-link"
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
LINK = "https://meet.example.test/bakkerij-jansen-42"
PROMISE = "Online via Microsoft Teams. The link follows in the invitation."


def shot(target: Any, name: str, **options: Any) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target.screenshot(path=str(SCREENSHOTS / f"{name}.png"), **options)


def log_in(tab: Any, username: str) -> None:
    tab.goto("/login/")
    tab.fill("input[name=username]", username)
    tab.fill("input[name=password]", "correct horse 1")
    tab.click("button[type=submit].primary")
    tab.wait_for_url("**/interviews/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_planning_form_asks_for_the_link_of_a_video_interview(page, alice, vacancy):
    application = make_application(vacancy)
    preset = LocationPreset.objects.create(organisation=alice.organisation, name="Teams", location=PROMISE)
    log_in(page, "alice")
    page.goto(f"/interviews/plan/?application={application.pk}")
    field = page.locator(".video-link-field")
    page.select_option("select[name=type]", "in_person")
    assert not field.is_visible()
    page.select_option("select[name=type]", "video")
    assert field.is_visible()
    page.select_option("select[name=location_preset]", str(preset.pk))
    assert page.input_value("textarea[name=location]") == PROMISE

    # A link that is no web address is refused beside the field, which stays in view.
    page.fill("input[name=date]", soon(days=6).strftime("%d-%m-%Y"))
    page.fill("input[name=time]", "10:00")
    page.fill("input[name=video_link]", "ftp://files.example.test/meeting")
    page.click("button[type=submit].primary >> nth=0")
    page.wait_for_selector("#id_video_link_errors")  # the form comes back from the server: wait for it
    assert page.locator("#id_video_link_errors").is_visible()
    section = page.locator("fieldset.group", has=page.locator("#id_video_link"))
    section.scroll_into_view_if_needed()
    shot(section, "plan-video-link-error")

    page.fill("input[name=video_link]", LINK)
    section.scroll_into_view_if_needed()
    shot(section, "plan-video-link")
    page.click("button[type=submit].primary >> nth=0")
    page.wait_for_url("**/interviews/*/")
    assert Interview.objects.get().video_link == LINK
    assert page.locator(f".video-link a[href='{LINK}']").is_visible()
    shot(page, "record-video-link", full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("width", "height"), [(390, 844), (1366, 900)])
def test_the_answer_page_gives_the_video_link_as_a_link(chromium, live_server, alice, hank, vacancy, width, height):
    vacancy.hiring_manager = Contact.objects.get(user=hank)
    vacancy.save(update_fields=["hiring_manager"])
    application = make_application(vacancy, language="en")
    interview = make_interview(
        alice,
        application,
        starts_at=soon(days=6, hour=10),
        type="video",
        kind="both",
        location=PROMISE,
        video_link=LINK,
    )
    context = chromium.new_context(base_url=live_server.url, viewport={"width": width, "height": height})
    tab = context.new_page()
    try:
        tab.goto(link_path(interview))
        link = tab.locator(f".video-link a[href='{LINK}']")
        assert link.is_visible()
        assert link.inner_text() == LINK
        assert tab.locator(".people").inner_text() == "Alice de Vries (recruiter) and Hank Manager (hiring manager)"
        # The link fits the screen: no sideways scrolling on a phone.
        assert tab.evaluate("document.documentElement.scrollWidth") <= width
        tab.locator(".arrangements").scroll_into_view_if_needed()
        shot(tab, f"answer-video-link-{width}", full_page=True)
    finally:
        context.close()
