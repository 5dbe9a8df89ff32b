"""Exports of the interviews overview, the candidate list and a vacancy's applications, in CSV and Excel."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from regisseur.accounts.models import Organisation, User
from regisseur.recruitment.models import Application, Vacancy
from tests.conftest import make_application, make_candidate, make_interview, soon
from tests.recruitment.conftest import browser_for


def csv_rows(response: Any) -> list[list[str]]:
    assert response.status_code == 200
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    delimiter = ";" if body.split("\r\n", 1)[0].count(";") else ","
    return list(csv.reader(io.StringIO(body[1:]), delimiter=delimiter))


def xlsx_rows(response: Any) -> list[list[Any]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_candidate_list_exports_as_searched_in_csv_and_excel(as_alice: HttpClient, acme: Organisation) -> None:
    make_candidate(acme, "Sanne", "Bakker", mobile="+31612345678")
    make_candidate(acme, "Piet", "Jansen")
    url = reverse("recruitment:candidate_export")

    rows = csv_rows(as_alice.get(url, {"q": "sanne", "format": "csv"}))
    sheet = xlsx_rows(as_alice.get(url, {"q": "sanne", "format": "xlsx"}))

    assert rows[0][:5] == ["Last name", "First name", "Email", "Mobile number", "Language"]
    assert rows[1][:4] == ["Bakker", "Sanne", "sanne.bakker@example.test", "'+31 6 12345678"]
    assert len(rows) == 2
    assert sheet[1][:4] == ["Bakker", "Sanne", "sanne.bakker@example.test", "'+31 6 12345678"]
    assert isinstance(sheet[1][6], datetime)


def test_a_dutch_user_gets_semicolons_and_dutch_headers(bob: User, acme: Organisation) -> None:
    make_candidate(acme, "Sanne", "Bakker")
    browser = browser_for(bob)
    browser.cookies["django_language"] = "nl"

    response = browser.get(reverse("recruitment:candidate_export"), {"format": "csv"})

    first_line = response.content.decode("utf-8").split("\r\n")[0]
    assert first_line == "\ufeffAchternaam;Voornaam;E-mailadres;Mobiel nummer;Taal;Inschrijvingen;Toegevoegd op"


def test_formulas_are_never_exported_as_formulas(as_alice: HttpClient, acme: Organisation) -> None:
    make_candidate(acme, '=HYPERLINK("http://evil")', "@SUM(A1)", email="x@example.test")
    url = reverse("recruitment:candidate_export")

    rows = csv_rows(as_alice.get(url, {"format": "csv"}))
    sheet = xlsx_rows(as_alice.get(url, {"format": "xlsx"}))

    assert rows[1][:2] == ["'@SUM(A1)", '\'=HYPERLINK("http://evil")']
    assert sheet[1][:2] == ["'@SUM(A1)", '\'=HYPERLINK("http://evil")']


def test_the_interviews_overview_exports_with_its_filters(alice: User, as_alice: HttpClient, vacancy: Vacancy) -> None:
    moment = soon(days=3, hour=14)
    make_interview(alice, make_application(vacancy, "Anna", "Eerst"), starts_at=moment, interviewer="Sanne Visser")
    make_interview(alice, make_application(vacancy, "Bram", "Later"), starts_at=soon(days=9, hour=9))
    url = reverse("interviews:export")
    day = {"date": moment.strftime("%d-%m-%Y")}

    rows = csv_rows(as_alice.get(url, {**day, "format": "csv"}))
    sheet = xlsx_rows(as_alice.get(url, {**day, "format": "xlsx"}))

    assert rows[0][:3] == ["Date and time", "Duration (minutes)", "Candidate"]
    assert len(rows) == 2
    assert rows[1][0] == moment.strftime("%d-%m-%Y 14:00")
    assert rows[1][2:5] == ["Anna Eerst", "Bakker", "Bakkerij Jansen"]
    assert rows[1][7] == "Sanne Visser"
    assert sheet[1][0] == moment.replace(tzinfo=None)
    assert sheet[1][2] == "Anna Eerst"


def test_a_vacancys_applications_export_with_the_stage_filter(as_alice: HttpClient, vacancy: Vacancy) -> None:
    make_application(vacancy, "Anna", "Eerst")
    later = make_application(vacancy, "Bram", "Tweede")
    Application.objects.filter(pk=later.pk).update(stage="offer")
    url = reverse("recruitment:vacancy_export", args=[vacancy.pk])

    rows = csv_rows(as_alice.get(url, {"stage": "offer", "format": "csv"}))
    sheet = xlsx_rows(as_alice.get(url, {"stage": "offer", "format": "xlsx"}))

    assert rows[0][:2] == ["Last name", "First name"]
    assert [row[:5] for row in rows[1:]] == [["Tweede", "Bram", "bram.tweede@example.test", "", "Offer"]]
    assert [row[:2] for row in sheet[1:]] == [["Tweede", "Bram"]]


def test_another_organisations_vacancy_cannot_be_exported(as_mallory: HttpClient, vacancy: Vacancy) -> None:
    url = reverse("recruitment:vacancy_export", args=[vacancy.pk])

    assert as_mallory.get(url, {"format": "csv"}).status_code == 404


def test_an_unknown_format_is_not_found(as_alice: HttpClient) -> None:
    assert as_alice.get(reverse("recruitment:candidate_export"), {"format": "pdf"}).status_code == 404


def queries_for(browser: HttpClient, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert browser.get(url, {"format": "xlsx"}).status_code == 200
    return len(captured.captured_queries)


def test_exports_take_the_same_number_of_queries_for_more_rows(
    alice: User, as_alice: HttpClient, vacancy: Vacancy
) -> None:
    urls = [
        reverse("interviews:export"),
        reverse("recruitment:candidate_export"),
        reverse("recruitment:vacancy_export", args=[vacancy.pk]),
    ]
    for index in range(2):
        make_interview(alice, make_application(vacancy, "Kim", f"Een{index}"), starts_at=soon(days=2, hour=9 + index))
    few = [queries_for(as_alice, url) for url in urls]
    for index in range(8):
        make_interview(alice, make_application(vacancy, "Kim", f"Meer{index}"), starts_at=soon(days=4, hour=8 + index))

    assert [queries_for(as_alice, url) for url in urls] == few


def test_the_three_pages_link_to_their_exports_with_the_current_filters(as_alice: HttpClient, vacancy: Vacancy) -> None:
    candidates = as_alice.get(reverse("recruitment:candidate_list"), {"q": "kim"}).content.decode()
    overview = as_alice.get(reverse("interviews:overview"), {"status": "planned"}).content.decode()
    applications = as_alice.get(reverse("recruitment:vacancy_candidates", args=[vacancy.pk])).content.decode()

    assert f"{reverse('recruitment:candidate_export')}?q=kim&amp;format=xlsx" in candidates
    assert f"{reverse('interviews:export')}?status=planned&amp;format=csv" in overview
    assert f"{reverse('recruitment:vacancy_export', args=[vacancy.pk])}?format=xlsx" in applications
