"""Cancelling tells each audience in its own words (issue 7): the action, over the real SMTP test server.

Every message that arrives is parsed: who it is for, its language, its text, and the METHOD and UID
of its calendar part. Invitations go out through `communicate`, as the planner sends them; the tests
compare each cancellation with the invitation the same person received, whatever UID that carried.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest
from icalendar import Calendar

from regisseur.accounts.models import User
from regisseur.actions.cancelling import cancel_interview
from regisseur.actions.planning import plan_interviews
from regisseur.interviews.models import Interview
from regisseur.interviews.planning import Planning
from regisseur.messaging.defaults import DEFAULTS, install_defaults
from regisseur.messaging.models import Audience, MessageTemplate, Purpose
from regisseur.messaging.services import communicate
from regisseur.recruitment.models import Contact
from tests.conftest import make_application, make_interview, run_worker, soon

NEW_APPOINTMENT = ("new appointment", "nieuwe afspraak")


@pytest.fixture
def manager(hank: User, vacancy: Any) -> Contact:
    contact = Contact.objects.get(user=hank)
    vacancy.hiring_manager = contact
    vacancy.language = "en"
    vacancy.save(update_fields=["hiring_manager", "language"])
    return contact


def invite_everyone(alice: User, interviews: list[Interview]) -> None:
    """The invitations each audience receives, as the planner sends them."""
    for audience in ("candidate", "hiring_manager", "committee"):
        communicate(actor=alice, interviews=interviews, audience=audience)
    communicate(actor=alice, interviews=interviews, audience="colleagues", purpose=Purpose.COLLEAGUE_NOTICE)


def calendar_of(received: Any) -> tuple[str, str] | None:
    """(METHOD, UID) of a message's calendar part, or None without one."""
    parts = [part for part in received.walk() if part.get_content_type() == "text/calendar"]
    if not parts:
        return None
    [part] = parts
    parsed = Calendar.from_ical(part.get_content())
    [event] = parsed.walk("VEVENT")
    return str(parsed["METHOD"]), str(event["UID"])


def text_of(received: Any) -> str:
    return received.get_body(("plain",)).get_content().replace("\r\n", "\n")


def by_person(received: list[Any]) -> dict[str, list[Any]]:
    people: dict[str, list[Any]] = defaultdict(list)
    for message in received:
        people[message["To"].addresses[0].addr_spec].append(message)
    return people


def invited_uids(messages: list[Any]) -> set[str]:
    return {found[1] for found in map(calendar_of, messages) if found and found[0] == "REQUEST"}


@pytest.fixture
def planned(alice: User, application: Any, manager: Contact, cora: User, colin: User) -> Interview:
    interview = make_interview(
        alice,
        application,
        kind="both",
        participants=[colin],
        committee_members=[Contact.objects.get(user=cora)],
    )
    invite_everyone(alice, [interview])
    return interview


