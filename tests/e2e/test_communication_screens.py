"""The communication screens in real Chromium, in English and Dutch, with screenshots to look at."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

from regisseur.messaging.defaults import install_defaults
from regisseur.messaging.services import communicate
from tests.conftest import make_application, make_interview

SCREENSHOTS = Path(tempfile.gettempdir()) / "regisseur-messaging"
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def shot(tab: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_communication_screens_render(page, live_server, alice, acme, vacancy, language):
    install_defaults(acme)
    anna = make_application(vacancy, "Anna", "Eerst", language="nl")
    bram = make_application(vacancy, "<script>alert(1)</script>", "Tweede", language="en")
    first = make_interview(alice, anna, location="Damrak 1, Amsterdam", interviewer="Jan Smit")
    second = make_interview(alice, bram, location="https://meet.example.test/bakker")
    communicate(actor=alice, interviews=[first], audience="candidate")
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto("/login/")
    page.fill("input[name=username]", "alice")
    page.fill("input[name=password]", "correct horse 1")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/interviews/")

    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(f"/interviews/{second.pk}/communicate/candidate/")
    assert page.locator("iframe.email-frame").count() == 1
    shot(page, f"{language}-communicate")
    page.goto(f"/interviews/communicate/?interview={first.pk}&interview={second.pk}")
    assert page.locator("iframe.email-frame").count() == 2
    page.locator("iframe.email-frame").nth(1).scroll_into_view_if_needed()
    bodies = [frame.locator("body").inner_text() for frame in page.frames[1:]]
    assert any("Dear" in body for body in bodies) and any("Beste" in body for body in bodies), bodies
    shot(page, f"{language}-bulk")
    page.goto("/settings/templates/new/")
    page.fill("#id_name", "Test")
    page.fill("#id_subject", "Hallo {naam}")
    page.fill("#id_body", "Beste {candidate_first_name}")
    page.click("button.primary")
    assert "{naam}" in page.locator("#id_subject_errors").inner_text()
    shot(page, f"{language}-template-form")
    page.goto(f"/interviews/{first.pk}/")
    shot(page, f"{language}-interview-record")
    page.goto(f"/candidates/{bram.candidate_id}/")
    shot(page, f"{language}-candidate-record")
    message = first.messages.first()
    page.goto(f"/messages/{message.pk}/")
    assert "Anna" in page.frames[1].locator("body").inner_text()
    shot(page, f"{language}-message")
    assert dialogs == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_confirm_link_box_follows_the_content_until_the_user_sets_it(page, alice, application):
    interview = make_interview(alice, application)
    page.goto("/login/")
    page.fill("input[name=username]", "alice")
    page.fill("input[name=password]", "correct horse 1")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/interviews/")
    page.goto(f"/interviews/{interview.pk}/communicate/candidate/")
    box = page.locator("input[name=include_confirm_link]")
    body = page.locator("textarea[name=body]")
    assert box.is_checked()

    body.press("End")
    body.type("\nLaat het ons weten: {confirmlink}")
    assert not box.is_checked()  # the content has the link: no second one added
    body.fill(body.input_value().replace("{confirmlink}", ""))
    assert box.is_checked()  # taken out again: the link is added

    box.uncheck()  # the user's choice now
    body.type(" {confirmlink}")
    body.fill(body.input_value().replace("{confirmlink}", ""))
    assert not box.is_checked()
    page.click("button[name=preview]")  # the server keeps the user's choice too
    assert not page.locator("input[name=include_confirm_link]").is_checked()
