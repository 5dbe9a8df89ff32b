"""Scorecards (E2) and the panel review (E3), with off-the-record notes kept to their author (E4).

A participant's scorecard is a draft until submitted; a submitted version is never changed:
editing it afterwards starts version n+1 as a new draft. Others' scorecards are shown per the
kit's visibility (recruiters always see all), and only ever their submitted current versions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regisseur.accounts.models import User
from regisseur.accounts.roles import is_recruiter
from regisseur.core.errors import ServiceError
from regisseur.evaluation.models import (
    Competency,
    Decision,
    Evaluation,
    Kit,
    PanelDecision,
    Recommendation,
    Visibility,
)
from regisseur.interviews.access import participant_interview_q
from regisseur.interviews.models import Interview, InterviewEvent, InterviewStatus
from regisseur.recruitment.models import Application, ApplicationStage, ApplicationStatus
from regisseur.recruitment.services import move_application, set_application_status

TEXT_LIMIT = 5000
TEXT_FIELDS = ("strengths", "weaknesses", "candidate_questions", "off_record_notes")
BOOLEAN_FIELDS = ("questions_answered", "next_steps_told")
LEVELS = (1, 2, 3, 4, 5)
NO_SIDE = {Recommendation.STRONG_NO, Recommendation.NO}
YES_SIDE = {Recommendation.YES, Recommendation.STRONG_YES}
# A spread of this many points between raters on one competency asks for discussion.
SPREAD_FLAG = 2

# Notes the history stores as codes (see web.views.history.note_labels).
SUBMITTED = "evaluation_submitted"
NEW_VERSION = "evaluation_new_version"
DECIDED = {
    Decision.ADVANCE: "panel_advance",
    Decision.REJECT: "panel_reject",
    Decision.HOLD: "panel_hold",
}
HISTORY_NOTES = {
    SUBMITTED: gettext_lazy("Evaluation submitted."),
    NEW_VERSION: gettext_lazy("A submitted evaluation reopened as a new version."),
    DECIDED[Decision.ADVANCE]: gettext_lazy("Panel decision: advance."),
    DECIDED[Decision.REJECT]: gettext_lazy("Panel decision: reject."),
    DECIDED[Decision.HOLD]: gettext_lazy("Panel decision: hold."),
}


class AlreadySubmitted(ServiceError):
    status = 409

    def __init__(self) -> None:
        super().__init__("already_submitted", _("This evaluation has already been submitted."))


# ---------------------------------------------------------------- who and what


def may_evaluate(user: User, interview: Interview) -> bool:
    """The interview's participants and the organisation's recruiters fill in a scorecard."""
    if user.organisation_id is None or user.organisation_id != interview.organisation_id:
        return False
    if is_recruiter(user):
        return True
    return Interview.objects.filter(pk=interview.pk).filter(participant_interview_q(user)).exists()


def kit_of(interview: Interview) -> Kit | None:
    return Kit.objects.filter(vacancy_id=interview.vacancy_id).first()


def competencies_of(interview: Interview) -> list[Competency]:
    """The competencies rated on this interview's scorecards: those of its vacancy's kit (none without one)."""
    return list(Competency.objects.filter(kit__vacancy_id=interview.vacancy_id).order_by("position", "id"))


def visibility_of(interview: Interview) -> str:
    kit = kit_of(interview)
    return kit.visibility if kit is not None else Visibility.AFTER_OWN


def current_evaluation(user: User, interview: Interview) -> Evaluation | None:
    return Evaluation.objects.filter(interview=interview, author=user, is_current=True).first()


# ---------------------------------------------------------------- checks


def _require_evaluator(actor: User, interview: Interview) -> None:
    if not may_evaluate(actor, interview):
        raise ServiceError("not_found", _("Not found."))
    if interview.status == InterviewStatus.CANCELLED:
        raise ServiceError("interview_cancelled", _("This interview has been cancelled."))


def _ratings(value: Any, competency_ids: set[int]) -> dict[str, int]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ServiceError("invalid", _("Ratings must map competencies to a level."), field="ratings")
    ratings: dict[str, int] = {}
    for raw_key, raw_level in value.items():
        try:
            key = int(str(raw_key))
        except ValueError:
            key = 0
        if key not in competency_ids:
            raise ServiceError(
                "not_found", _("This competency is not part of the interview's kit."), field=f"ratings.{raw_key}"
            )
        if raw_level is None or raw_level == "":
            continue  # not rated (yet)
        if isinstance(raw_level, bool) or not isinstance(raw_level, int | str):
            raise ServiceError("invalid", _("A rating is a level from 1 to 5."), field=f"ratings.{raw_key}")
        try:
            level = int(raw_level)
        except ValueError:
            level = 0
        if level not in LEVELS:
            raise ServiceError("invalid", _("A rating is a level from 1 to 5."), field=f"ratings.{raw_key}")
        ratings[str(key)] = level
    return ratings


def _cleaned(fields: Mapping[str, Any], competency_ids: set[int]) -> dict[str, Any]:
    """The given fields, checked; fields left out are not changed."""
    cleaned: dict[str, Any] = {}
    if "ratings" in fields:
        cleaned["ratings"] = _ratings(fields["ratings"], competency_ids)
    for name in TEXT_FIELDS:
        if name in fields:
            text = "" if fields[name] is None else str(fields[name])
            if len(text) > TEXT_LIMIT:
                raise ServiceError("too_long", _("At most %(limit)d characters.") % {"limit": TEXT_LIMIT}, field=name)
            cleaned[name] = text
    if "recommendation" in fields:
        value = fields["recommendation"] or ""
        if value and value not in Recommendation.values:
            raise ServiceError("invalid", _("Choose one of the recommendations."), field="recommendation")
        cleaned["recommendation"] = value
    for name in BOOLEAN_FIELDS:
        if name in fields:
            cleaned[name] = bool(fields[name])
    return cleaned


def _event(interview: Interview, actor: User, note: str) -> None:
    InterviewEvent.objects.create(interview=interview, actor=actor, action=InterviewEvent.Action.UPDATED, note=note)


# ---------------------------------------------------------------- writes


@transaction.atomic
def save_draft(*, actor: User, interview: Interview, fields: Mapping[str, Any]) -> Evaluation:
    """Save the actor's scorecard as a draft; after submission this starts a new version."""
    _require_evaluator(actor, interview)
    competency_ids = {competency.pk for competency in competencies_of(interview)}
    cleaned = _cleaned(fields, competency_ids)
    current = Evaluation.objects.select_for_update().filter(interview=interview, author=actor, is_current=True).first()
    if current is not None and not current.is_submitted:
        for name, value in cleaned.items():
            setattr(current, name, value)
        current.save(update_fields=[*cleaned, "updated_at"])
        return current
    values: dict[str, Any] = {}
    version = 1
    if current is not None:
        # The submitted version stays as it was; the new draft starts from it.
        values = {name: getattr(current, name) for name in ("ratings", *TEXT_FIELDS, "recommendation", *BOOLEAN_FIELDS)}
        version = current.version + 1
        current.is_current = False
        current.save(update_fields=["is_current", "updated_at"])
        _event(interview, actor, NEW_VERSION)
    values.update(cleaned)
    try:
        with transaction.atomic():
            return Evaluation.objects.create(
                interview=interview, author=actor, version=version, is_current=True, **values
            )
    except IntegrityError:
        # Two saves at once (two tabs): the other one created it first.
        message = _("The evaluation was saved elsewhere at the same moment; try again.")
        raise ServiceError("try_again", message) from None


