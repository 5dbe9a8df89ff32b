"""Withdrawal ends the interview (issue 7): through the candidate's link, over the real SMTP test server."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from regisseur.accounts.models import User
from regisseur.actions.answering import withdraw_application
from regisseur.actions.changes import set_interview_reminder
from regisseur.actions.planning import ReminderChoice, plan_interviews
from regisseur.interviews.models import Interview, InterviewStatus
from regisseur.interviews.planning import Planning
from regisseur.messaging.models import Message, Purpose
from regisseur.messaging.services import communicate
from regisseur.recruitment.models import Contact
from regisseur.reminders.models import ReminderState
from tests.conftest import make_application, make_interview, run_worker, soon
from tests.messaging.test_cancellations import by_person, calendar_of, invited_uids, text_of
from tests.responses.conftest import link_path


@pytest.fixture
def manager(hank: User, vacancy: Any) -> Contact:
    contact = Contact.objects.get(user=hank)
    vacancy.hiring_manager = contact
    vacancy.language = "en"
    vacancy.save(update_fields=["hiring_manager", "language"])
    return contact


@pytest.fixture
def invited(alice: User, application: Any, manager: Contact, cora: User, colin: User, smtp_server: Any) -> Interview:
    """An interview with the hiring manager, a committee member and a colleague, everyone invited."""
    interview = make_interview(
        alice,
        application,
        kind="both",
        participants=[colin],
        committee_members=[Contact.objects.get(user=cora)],
    )
    set_interview_reminder(actor=alice, interview=interview, reminder=ReminderChoice(channel="email", days_before=1))
    for audience in ("candidate", "hiring_manager", "committee"):
        communicate(actor=alice, interviews=[interview], audience=audience)
    communicate(actor=alice, interviews=[interview], audience="colleagues", purpose=Purpose.COLLEAGUE_NOTICE)
    run_worker()
    return interview


@pytest.mark.django_db(transaction=True)
def test_withdrawing_through_the_link_ends_the_interview_and_tells_everyone_invited(
    client, alice, application, colin, invited, smtp_server
):
    invitations = by_person(smtp_server.messages)
    smtp_server.received.clear()

    confirmed = client.post(link_path(invited) + "withdraw/", {"message": "I took another job."})

    assert confirmed.status_code == 303
    assert "has been withdrawn" in client.get(confirmed["Location"]).content.decode()
    invited.refresh_from_db()
    assert (invited.status, invited.cancel_reason) == (InterviewStatus.CANCELLED, "candidate_withdrew")
    assert invited.reminder.state == ReminderState.CANCELLED
    run_worker()
    received = by_person(smtp_server.messages)
    # The candidate sees the thanks page and gets nothing more; the recruiter gets the answer notice.
    assert application.candidate.email not in received
    for address in ("hank@jansen.test", "cora@jansen.test", "colin@acme.test"):
        [message] = received[address]
        assert calendar_of(message) == ("CANCEL", *invited_uids(invitations[address]))
        assert "new appointment" not in text_of(message).lower() and "nieuwe afspraak" not in text_of(message)
    assert "Reason: Candidate withdrew" in text_of(received["hank@jansen.test"][0])
    assert "Reason: Candidate withdrew" in text_of(received["cora@jansen.test"][0])
    assert "Reden: Kandidaat heeft zich teruggetrokken" in text_of(received["colin@acme.test"][0])
    [notice] = received["alice@acme.test"]
    notice_text = text_of(notice)
    assert "The interview has been cancelled and its reminder with it; the time is free again." in notice_text
    told = re.search(r"Told of the cancellation: (.*)", notice_text)
    assert told is not None
    assert sorted(told.group(1).split(", ")) == ["Colin Collega", "Cora Committee", "Hank Manager"]


def test_the_freed_time_can_be_planned_for_the_same_colleague(alice, application, vacancy, colin, invited):
    withdraw_application(application=application)

    other = make_interview(
        alice,
        make_application(vacancy, "Tim", "de Boer"),
        starts_at=invited.starts_at,
        participants=[colin],
        force=False,
    )

    assert other.status == InterviewStatus.PLANNED


def test_the_record_shows_the_reason_in_words(client, alice, application, invited):
    withdraw_application(application=application)
    client.force_login(alice)

    english = client.get(reverse("interviews:detail", args=[invited.pk])).content.decode()
    assert "Candidate withdrew" in english
    assert "candidate_withdrew" not in english
    alice.language = "nl"
    alice.save(update_fields=["language"])
    with translation.override("nl"):
        dutch = client.get(reverse("interviews:detail", args=[invited.pk]), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Kandidaat heeft zich teruggetrokken" in dutch


def test_a_group_member_withdrawing_leaves_the_group_going_on(alice, vacancy, manager, colin, smtp_server):
    applications = [make_application(vacancy, first, "Visser", language="en") for first in ("Anna", "Bram", "Cees")]
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
    going_on_uids = {
        str(calendar_of_ics(message.calendar_ics))
        for message in Message.objects.filter(interview__in=members[1:], calendar_method="REQUEST")
    }

    withdraw_application(application=applications[0])

    statuses = dict(Interview.objects.filter(pk__in=[m.pk for m in members]).values_list("pk", "status"))
    assert statuses == {members[0].pk: "cancelled", members[1].pk: "planned", members[2].pk: "planned"}
    run_worker()
    received = by_person(smtp_server.messages)
    assert not any(application.candidate.email in received for application in applications)
    for address in ("hank@jansen.test", "colin@acme.test"):
        for message in received[address]:
            method_uid = calendar_of(message)
            # Never a CANCEL of an event the rest of the group still has.
            assert method_uid is None or method_uid[1] not in going_on_uids
            if method_uid is not None:
                assert method_uid[0] == "CANCEL" and method_uid[1] in invited_uids(invitations[address])


def test_a_group_member_withdrawing_from_a_shared_event_sends_a_notice_not_a_cancel(alice, vacancy, colin, smtp_server):
    applications = [make_application(vacancy, first, "Visser", language="en") for first in ("Anna", "Bram")]
    members = plan_interviews(
        actor=alice,
        applications=applications,
        planning=Planning(starts_at=soon(), duration_minutes=60, participants=[colin]),
        as_group=True,
    ).interviews
    communicate(actor=alice, interviews=members, audience="colleagues", purpose=Purpose.COLLEAGUE_NOTICE)
    run_worker()
    assert len(invited_uids(by_person(smtp_server.messages)["colin@acme.test"])) == 1  # one event for the group
    smtp_server.received.clear()

    withdraw_application(application=applications[0])
    run_worker()

    [notice] = by_person(smtp_server.messages)["colin@acme.test"]
    assert calendar_of(notice) is None
    assert notice["Subject"].startswith("Anna Visser neemt niet meer deel aan het groepsgesprek van ")
    text = text_of(notice)
    assert text.startswith("Beste collega,")
    assert "Reden: Kandidaat heeft zich teruggetrokken" in text
    assert "gaat door met de andere kandidaten" in text


def calendar_of_ics(ics: str) -> str:
    match = re.search(r"^UID:(.*)$", ics, re.MULTILINE)
    return match.group(1).strip() if match else ""
