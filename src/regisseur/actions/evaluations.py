"""Scorecards and the panel's decision (seeds 001, 002; SPEC E2-E4), one function per user action."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from regisseur.accounts.models import User
from regisseur.evaluation import scorecards
from regisseur.evaluation.models import Evaluation, PanelDecision
from regisseur.interviews.models import Interview
from regisseur.recruitment.models import Application


@transaction.atomic
def save_evaluation(*, actor: User, interview: Interview, fields: Mapping[str, Any]) -> Evaluation:
    """Save one's scorecard as a draft (after submission: a new version)."""
    return scorecards.save_draft(actor=actor, interview=interview, fields=fields)


@transaction.atomic
def submit_evaluation(*, actor: User, interview: Interview, fields: Mapping[str, Any] | None = None) -> Evaluation:
    """Submit one's scorecard (with the form's last changes, when given): it is locked from then on."""
    if fields is not None:
        scorecards.save_draft(actor=actor, interview=interview, fields=fields)
    return scorecards.submit(actor=actor, interview=interview)


@transaction.atomic
def decide_application(
    *, actor: User, application: Application, decision: str, reasoning: str, interview: Interview | None = None
) -> PanelDecision:
    """Record the panel's decision with its reasoning; advance or reject the application."""
    return scorecards.decide(
        actor=actor, application=application, decision=decision, reasoning=reasoning, interview=interview
    )