@transaction.atomic
def submit(*, actor: User, interview: Interview) -> Evaluation:
    """Submit (lock) the actor's current draft."""
    _require_evaluator(actor, interview)
    current = Evaluation.objects.select_for_update().filter(interview=interview, author=actor, is_current=True).first()
    if current is None or not current.recommendation:
        raise ServiceError("required", _("Choose a recommendation before submitting."), field="recommendation")
    if current.is_submitted:
        raise AlreadySubmitted
    current.submitted_at = timezone.now()
    current.save(update_fields=["submitted_at", "updated_at"])
    _event(interview, actor, SUBMITTED)
    return current


def _next_stage(stage: str) -> str:
    order = [choice for choice in ApplicationStage.values if choice != ApplicationStage.CLOSED]
    if stage not in order:
        return stage
    return order[min(order.index(stage) + 1, len(order) - 1)]


@transaction.atomic
def decide(
    *, actor: User, application: Application, decision: str, reasoning: str, interview: Interview | None = None
) -> PanelDecision:
    """Record the panel's decision with its reasoning: advance a stage, reject, or hold."""
    if not is_recruiter(actor):
        raise ServiceError("forbidden", _("Only recruiters record the panel's decision."))
    if decision not in Decision.values:
        raise ServiceError("invalid", _("Choose advance, reject or hold."), field="decision")
    reasoning = (reasoning or "").strip()
    if not reasoning:
        raise ServiceError("required", _("Give the reasoning for the decision."), field="reasoning")
    if len(reasoning) > TEXT_LIMIT:
        raise ServiceError("too_long", _("At most %(limit)d characters.") % {"limit": TEXT_LIMIT}, field="reasoning")
    if interview is not None and interview.application_id != application.pk:
        raise ServiceError("not_found", _("Not found."), field="interview_id")
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.ACTIVE and decision != Decision.HOLD:
        raise ServiceError("application_closed", _("This application is no longer active."), field="decision")
    if decision == Decision.ADVANCE:
        move_application(actor=actor, application=application, stage=_next_stage(application.stage))
    elif decision == Decision.REJECT:
        set_application_status(actor=actor, application=application, status=ApplicationStatus.REJECTED)
    recorded = PanelDecision.objects.create(
        application=application, interview=interview, decision=decision, reasoning=reasoning, decided_by=actor
    )
    if interview is not None:
        _event(interview, actor, DECIDED[Decision(decision)])
    return recorded


