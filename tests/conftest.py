"""Personas and small builders shared by all tests.

Alice is a recruiter at Acme Recruitment; Mallory is a recruiter at another
organisation; Hank is a hiring manager at Acme's client; Cora sits on selection
committees; Ada administers Acme. Bob and Colin are Alice's colleagues who read Dutch.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone

from regisseur.accounts.models import Organisation, Role, User
from regisseur.accounts.services import create_user
from regisseur.actions.changes import change_interview
from regisseur.actions.planning import plan_interview
from regisseur.api.auth import forget_known
from regisseur.interviews.models import Interview
from regisseur.interviews.planning import Planning, planning_of
from regisseur.recruitment.models import Application, Candidate, Client, Contact, Vacancy


@pytest.fixture(autouse=True)
def _fresh_throttles() -> None:
    """Every test starts with no requests counted (sign-in lockouts live in the database),
    and with no API key or address remembered by this process (api.auth)."""
    cache.clear()
    forget_known()


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
def bob(acme: Organisation) -> User:
    """Alice's colleague, who takes part in interviews and reads Dutch."""
    return create_user(
        language="nl",
        username="bob",
        password="correct horse 1",
        organisation=acme,
        role=Role.RECRUITER,
        first_name="Bob",
        last_name="Jansen",
        email="bob@acme.test",
    )


@pytest.fixture
def colin(acme: Organisation) -> User:
    """Another colleague who takes part in interviews and reads Dutch."""
    return create_user(
        language="nl",
        username="colin",
        password="correct horse 1",
        organisation=acme,
        role=Role.RECRUITER,
        first_name="Colin",
        last_name="Collega",
        email="colin@acme.test",
    )


@pytest.fixture
def manager(hank: User, vacancy: Vacancy) -> Contact:
    """Hank, a user, is also the vacancy's hiring manager (as a contact of the client)."""
    contact = Contact.objects.get(user=hank)
    vacancy.hiring_manager = contact
    vacancy.save(update_fields=["hiring_manager"])
    return contact


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
    ).interviews[0]


def change_fields(
    *, actor: User, interview: Interview, changes: dict[str, Any], force: bool = False, scope: str = "group"
) -> Interview:
    """The change action with only the named planning fields different (as the edit form sends them)."""
    planning = dataclasses.replace(planning_of(interview), **changes)
    change_interview(actor=actor, interview=interview, planning=planning, scope=scope, force=force)
    interview.refresh_from_db()
    return interview


# --- A real SMTP server on loopback (aiosmtpd), for every test that sends mail ----------------


class SmtpSink:
    """Collects what a real SMTP server received; `restart()` simulates an outage ending."""

    def __init__(self) -> None:
        import socket

        with socket.socket() as probe:  # Controller(port=0) cannot check readiness: pick a port first
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.received: list[bytes] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.controller: Any = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append(envelope.original_content or envelope.content)
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK"

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def messages(self) -> list[Any]:
        import email
        import email.policy

        return [email.message_from_bytes(raw, policy=email.policy.default) for raw in self.received]


@pytest.fixture
def smtp_server(settings: Any) -> Any:
    """A real SMTP server; the app is pointed at it as EMAIL_URL=smtp://127.0.0.1:PORT would."""
    from regisseur.core.env import email_config

    sink = SmtpSink()
    sink.start()
    import os

    previous = os.environ.get("EMAIL_URL")
    os.environ["EMAIL_URL"] = f"smtp://127.0.0.1:{sink.port}"
    try:
        for name, value in email_config("EMAIL_URL", "console://").items():
            setattr(settings, name, value)
        yield sink
    finally:
        if previous is None:
            os.environ.pop("EMAIL_URL", None)
        else:
            os.environ["EMAIL_URL"] = previous
        sink.stop()


def commit() -> bool:
    """What the commit of the test's work would do: run its on-commit callbacks (tasks are
    enqueued on commit); False when there were none. A test's transaction never commits;
    what a rolled-back block registered is already gone, as it would be."""
    from django.db import connection

    ran = False
    while connection.run_on_commit:
        _savepoints, callback, _robust = connection.run_on_commit.pop(0)
        callback()
        ran = True
    return ran


def run_worker() -> None:
    """Run every due background task, as `regisseur worker` would, then return.

    Each task's work commits (see commit()) before the next round, as in a worker, so a
    task enqueued by a task (a reminder's messages to deliver) runs too."""
    from unittest import mock

    from django.core.management import call_command

    commit()
    # The worker drops "old" connections between tasks. Inside a test's transaction the
    # connection is not in autocommit mode, which Django reads as obsolete and would close,
    # ending the test's transaction; in a real worker process this never applies.
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        for _round in range(10):
            call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
            if not commit():
                break
