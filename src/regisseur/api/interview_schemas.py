"""The API's shapes for interviews and their messages (see schemas.py for the shared ones)."""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from typing import Annotated, Literal

from ninja import Field, Schema

from regisseur.api.schemas import IdList, InputSchema, PageQuery, UtcDatetime

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
    reason: Annotated[
        str, Field(max_length=500, description="Kept in the history; {cancel_reason} in the messages.")
    ] = ""
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


class InterviewFilters(PageQuery):
    date: dt.date | None = Field(None, description="A calendar day in the requesting user's time zone.")
    vacancy_id: int | None = None
    status: InterviewStatus | None = None


class InterviewList(Schema):
    items: list[InterviewOut]
    count: int
