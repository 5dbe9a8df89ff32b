"""The demo organisation: realistic, deterministic data that shows every screen at work.

Everything that can go through a service does, so the demo data obeys the same rules
as real data. Three things cannot: interviews in the past (the planning services refuse
past dates, rightly) are written with the ORM together with the history events the
services would have written; candidates' answers are written the way the candidate's
answer page records them (the new confirmation status plus an event); and the
invitations for past interviews are marked as sent (see communication.py).
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from regisseur.accounts.models import Organisation, Role, User
from regisseur.accounts.services import create_user
from regisseur.core.timezones import get_zone
from regisseur.demo.communication import MessageWriter
from regisseur.demo.content import (
    AMSTERDAM,
    COMPETENCY_TEXT,
    COMPETENCY_TITLE,
    DEMO_PASSWORD,
    DUTCH_FIRST_NAMES,
    DUTCH_LAST_NAMES,
    ENGLISH_FIRST_NAMES,
    ENGLISH_LAST_NAMES,
    LOCATION_PRESETS,
    OPENING_TEXT,
    OPENING_TITLE,
    ORGANISATION_NAME,
    SEED,
    STAR_TEXT,
    STAR_TITLE,
)
from regisseur.demo.evaluation import EvaluationDemo
from regisseur.demo.interviews import InterviewPlanner
from regisseur.demo.monitoring import MonitoringDemo
from regisseur.interviews.models import (
    Guideline,
    Interview,
    LocationPreset,
)
from regisseur.messaging.defaults import install_defaults
from regisseur.messaging.models import Message
from regisseur.recruitment.models import (
    Application,
    ApplicationStage,
    ApplicationStatus,
    Candidate,
    Client,
    Contact,
    InterviewMode,
    Vacancy,
    VacancyStatus,
)
from regisseur.recruitment.services import (
    create_application,
    create_candidate,
    create_client,
    create_contact,
    create_vacancy,
    set_application_status,
)


@dataclass
class DemoResult:
    organisation: Organisation
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (username, password, role)
    counts: dict[str, int] = field(default_factory=dict)


def _ascii(text: str) -> str:
    """'Şahin' → 'sahin', "O'Brien" → 'obrien': for email addresses."""
    normalised = unicodedata.normalize("NFKD", text.replace("ı", "i"))
    return "".join(c for c in normalised if c.isascii() and c.isalnum()).lower()


def _dutch_mobile(rng: random.Random) -> str:
    # 06-1x to 06-5x are mobile ranges; the service stores them in E.164.
    return f"06 {rng.choice('12345')}{rng.randrange(10**7):07d}"


class DemoBuilder(InterviewPlanner, MessageWriter, MonitoringDemo, EvaluationDemo):
    def __init__(self, *, seed: int = SEED) -> None:
        self.rng = random.Random(seed)  # noqa: S311 (repeatable demo data, not security)
        self.now = timezone.now()
        self.today = timezone.localtime(self.now, get_zone(AMSTERDAM)).date()

    # -- people and records -------------------------------------------------------------

    def build(self) -> DemoResult:
        with transaction.atomic():
            organisation = Organisation.objects.create(name=ORGANISATION_NAME)
            self.organisation = organisation
            install_defaults(organisation)
            self.result = DemoResult(organisation=organisation)
            self._users(organisation)
            self._clients_and_vacancies()
            self._library(organisation)
            self._candidates()
            self._applications()
            self._interviews()
            self._communicate()
            self._monitoring()
            self._evaluation()
        self.result.counts = {
            "clients": organisation.clients.count(),
            "vacancies": Vacancy.objects.filter(client__organisation=organisation).count(),
            "candidates": Candidate.objects.filter(organisation=organisation).count(),
            "applications": Application.objects.filter(candidate__organisation=organisation).count(),
            "interviews": Interview.objects.filter(organisation=organisation).count(),
            "messages": Message.objects.filter(organisation=organisation).count(),
        }
        return self.result

    def _users(self, organisation: Organisation) -> None:
        self.recruiter = create_user(
            username="demo",
            password=DEMO_PASSWORD,
            organisation=organisation,
            role=Role.RECRUITER,
            first_name="Sanne",
            last_name="Visser",
            email="sanne.visser@example.org",
            sms_access=True,
        )
        # The demo recruiter also administers the organisation (Settings, admin site).
        self.recruiter.groups.add(Group.objects.get(name=Role.ADMINISTRATOR))
        self.colleague = create_user(
            username="ravi",
            password=DEMO_PASSWORD,
            organisation=organisation,
            role=Role.RECRUITER,
            first_name="Ravi",
            last_name="Ramdin",
            email="ravi.ramdin@example.org",
            language="en",
        )
        self.manager = create_user(
            username="manager",
            password=DEMO_PASSWORD,
            organisation=organisation,
            role=Role.HIRING_MANAGER,
            first_name="Marieke",
            last_name="Jansen",
            email="marieke.jansen@example.com",
        )
        self.committee_user = create_user(
            username="commissie",
            password=DEMO_PASSWORD,
            organisation=organisation,
            role=Role.COMMITTEE_MEMBER,
            first_name="Koen",
            last_name="de Boer",
            email="koen.deboer@example.com",
        )
        self.result.logins = [
            ("demo", DEMO_PASSWORD, "recruiter and administrator, with SMS access"),
            ("ravi", DEMO_PASSWORD, "recruiter"),
            ("manager", DEMO_PASSWORD, "hiring manager at Zorggroep Midden"),
            ("commissie", DEMO_PASSWORD, "selection committee member at Zorggroep Midden"),
        ]

    def _clients_and_vacancies(self) -> None:
        actor = self.recruiter
        care = create_client(actor=actor, name="Zorggroep Midden")
        software = create_client(actor=actor, name="Northwind Software B.V.")
        marieke = create_contact(
            actor=actor,
            client=care,
            name="Marieke Jansen",
            email="marieke.jansen@example.com",
            phone="030 234 5678",
            is_hiring_manager=True,
        )
        marieke.user = self.manager
        marieke.save(update_fields=["user"])
        koen = create_contact(
            actor=actor,
            client=care,
            name="Koen de Boer",
            email="koen.deboer@example.com",
            phone="06 23456789",
            wants_calendar_invites=False,
        )
        koen.user = self.committee_user
        koen.save(update_fields=["user"])
        fatima = create_contact(
            actor=actor,
            client=care,
            name="Fatima El Amrani",
            email="f.elamrani@example.com",
            phone="06 34567890",
            is_hiring_manager=True,
        )
        james = create_contact(
            actor=actor,
            client=software,
            name="James Whitfield",
            email="james.whitfield@example.com",
            phone="+1 212 555 0142",
            is_hiring_manager=True,
            wants_calendar_invites=False,
        )
        eva = create_contact(
            actor=actor,
            client=software,
            name="Eva Smit",
            email="eva.smit@example.com",
            phone="020 123 4567",
            is_hiring_manager=True,
        )
        priya = create_contact(
            actor=actor, client=software, name="Priya Raman", email="priya.raman@example.com", phone="06 45678901"
        )
        self.care_committee: list[Contact] = [koen]
        self.software_committee: list[Contact] = [priya]

        def vacancy(client: Client, title: str, manager: Contact, language: str, status: str) -> Vacancy:
            return create_vacancy(
                actor=actor, client=client, title=title, hiring_manager=manager, language=language, status=status
            )

        published = VacancyStatus.PUBLISHED
        self.vacancies = {
            "nurse": vacancy(care, "Verpleegkundige Interne Geneeskunde", marieke, "nl", published),
            "teamlead": vacancy(care, "Teamleider Thuiszorg", fatima, "nl", published),
            "planner": vacancy(care, "Medewerker Planning", marieke, "nl", VacancyStatus.DRAFT),
            "backend": vacancy(software, "Senior Backend Developer (Python)", james, "en", published),
            "product": vacancy(software, "Product Owner", eva, "en", published),
            # Closed after its applications were handled (see _applications).
            "analyst": vacancy(software, "Data-analist", eva, "nl", published),
        }

    def _library(self, organisation: Organisation) -> None:
        # No services exist for the library: administrators keep it in the admin site.
        self.locations = {
            key: LocationPreset.objects.create(
                organisation=organisation, name=name, location=location, is_active=key != "old"
            )
            for key, (name, location) in LOCATION_PRESETS.items()
        }
        self.guidelines = {
            key: Guideline.objects.create(organisation=organisation, title=title, body=body)
            for key, (title, body) in {
                "star": (STAR_TITLE, STAR_TEXT),
                "competency": (COMPETENCY_TITLE, COMPETENCY_TEXT),
                "opening": (OPENING_TITLE, OPENING_TEXT),
            }.items()
        }

    def _candidates(self) -> None:
        rng = self.rng
        names: list[tuple[str, str, str]] = []
        seen: set[tuple[str, str]] = set()
        while len(names) < 60:
            english = len(names) >= 40
            first = rng.choice(ENGLISH_FIRST_NAMES if english else DUTCH_FIRST_NAMES)
            last = rng.choice(ENGLISH_LAST_NAMES if english else DUTCH_LAST_NAMES)
            if (first, last) not in seen:
                seen.add((first, last))
                names.append((first, last, "en" if english else "nl"))
        self.candidates: list[Candidate] = []
        modes = ["", "", InterviewMode.IN_PERSON, InterviewMode.VIDEO, InterviewMode.PHONE]
        for index, (first, last, language) in enumerate(names):
            domain = "example.org" if index % 3 else "example.com"
            self.candidates.append(
                create_candidate(
                    actor=self.recruiter,
                    first_name=first,
                    last_name=last,
                    email=f"{_ascii(first)}.{_ascii(last)}@{domain}",
                    # Most have a mobile number; every seventh has none (the day board flags it).
                    mobile="" if index % 7 == 3 else _dutch_mobile(rng),
                    language=language,
                    preferred_mode=rng.choice(modes),
                )
            )

    # -- applications -------------------------------------------------------------------

    def _applications(self) -> None:
        """Every stage and every status, spread over the vacancies in the candidates' languages."""
        actor = self.recruiter
        dutch = [c for c in self.candidates if c.language == "nl"]
        english = [c for c in self.candidates if c.language == "en"]
        v = self.vacancies
        # (vacancy, stage, status) per candidate, in order; Dutch candidates first.
        plan: list[tuple[str, str, str]] = []
        new, screening, to_plan = ApplicationStage.NEW, ApplicationStage.SCREENING, ApplicationStage.PLAN_INTERVIEW
        interview, offer = ApplicationStage.INTERVIEW, ApplicationStage.OFFER
        active = ApplicationStatus.ACTIVE
        plan += [("nurse", stage, active) for stage in [new, new, screening, screening, to_plan, to_plan]]
        plan += [("nurse", interview, active)] * 5 + [("nurse", offer, active)]
        plan += [("nurse", interview, ApplicationStatus.REJECTED), ("nurse", screening, ApplicationStatus.WITHDRAWN)]
        plan += [("teamlead", stage, active) for stage in [new, screening, to_plan, to_plan]]
        plan += [("teamlead", interview, active)] * 6 + [("teamlead", offer, active)]
        plan += [("teamlead", screening, ApplicationStatus.REJECTED)]
        plan += [("analyst", interview, ApplicationStatus.HIRED)]
        plan += [("analyst", interview, ApplicationStatus.REJECTED)] * 3
        plan += [("analyst", screening, ApplicationStatus.REJECTED), ("analyst", new, ApplicationStatus.WITHDRAWN)]
        dutch_plan, english_plan = plan, []
        english_plan += [("backend", stage, active) for stage in [new, new, screening, to_plan]]
        english_plan += [("backend", interview, active)] * 5 + [("backend", offer, active)]
        english_plan += [("product", stage, active) for stage in [new, screening, screening, to_plan]]
        english_plan += [("product", interview, active)] * 4
        english_plan += [("product", interview, ApplicationStatus.REJECTED)]
        self.applications: dict[str, list[Application]] = {key: [] for key in v}
        assignments = list(zip(dutch, dutch_plan, strict=False)) + list(zip(english, english_plan, strict=False))
        # Some Dutch candidates apply twice: once more on another care vacancy.
        extra = [(c, ("teamlead" if i % 2 else "nurse", new, active)) for i, c in enumerate(dutch[:6])]
        for candidate, (key, stage, status) in assignments + extra:
            if any(a.candidate_id == candidate.pk for a in self.applications[key]):
                continue
            application = create_application(actor=actor, candidate=candidate, vacancy=v[key], stage=stage)
            if status != active:
                # The stage before closing stays visible in the history; the board shows it closed.
                set_application_status(actor=actor, application=application, status=status)
            self.applications[key].append(application)
        # Candidates without a planned plan (more candidates than rows) stay new on the nurse vacancy.
        placed = {a.candidate_id for apps in self.applications.values() for a in apps}
        for candidate in self.candidates:
            if candidate.pk not in placed:
                key = "nurse" if candidate.language == "nl" else "backend"
                self.applications[key].append(create_application(actor=actor, candidate=candidate, vacancy=v[key]))

    # -- interviews ---------------------------------------------------------------------


def demo_exists() -> bool:
    return User.objects.filter(username="demo").exists()


def load(*, seed: int = SEED) -> DemoResult:
    """Create the demo organisation with its users, records and interviews."""
    return DemoBuilder(seed=seed).build()
