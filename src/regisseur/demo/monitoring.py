"""The demo's interview days (seed 000): what monitoring recorded for the past, and today's checklist.

Past interviews get their start, their outcome's details and an incident closed with its
lessons, written with the ORM at the moments they happened (the actions refuse the past, as
they should), so that the metrics page has a history to show. Today's first interview has
its day-before checklist partly ticked through the action, as a recruiter would.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from regisseur.accounts.models import User
from regisseur.actions.monitoring import tick_checklist_item
from regisseur.interviews.models import Interview, InterviewEvent, InterviewStatus
from regisseur.monitoring.incidents import PLAYBOOKS
from regisseur.monitoring.models import (
    ChecklistTick,
    Incident,
    IncidentKind,
    IncidentStep,
    InterviewRun,
    NoShowBy,
    Phase,
)

DAY_BEFORE_DONE = ("planning_confirmed", "participants_confirmed", "practical_matters", "agenda", "escalation_plan")
AFTER_CODES = ("on_schedule", "no_problems", "both_satisfied", "next_steps_clear", "feedback_timeline")
LESSONS = {
    "nl": "Bij videogesprekken vooraf een telefoonnummer van beide partijen vragen en een testgesprek plannen.",
    "en": "For video interviews, ask both parties for a phone number beforehand and plan a test call.",
}


class MonitoringDemo:
    """A part of DemoBuilder: the monitoring records of the demo's interviews."""

    rng: random.Random
    now: datetime
    today: date
    recruiter: User

    def _monitoring(self) -> None:
        organisation_id = self.recruiter.organisation_id or 0
        past = list(
            Interview.objects.filter(organisation_id=organisation_id, starts_at__lt=self.now)
            .exclude(status=InterviewStatus.CANCELLED)
            .select_related("vacancy")
            .order_by("starts_at")
        )
        runs, ticks = [], []
        for index, interview in enumerate(past):
            if interview.status == InterviewStatus.NO_SHOW:
                runs.append(InterviewRun(interview=interview, no_show_by=NoShowBy.CANDIDATE))
                continue
            # Most start on time; now and then one starts late (the on-time rate is not 100% by itself).
            late = self.rng.choice([0, 0, 1, 2, 3, 4, 12])
            runs.append(
                InterviewRun(
                    interview=interview,
                    started_at=interview.starts_at + timedelta(minutes=late),
                    started_by=self.recruiter,
                    completed_at=interview.ends_at + timedelta(minutes=30) if index % 2 else None,
                    completed_by=self.recruiter if index % 2 else None,
                )
            )
            if interview.status == InterviewStatus.HELD:
                done_at = interview.ends_at + timedelta(minutes=20)
                ticks += [
                    ChecklistTick(
                        interview=interview,
                        phase=Phase.AFTER,
                        code=code,
                        done=True,
                        done_by=self.recruiter,
                        done_at=done_at,
                    )
                    for code in AFTER_CODES[: 5 if index % 3 else 3]
                ]
        InterviewRun.objects.bulk_create(runs)
        ChecklistTick.objects.bulk_create(ticks)
        held = [interview for interview in past if interview.status == InterviewStatus.HELD]
        if held:
            self._closed_incident(held[len(held) // 2])
        coming = Interview.objects.filter(organisation_id=organisation_id, starts_at__gte=self.now)
        today = list(coming.order_by("starts_at")[:1])
        for interview in today:
            for code in DAY_BEFORE_DONE:
                tick_checklist_item(
                    actor=self.recruiter, interview=interview, phase=Phase.DAY_BEFORE, code=code, done=True
                )

    def _closed_incident(self, interview: Interview) -> None:
        """A video call that failed and was saved by the phone: the playbook done, the lesson kept."""
        opened = interview.starts_at + timedelta(minutes=3)
        closed = interview.ends_at + timedelta(minutes=15)
        incident = Incident.objects.create(
            interview=interview,
            kind=IncidentKind.TECHNICAL_PROBLEM,
            note="Video viel weg" if interview.vacancy.language == "nl" else "The video call dropped",
            opened_at=opened,
            opened_by=self.recruiter,
            closed_at=closed,
            closed_by=self.recruiter,
            lessons=LESSONS.get(interview.vacancy.language, LESSONS["en"]),
        )
        IncidentStep.objects.bulk_create(
            IncidentStep(
                incident=incident,
                code=step.code,
                position=position,
                done=True,
                done_by=self.recruiter,
                done_at=opened + timedelta(minutes=2 + position),
            )
            for position, step in enumerate(PLAYBOOKS[IncidentKind.TECHNICAL_PROBLEM])
        )
        InterviewEvent.objects.bulk_create(
            [
                InterviewEvent(
                    interview=interview,
                    actor=self.recruiter,
                    action=InterviewEvent.Action.INCIDENT,
                    changes={"incident": ["", IncidentKind.TECHNICAL_PROBLEM]},
                    created_at=opened,
                ),
                InterviewEvent(
                    interview=interview,
                    actor=self.recruiter,
                    action=InterviewEvent.Action.INCIDENT,
                    changes={"incident": [IncidentKind.TECHNICAL_PROBLEM, "closed"]},
                    note=incident.lessons,
                    created_at=closed,
                ),
            ]
        )
