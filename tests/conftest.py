"""Personas and small builders shared by all tests.

Alice is a recruiter at Acme Recruitment; Mallory is a recruiter at another
organisation; Hank is a hiring manager at Acme's client; Cora sits on selection
committees; Ada administers Acme.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from regisseur.accounts.models import Organisation, Role, User
from regisseur.accounts.services import create_user
from regisseur.interviews.models import Interview
from regisseur.interviews.services import Planning, plan_interview
from regisseur.recruitment.models import Application, Candidate, Client, Contact, Vacancy


@pytest.fixture
def acme(db: Any) -> Organisation:
    return Organisation.objects.create(name="Acme Recruitment")


@pytest.fixture
def rival(db: Any) -> Organisation:
    return Organisation.objects.create(name="Rival Staffing")


@pytest.fixture
def alice(acme: Organisation) -> User:
    return create_user(
        language="en",
        username="alice",
        password="correct horse 1",
        organisation=acme,
        role=Role.RECRUITER,
        first_name="Alice",
        last_name="de Vries",
        email="alice@acme.test",
    )


@pytest.fixture
def ada(acme: Organisation) -> User:
    return create_user(
        language="en",
        username="ada",
        password="correct horse 1",
        organisation=acme,
        role=Role.ADMINISTRATOR,
        first_name="Ada",
        last_name="Admin",
        email="ada@acme.test",
    )


@pytest.fixture
def mallory(rival: Organisation) -> User:
    return create_user(
        language="en",
        username="mallory",
        password="correct horse 1",
        organisation=rival,
        role=Role.RECRUITER,
        first_name="Mallory",
        last_name="Other",
    )


@pytest.fixture
def client_company(acme: Organisation) -> Client:
    return Client.objects.create(organisation=acme, name="Bakkerij Jansen")


@pytest.fixture
def hank(acme: Organisation, client_company: Client) -> User:
    user = create_user(
        language="en",
        username="hank",
        password="correct horse 1",
        organisation=acme,
        role=Role.HIRING_MANAGER,
        first_name="Hank",
        last_name="Manager",
    )
    Contact.objects.create(
        client=client_company, name="Hank Manager", email="hank@jansen.test", is_hiring_manager=True, user=user
    )
    return user


@pytest.fixture
def cora(acme: Organisation, client_company: Client) -> User:
    user = create_user(
        language="en",
        username="cora",
        password="correct horse 1",
        organisation=acme,
        role=Role.COMMITTEE_MEMBER,
        first_name="Cora",
        last_name="Committee",
    )
    Contact.objects.create(client=client_company, name="Cora Committee", email="cora@jansen.test", user=user)
    return user


@pytest.fixture
def vacancy(client_company: Client) -> Vacancy:
    return Vacancy.objects.create(client=client_company, title="Bakker", status="published")


def make_candidate(organisation: Organisation, first: str = "Sanne", last: str = "Bakker", **extra: Any) -> Candidate:
    extra.setdefault("email", f"{first.lower()}.{last.lower()}@example.test")
    return Candidate.objects.create(organisation=organisation, first_name=first, last_name=last, **extra)


def make_application(vacancy: Vacancy, first: str = "Sanne", last: str = "Bakker", **extra: Any) -> Application:
    candidate = make_candidate(vacancy.client.organisation, first, last, **extra)
    return Application.objects.create(candidate=candidate, vacancy=vacancy)


@pytest.fixture
def application(vacancy: Vacancy) -> Application:
    return make_application(vacancy, mobile="+31612345678")


def soon(days: int = 3, hour: int = 10) -> datetime:
    """A moment in the future, on the hour, in Amsterdam."""
    local = timezone.localtime(timezone.now() + timedelta(days=days))
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


def make_interview(
    actor: User, application: Application, *, starts_at: datetime | None = None, force: bool = True, **planning: Any
) -> Interview:
    planning.setdefault("duration_minutes", 60)
    return plan_interview(
        actor=actor, application=application, force=force, planning=Planning(starts_at=starts_at or soon(), **planning)
    )
