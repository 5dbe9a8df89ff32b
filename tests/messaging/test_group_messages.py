"""A group interview in messages (issue 7, item 5): each candidate hears it is a group interview and how many
take part, never who the others are; the organisation's own people get one event for the whole group."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse

from regisseur.accounts.models import User
from regisseur.actions.cancelling import cancel_for_withdrawal, cancel_interview
from regisseur.actions.changes import reschedule_interview
from regisseur.actions.communicating import communicate
from regisseur.actions.planning import plan_interviews
from regisseur.interviews.models import Interview
from regisseur.interviews.planning import Planning
from regisseur.messaging import calendar
from regisseur.recruitment.models import Contact
from tests.conftest import make_application, run_worker, soon
from tests.messaging.mail import received_by
from tests.messaging.test_views_communicate import form_data

NAMES = [("Sanne", "Mulder", "en"), ("Tim", "Visser", "nl"), ("Anna", "Smit", "en")]


@pytest.fixture
def group(alice: User, bob: User, manager: Contact, vacancy: Any) -> list[Interview]:
    applications = [make_application(vacancy, first, last, language=language) for first, last, language in NAMES]
    return plan_interviews(
        actor=alice,
        applications=applications,
        planning=Planning(starts_at=soon(days=5), duration_minutes=90, type="group", kind="both", participants=[bob]),
        as_group=True,
        force=True,
    ).interviews


def candidate_address(interview: Interview) -> str:
    assert interview.application is not None
    return interview.application.candidate.email


def test_each_candidate_hears_it_is_a_group_interview_and_never_the_others_names(alice, group, smtp_server):
    communicate(actor=alice, interviews=group, audience="candidate")
    run_worker()
    for interview in group:
        [message] = received_by(smtp_server, candidate_address(interview))
        own = interview.application.candidate
        others = [member.application.candidate for member in group if member.pk != interview.pk]
        if own.language == "nl":
            assert "Soort gesprek: Groepsgesprek met 3 kandidaten\n" in message.text
        else:
            assert "Type of interview: Group interview with 3 candidates\n" in message.text
        for other in others:
            for part in (message.to, message.text, message.html, message.event.to_ical().decode()):
                assert other.last_name not in part
                assert other.email not in part
        assert f"mailto:{own.email}" in message.attendees
        assert message.uid == calendar.interview_uid(interview)
    # Each message went to one person: no candidate in another's envelope.
    for _sender, recipients in smtp_server.envelopes:
        assert len(recipients) == 1


def test_colleagues_get_one_event_for_the_whole_group_and_its_updates(alice, bob, group, smtp_server):
    communicate(actor=alice, interviews=group, audience="candidate")
    run_worker()
    [invitation] = received_by(smtp_server, "bob@acme.test")
    assert invitation.uid == calendar.group_uid(group[0].group_id)
    assert invitation.method == "REQUEST"
    # Names are fine for the organisation's own people; candidates are no attendees of the shared event.
    assert not [line for line in invitation.attendees if "example.test" in line]
    description = str(invitation.event["DESCRIPTION"])
    for first, last, _language in NAMES:
        assert f"{first} {last}" in description

    moved = reschedule_interview(actor=alice, interview=group[1], starts_at=group[1].starts_at + timedelta(hours=2))
    members = moved.change.interviews
    assert len(members) == 3
    communicate(actor=alice, interviews=members, audience="candidate")
    run_worker()
    first, update = received_by(smtp_server, "bob@acme.test")
    assert update.uid == first.uid
    assert update.sequence > first.sequence
    assert update.event.decoded("DTSTART") == members[0].starts_at


def test_the_hiring_manager_gets_one_message_for_the_group(alice, group, manager, smtp_server):
    sent = communicate(actor=alice, interviews=group, audience="hiring_manager")
    assert [m.to_address for m in sent] == [manager.email]
    run_worker()
    [message] = received_by(smtp_server, manager.email)
    assert message.uid == calendar.group_uid(group[0].group_id)
    # The vacancy's language (Dutch); the manager may know who comes.
    assert "Soort gesprek: Groepsgesprek met 3 kandidaten\n" in message.text
    assert "gesprek gepland met Sanne Mulder, Tim Visser en Anna Smit voor de vacature" in message.text


def test_cancelling_the_group_cancels_the_colleagues_one_event_once(alice, group, smtp_server):
    communicate(actor=alice, interviews=group, audience="candidate")
    run_worker()
    [invitation] = received_by(smtp_server, "bob@acme.test")
    cancel_interview(actor=alice, interview=group[0], reason="Filled", notify=True)
    run_worker()
    _invitation, cancellation = received_by(smtp_server, "bob@acme.test")
    assert cancellation.method == "CANCEL"
    assert cancellation.uid == invitation.uid
    for interview in group:
        _invited, cancelled = received_by(smtp_server, candidate_address(interview))
        assert (cancelled.method, cancelled.uid) == ("CANCEL", calendar.interview_uid(interview))


def test_one_candidate_withdrawing_leaves_the_groups_event_in_the_colleagues_calendar(alice, group, smtp_server):
    communicate(actor=alice, interviews=group, audience="candidate")
    run_worker()
    cancel_for_withdrawal(interview=Interview.objects.get(pk=group[0].pk))
    run_worker()
    told = received_by(smtp_server, "bob@acme.test")
    assert len(told) == 2
    assert told[-1].method == ""  # news, but no CANCEL of the event the other two still meet in


def test_the_text_filled_in_on_the_communicate_page_says_group_once(client, alice, group, smtp_server):
    member = group[1]  # Tim reads Dutch
    client.force_login(alice)
    url = reverse("messaging:communicate", args=[member.pk, "candidate"])
    shown = client.get(url)
    assert client.post(url, form_data(shown)).status_code == 302
    run_worker()
    [message] = received_by(smtp_server, candidate_address(member))
    assert message.text.lower().count("groepsgesprek met 3 kandidaten") == 1
    assert "Mulder" not in message.text and "Smit" not in message.text
