"""Issue 9, item 5 in a real browser: a CSV with bad and duplicate rows, previewed, nothing saved, then confirmed.

Screenshots of each step at 1366x768 and 390x844, in English and Dutch, go to the e2e artefacts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from regisseur.recruitment.models import Candidate
from tests.conftest import make_candidate
from tests.e2e.test_bulk_invite_back import log_in
from tests.e2e.test_invite_flow import SCREENSHOTS

WIDE = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
CSV = (
    "\ufeffVoornaam;Achternaam;E-mail;Mobiel;Taal\r\n"
    "Anna;Eerst;anna@example.test;06 12345671;nl\r\n"
    ";Zonder;zonder@example.test;;\r\n"
    "Bram;Fout;geen-email;0612;Frans\r\n"
    "Tim;de Wit;TIM@example.test;;en\r\n"
    "Anna;Tweemaal;anna@example.test;;\r\n"
)


def shots(page: Any, name: str) -> None:
    """The page as it is, wide and on a phone; neither scrolls sideways."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in (("wide", WIDE), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.screenshot(path=str(SCREENSHOTS / f"import-{name}-{label}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), f"{name} {label}"
    page.set_viewport_size(WIDE)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_recruiter_previews_an_import_with_bad_and_duplicate_rows_then_confirms(
    page, transactional_db, alice, acme, tmp_path: Path, settings
):
    settings.VAR_DIR = tmp_path
    make_candidate(acme, "Tim", "de Wit", email="tim@example.test")
    upload = tmp_path / "kandidaten.csv"
    upload.write_bytes(CSV.encode("utf-8"))
    log_in(page)

    page.goto("/candidates/")
    page.get_by_role("link", name="Import", exact=True).click()
    page.wait_for_url("**/candidates/import/")
    shots(page, "upload-en")
    page.set_input_files("#id_file", str(upload))
    page.click("text=Show preview")
    page.wait_for_url("**/candidates/import/*/")

    assert page.locator("tr[data-status=error]").count() == 2
    assert page.locator("tr[data-status=duplicate]").count() == 2
    assert page.locator("tr[data-status=new]").count() == 1
    errors = page.locator("#row-4").inner_text()
    assert "“geen-email” is not a valid email address." in errors
    assert "Unknown language “Frans”" in errors
    assert "The first name is missing." in page.locator("#row-3").inner_text()
    assert "row 2 of this file" in page.locator("#row-6").inner_text()
    assert "Tim de Wit" in page.locator("#row-5").inner_text()
    shots(page, "preview-en")
    preview_url = page.url

    # Nothing saved yet: the candidate list still has only Tim.
    page.goto("/candidates/")
    assert "1 candidate" in page.locator(".list-meta").inner_text()
    assert Candidate.objects.count() == 1

    # The same preview in Dutch.
    page.goto(preview_url)
    page.click("button[lang=nl]")
    page.wait_for_url(preview_url)
    assert "De voornaam ontbreekt." in page.locator("#row-3").inner_text()
    shots(page, "preview-nl")
    page.click("button[lang=en]")
    page.wait_for_url(preview_url)

    page.get_by_label("Row 5: skip or update").select_option("update")
    page.click("button:text-is('Import')")
    page.wait_for_url("**/candidates/import/done/")
    summary = page.locator(".import-summary").inner_text()
    assert "Created\n1" in summary.replace("\t", "\n")
    assert "Updated\n1" in summary.replace("\t", "\n")
    assert "Refused (errors)\n2" in summary.replace("\t", "\n")
    shots(page, "done-en")

    page.click("text=Go to candidates")
    rows = page.locator("table.list tbody").inner_text()
    assert "Eerst, Anna" in rows
    assert "de Wit, Tim" in rows and "English" in rows
    assert "Fout" not in rows
    assert Candidate.objects.count() == 2

    page.goto("/candidates/import/")
    page.click("button[lang=nl]")
    page.wait_for_url("**/candidates/import/")
    shots(page, "upload-nl")