def test_each_audience_reads_its_own_cancellation_in_its_own_language(alice, planned, application, smtp_server):
    run_worker()
    invitations = by_person(smtp_server.messages)
    smtp_server.received.clear()

    cancel_interview(actor=alice, interview=planned, reason="The client closed the vacancy", notify=True)
    run_worker()

    received = by_person(smtp_server.messages)
    candidate = application.candidate.email
    assert sorted(received) == sorted([candidate, "hank@jansen.test", "cora@jansen.test", "colin@acme.test"])
    for address, [message] in received.items():
        # Everyone who had the event in their calendar gets it removed: the same UID, METHOD:CANCEL.
        assert calendar_of(message) == ("CANCEL", *invited_uids(invitations[address]))
    manager_text = text_of(received["hank@jansen.test"][0])
    assert manager_text.startswith("Dear colleague,")
    assert "The interview with Sanne Bakker for the vacancy Bakker" in manager_text
    assert "Reason: The client closed the vacancy" in manager_text
    assert "removed from your calendar" in manager_text
    assert received["hank@jansen.test"][0]["Subject"].startswith("Cancelled: interview with Sanne Bakker on ")
    committee_text = text_of(received["cora@jansen.test"][0])
    assert committee_text.startswith("Dear committee member,")
    assert "to which you were invited, will not take place" in committee_text
    colleague_text = text_of(received["colin@acme.test"][0])
    assert colleague_text.startswith("Beste collega,")
    assert "Reden: The client closed the vacancy" in colleague_text
    assert "uit je agenda verwijderd" in colleague_text
    for address in ("hank@jansen.test", "cora@jansen.test", "colin@acme.test"):
        text = text_of(received[address][0]).lower()
        assert not any(words in text for words in NEW_APPOINTMENT), address
        assert "sanne," not in text  # never addressed as if they were the candidate
    assert "Beste Sanne," in text_of(received[candidate][0])
    purposes = dict(planned.messages.filter(calendar_method="CANCEL").values_list("to_address", "purpose"))
    assert purposes == {
        candidate: Purpose.CANCELLATION,
        "hank@jansen.test": Purpose.MANAGER_CANCELLATION,
        "cora@jansen.test": Purpose.COMMITTEE_CANCELLATION,
        "colin@acme.test": Purpose.COLLEAGUE_CANCELLATION,
    }


def test_without_a_reason_no_reason_line_is_left_behind(alice, planned, smtp_server):
    cancel_interview(actor=alice, interview=planned, notify=True)
    run_worker()
    manager_text = text_of(by_person(smtp_server.messages)["hank@jansen.test"][-1])
    assert "Reason" not in manager_text
    assert "\n\n\n" not in manager_text
    assert "will not take place.\n\nThe appointment is removed from your calendar." in manager_text


def test_the_organisations_edited_template_is_used_for_its_audience(alice, planned, smtp_server):
    install_defaults(alice.organisation)
    MessageTemplate.objects.filter(purpose=Purpose.MANAGER_CANCELLATION, language="en").update(
        subject="Off: {candidate_name}", body="Hello Hank, the meeting with {candidate_name} is off."
    )
    cancel_interview(actor=alice, interview=planned, notify=True)
    run_worker()
    [message] = [m for m in smtp_server.messages if m["Subject"] == "Off: Sanne Bakker"]
    assert message["To"].addresses[0].addr_spec == "hank@jansen.test"
    assert "the meeting with Sanne Bakker is off." in text_of(message)


def test_edited_texts_per_audience_and_language_are_sent(alice, planned, smtp_server):
    from regisseur.messaging.composition import Variant

    texts = {
        "colleagues": {
            "nl": Variant(subject="Gaat niet door", body="Colin, het gesprek van {interview_date} vervalt.")
        },
        "hiring_manager": {"en": Variant(subject="Not happening", body="Hank, {cancel_reason}")},
    }
    cancel_interview(actor=alice, interview=planned, reason="Ill", notify=True, texts=texts)
    run_worker()
    received = by_person(smtp_server.messages)
    assert received["colin@acme.test"][-1]["Subject"] == "Gaat niet door"
    assert text_of(received["hank@jansen.test"][-1]).startswith("Hank, Reason: Ill")
    assert "Dear committee member," in text_of(received["cora@jansen.test"][-1])  # not edited: its template


