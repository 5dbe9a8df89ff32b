"""The checklist settings in real Chromium: an administrator relabels, moves and adds lines; the page
does not scroll sideways at 1366x768 or 390x844 and has no serious accessibility violation.
Screenshots are kept in the temporary directory (regisseur-settings/checklists-*.png)."""

from __future__ import annotations

import pytest

from regisseur.monitoring.checklists import all_lines
from tests.e2e.conftest import sign_in
from tests.e2e.test_settings_screens import WIDE, shots


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_administrator_edits_the_after_interview_checklist_in_the_browser(page, ada, acme):
    page.set_viewport_size(WIDE)
    sign_in(page, "ada")
    page.goto("/settings/")
    page.get_by_role("link", name="Interview checklists").click()
    page.wait_for_url("**/settings/checklists/")
    shots(page, "checklists-en")

    after = page.locator("section#after")
    after.get_by_label("Text").first.fill("Op tijd begonnen, met iedereen")
    after.get_by_label("New line").fill("Kandidaat bedankt")
    after.get_by_role("button", name="Save After the interview: success checklist").click()
    page.wait_for_url("**/settings/checklists/#after")
    assert "Checklist saved." in page.locator(".flash").inner_text()

    page.locator("section#after").get_by_role("button", name="Move up: Kandidaat bedankt").click()
    page.wait_for_url("**/settings/checklists/#after")
    lines = [(line.code, line.label) for line in all_lines(acme.pk)["after"]]
    assert lines[0] == ("on_schedule", "Op tijd begonnen, met iedereen")
    assert lines[-2:] == [("kandidaat-bedankt", "Kandidaat bedankt"), ("feedback_timeline", lines[-1][1])]

    # A line of its own left without text is refused beside it.
    page.locator("section#after").get_by_label("Text").nth(4).fill("")
    page.locator("section#after").get_by_role("button", name="Save After the interview: success checklist").click()
    assert "Give this line a text." in page.locator("section#after .error-summary").inner_text()
    shots(page, "checklists-error-en")
