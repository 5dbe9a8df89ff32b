"""Reading an uploaded file: headers in Dutch or English, in any order, commas or semicolons, any usual encoding."""

from __future__ import annotations

import pytest
from django.utils import translation

from regisseur.core.errors import ServiceError
from regisseur.web.views.importing import parse_upload
from tests.importing.conftest import csv_file, xlsx_file


def rows_of(upload) -> list[dict]:
    return parse_upload(upload.read())["rows"]


def test_english_headers_with_commas_are_read() -> None:
    rows = rows_of(
        csv_file(["First name,Last name,Email,Mobile,Language", "Sanne,Bakker,s@example.test,0612345678,en"])
    )

    assert rows == [
        {
            "line": 2,
            "first_name": "Sanne",
            "last_name": "Bakker",
            "email": "s@example.test",
            "mobile": "0612345678",
            "language": "en",
        }
    ]


def test_dutch_headers_in_another_order_with_semicolons_and_a_bom_are_read() -> None:
    upload = csv_file(
        [
            "\ufeffE-mail;Achternaam;Tussenvoegsel;Voornaam;Telefoon;Taal",
            "tim@example.test;Wit;de;Tim;06 1234 5678;Nederlands",
        ],
        delimiter=";",
    )

    (row,) = rows_of(upload)

    assert row["email"] == "tim@example.test"
    assert (row["first_name"], row["infix"], row["last_name"]) == ("Tim", "de", "Wit")
    assert row["mobile"] == "06 1234 5678"
    assert row["language"] == "Nederlands"


def test_windows_1252_accents_survive() -> None:
    upload = csv_file(
        ["Voornaam;Achternaam;E-mail", "Renée;Müller;renee@example.test"], delimiter=";", encoding="cp1252"
    )

    (row,) = rows_of(upload)

    assert (row["first_name"], row["last_name"]) == ("Renée", "Müller")


def test_utf8_without_bom_is_read_as_utf8() -> None:
    (row,) = rows_of(csv_file(["Voornaam,Achternaam,E-mail", "Zoë,Çelik,zoe@example.test"]))

    assert (row["first_name"], row["last_name"]) == ("Zoë", "Çelik")


def test_an_excel_workbook_is_read_with_numbers_as_text() -> None:
    upload = xlsx_file(
        [["Voornaam", "Achternaam", "E-mail", "Mobiel"], ["Sanne", "Bakker", "s@example.test", 612345678]]
    )

    (row,) = rows_of(upload)

    assert row["mobile"] == "612345678"
    assert row["first_name"] == "Sanne"


def test_unknown_columns_are_ignored_and_named() -> None:
    parsed = parse_upload(
        csv_file(["Voornaam,Achternaam,E-mail,Geboortedatum", "A,B,a@example.test,01-01-1990"]).read()
    )

    assert parsed["ignored"] == ["Geboortedatum"]


def test_a_file_without_the_needed_columns_says_which_are_missing() -> None:
    with translation.override("en"), pytest.raises(ServiceError) as refused:
        parse_upload(csv_file(["Naam,Telefoon", "Sanne Bakker,0612345678"]).read())

    assert "Missing: First name, Last name, Email" in refused.value.message


def test_an_exported_formula_guard_is_taken_off_again() -> None:
    (row,) = rows_of(csv_file(["Voornaam,Achternaam,E-mail,Mobiel", "A,B,a@example.test,'+31612345678"]))

    assert row["mobile"] == "+31612345678"
