"""The API's shapes for monitoring the interview day (API.md "Monitoring the interview day")."""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from typing import Annotated, Literal

from ninja import Field, Schema

from regisseur.api.interview_schemas import InterviewOut
from regisseur.api.schemas import InputSchema, UtcDatetime

Scope = Literal["mine", "team", "all"]
RiskCode = Literal[
    "not_confirmed",
    "checklist_open",
    "no_video_link",
    "no_mobile",
    "no_client_contact",
    "reminder_failed",
    "message_failed",
    "after_steps_late",
    "feedback_late",  # an extension (issue 11)
]
IncidentKind = Literal["candidate_ill", "client_cancelled", "technical_problem", "overrun"]
NoShowBy = Literal["candidate", "interviewer", "client"]


# ---------------------------------------------------------------- input


class BoardQuery(Schema):
    date: dt.date | None = Field(None, description="A calendar day in the requesting user's time zone; today.")
    scope: Scope = Field(
        "mine",
        description="`mine`: interviews you planned or take part in; `team`: also your team's (see the user's "
        "team); `all`: every interview you may see.",
    )


class TickIn(InputSchema):
    done: Annotated[bool, Field(description="False unticks the item.")] = True
    note: Annotated[str, Field(max_length=500)] = ""


class StartIn(InputSchema):
    at: datetime | None = Field(
        None, description="When it started (default now); a time without offset is read in the interview's zone."
    )


class OutcomeIn(InputSchema):
    status: Literal["held", "no_show"]
    no_show_by: NoShowBy | None = Field(None, description="Required for `no_show`; not allowed for `held`.")
    reason: Annotated[str, Field(max_length=500)] = ""


class IncidentIn(InputSchema):
    kind: IncidentKind
    note: Annotated[str, Field(max_length=1000)] = ""
    delay_minutes: int | None = Field(
        None, description="Minutes the interview runs late (1-1440); required for `overrun`."
    )


class StepIn(InputSchema):
    done: Annotated[bool, Field(description="False marks the step open again.")] = True
    note: Annotated[str, Field(max_length=1000)] = ""


class CloseIncidentIn(InputSchema):
    lessons: Annotated[str, Field(max_length=5000, description="What this incident taught (required).")] = ""


# ---------------------------------------------------------------- output


class PersonOut(Schema):
    """A user of the organisation, as the monitoring answers name who did something."""

    id: int
    name: str


class ChecklistItemOut(Schema):
    code: str
    label: str
    done: bool
    automatic: bool = Field(description="Follows the interview's data; cannot be ticked by hand.")
    done_by: PersonOut | None = Field(description="Who ticked it (null for automatic items and open ones).")
    done_at: UtcDatetime | None
    note: str


class ChecklistOut(Schema):
    items: list[ChecklistItemOut]


class ChecklistsOut(Schema):
    day_before: ChecklistOut
    after: ChecklistOut


class IncidentStepOut(Schema):
    code: str
    label: str
    done: bool
    done_by: PersonOut | None
    done_at: UtcDatetime | None
    note: str
    message_ids: list[int] = Field(description="The messages sent for this step.")


class IncidentOut(Schema):
    id: int
    interview_id: int
    kind: IncidentKind
    opened_at: UtcDatetime
    closed_at: UtcDatetime | None
    lessons: str
    steps: list[IncidentStepOut]


class ChecklistCountOut(Schema):
    done: int
    total: int


class BoardItemOut(Schema):
    interview: InterviewOut
    active_from: UtcDatetime = Field(description="One hour before the start.")
    active_until: UtcDatetime = Field(description="One hour after the end.")
    active: bool
    risks: list[RiskCode]
    checklist: ChecklistCountOut = Field(description="The day-before checklist.")
    incident: IncidentOut | None = Field(description="The open incident, if any.")


class BoardOut(Schema):
    date: dt.date
    items: list[BoardItemOut]
    tomorrow: list[BoardItemOut] = Field(description="Tomorrow's interviews that have risks (extension).")


class RunOut(Schema):
    started_at: UtcDatetime | None
    no_show_by: NoShowBy | None
    outcome_reason: str


class MonitoredInterviewOut(InterviewOut):
    """The interview object, with what happened on its day (only in the start and outcome answers)."""

    run: RunOut | None = None
