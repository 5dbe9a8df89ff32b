"""The demo's interviews: planned through the services, except those in the past."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from regisseur.accounts.models import Organisation, User
from regisseur.actions.cancelling import cancel_interview
from regisseur.actions.changes import reschedule_interview
from regisseur.actions.planning import plan_interview, plan_interviews
from regisseur.core.timezones import format_day_first, local_to_utc
from regisseur.demo.content import (
    AMSTERDAM,
    CANCEL_REASONS,
    GROUP_REASON,
    HELD_REPORTS,
    HIRING_MANAGER_REASON,
    ORGANISATION_LANGUAGE,
    PARKING_MEMO,
    REASONS,
    ROUND_NAMES,
    ROUND_REASON,
    SALARY_MEMO,
)
from regisseur.interviews.models import (
    ConfirmationStatus,
    Guideline,
    Interview,
    InterviewEvent,
    InterviewKind,
    InterviewStatus,
    InterviewType,
    LocationPreset,
)
from regisseur.interviews.planning import Planning
from regisseur.recruitment.models import (
    Application,
    ApplicationStage,
    ApplicationStatus,
    Contact,
    Vacancy,
    VacancyStatus,
)
from regisseur.recruitment.services import update_vacancy


class _Slots:
    """Non-overlapping interview moments on weekdays in the coming two weeks (Amsterdam time)."""

    CLOCKS = [time(9, 0), time(10, 30), time(13, 0), time(14, 30), time(16, 0)]

    def __init__(self, rng: random.Random, today: date) -> None:
        self.free: list[datetime] = []
        for offset in range(1, 15):
            day = today + timedelta(days=offset)
            if day.weekday() < 5:
                self.free.extend(local_to_utc(day, clock, AMSTERDAM) for clock in self.CLOCKS)
        self.rng = rng

    def reserve(self, starts_at: datetime, ends_at: datetime) -> None:
        """Keep a window free for an interview planned outside the grid."""
        margin = timedelta(minutes=90)  # the longest demo interview
        self.free = [slot for slot in self.free if not (slot < ends_at and slot + margin > starts_at)]

    def take(self) -> datetime:
        return self.free.pop(self.rng.randrange(len(self.free)))


class InterviewPlanner:
    """The interviews of the demo: past, today and the coming two weeks (a part of DemoBuilder)."""

    rng: random.Random
    now: datetime
    today: date
    organisation: Organisation
    recruiter: User
    colleague: User
    vacancies: dict[str, Vacancy]
    locations: dict[str, LocationPreset]
    guidelines: dict[str, Guideline]
    care_committee: list[Contact]
    software_committee: list[Contact]

    applications: dict[str, list[Application]]

    def _select(self, key: str, *, stage: str, status: str = ApplicationStatus.ACTIVE) -> list[Application]:
        return [a for a in self.applications[key] if a.stage == stage and a.status == status]

    def _planning(self, starts_at: datetime, language: str = ORGANISATION_LANGUAGE, **values: object) -> Planning:
        """A planning with the demo's defaults; the reason in the language its recruiter writes for this vacancy."""
        rng = self.rng
        values.setdefault("duration_minutes", rng.choice([30, 45, 60, 60, 90]))
        values.setdefault("participants", [self.recruiter])
        values.setdefault("interviewer", "Sanne Visser")
        values.setdefault("reason", rng.choice(REASONS[language]))
        return Planning(starts_at=starts_at, **values)  # type: ignore[arg-type]

    def _answer(self, interview: Interview, status: str, note: str = "") -> None:
        # What the candidate's answer page records: the new status and an event in the history.
        Interview.objects.filter(pk=interview.pk).update(confirmation_status=status)
        InterviewEvent.objects.create(
            interview=interview,
            actor=None,
            action=InterviewEvent.Action.ANSWERED,
            changes={"confirmation_status": [ConfirmationStatus.PENDING, status]},
            note=note,
            source=InterviewEvent.Source.CANDIDATE,
        )
        interview.confirmation_status = status

    def _past(
        self,
        application: Application,
        *,
        days_ago: int,
        clock: time,
        status: str,
        report: str = "",
        location: LocationPreset | None = None,
        type: str = InterviewType.IN_PERSON,
        kind: str = InterviewKind.RECRUITER,
    ) -> Interview:
        """An interview that already took place: the services refuse past dates, so the ORM writes it."""
        starts_at = local_to_utc(self.today - timedelta(days=days_ago), clock, AMSTERDAM)
        if starts_at > self.now - timedelta(hours=1):
            starts_at -= timedelta(days=1)
        location = location or self.locations["utrecht"]
        language = application.vacancy.language
        interview = Interview.objects.create(
            organisation=self.organisation,
            vacancy=application.vacancy,
            application=application,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=60),
            duration_minutes=60,
            time_zone=AMSTERDAM,
            type=type,
            kind=kind,
            location_preset=location,
            location=location.location,
            reason=REASONS[language][0],
            interviewer="Sanne Visser",
            report=report,
            status=status,
            confirmation_status=ConfirmationStatus.ACCEPTED,
            created_by=self.recruiter,
        )
        interview.participants.set([self.recruiter])
        interview.guidelines.set([self.guidelines["star"]])
        planned_at = starts_at - timedelta(days=7)
        Interview.objects.filter(pk=interview.pk).update(created_at=planned_at)
        events = [
            InterviewEvent(
                interview=interview,
                actor=self.recruiter,
                action=InterviewEvent.Action.PLANNED,
                changes={"starts_at": [None, format_day_first(starts_at, AMSTERDAM)], "time_zone": [None, AMSTERDAM]},
                created_at=planned_at,
            ),
            InterviewEvent(
                interview=interview,
                action=InterviewEvent.Action.ANSWERED,
                source=InterviewEvent.Source.CANDIDATE,
                changes={"confirmation_status": [ConfirmationStatus.PENDING, ConfirmationStatus.ACCEPTED]},
                created_at=planned_at + timedelta(hours=5),
            ),
            InterviewEvent(
                interview=interview,
                actor=self.recruiter,
                action=InterviewEvent.Action.STATUS,
                changes={"status": [InterviewStatus.PLANNED, status]},
                created_at=starts_at + timedelta(minutes=75),
            ),
        ]
        InterviewEvent.objects.bulk_create(events)
        return interview

    def _interviews(self) -> None:
        rng, v, loc, guide = self.rng, self.vacancies, self.locations, self.guidelines
        actor = self.recruiter
        slots = _Slots(rng, self.today)

        # One interview in New York time: Northwind's hiring manager interviews from the US office.
        ny_day = self.today + timedelta(days=4)
        while ny_day.weekday() >= 5:
            ny_day += timedelta(days=1)
        ny_start = local_to_utc(ny_day, time(10, 0), "America/New_York")
        slots.reserve(ny_start, ny_start + timedelta(minutes=60))

        # Past interviews: held with a report, or the candidate did not show up.
        past_held = self._select("nurse", stage=ApplicationStage.OFFER) + self._select(
            "teamlead", stage=ApplicationStage.OFFER
        )
        past_held += self._select("backend", stage=ApplicationStage.OFFER)
        past_held += [a for a in self.applications["analyst"] if a.stage == ApplicationStage.CLOSED][:4]
        for index, application in enumerate(past_held):
            self._past(
                application,
                days_ago=index % 9 + 1,
                clock=_Slots.CLOCKS[index % 5],
                status=InterviewStatus.HELD,
                report=_report(application.vacancy.language, index),
                location=loc["teams"] if application.vacancy.language == "en" else loc["utrecht"],
                type=InterviewType.VIDEO if application.vacancy.language == "en" else InterviewType.IN_PERSON,
            )
        rejected = self._select("nurse", stage=ApplicationStage.CLOSED, status=ApplicationStatus.REJECTED)
        rejected += self._select("product", stage=ApplicationStage.CLOSED, status=ApplicationStatus.REJECTED)
        for index, application in enumerate(rejected):
            self._past(
                application,
                days_ago=2 + index * 3,
                clock=time(11, 0),
                status=InterviewStatus.NO_SHOW,
                location=loc["amsterdam"],
            )

        # Today: one interview soon (inside the day board's active window) and one this afternoon.
        today_apps = self._select("nurse", stage=ApplicationStage.INTERVIEW)
        soon_start = (self.now + timedelta(minutes=45)).replace(second=0, microsecond=0)
        soon_start -= timedelta(minutes=soon_start.minute % 15)
        first = plan_interview(
            actor=actor,
            application=today_apps[0],
            planning=self._planning(
                soon_start,
                duration_minutes=45,
                type=InterviewType.IN_PERSON,
                location_preset=loc["utrecht"],
                guidelines=[guide["star"], guide["opening"]],
                memo=PARKING_MEMO,
            ),
        ).interviews[0]
        self._answer(first, ConfirmationStatus.ACCEPTED)
        plan_interview(
            actor=actor,
            application=today_apps[1],
            planning=self._planning(
                soon_start + timedelta(hours=2),
                duration_minutes=60,
                type=InterviewType.VIDEO,
                kind=InterviewKind.BOTH,
                location_preset=loc["teams"],
                committee_members=self.care_committee,
            ),
        )  # still pending: the day board shows it as a risk

        # The coming two weeks: one interview for every remaining application in the interview stage.
        upcoming = today_apps[2:] + self._select("backend", stage=ApplicationStage.INTERVIEW)
        upcoming += self._select("product", stage=ApplicationStage.INTERVIEW)
        answers = [
            ConfirmationStatus.ACCEPTED,
            ConfirmationStatus.PENDING,
            ConfirmationStatus.ACCEPTED,
            ConfirmationStatus.NOT_ACCEPTED,
            ConfirmationStatus.CONTACT_FOR_NEW_APPOINTMENT,
            ConfirmationStatus.ACCEPTED,
            ConfirmationStatus.PENDING,
        ]
        planned: list[Interview] = []
        for index, application in enumerate(upcoming):
            english = application.vacancy.language == "en"
            kind = rng.choice([InterviewKind.RECRUITER, InterviewKind.HIRING_MANAGER, InterviewKind.BOTH])
            kind_type = rng.choice([InterviewType.IN_PERSON, InterviewType.VIDEO, InterviewType.PHONE])
            location = {
                InterviewType.IN_PERSON: loc["amsterdam"] if english else loc["utrecht"],
                InterviewType.VIDEO: loc["teams"],
                InterviewType.PHONE: loc["phone"],
            }[kind_type]
            committee = self.software_committee if english else self.care_committee
            language = application.vacancy.language
            interview = plan_interview(
                actor=actor,
                application=application,
                planning=self._planning(
                    slots.take(),
                    type=kind_type,
                    kind=kind,
                    location_preset=location,
                    participants=[self.colleague] if english else [self.recruiter],
                    interviewer="Ravi Ramdin" if english else "Sanne Visser",
                    committee_members=committee if kind == InterviewKind.BOTH else [],
                    guidelines=[guide["star"], guide["competency"]] if index % 2 else [guide["star"]],
                    language=language,
                    memo=SALARY_MEMO[language] if index == 3 else "",
                ),
            ).interviews[0]
            answer = answers[index % len(answers)]
            if answer != ConfirmationStatus.PENDING:
                self._answer(interview, answer)
            planned.append(interview)

        # The candidate asked for a new appointment: rescheduled; the history shows both moments
        # and the candidate is asked to confirm again.
        reschedule_interview(actor=actor, interview=planned[4], starts_at=slots.take())
        # Cancelled: the candidate cannot come, and the client cancelled one.
        for index, cause in ((3, "candidate"), (5, "client")):
            language = planned[index].vacancy.language
            cancel_interview(actor=actor, interview=planned[index], reason=CANCEL_REASONS[cause][language])
        # A candidate who withdraws by the confirm link once the invitation is sent (see MessageWriter).
        self.withdrawing = planned[8]

        # New York: the interview's own time zone, shown day-first like every other.
        ny_application = self._select("backend", stage=ApplicationStage.PLAN_INTERVIEW)[0]
        ny = plan_interview(
            actor=actor,
            application=ny_application,
            planning=self._planning(
                ny_start,
                duration_minutes=60,
                time_zone="America/New_York",
                type=InterviewType.VIDEO,
                kind=InterviewKind.HIRING_MANAGER,
                location_preset=loc["teams"],
                participants=[self.colleague],
                interviewer="James Whitfield (New York office)",
                reason=HIRING_MANAGER_REASON[ny_application.vacancy.language],
            ),
        ).interviews[0]
        self._answer(ny, ConfirmationStatus.ACCEPTED)

        # A group interview (P5): three candidates for team leader at the Utrecht office.
        group_apps = self._select("teamlead", stage=ApplicationStage.PLAN_INTERVIEW)
        group_apps += self._select("teamlead", stage=ApplicationStage.SCREENING)[:1]
        group = plan_interviews(
            actor=actor,
            applications=group_apps,
            as_group=True,
            planning=self._planning(
                slots.take(),
                duration_minutes=90,
                kind=InterviewKind.BOTH,
                location_preset=loc["utrecht"],
                committee_members=self.care_committee,
                guidelines=[guide["competency"], guide["opening"]],
                reason=GROUP_REASON,
            ),
        ).interviews
        for interview, answer in zip(group, [ConfirmationStatus.ACCEPTED, ConfirmationStatus.PENDING], strict=False):
            if answer != ConfirmationStatus.PENDING:
                self._answer(interview, answer)

        # Interview rounds on the draft vacancy, before anyone applied (P4).
        for round_name in ROUND_NAMES:
            plan_interview(
                actor=actor,
                vacancy=v["planner"],
                planning=self._planning(
                    slots.take(),
                    duration_minutes=45,
                    location_preset=loc["utrecht"],
                    round_name=round_name,
                    reason=ROUND_REASON,
                ),
            )

        # The data-analyst vacancy is filled: close it now its applications are handled.
        update_vacancy(actor=actor, vacancy=v["analyst"], changes={"status": VacancyStatus.CLOSED})


def _report(language: str, index: int) -> str:
    reports = HELD_REPORTS.get(language, HELD_REPORTS["nl"])
    return reports[index % len(reports)]
