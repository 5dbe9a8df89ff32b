"""The JSON API for interview kits (API.md "Evaluation and the panel"): GET and PUT a vacancy's kit.

Whoever may see the vacancy (its recruiters, and who attends its interviews) reads the kit;
only recruiters write it. A PUT replaces the kit; a field left out keeps what the kit has.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from pydantic import field_validator

from regisseur.actions import kits as actions
from regisseur.api.common import ERRORS, actor, get_for_user, require_recruiter
from regisseur.api.schemas import InputSchema, _check_text
from regisseur.core.errors import ServiceError
from regisseur.evaluation import kits
from regisseur.interviews.access import get_vacancy_for_user

router = Router(tags=["evaluation"])

PhaseCodeIn = Literal[
    "preparation", "opening", "experience", "competencies", "behavioural", "candidate_questions", "closing"
]
VisibilityIn = Literal["always", "after_own", "never"]


class QuestionIn(InputSchema):
    id: int | None = None
    text: str
    competency_id: int | None = None


class PhaseIn(InputSchema):
    code: PhaseCodeIn
    questions: list[QuestionIn] = Field(default_factory=list)


class CompetencyIn(InputSchema):
    id: int | None = None
    name: str
    description: str = ""
    anchors: dict[str, str] = Field(default_factory=dict)

    @field_validator("anchors", mode="after")
    @classmethod
    def _storable_anchors(cls, value: dict[str, str]) -> dict[str, str]:
        for level, text in value.items():
            _check_text(level)
            _check_text(text)
        return value


class KitIn(InputSchema):
    phases: list[PhaseIn] | None = None
    competencies: list[CompetencyIn] | None = None
    guideline_ids: list[int] | None = Field(None, max_length=200)
    visibility: VisibilityIn | None = None


class QuestionOut(Schema):
    id: int
    text: str
    competency_id: int | None


class PhaseOut(Schema):
    code: str
    title: str
    note: str
    questions: list[QuestionOut]


class CompetencyOut(Schema):
    id: int
    name: str
    description: str
    anchors: dict[str, str]


class KitOut(Schema):
    vacancy_id: int
    phases: list[PhaseOut]
    competencies: list[CompetencyOut]
    guideline_ids: list[int]
    visibility: str


def kit_out(vacancy_id: int, view: kits.KitView) -> KitOut:
    return KitOut(
        vacancy_id=vacancy_id,
        phases=[
            PhaseOut(
                code=phase.code,
                title=phase.title,
                note=phase.note or "\n".join(phase.points),
                questions=[
                    QuestionOut(id=question.pk, text=question.text, competency_id=question.competency_id)
                    for question in phase.questions
                ],
            )
            for phase in view.phases
        ],
        competencies=[
            CompetencyOut(
                id=competency.pk,
                name=competency.name,
                description=competency.description,
                anchors=kits.anchors_of(competency),
            )
            for competency in view.competencies
        ],
        guideline_ids=[guideline.pk for guideline in view.guidelines],
        visibility=view.visibility,
    )


def _structure(current: kits.KitView, payload: KitIn) -> kits.KitInput:
    structure = kits.input_of(current)
    if payload.phases is not None:
        phases: dict[str, list[kits.QuestionInput]] = {}
        for phase in payload.phases:
            if phase.code in phases:
                raise ServiceError("invalid", _("Each phase may appear once."), field="phases")
            phases[phase.code] = [
                kits.QuestionInput(id=question.id, text=question.text, competency_id=question.competency_id)
                for question in phase.questions
            ]
        structure.phases = phases
    if payload.competencies is not None:
        structure.competencies = [
            kits.CompetencyInput(id=item.id, name=item.name, anchors=item.anchors, description=item.description)
            for item in payload.competencies
        ]
    if payload.guideline_ids is not None:
        structure.guideline_ids = payload.guideline_ids
    if payload.visibility is not None:
        structure.visibility = payload.visibility
    return structure


@router.get("/vacancies/{vacancy_id}/kit", response={200: KitOut, **ERRORS})
def get_kit(request: HttpRequest, vacancy_id: int) -> Any:
    """A vacancy without a kit answers the seven phases without questions, visibility `after_own`."""
    vacancy = get_for_user(get_vacancy_for_user, actor(request), vacancy_id)
    return kit_out(vacancy.pk, kits.read_kit(vacancy))


@router.put("/vacancies/{vacancy_id}/kit", response={200: KitOut, **ERRORS})
def put_kit(request: HttpRequest, vacancy_id: int, payload: KitIn) -> Any:
    user = actor(request)
    require_recruiter(user)
    vacancy = get_for_user(get_vacancy_for_user, user, vacancy_id)
    actions.save_kit(actor=user, vacancy=vacancy, structure=_structure(kits.read_kit(vacancy), payload))
    return kit_out(vacancy.pk, kits.read_kit(vacancy))
