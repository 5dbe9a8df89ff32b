"""Settings in real Chromium (issue 9, item 11): an administrator adds an interview location and a user
through the pages; no settings page scrolls sideways at 1366x768 or 390x844, in English or Dutch.
Screenshots are kept in the temporary directory (regisseur-settings/) to look at, not committed."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest

from regisseur.accounts.models import Role, User
from regisseur.accounts.roles import role_names
from regisseur.interviews.models import Guideline, LocationPreset
from tests.e2e.conftest import overflows_sideways, sign_in
from tests.e2e.test_accessibility import serious_violations

SCREENSHOTS = Path(tempfile.gettempdir()) / "regisseur-settings"
WIDE = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


def shots(tab: Any, name: str) -> None:
    """The page wide and on a phone; neither scrolls sideways nor has a serious accessibility violation."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in (("wide", WIDE), ("phone", PHONE)):
        tab.set_viewport_size(size)
        tab.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
        assert not overflows_sideways(tab), f"{name} at {label} scrolls sideways"
        assert serious_violations(tab) == [], f"{name} at {label}"
    tab.set_viewport_size(WIDE)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_administrator_adds_a_location_and_a_user_and_no_settings_page_scrolls_sideways(page, ada, alice, acme):
    Guideline.objects.create(organisation=acme, title="STAR-methode", body="Situatie, Taak, Actie, Resultaat.")
    page.set_viewport_size(WIDE)
    sign_in(page, "ada")
    page.goto("/settings/")
    shots(page, "index-en")

    page.get_by_role("link", name="Interview locations").click()
    page.get_by_role("link", name="New location").click()
    page.fill("#id_name", "Kantoor Utrecht")
    page.fill("#id_location", "Catharijnesingel 80\n3511 GM Utrecht\nMeld u bij de receptie op de begane grond.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/settings/locations/")
    assert "Location saved." in page.locator(".flash").inner_text()
    assert "Kantoor Utrecht" in page.locator("table.locations").inner_text()
    shots(page, "locations-en")
    assert LocationPreset.objects.get().organisation == acme

    # The same name again is refused beside the field.
    page.get_by_role("link", name="New location").click()
    page.fill("#id_name", "kantoor utrecht")
    page.fill("#id_location", "Elders")
    page.get_by_role("button", name="Save").click()
    assert "There is already a location named" in page.locator("#id_name_errors").inner_text()
    shots(page, "location-error-en")

    page.goto("/settings/guidelines/")
    shots(page, "guidelines-en")

    page.goto("/settings/")
    page.get_by_role("link", name="Users and roles").click()
    page.get_by_role("link", name="New user").click()
    page.fill("#id_first_name", "Noor")
    page.fill("#id_last_name", "de Boer")
    page.fill("#id_username", "noor")
    page.fill("#id_email", "noor@acme.test")
    page.get_by_label("Recruiter").check()
    page.get_by_label("Hiring manager").check()
    page.fill("#id_password1", "paars fietsje 42")
    page.fill("#id_password2", "paars fietsje 42")
    shots(page, "user-new-en")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/settings/users/")
    assert "User saved." in page.locator(".flash").inner_text()
    assert "Noor de Boer" in page.locator("table.users").inner_text()
    shots(page, "users-en")
    noor = User.objects.get(username="noor")
    assert role_names(noor) == {Role.RECRUITER, Role.HIRING_MANAGER}

    # The same pages in Dutch.
    page.click("button[lang=nl]")
    page.wait_for_url("**/settings/users/")
    assert "Gebruikers en rollen" in page.locator("h1").inner_text()
    shots(page, "users-nl")
    page.get_by_role("link", name="Noor de Boer").click()
    shots(page, "user-edit-nl")
    for name, path in (
        ("index-nl", "/settings/"),
        ("locations-nl", "/settings/locations/"),
        ("guidelines-nl", "/settings/guidelines/"),
    ):
        page.goto(path)
        shots(page, name)
    page.goto("/settings/users/new/")
    page.get_by_role("button", name="Opslaan").click()
    assert page.locator("#error-summary").is_visible()
    shots(page, "user-errors-nl")

    # The new colleague signs in with the password given.
    page.get_by_role("button", name="Uitloggen").click()
    page.goto("/login/")
    page.fill("input[name=username]", "noor")
    page.fill("input[name=password]", "paars fietsje 42")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/interviews/**")
