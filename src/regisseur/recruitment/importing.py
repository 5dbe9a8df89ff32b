"""Candidate import, before anything is written: columns by header, each row checked, duplicates found.

A table (rows of text, header first, see core.spreadsheets) becomes raw rows (a dict per
row, keyed by field, with its line in the file); `preview()` checks every raw row and
tells what would happen to it: new, duplicate (same email or mobile number as a candidate
of the organisation or as an earlier row of the file) or error, with a message per field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regisseur.accounts.models import Language
from regisseur.core.errors import ServiceError
from regisseur.core.phones import normalise_mobile
from regisseur.core.spreadsheets import unguard
from regisseur.recruitment.models import Candidate

NEW = "new"
DUPLICATE = "duplicate"
ERROR = "error"

FIELDS = ("first_name", "last_name", "email", "mobile", "language")
REQUIRED = ("first_name", "last_name", "email")
# Header texts people use, Dutch and English, compared without case, spaces or punctuation.
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "first_name": ("first name", "firstname", "given name", "voornaam", "roepnaam"),
    "infix": ("tussenvoegsel", "tussenvoegsels", "infix"),
    "last_name": ("last name", "lastname", "surname", "family name", "achternaam", "familienaam"),
    "email": ("email", "e-mail", "email address", "e-mailadres", "emailadres", "mail"),
    "mobile": (
        "mobile",
        "mobile number",
        "mobile phone",
        "phone",
        "phone number",
        "telephone",
        "mobiel",
        "mobiel nummer",
        "mobiele nummer",
        "telefoon",
        "telefoonnummer",
        "gsm",
    ),
    "language": ("language", "taal", "voorkeurstaal"),
}
LANGUAGE_WORDS = {
    "nl": Language.DUTCH,
    "nederlands": Language.DUTCH,
    "dutch": Language.DUTCH,
    "en": Language.ENGLISH,
    "engels": Language.ENGLISH,
    "english": Language.ENGLISH,
}
FIELD_LABELS = {
    "first_name": gettext_lazy("First name"),
    "last_name": gettext_lazy("Last name"),
    "email": gettext_lazy("Email"),
    "mobile": gettext_lazy("Mobile number"),
    "language": gettext_lazy("Language"),
}
CHUNK = 500  # values per IN (…) list: well under SQLite's limit on parameters


def _key(header: str) -> str:
    return re.sub(r"[^0-9a-z]", "", header.casefold())


HEADER_FIELDS = {_key(name): name_field for name_field, names in HEADER_NAMES.items() for name in names}


@dataclass
class Columns:
    """Which column holds which field; headers that mean nothing to the import are listed."""

    positions: dict[str, int]
    ignored: list[str]


def map_columns(header: list[str]) -> Columns:
    positions: dict[str, int] = {}
    ignored: list[str] = []
    for position, text in enumerate(header):
        name = HEADER_FIELDS.get(_key(text))
        if name is None or name in positions:
            if text:
                ignored.append(text)
            continue
        positions[name] = position
    missing = [str(FIELD_LABELS[name]) for name in REQUIRED if name not in positions]
    if missing:
        raise ServiceError(
            "missing_columns",
            _(
                "The first row must name the columns. Missing: %(missing)s. Use headers such as "
                "“Voornaam”, “Achternaam”, “E-mail”, “Mobiel”, “Taal” "
                "(or First name, Last name, Email, Mobile, Language)."
            )
            % {"missing": ", ".join(missing)},
            field="file",
        )
    return Columns(positions=positions, ignored=ignored)


def raw_rows(table: list[list[str]]) -> tuple[Columns, list[dict[str, Any]]]:
    """The table's data rows as {field: text, "line": row number in the file}."""
    columns = map_columns(table[0])
    rows = []
    for line, cells in enumerate(table[1:], start=2):
        row: dict[str, Any] = {"line": line}
        for name, position in columns.positions.items():
            row[name] = unguard(cells[position]) if position < len(cells) else ""
        rows.append(row)
    return columns, rows


@dataclass
class PreviewRow:
    """One row as the preview shows it and the import writes it."""

    line: int
    shown: dict[str, str]
    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    status: str = NEW
    existing: Candidate | None = None
    earlier_line: int | None = None
    match: str = ""

    @property
    def error_list(self) -> list[tuple[str, str]]:
        return [(str(FIELD_LABELS[name]), message) for name, messages in self.errors.items() for message in messages]


def _too_long(limit: int, length: int) -> str:
    return _("Too long: at most %(limit)d characters (this has %(length)d).") % {"limit": limit, "length": length}


