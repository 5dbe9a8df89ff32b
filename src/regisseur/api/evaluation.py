"""The JSON API for evaluation (API.md "Evaluation and the panel"): scorecards, the panel, the decision.

Participants (and the organisation's recruiters) read and write their own scorecard of an
interview; others' interviews answer 404. Off-the-record notes leave only to their author.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from regisseur.accounts.models import User
from regisseur.actions import evaluations as actions
from regisseur.api.common import ERRORS, actor, get_for_user, require_recruiter
from regisseur.api.errors import not_found
from regisseur.api.evaluation_schemas import (
    AuthorOut,
    DecisionIn,
    DiscrepancyOut,
    EvaluationIn,
    EvaluationOut,
    PanelOut,
    SummaryOut,
)
from regisseur.api.schemas import ApplicationOut
from regisseur.evaluation import scorecards
from regisseur.evaluation.models import Evaluation
from regisseur.interviews.access import get_application_for_user, get_interview_for_user
from regisseur.interviews.models import Interview

router = Router(tags=["evaluation"])


def evaluation_out(evaluation: Evaluation, *, reader: User) -> EvaluationOut:
    own = evaluation.author_id == reader.pk
    return EvaluationOut(
        id=evaluation.pk,
        interview_id=evaluation.interview_id,
        author=AuthorOut(id=evaluation.author_id, name=str(evaluation.author)),
        version=evaluation.version,
        ratings=evaluation.ratings,
        strengths=evaluation.strengths,
        weaknesses=evaluation.weaknesses,
        recommendation=evaluation.recommendation or None,  # type: ignore[arg-type]
        candidate_questions=evaluation.candidate_questions,
        questions_answered=evaluation.questions_answered,
        next_steps_told=evaluation.next_steps_told,
        # E4: the notes never leave to anyone but their author.
        off_record_notes=evaluation.off_record_notes if own else None,
        submitted_at=evaluation.submitted_at,
    )


def _evaluators_interview(user: User, interview_id: int) -> Interview:
    interview: Interview = get_for_user(get_interview_for_user, user, interview_id)
    if not scorecards.may_evaluate(user, interview):
        raise not_found()
    return interview


@router.get("/interviews/{interview_id}/evaluations", response={200: PanelOut, **ERRORS})
def get_evaluations(request: HttpRequest, interview_id: int) -> PanelOut:
    user = actor(request)
    view = scorecards.panel_view(user, _evaluators_interview(user, interview_id))
    return PanelOut(
        mine=evaluation_out(view.mine, reader=user) if view.mine is not None else None,
        others=[evaluation_out(evaluation, reader=user) for evaluation in view.others],
        summary={
            str(row.competency.pk): SummaryOut(average=row.average, min=row.minimum, max=row.maximum, count=row.count)
            for row in view.summary
        },
        discrepancies=[
            DiscrepancyOut(competency_id=d.competency_id, kind=d.kind, detail=d.detail)  # type: ignore[arg-type]
            for d in view.discrepancies
        ],
    )


@router.put("/interviews/{interview_id}/evaluations/mine", response={200: EvaluationOut, **ERRORS})
def save_mine(request: HttpRequest, interview_id: int, payload: EvaluationIn) -> EvaluationOut:
    """Save your scorecard as a draft; fields left out stay as they are. After submission: a new version."""
    user = actor(request)
    interview = _evaluators_interview(user, interview_id)
    fields: dict[str, Any] = payload.model_dump(exclude_none=True)
    saved = actions.save_evaluation(actor=user, interview=interview, fields=fields)
    return evaluation_out(saved, reader=user)


@router.post("/interviews/{interview_id}/evaluations/mine/submit", response={200: EvaluationOut, **ERRORS})
def submit_mine(request: HttpRequest, interview_id: int) -> EvaluationOut:
    """Submit (lock) your draft; a recommendation is required."""
    user = actor(request)
    interview = _evaluators_interview(user, interview_id)
    submitted = actions.submit_evaluation(actor=user, interview=interview)
    return evaluation_out(submitted, reader=user)


@router.post("/applications/{application_id}/decision", response={200: ApplicationOut, **ERRORS})
def decide(request: HttpRequest, application_id: int, payload: DecisionIn) -> Any:
    """The panel's decision (recruiters): advance to the next stage, reject, or hold; reasoning required."""
    user = actor(request)
    require_recruiter(user)
    application = get_for_user(get_application_for_user, user, application_id)
    interview = (
        get_for_user(get_interview_for_user, user, payload.interview_id, field="interview_id")
        if payload.interview_id is not None
        else None
    )
    recorded = actions.decide_application(
        actor=user, application=application, decision=payload.decision, reasoning=payload.reasoning, interview=interview
    )
    return recorded.application
