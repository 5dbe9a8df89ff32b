"""Small builders for the scorecard tests: a vacancy's kit with rated competencies, a panel interview."""

from __future__ import annotations

from typing import Any

from regisseur.accounts.models import User
from regisseur.evaluation.models import Competency, Kit, Visibility
from regisseur.interviews.models import Interview, InterviewKind
from regisseur.recruitment.models import Application, Contact, Vacancy
from tests.conftest import make_interview

ANCHORS = {str(level): f"Level {level} looks like this" for level in range(1, 6)}


def make_kit(vacancy: Vacancy, *names: str, visibility: str = Visibility.AFTER_OWN) -> list[Competency]:
    kit = Kit.objects.create(organisation=vacancy.client.organisation, vacancy=vacancy, visibility=visibility)
    return [
        Competency.objects.create(
            kit=kit, name=name, anchors={k: f"{name}: {v}" for k, v in ANCHORS.items()}, position=n
        )
        for n, name in enumerate(names or ("Communication", "Problem solving"))
    ]


def panel_interview(
    alice: User, application: Application, *, colleagues: list[User], cora: User | None = None
) -> Interview:
    """An interview with the hiring manager (Hank, when `manager` is set up), colleagues and Cora on the committee."""
    planning: dict[str, Any] = {"kind": InterviewKind.BOTH, "participants": colleagues}
    if cora is not None:
        planning["committee_members"] = [Contact.objects.get(user=cora)]
    return make_interview(alice, application, **planning)


def scorecard(ratings: dict[Any, int], recommendation: str = "yes", **fields: Any) -> dict[str, Any]:
    return {"ratings": {str(key): value for key, value in ratings.items()}, "recommendation": recommendation, **fields}