def _check(raw: dict[str, Any]) -> PreviewRow:
    """Every field of one row checked; `values` holds what would be stored."""
    texts = {name: str(raw.get(name) or "").strip() for name in (*FIELDS, "infix")}
    last_name = " ".join(part for part in (texts["infix"], texts["last_name"]) if part)
    shown = {name: texts[name] for name in FIELDS} | {"last_name": last_name}
    row = PreviewRow(line=int(raw["line"]), shown=shown)
    errors: dict[str, list[str]] = {}
    for name, value, missing in (
        ("first_name", texts["first_name"], _("The first name is missing.")),
        ("last_name", last_name, _("The last name is missing.")),
    ):
        if not value:
            errors[name] = [missing]
        elif len(value) > 100:
            errors[name] = [_too_long(100, len(value))]
        else:
            row.values[name] = value
    email = texts["email"]
    if not email:
        errors["email"] = [_("The email address is missing.")]
    elif len(email) > 254:
        errors["email"] = [_too_long(254, len(email))]
    else:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [_("“%(value)s” is not a valid email address.") % {"value": email}]
        else:
            row.values["email"] = email
    try:
        row.values["mobile"] = normalise_mobile(texts["mobile"])
    except ValidationError as error:
        errors["mobile"] = list(error.messages)
    language = texts["language"]
    if language:
        code = LANGUAGE_WORDS.get(language.casefold())
        if code is None:
            errors["language"] = [
                _("Unknown language “%(value)s”: use nl or en (Nederlands or English).") % {"value": language}
            ]
        else:
            row.values["language"] = code
    if errors:
        row.errors, row.status = errors, ERROR
    return row


def _existing(organisation_id: int, rows: list[PreviewRow]) -> tuple[dict[str, Candidate], dict[str, Candidate]]:
    """The organisation's candidates with any of the rows' emails (case-insensitive) or mobile numbers."""
    emails = sorted({row.values["email"].casefold() for row in rows})
    mobiles = sorted({row.values["mobile"] for row in rows if row.values.get("mobile")})
    # No ORDER BY in the lookups: with one, PostgreSQL walks the whole table in id order instead
    # of using the indexes candidate_org_email and candidate_org_mobile. Sorted here instead.
    candidates = Candidate.objects.filter(organisation_id=organisation_id).order_by()
    found: list[Candidate] = []
    for start in range(0, len(emails), CHUNK):
        found += candidates.annotate(email_key=Lower("email")).filter(email_key__in=emails[start : start + CHUNK])
    for start in range(0, len(mobiles), CHUNK):
        found += candidates.filter(mobile__in=mobiles[start : start + CHUNK])
    wanted_emails, wanted_mobiles = set(emails), set(mobiles)
    by_email: dict[str, Candidate] = {}
    by_mobile: dict[str, Candidate] = {}
    for candidate in sorted(found, key=lambda candidate: candidate.pk):  # the oldest record first
        if candidate.email.casefold() in wanted_emails:
            by_email.setdefault(candidate.email.casefold(), candidate)
        if candidate.mobile in wanted_mobiles:
            by_mobile.setdefault(candidate.mobile, candidate)
    return by_email, by_mobile


@dataclass
class Preview:
    rows: list[PreviewRow]

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)


def preview(organisation_id: int, raw: list[dict[str, Any]]) -> Preview:
    """What importing `raw` would do now: each row new, duplicate or error (nothing is written)."""
    rows = [_check(item) for item in raw]
    valid = [row for row in rows if row.status != ERROR]
    by_email, by_mobile = _existing(organisation_id, valid)
    earlier_email: dict[str, PreviewRow] = {}
    earlier_mobile: dict[str, PreviewRow] = {}
    for row in valid:
        email, mobile = row.values["email"].casefold(), row.values.get("mobile", "")
        if email in by_email or (mobile and mobile in by_mobile):
            row.status, row.match = DUPLICATE, "email" if email in by_email else "mobile"
            row.existing = by_email.get(email) or by_mobile[mobile]
        elif email in earlier_email or (mobile and mobile in earlier_mobile):
            first = earlier_email.get(email) or earlier_mobile[mobile]
            row.status, row.match = DUPLICATE, "email" if email in earlier_email else "mobile"
            row.earlier_line, row.existing = first.earlier_line or first.line, first.existing
        earlier_email.setdefault(email, row)
        if mobile:
            earlier_mobile.setdefault(mobile, row)
    return Preview(rows=rows)
