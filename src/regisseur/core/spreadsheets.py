"""Reading and writing spreadsheets: CSV (comma or semicolon, UTF-8 or Windows-1252) and Excel (.xlsx).

Reading gives a list of rows of text, the header row first. Writing guards every text cell
against formula injection: a value starting with =, +, -, @ (or a tab or carriage return)
gets a leading apostrophe, so that Excel and LibreOffice show it as text instead of running it.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils.exceptions import InvalidFileException

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_DATETIME_FORMAT = "dd-mm-yyyy hh:mm"
XLSX_DATE_FORMAT = "dd-mm-yyyy"
CSV_DATETIME_FORMAT = "%d-%m-%Y %H:%M"
CSV_DATE_FORMAT = "%d-%m-%Y"
BOM = "\ufeff"


class SpreadsheetError(Exception):
    """The file cannot be read as a spreadsheet; `message` says why in the user's language."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def guard(value: str) -> str:
    """The text as a spreadsheet should show it, never as a formula."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def unguard(value: str) -> str:
    """A guarded value as it was (what guard() added on export is taken off on import)."""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value


# --- Reading ---------------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # What Excel writes on Dutch Windows when saving "CSV (gescheiden door lijstscheidingsteken)".
        return data.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    counts = {delimiter: header.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a mobile number typed as a number: 612345678, not 612345678.0
    if isinstance(value, datetime):
        return value.strftime(CSV_DATETIME_FORMAT)
    if isinstance(value, date):
        return value.strftime(CSV_DATE_FORMAT)
    return str(value)


def _read_xlsx(data: bytes, max_rows: int) -> list[list[str]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise SpreadsheetError(
            "not_a_spreadsheet", _("This Excel file cannot be read. Save it again as .xlsx or CSV.")
        ) from None
    try:
        sheet = workbook.worksheets[0]
        rows: list[list[str]] = []
        for values in sheet.iter_rows(values_only=True):
            rows.append([_cell_text(value).strip() for value in values])
            if len(rows) > max_rows + 1:
                break
        return rows
    finally:
        workbook.close()


def _read_csv(data: bytes) -> list[list[str]]:
    if b"\x00" in data[:4096]:
        raise SpreadsheetError("not_a_spreadsheet", _("This is not a CSV or Excel (.xlsx) file."))
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        return [[cell.strip() for cell in row] for row in reader]
    except csv.Error:
        raise SpreadsheetError("not_a_spreadsheet", _("This CSV file cannot be read.")) from None


def read_table(data: bytes, *, max_rows: int) -> list[list[str]]:
    """Every non-empty row of the file's first sheet, header first; SpreadsheetError if unreadable."""
    if data.startswith(b"PK"):
        rows = _read_xlsx(data, max_rows)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise SpreadsheetError(
            "old_excel", _("This is an old Excel file (.xls). Save it as .xlsx or CSV and upload that.")
        )
    else:
        rows = _read_csv(data)
    rows = [row for row in rows if any(row)]
    if not rows:
        raise SpreadsheetError("empty", _("The file is empty."))
    return rows


# --- Writing ---------------------------------------------------------------------------------------


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime(CSV_DATETIME_FORMAT)
    if isinstance(value, date):
        return value.strftime(CSV_DATE_FORMAT)
    if isinstance(value, int | float):
        return str(value)
    return guard(str(value))


def write_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, delimiter: str) -> bytes:
    """UTF-8 with a byte order mark (so Excel reads it as UTF-8); datetimes must be local already."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([guard(str(header)) for header in headers])
    for row in rows:
        writer.writerow([_csv_value(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def write_xlsx(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str) -> bytes:
    """One sheet; datetimes (naive, local) as real dates shown dd-mm-yyyy hh:mm."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([guard(str(header)) for header in headers])
    for row in rows:
        cells: list[Any] = []
        for value in row:
            if isinstance(value, date):
                cell = WriteOnlyCell(sheet, value=value.replace(tzinfo=None) if isinstance(value, datetime) else value)
                cell.number_format = XLSX_DATETIME_FORMAT if isinstance(value, datetime) else XLSX_DATE_FORMAT
                cells.append(cell)
            elif value is None or isinstance(value, int | float):
                cells.append(value)
            else:
                cells.append(guard(str(value)))
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
