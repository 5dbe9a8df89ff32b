"""The demo's interview kits and scorecards (seeds 001-003).

Every vacancy with interviews starts from the standard kit, through the action a recruiter
would use; the recruiter has scored the held interviews of the past few days, so the panel
review and the manager portal have something to show.
"""

from __future__ import annotations

import random
from datetime import datetime

from regisseur.accounts.models import User
from regisseur.actions.evaluations import submit_evaluation
from regisseur.actions.kits import start_standard_kit
from regisseur.interviews.models import Interview, InterviewStatus
from regisseur.recruitment.models import Vacancy

STRENGTHS = {
    "nl": "Concrete voorbeelden volgens STAR; rustig en helder.",
    "en": "Concrete examples in STAR form; calm and clear.",
}
WEAKNESSES = {
    "nl": "Weinig ervaring met leidinggeven.",
    "en": "Little experience in leading a team.",
}


class EvaluationDemo:
    """A part of DemoBuilder: kits for the vacancies, scorecards for some held interviews."""

    rng: random.Random
    now: datetime
    recruiter: User
    vacancies: dict[str, Vacancy]

    def _evaluation(self) -> None:
        for vacancy in self.vacancies.values():
            if vacancy.interviews.exists():
                start_standard_kit(actor=self.recruiter, vacancy=vacancy)
        held = (
            Interview.objects.filter(
                organisation_id=self.recruiter.organisation_id or 0,
                status=InterviewStatus.HELD,
                application__isnull=False,
            )
            .select_related("vacancy__kit")
            .order_by("-starts_at")[:4]
        )
        for interview in held:
            kit = getattr(interview.vacancy, "kit", None)
            competencies = list(kit.competencies.all()) if kit is not None else []
            language = interview.vacancy.language
            submit_evaluation(
                actor=self.recruiter,
                interview=interview,
                fields={
                    "ratings": {str(competency.pk): self.rng.choice([3, 4, 4, 5]) for competency in competencies},
                    "strengths": STRENGTHS.get(language, STRENGTHS["en"]),
                    "weaknesses": WEAKNESSES.get(language, WEAKNESSES["en"]),
                    "recommendation": self.rng.choice(["yes", "yes", "strong_yes", "no"]),
                    "next_steps_told": True,
                },
            )
