"""The API's typed shapes: what comes in (validated by pydantic) and what goes out."""

from __future__ import annotations

import datetime as dt
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import BeforeValidator, PlainSerializer, field_validator

# Ids as the database stores them (64-bit). Larger ids exist nowhere: the views answer 404.
MAX_ID = 2**63 - 1
PER_PAGE = 50
# Far beyond any real list, small enough that OFFSET never overflows a database integer.
MAX_PAGE = 1_000_000


def _utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


# Every datetime leaves the API in UTC with a `Z`, whatever offset it came in with.
UtcDatetime = Annotated[datetime, PlainSerializer(_utc_text, return_type=str)]


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


# ---------------------------------------------------------------- interviews

InterviewType = Literal["phone", "in_person", "video", "group"]
InterviewKind = Literal["recruiter", "hiring_manager", "both"]
InterviewStatus = Literal["planned", "held", "no_show", "cancelled"]
ReminderChannel = Literal["none", "email", "sms", "email_sms"]


class ReminderIn(InputSchema):
    channel: ReminderChannel
    days_before: int | None = Field(None, description="One of 1, 2, 3, 5, 7; required unless the channel is `none`.")
    subject: Annotated[
        str, Field(max_length=300, description="Empty: the reminder template's, in the candidate's language.")
    ] = ""
    body: Annotated[str, Field(max_length=20000, description="Empty: the reminder template's content.")] = ""
    signature: Annotated[str, Field(max_length=2000, description="Empty: the reminder template's signature.")] = ""


class InterviewIn(InputSchema):
    application_id: int
    starts_at: datetime = Field(
        description="ISO 8601 with offset; without one, the time is read in `time_zone`.",
    )
    duration_minutes: int
    time_zone: str = "Europe/Amsterdam"
    type: InterviewType = "in_person"
    kind: InterviewKind = "recruiter"
    location_preset_id: int | None = None
    location: str = ""
    interviewer: str = ""
    reason: str = ""
    participant_user_ids: IdList = []
    committee_contact_ids: IdList = []
    guideline_ids: IdList = []
    memo: str = ""
    report: str = ""
    video_link: Annotated[str, Field(max_length=500, description="The meeting address of a video interview.")] = ""
    reminder: ReminderIn | None = None
    force: bool = Field(False, description="Plan even when the interview conflicts with others.")


class BulkIn(InputSchema):
    application_ids: Annotated[list[int], Field(min_length=1, max_length=1000)]
    starts_at: datetime = Field(description="The first start; a time without offset is read in `time_zone`.")
    duration_minutes: int
    mode: Literal["each", "group"] = "each"
    spacing_minutes: int = Field(0, ge=0, le=1440, description="`each`: minutes between consecutive starts.")
    time_zone: str = "Europe/Amsterdam"
    type: InterviewType = "in_person"
    kind: InterviewKind = "recruiter"
    location_preset_id: int | None = None
    location: str = ""
    interviewer: str = ""
    reason: str = ""
    participant_user_ids: IdList = []
    committee_contact_ids: IdList = []
    guideline_ids: IdList = []
    memo: str = ""
    video_link: Annotated[str, Field(max_length=500)] = ""
    reminder: ReminderIn | None = None
    force: bool = False


class InterviewPatch(InputSchema):
    """Only the fields sent are changed."""

    starts_at: datetime | None = None
    duration_minutes: int | None = None
    time_zone: str | None = None
    type: InterviewType | None = None
    kind: InterviewKind | None = None
    location_preset_id: int | None = None
    location: str | None = None
    interviewer: str | None = None
    reason: str | None = None
    participant_user_ids: IdList | None = None
    committee_contact_ids: IdList | None = None
    guideline_ids: IdList | None = None
    memo: str | None = None
    report: str | None = None
    video_link: Annotated[str, Field(max_length=500)] | None = None
    reminder: ReminderIn | None = None
    scope: Literal["group", "this"] = Field(
        "group", description="A group interview: change it for every member, or take this candidate out."
    )
    force: bool = False


class CancelIn(InputSchema):
    reason: str = ""
    notify: bool = Field(
        False, description="Send everyone who was invited a cancellation, with METHOD:CANCEL for calendars."
    )


class ReminderOut(Schema):
    channel: ReminderChannel
    days_before: int
    due_at: UtcDatetime
    state: Literal["scheduled", "sent", "cancelled"]


class WarningOut(Schema):
    code: str
    message: str


class OrganizerOut(Schema):
    name: str
    email: str


class CandidateAnswerOut(Schema):
    choice: Literal["accepted", "not_accepted", "new_appointment", "withdrawn"]
    preferred_mode: str
    questions_in_advance: bool
    preferred_times: str
    message: str
    answered_at: UtcDatetime


class InterviewOut(Schema):
    id: int
    application_id: int | None
    vacancy_id: int
    starts_at: UtcDatetime
    ends_at: UtcDatetime
    duration_minutes: int
    time_zone: str
    type: InterviewType
    kind: InterviewKind
    location_preset_id: int | None
    location: str
    interviewer: str
    reason: str
    participant_user_ids: list[int]
    committee_contact_ids: list[int]
    guideline_ids: list[int]
    report: str
    memo: str | None = Field(None, description="Present only for users allowed to see it.")
    status: InterviewStatus
    confirmation_status: Literal["pending", "accepted", "not_accepted", "contact_for_new_appointment", "not_applicable"]
    cancel_reason: str
    video_link: str
    group_id: int | None
    organizer: OrganizerOut | None
    candidate_answer: CandidateAnswerOut | None
    reminder: ReminderOut | None
    version: int
    warnings: list[WarningOut] | None = Field(None, description="Present after a change that deserves attention.")


class BulkOut(Schema):
    interviews: list[InterviewOut]
    group_id: int | None


# ---------------------------------------------------------------- messages

Audience = Literal["candidate", "hiring_manager", "committee", "colleagues"]


class CommunicateIn(InputSchema):
    audience: Audience
    template_id: int | None = Field(None, description="A message template; by default the one for the purpose.")
    html_profile_id: int | None = Field(None, description="An HTML profile; by default the organisation's.")
    include_confirm_link: bool | None = Field(
        None,
        description="Omitted: ticked unless the content already contains {confirmlink} (seed 004 rule).",
    )
    subject: str | None = Field(None, description="Replaces the template's subject.")
    body: str | None = Field(None, description="Replaces the template's content.")
    send: bool = Field(True, description='False: record "do not send email" and send nothing.')


class AttachmentOut(Schema):
    filename: str
    content_type: str


class MessageOut(Schema):
    id: int
    channel: Literal["email", "sms"]
    audience: Literal["candidate", "hiring_manager", "committee", "colleagues", "recruiter"]
    to: str
    subject: str
    body_text: str
    has_html: bool
    attachments: list[AttachmentOut]
    includes_confirm_link: bool
    state: Literal["queued", "sent", "failed"]
    attempts: int
    sent_at: UtcDatetime | None
    last_error: str


class CommunicateOut(Schema):
    messages: list[MessageOut]


class MessageList(Schema):
    items: list[MessageOut]
    count: int


# ---------------------------------------------------------------- lists


class PageQuery(InputSchema):
    page: int = Field(1, ge=1, le=MAX_PAGE)


class InterviewFilters(PageQuery):
    date: dt.date | None = Field(None, description="A calendar day in the requesting user's time zone.")
    vacancy_id: int | None = None
    status: InterviewStatus | None = None


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


class InterviewList(Schema):
    items: list[InterviewOut]
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