# ---------------------------------------------------------------- the panel review (reads)


@dataclass
class CompetencySummary:
    competency: Competency
    average: float | None
    minimum: int | None
    maximum: int | None
    count: int
    ratings: list[int | None] = field(default_factory=list)  # per shown evaluation, in their order


@dataclass
class Discrepancy:
    competency_id: int | None
    kind: str  # rating_spread | recommendation_split
    detail: str


@dataclass
class PanelView:
    interview: Interview
    competencies: list[Competency]
    visibility: str
    mine: Evaluation | None
    others: list[Evaluation]
    # Whether others' evaluations are shown at all (the visibility rule); `others` may still be empty.
    shows_others: bool
    # Every evaluation in the comparison: the actor's own submitted one first, then the others'.
    shown: list[Evaluation]
    summary: list[CompetencySummary]
    discrepancies: list[Discrepancy]
    decisions: list[PanelDecision]


def shows_others(actor: User, visibility: str, mine: Evaluation | None) -> bool:
    if is_recruiter(actor):
        return True
    if visibility == Visibility.ALWAYS:
        return True
    if visibility == Visibility.AFTER_OWN:
        return mine is not None and (mine.is_submitted or _has_submitted_before(mine))
    return False


def _has_submitted_before(mine: Evaluation) -> bool:
    # A reopened scorecard (version 2 and up) was submitted before: the panel stays open to its author.
    return mine.version > 1


def summarise(competencies: Iterable[Competency], evaluations: list[Evaluation]) -> list[CompetencySummary]:
    rows = []
    for competency in competencies:
        levels = [evaluation.ratings.get(str(competency.pk)) for evaluation in evaluations]
        given = [level for level in levels if isinstance(level, int)]
        rows.append(
            CompetencySummary(
                competency=competency,
                average=round(sum(given) / len(given), 2) if given else None,
                minimum=min(given) if given else None,
                maximum=max(given) if given else None,
                count=len(given),
                ratings=levels,
            )
        )
    return rows


def discrepancies_in(summary: list[CompetencySummary], evaluations: list[Evaluation]) -> list[Discrepancy]:
    """A spread of two points or more on a competency; recommendations on both sides of yes and no."""
    found = []
    for row in summary:
        if row.maximum is not None and row.minimum is not None and row.maximum - row.minimum >= SPREAD_FLAG:
            found.append(
                Discrepancy(
                    competency_id=row.competency.pk,
                    kind="rating_spread",
                    detail=_("%(name)s: ratings from %(low)d to %(high)d; discuss this together.")
                    % {"name": row.competency.name, "low": row.minimum, "high": row.maximum},
                )
            )
    recommendations = {evaluation.recommendation for evaluation in evaluations}
    if recommendations & NO_SIDE and recommendations & YES_SIDE:
        found.append(
            Discrepancy(
                competency_id=None,
                kind="recommendation_split",
                detail=_("The recommendations are split between yes and no; discuss this together."),
            )
        )
    return found


def panel_view(actor: User, interview: Interview) -> PanelView:
    """What the actor sees of the panel: own scorecard, others' submitted ones per the visibility rule."""
    if not may_evaluate(actor, interview):
        raise ServiceError("not_found", _("Not found."))
    kit = (
        Kit.objects.filter(vacancy_id=interview.vacancy_id)
        .prefetch_related(Prefetch("competencies", queryset=Competency.objects.order_by("position", "id")))
        .first()
    )
    competencies = list(kit.competencies.all()) if kit is not None else []
    visibility = kit.visibility if kit is not None else Visibility.AFTER_OWN
    current = list(
        Evaluation.objects.filter(interview=interview, is_current=True).select_related("author").order_by("id")
    )
    mine = next((evaluation for evaluation in current if evaluation.author_id == actor.pk), None)
    visible = shows_others(actor, visibility, mine)
    others = []
    if visible:
        for evaluation in current:
            if evaluation.author_id != actor.pk and evaluation.is_submitted:
                # Off-the-record notes belong to their author alone (E4), whoever reads the others'.
                evaluation.off_record_notes = ""
                others.append(evaluation)
    compared = ([mine] if mine is not None and mine.is_submitted else []) + others if visible else []
    summary = summarise(competencies, compared) if visible else []
    decisions = (
        list(PanelDecision.objects.filter(interview=interview).select_related("decided_by"))
        if is_recruiter(actor)
        else []
    )
    return PanelView(
        interview=interview,
        competencies=competencies,
        visibility=visibility,
        mine=mine,
        others=others,
        shows_others=visible,
        shown=compared,
        summary=summary,
        discrepancies=discrepancies_in(summary, compared) if visible else [],
        decisions=decisions,
    )
