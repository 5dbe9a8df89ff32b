"""The import in three steps as a recruiter uses it: upload, preview (nothing written), confirm, summary."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as HttpClient
from django.urls import reverse

from regisseur.accounts.models import Organisation, User
from regisseur.recruitment.models import Application, Candidate, Vacancy
from tests.conftest import make_candidate
from tests.importing.conftest import csv_file, xlsx_file
from tests.recruitment.conftest import browser_for, text

UPLOAD = reverse("recruitment:candidate_import")
FILE = [
    "Voornaam,Achternaam,E-mail,Mobiel,Taal",
    "Anna,Eerst,anna@example.test,0612345671,nl",  # 2: new
    ",Leeg,leeg@example.test,,",  # 3: missing first name
    "Bram,Fout,geen-email,0612,xx",  # 4: invalid email, phone, language
    "Cees,Dubbel,tim@example.test,,en",  # 5: same email as Tim in the database
    "Anna,Nogmaals,ANNA@example.test,,",  # 6: same email as row 2
    "Dirk,Mobiel,dirk@example.test,+31 6 12345671,",  # 7: same mobile as row 2
]


def upload(browser: HttpClient, file: Any, **extra: Any) -> Any:
    return browser.post(UPLOAD, {"file": file, **extra})


def preview_url(response: Any) -> str:
    assert response.status_code == 302, response.content[:2000]
    return str(response["Location"])


def statuses(page: str) -> dict[int, str]:
    return {int(line): status for line, status in re.findall(r'id="row-(\d+)" data-status="(\w+)"', page)}


@pytest.fixture
def tim(acme: Organisation) -> Candidate:
    return make_candidate(acme, "Tim", "de Wit", email="Tim@Example.test")


def test_the_preview_shows_every_row_with_its_status_and_writes_nothing(as_alice: HttpClient, tim: Candidate) -> None:
    page = text(as_alice.get(preview_url(upload(as_alice, csv_file(FILE)))))

    assert statuses(page) == {2: "new", 3: "error", 4: "error", 5: "duplicate", 6: "duplicate", 7: "duplicate"}
    assert "The first name is missing." in page
    assert "“geen-email” is not a valid email address." in page
    assert "“0612” is not a" in page
    assert "Unknown language “xx”" in page
    assert "row 2 of this file" in page
    assert reverse("recruitment:candidate_detail", args=[tim.pk]) in page
    assert Candidate.objects.count() == 1


def test_the_preview_speaks_dutch_to_a_dutch_recruiter(bob: User, tim: Candidate) -> None:
    browser = browser_for(bob)
    browser.cookies["django_language"] = "nl"

    page = text(browser.get(preview_url(upload(browser, csv_file(FILE)))))

    assert "De voornaam ontbreekt." in page
    assert "“geen-email” is geen geldig e-mailadres." in page
    assert "Onbekende taal “xx”" in page
    assert "Dubbel" in page and "rij 2 van dit bestand" in page


def test_confirming_writes_the_valid_rows_and_the_chosen_updates(as_alice: HttpClient, tim: Candidate) -> None:
    url = preview_url(upload(as_alice, csv_file(FILE)))

    done = as_alice.post(url, {"all_duplicates": "", "row-5": "update", "row-6": "skip", "row-7": "skip"}, follow=True)

    page = text(done)
    assert re.search(r'data-count="created">1<', page)
    assert re.search(r'data-count="updated">1<', page)
    assert re.search(r'data-count="skipped">2<', page)
    assert re.search(r'data-count="refused">2<', page)
    assert sorted(Candidate.objects.values_list("first_name", flat=True)) == ["Anna", "Cees"]
    tim.refresh_from_db()
    assert (tim.first_name, tim.last_name, tim.language) == ("Cees", "Dubbel", "en")
    # The upload is gone once imported: confirming twice imports nothing twice.
    assert as_alice.post(url, {"all_duplicates": "update"}).status_code == 404


def test_update_all_merges_later_rows_into_the_earlier_new_candidate(as_alice: HttpClient) -> None:
    url = preview_url(upload(as_alice, csv_file(FILE)))

    as_alice.post(url, {"all_duplicates": "update"})

    # Row 6 (same email) and then row 7 (same mobile) were written over row 2, in file order.
    merged = Candidate.objects.get(mobile="+31612345671")
    assert (merged.first_name, merged.last_name, merged.email) == ("Dirk", "Mobiel", "dirk@example.test")
    assert sorted(Candidate.objects.values_list("first_name", flat=True)) == ["Cees", "Dirk"]


def test_imported_and_updated_candidates_are_put_on_the_chosen_vacancy_once(
    as_alice: HttpClient, vacancy: Vacancy, tim: Candidate
) -> None:
    Application.objects.create(candidate=tim, vacancy=vacancy)
    url = preview_url(upload(as_alice, csv_file(FILE), vacancy=vacancy.pk))
    assert "Every imported or updated candidate is added to the vacancy" in text(as_alice.get(url))

    as_alice.post(url, {"row-5": "update"})

    assert sorted(Application.objects.filter(vacancy=vacancy).values_list("candidate__first_name", flat=True)) == [
        "Anna",
        "Cees",
    ]


def test_an_excel_file_imports_like_a_csv(as_alice: HttpClient) -> None:
    url = preview_url(
        upload(as_alice, xlsx_file([["First name", "Last name", "Email"], ["Sanne", "Bakker", "s@x.test"]]))
    )

    as_alice.post(url, {})

    assert Candidate.objects.get().full_name == "Sanne Bakker"


def test_a_hiring_manager_cannot_import(as_hank: HttpClient) -> None:
    assert as_hank.get(UPLOAD).status_code == 403
    assert upload(as_hank, csv_file(FILE)).status_code == 403


def test_another_organisations_recruiter_cannot_open_the_preview(as_alice: HttpClient, mallory: User) -> None:
    url = preview_url(upload(as_alice, csv_file(FILE)))

    browser = browser_for(mallory)
    assert browser.get(url).status_code == 404
    assert browser.post(url, {"all_duplicates": "update"}).status_code == 404
    assert Candidate.objects.count() == 0


def test_a_vacancy_of_another_organisation_cannot_be_chosen(as_mallory: HttpClient, vacancy: Vacancy) -> None:
    response = upload(as_mallory, csv_file(FILE), vacancy=vacancy.pk)

    assert response.status_code == 200
    assert "Select a valid choice" in text(response)


def test_a_file_over_5_mb_is_refused_with_its_size(as_alice: HttpClient) -> None:
    big = SimpleUploadedFile("big.csv", b"Voornaam,Achternaam,E-mail\r\n" + b"a,b,c@example.test\r\n" * 300_000)

    page = text(upload(as_alice, big))

    assert "at most 5 MB can be imported" in page


def test_more_than_20000_rows_are_refused(as_alice: HttpClient) -> None:
    lines = ["Voornaam,Achternaam,E-mail"] + [f"a,b,c{n}@x.nl" for n in range(20_001)]

    page = text(upload(as_alice, csv_file(lines)))

    assert "more than 20,000 rows" in page


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This is not a CSV or Excel (.xlsx) file."),
        (b"PK\x03\x04 not really a zip", "This Excel file cannot be read."),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "This is an old Excel file (.xls)."),
        (b"", "The submitted file is empty."),
        (b"just some words\r\nand more", "The first row must name the columns."),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_gets_a_clear_message(
    as_alice: HttpClient, content: bytes, message: str
) -> None:
    response = upload(as_alice, SimpleUploadedFile("photo.png", content))

    assert response.status_code == 200
    assert message in text(response)


def test_the_candidate_list_links_to_the_import_for_recruiters_only(as_alice: HttpClient, as_hank: HttpClient) -> None:
    assert UPLOAD in text(as_alice.get(reverse("recruitment:candidate_list")))
    # A hiring manager has no candidate list: he is sent to his portal (issue 11, E5).
    assert as_hank.get(reverse("recruitment:candidate_list"))["Location"] == reverse("portal:home")
