"""The API's shapes for scorecards and the panel (API.md "Evaluation and the panel")."""

from __future__ import annotations

from typing import Annotated, Literal

from ninja import Field, Schema

from regisseur.api.schemas import InputSchema, UtcDatetime

RecommendationCode = Literal["strong_no", "no", "yes", "strong_yes"]
TEXT = Annotated[str, Field(max_length=5000)]


class EvaluationIn(InputSchema):
    ratings: dict[str, int] | None = Field(
        None, description="Competency id (of the vacancy's kit) → level 1-5; left out: unchanged."
    )
    strengths: TEXT | None = None
    weaknesses: TEXT | None = None
    recommendation: RecommendationCode | Literal[""] | None = None
    candidate_questions: TEXT | None = None
    questions_answered: bool | None = None
    next_steps_told: bool | None = None
    off_record_notes: TEXT | None = Field(None, description="Seen by you alone, never by anyone else.")


class DecisionIn(InputSchema):
    decision: Literal["advance", "reject", "hold"]
    reasoning: Annotated[str, Field(max_length=5000, description="Why (required).")] = ""
    interview_id: int | None = Field(None, description="The interview the panel reviewed (optional).")


class AuthorOut(Schema):
    id: int
    name: str


class EvaluationOut(Schema):
    id: int
    interview_id: int
    author: AuthorOut
    version: int
    ratings: dict[str, int]
    strengths: str
    weaknesses: str
    recommendation: RecommendationCode | None
    candidate_questions: str
    questions_answered: bool
    next_steps_told: bool
    off_record_notes: str | None = Field(None, description="Only in the author's own evaluation.")
    submitted_at: UtcDatetime | None


class SummaryOut(Schema):
    average: float | None
    min: int | None
    max: int | None
    count: int


class DiscrepancyOut(Schema):
    competency_id: int | None
    kind: Literal["rating_spread", "recommendation_split"]
    detail: str


class PanelOut(Schema):
    mine: EvaluationOut | None
    others: list[EvaluationOut]
    summary: dict[str, SummaryOut]
    discrepancies: list[DiscrepancyOut]
