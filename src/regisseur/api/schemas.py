"""The API's typed shapes: what comes in (validated by pydantic) and what goes out."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import BeforeValidator, PlainSerializer, field_validator

# Ids as the database stores them (64-bit). Larger ids exist nowhere: the views answer 404.
MAX_ID = 2**63 - 1
PER_PAGE = 50
MAX_PAGE_SIZE = 200
# Far beyond any real list, small enough that OFFSET never overflows a database integer.
MAX_PAGE = 1_000_000


def utc_text(moment: datetime) -> str:
    """A datetime as the API writes it: in UTC, with `Z`."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


# Every datetime leaves the API in UTC with a `Z`, whatever offset it came in with.
UtcDatetime = Annotated[datetime, PlainSerializer(utc_text, return_type=str)]


def _check_text(value: Any) -> Any:
    """Refuse text no database stores: NUL characters (PostgreSQL) and lone surrogates (not UTF-8)."""
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError(_("Text may not contain NUL characters."))
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(_("Text must be valid Unicode.")) from None
    elif isinstance(value, list):
        for item in value:
            _check_text(item)
    return value


class InputSchema(Schema):
    @field_validator("*", mode="after")
    @classmethod
    def _storable_text(cls, value: Any) -> Any:
        return _check_text(value)


# Id lists accept any integer: out-of-range ids are answered "not found" like any other unknown id.
IdList = list[int]


def _blank_to_none(value: Any) -> Any:
    return None if value == "" else value


# ---------------------------------------------------------------- errors


class ConflictOut(Schema):
    resource: Literal["participant", "candidate", "location", "interviewer"]
    name: str = Field(description="Who or what is busy: the colleague, the candidate, the place or the interviewer.")
    interview_id: int | None = Field(description="The interview that holds it; null for a clash among new ones.")
    id: int | None = Field(description="Same as interview_id (kept for earlier clients).")
    starts_at: UtcDatetime
    ends_at: UtcDatetime
    planned_for: str = Field("", description="In a bulk request: the new interview (candidate) that clashes.")
    reasons: list[str]


class ErrorDetail(Schema):
    code: str
    message: str
    field: str | None = None
    conflicts: list[ConflictOut] | None = Field(None, description="Only with code `conflict` (409).")


class ErrorOut(Schema):
    error: ErrorDetail


# ---------------------------------------------------------------- records


class ClientIn(InputSchema):
    name: str


class ClientOut(Schema):
    id: int
    name: str


class ContactIn(InputSchema):
    client_id: int
    name: str
    email: str
    phone: str = ""
    is_hiring_manager: bool = False
    wants_calendar_invites: bool = True


class ContactOut(Schema):
    id: int
    client_id: int
    name: str
    email: str
    phone: str
    is_hiring_manager: bool
    wants_calendar_invites: bool


Language = Literal["nl", "en"]
VacancyStatus = Literal["draft", "published", "closed"]
InterviewMode = Literal["in_person", "video", "phone"]


class VacancyIn(InputSchema):
    title: str
    client_id: int
    hiring_manager_id: int | None = None
    language: Language = "nl"
    status: VacancyStatus = "draft"


class VacancyOut(Schema):
    id: int
    client_id: int
    title: str
    hiring_manager_id: int | None
    language: str
    status: str


class CandidateIn(InputSchema):
    first_name: str
    last_name: str
    email: str
    mobile: str = Field("", description="Any common notation; stored in E.164 (+31612345678).")
    language: Language = "nl"
    preferred_mode: Annotated[InterviewMode | None, BeforeValidator(_blank_to_none)] = None


class CandidateOut(Schema):
    id: int
    first_name: str
    last_name: str
    email: str
    mobile: str
    language: str
    preferred_mode: str


class ApplicationIn(InputSchema):
    candidate_id: int
    vacancy_id: int


class ApplicationOut(Schema):
    id: int
    candidate_id: int
    vacancy_id: int
    status: Literal["active", "withdrawn", "rejected", "hired"]
    stage: str


# ---------------------------------------------------------------- lists


class PageQuery(InputSchema):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(PER_PAGE, ge=1, le=MAX_PAGE_SIZE, description="Items per page (at most 200).")


class ApplicationFilters(PageQuery):
    vacancy_id: int | None = None
    candidate_id: int | None = None


class ClientList(Schema):
    items: list[ClientOut]
    count: int


class ContactList(Schema):
    items: list[ContactOut]
    count: int


class VacancyList(Schema):
    items: list[VacancyOut]
    count: int


class CandidateList(Schema):
    items: list[CandidateOut]
    count: int


class ApplicationList(Schema):
    items: list[ApplicationOut]
    count: int


# ---------------------------------------------------------------- people

PersonRole = Literal["recruiter", "hiring_manager", "committee", "administrator"]


class OrganisationOut(Schema):
    id: int
    name: str


class PersonOut(Schema):
    id: int
    username: str
    name: str
    email: str
    roles: list[PersonRole]
    sms_access: bool
    organisation: OrganisationOut | None = Field(..., description="None for the operator's superuser.")


class PeopleFilters(PageQuery):
    role: PersonRole | None = None


class PersonList(Schema):
    items: list[PersonOut]
    count: int
