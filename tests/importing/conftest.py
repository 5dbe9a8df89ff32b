"""Helpers for import and export tests: files as a recruiter would upload them, and a private upload folder."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from tests.recruitment.conftest import as_alice, as_hank, as_mallory  # noqa: F401  (shared fixtures)


@pytest.fixture(autouse=True)
def _private_var_dir(settings: Any, tmp_path: Path) -> None:
    """Uploads wait in this test's own folder."""
    settings.VAR_DIR = tmp_path


def csv_file(lines: list[str], *, delimiter: str = ",", encoding: str = "utf-8", name: str = "people.csv") -> Any:
    text = "\r\n".join(line.replace(",", delimiter) if delimiter != "," else line for line in lines) + "\r\n"
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def xlsx_file(rows: list[list[Any]], *, name: str = "people.xlsx") -> Any:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())