def test_a_group_cancellation_tells_each_candidate_of_theirs_and_everyone_else_once(
    alice, vacancy, manager, colin, smtp_server
):
    applications = [make_application(vacancy, first, "Visser") for first in ("Anna", "Bram", "Cees")]
    members = plan_interviews(
        actor=alice,
        applications=applications,
        planning=Planning(starts_at=soon(), duration_minutes=60, kind="both", participants=[colin]),
        as_group=True,
    ).interviews
    for audience in ("candidate", "hiring_manager"):
        communicate(actor=alice, interviews=members, audience=audience)
    communicate(actor=alice, interviews=members, audience="colleagues", purpose=Purpose.COLLEAGUE_NOTICE)
    run_worker()
    invitations = by_person(smtp_server.messages)
    smtp_server.received.clear()

    cancelled = cancel_interview(actor=alice, interview=members[1], notify=True)

    assert {interview.status for interview in cancelled.interviews} == {"cancelled"}
    run_worker()
    received = by_person(smtp_server.messages)
    for application in applications:
        [message] = received[application.candidate.email]
        assert calendar_of(message) == ("CANCEL", *invited_uids(invitations[application.candidate.email]))
        assert f"Beste {application.candidate.first_name}," in text_of(message)
    for address in ("hank@jansen.test", "colin@acme.test"):
        cancelled_uids = [calendar_of(message) for message in received[address]]
        # Each calendar event the person holds is cancelled exactly once: one message when the
        # group's invitation was one event, never one per member row for the same event.
        assert sorted(uid for _method, uid in cancelled_uids) == sorted(invited_uids(invitations[address]))
        assert {method for method, _uid in cancelled_uids} == {"CANCEL"}
    shared = {address: len(invited_uids(invitations[address])) for address in ("hank@jansen.test", "colin@acme.test")}
    assert all(count in (1, 3) for count in shared.values())


def test_a_colleague_holding_one_event_for_the_group_gets_one_cancellation(alice, vacancy, colin, smtp_server):
    applications = [make_application(vacancy, first, "Visser") for first in ("Anna", "Bram")]
    members = plan_interviews(
        actor=alice,
        applications=applications,
        planning=Planning(starts_at=soon(), duration_minutes=60, participants=[colin]),
        as_group=True,
    ).interviews
    communicate(actor=alice, interviews=members, audience="colleagues", purpose=Purpose.COLLEAGUE_NOTICE)
    run_worker()
    [group_event] = invited_uids(by_person(smtp_server.messages)["colin@acme.test"])
    smtp_server.received.clear()

    cancel_interview(actor=alice, interview=members[0], notify=True)
    run_worker()

    [message] = by_person(smtp_server.messages)["colin@acme.test"]
    assert calendar_of(message) == ("CANCEL", group_event)


def test_the_default_texts_of_every_new_purpose_exist_in_both_languages():
    for purpose in (
        Purpose.MANAGER_CANCELLATION,
        Purpose.COMMITTEE_CANCELLATION,
        Purpose.COLLEAGUE_CANCELLATION,
        Purpose.COLLEAGUE_NOTICE,
    ):
        assert set(DEFAULTS[purpose]) == {"nl", "en"}
        invitation_bodies = {DEFAULTS[Purpose.INVITATION][language][2] for language in ("nl", "en")}
        for _name, _subject, body in DEFAULTS[purpose].values():
            assert body not in invitation_bodies
            assert "{candidate_first_name}" not in body  # addressed to the reader, not the candidate
    for purpose in (Purpose.MANAGER_CANCELLATION, Purpose.COMMITTEE_CANCELLATION, Purpose.COLLEAGUE_CANCELLATION):
        assert all("{cancel_reason}" in body for _name, _subject, body in DEFAULTS[purpose].values())


def test_the_migration_gives_existing_organisations_the_new_templates(acme):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("regisseur.messaging.migrations.0006_audience_cancellation_templates")
    migration.install(apps, None)
    migration.install(apps, None)  # running twice changes nothing

    installed = set(MessageTemplate.objects.filter(organisation=acme).values_list("purpose", "language", "is_default"))
    assert installed == {(purpose, language, True) for purpose in migration.PURPOSES for language in ("nl", "en")}


def test_messages_carry_their_audience(alice, planned):
    cancelled = cancel_interview(actor=alice, interview=planned, notify=True)
    assert sorted(message.audience for message in cancelled.messages) == sorted(
        [Audience.CANDIDATE, Audience.HIRING_MANAGER, Audience.COMMITTEE, Audience.COLLEAGUES]
    )
