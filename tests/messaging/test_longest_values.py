"""The longest valid value in every field, through every message path, on PostgreSQL (issue 8, item 5).

PostgreSQL refuses a value longer than its column where SQLite stores it anyway, so a
message built from valid values that does not fit its row (a 100+100-character name in
`Message.to_name`, a template subject filled with long values) would be a 500 there only.
This test plans, invites, changes, reminds (email and SMS), answers and cancels with every
field at its limit, then delivers everything: through the real SMTP test server and a
real HTTP SMS gateway.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection

from regisseur.accounts.models import Role, User
from regisseur.accounts.services import create_user
from regisseur.actions.answering import answer_invitation
from regisseur.actions.cancelling import cancel_interview
from regisseur.actions.communicating import communicate
from regisseur.core.placeholders import PLACEHOLDERS
from regisseur.core.timezones import local_to_utc
from regisseur.interviews.models import Interview
from regisseur.messaging.defaults import install_defaults
from regisseur.messaging.models import Channel, HtmlProfile, Message, MessageState, MessageTemplate, Purpose
from regisseur.recruitment.models import Application, Candidate, Client, Contact, Vacancy
from regisseur.reminders.services import send_due_reminders, set_reminder
from tests.conftest import change_fields, make_interview, run_worker
from tests.messaging.mail import read
from tests.messaging.test_sms_gateway import FakeMessageBird
from tests.responses.conftest import link_path, token_of

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite stores text longer than its column without a word",
    ),
]

MONDAY_14 = local_to_utc(date(2027, 1, 18), time(14, 0), "Europe/Amsterdam")
SUNDAY_9 = local_to_utc(date(2027, 1, 17), time(9, 0), "Europe/Amsterdam")
PLANNED_AT = MONDAY_14 - timedelta(days=10)
# Every placeholder a subject may hold, so that a 200-character template subject fills to thousands.
SUBJECT_PLACEHOLDERS = "{candidate_name} {vacancy_title} {client_name} {location} {interviewer} {recruiter_name} "


def longest(limit: int, words: str = "Ëlisabeth-Zoë Ünal {A}") -> str:
    """Text of exactly `limit` characters: words with characters outside ASCII, and braces."""
    text = ""
    while len(text) < limit:
        text += words + " "
    return text[:limit].rstrip() + "x" * (limit - len(text[:limit].rstrip()))


def longest_email(first: str) -> str:
    """254 characters, the most an address may have: a 64-character local part and 63-character labels."""
    domain = "b" * 63 + "." + "c" * 63 + "." + "d" * 56 + ".test"
    address = first + "a" * 63 + "@" + domain
    assert len(address) == 254
    return address


def longest_template(limit: int) -> str:
    """Template text of `limit` characters: every placeholder, then words (a subject: placeholders only)."""
    if limit <= 300:
        return (SUBJECT_PLACEHOLDERS * (limit // len(SUBJECT_PLACEHOLDERS) + 1))[:limit].rsplit(" ", 1)[0]
    placeholders = " ".join("{" + name + "}" for name in PLACEHOLDERS if name != "confirmlink")
    return placeholders + "\n" + longest(limit - len(placeholders) - 1, "Wij zien je graag.")


def longest_user(organisation: Any, username: str, role: str, **extra: Any) -> User:
    return create_user(
        username=username,
        password="correct horse 1",
        organisation=organisation,
        role=role,
        first_name=longest(150),
        last_name=longest(150),
        email=longest_email(username[0]),
        language="en",
        **extra,
    )


@pytest.fixture
def world(acme: Any) -> dict[str, Any]:
    install_defaults(acme)
    for template in MessageTemplate.objects.filter(organisation=acme):
        template.subject = longest_template(200)
        template.body = longest_template(20000) if template.purpose != Purpose.SMS_REMINDER else template.body
        template.signature = longest_template(2000)
        template.full_clean()
        template.save()
    HtmlProfile.objects.filter(organisation=acme).update(footer=longest(2000))
    planner = longest_user(acme, "planner", Role.RECRUITER, sms_access=True)
    colleague = longest_user(acme, "colleague", Role.RECRUITER)
    client = Client.objects.create(organisation=acme, name=longest(200))
    manager = Contact.objects.create(
        client=client, name=longest(200), email=longest_email("m"), phone="+31 (0)20 123 45 67 ext 12"[:32]
    )
    member = Contact.objects.create(client=client, name=longest(200), email=longest_email("k"))
    vacancy = Vacancy.objects.create(client=client, title=longest(200), hiring_manager=manager, language="en")
    candidate = Candidate.objects.create(
        organisation=acme,
        first_name=longest(100),
        last_name=longest(100),
        email=longest_email("s"),
        mobile="+31612345678",
        language="en",
    )
    application = Application.objects.create(candidate=candidate, vacancy=vacancy)
    for instance in (client, manager, member, vacancy, candidate):
        instance.full_clean()
    return {
        "planner": planner,
        "colleague": colleague,
        "member": member,
        "application": application,
    }


@pytest.fixture
def gateway(settings: Any) -> Any:
    server = FakeMessageBird()
    settings.SMS_URL = server.url("Acme")
    yield server
    server.stop()


def plan(world: dict[str, Any]) -> Interview:
    with time_machine.travel(PLANNED_AT, tick=False):
        return make_interview(
            world["planner"],
            world["application"],
            starts_at=MONDAY_14,
            type="video",
            kind="both",
            location=longest(500),
            interviewer=longest(200),
            reason=longest(200),
            round_name=longest(120),
            video_link="https://meet.example.test/" + "r" * 474,
            memo=longest(5000),
            participants=[world["colleague"]],
            committee_members=[world["member"]],
        )


def test_every_message_path_with_the_longest_values_is_queued_and_delivered(world, smtp_server, gateway):
    planner = world["planner"]
    interview = plan(world)
    with time_machine.travel(PLANNED_AT, tick=False):
        for audience in ("candidate", "hiring_manager", "committee", "colleagues"):
            communicate(actor=planner, interviews=[interview], audience=audience)
        run_worker()
        set_reminder(
            actor=planner,
            interview=interview,
            channel="email_sms",
            days_before=1,
            subject=longest_template(300),
            body=longest_template(20000),
            signature=longest_template(2000),
        )
        interview = change_fields(actor=planner, interview=interview, changes={"interviewer": longest(200, "Ö {B}")})
        for audience in ("candidate", "hiring_manager", "committee"):
            communicate(actor=planner, interviews=[interview], audience=audience)
        run_worker()
    with time_machine.travel(SUNDAY_9 + timedelta(minutes=1), tick=False):
        send_due_reminders.call()
        run_worker()
        answer_invitation(
            token=token_of(link_path(interview)),
            choice="new_appointment",
            message=longest(2000),
            preferred_times=longest(1000),
        )
        run_worker()
        interview.refresh_from_db()
        cancel_interview(actor=planner, interview=interview, reason=longest(500), notify=True)
        run_worker()

    purposes = set(Message.objects.values_list("purpose", flat=True))
    assert purposes >= {
        Purpose.INVITATION,
        Purpose.CHANGE,
        Purpose.CANCELLATION,
        Purpose.MANAGER_NOTICE,
        Purpose.MANAGER_CANCELLATION,
        Purpose.COMMITTEE_NOTICE,
        Purpose.COMMITTEE_CANCELLATION,
        Purpose.COLLEAGUE_NOTICE,
        Purpose.COLLEAGUE_CANCELLATION,
        Purpose.REMINDER,
        Purpose.SMS_REMINDER,
        Purpose.ANSWER_NOTICE,
    }
    unsent = Message.objects.exclude(state=MessageState.SENT).values_list("purpose", "last_error")
    assert list(unsent) == []
    emails = Message.objects.filter(channel=Channel.EMAIL)
    assert len(smtp_server.messages) == emails.count()
    assert len(gateway.accepted) == Message.objects.filter(channel=Channel.SMS).count() == 1
    for received in smtp_server.messages:
        mail = read(received)
        assert mail.subject and mail.text
        assert received["To"].addresses[0].addr_spec.endswith(".test")
    # A subject too long for its column is cut at a word and says so; the content says everything.
    to_candidate = [read(m) for m in smtp_server.messages if m["To"].addresses[0].addr_spec.startswith("s")]
    invitation = to_candidate[0]
    assert len(invitation.subject) <= 300 and invitation.subject.endswith("…")
    assert longest(500) in invitation.text  # the location, braces and all
    # A name of 100 + 100 characters is shortened to the 200 the row holds.
    stored = emails.filter(purpose=Purpose.INVITATION).get()
    assert len(stored.to_name) <= 200 and stored.to_name.endswith("…")
    assert len(stored.from_address) <= 320
