"""Who attends, as messages and calendar events tell it (issue 7, item 8): everyone once, the kind respected,
the recruiter who planned as ORGANIZER, and every colleague and committee member invited."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from icalendar import Calendar

from regisseur.accounts.models import Role, User
from regisseur.accounts.services import create_user
from regisseur.actions.changes import reschedule_interview
from regisseur.actions.communicating import communicate
from regisseur.messaging.composition import placeholder_values
from regisseur.recruitment.models import Contact
from tests.conftest import make_interview, run_worker
from tests.messaging.mail import received_by


@pytest.fixture
def committee_member(cora: User) -> Contact:
    return Contact.objects.get(user=cora)


def english(application: Any) -> None:
    application.candidate.language = "en"
    application.candidate.save(update_fields=["language"])


# --- What the {attendees} and {interviewer} placeholders say -----------------------------------------------


def test_the_typed_interviewer_and_a_user_of_the_same_name_are_one_person(alice, acme, application):
    sanne = create_user(
        username="sanne",
        password="correct horse 1",
        organisation=acme,
        role=Role.RECRUITER,
        first_name="Sanne",
        last_name="Visser",
        email="sanne.visser@acme.test",
    )
    interview = make_interview(alice, application, interviewer="sanne  VISSER en Marieke Jansen", participants=[sanne])
    values = placeholder_values(interview, language="nl", recruiter=alice)
    assert values["attendees"] == "sanne VISSER en Marieke Jansen"
    assert values["attendees"].lower().count("visser") == 1


def test_a_user_who_is_the_hiring_managers_contact_counts_once_as_hiring_manager(alice, hank, manager, application):
    interview = make_interview(alice, application, kind="both", participants=[hank])
    values = placeholder_values(interview, language="en", recruiter=alice)
    assert values["attendees"] == "Alice de Vries (recruiter) and Hank Manager (hiring manager)"


@pytest.mark.parametrize(
    ("kind", "language", "expected"),
    [
        ("recruiter", "en", "Alice de Vries (recruiter)"),
        ("hiring_manager", "en", "Hank Manager (hiring manager)"),
        ("both", "en", "Alice de Vries (recruiter) and Hank Manager (hiring manager)"),
        ("both", "nl", "Alice de Vries (recruiter) en Hank Manager (hiringmanager)"),
    ],
)
def test_the_candidate_is_told_whom_they_meet_as_the_kind_says(alice, manager, application, kind, language, expected):
    interview = make_interview(alice, application, kind=kind)
    assert placeholder_values(interview, language=language, recruiter=alice)["attendees"] == expected


def test_committee_members_are_named_with_the_people_the_kind_brings(alice, manager, committee_member, application):
    interview = make_interview(alice, application, kind="both", committee_members=[committee_member])
    values = placeholder_values(interview, language="nl", recruiter=alice)
    assert values["attendees"] == (
        "Alice de Vries (recruiter), Hank Manager (hiringmanager) en Cora Committee (selectiecommissie)"
    )
    # The interviewer is who holds it: not the committee.
    assert values["interviewer"] == "Alice de Vries en Hank Manager"


def test_a_with_both_invitation_names_recruiter_and_hiring_manager(alice, manager, application, smtp_server):
    english(application)
    communicate(actor=alice, interviews=[make_interview(alice, application, kind="both")], audience="candidate")
    run_worker()
    [invitation] = received_by(smtp_server, application.candidate.email)
    assert "With: Alice de Vries (recruiter) and Hank Manager (hiring manager)\n" in invitation.text


# --- The calendar event: ORGANIZER and ATTENDEE lines ------------------------------------------------------


def test_the_organizer_is_the_recruiter_who_planned_with_the_sending_address_as_sent_by(
    alice, bob, manager, committee_member, application, smtp_server
):
    interview = make_interview(
        alice, application, kind="both", participants=[bob, alice], committee_members=[committee_member]
    )
    communicate(actor=alice, interviews=[interview], audience="candidate")
    run_worker()
    [invitation] = received_by(smtp_server, application.candidate.email)

    organizer = invitation.event["ORGANIZER"]
    assert str(organizer) == "mailto:alice@acme.test"
    assert organizer.params["CN"] == "Alice de Vries"
    assert organizer.params["SENT-BY"] == f"mailto:{settings.DEFAULT_FROM_EMAIL}"
    # Everyone invited, each once: the candidate, the colleagues, the hiring manager, the committee.
    assert sorted(invitation.attendees) == sorted(
        [
            "mailto:sanne.bakker@example.test",
            "mailto:bob@acme.test",
            "mailto:alice@acme.test",
            "mailto:hank@jansen.test",
            "mailto:cora@jansen.test",
        ]
    )
    assert invitation.attendee("alice@acme.test").params["ROLE"] == "CHAIR"
    assert invitation.attendee("bob@acme.test").params["PARTSTAT"] == "NEEDS-ACTION"
    assert invitation.attendee("hank@jansen.test").params["CN"] == "Hank Manager"
    assert invitation.attendee("sanne.bakker@example.test").params["RSVP"] == "FALSE"


def test_the_hiring_manager_is_no_attendee_when_the_kind_leaves_them_out(alice, manager, application):
    interview = make_interview(alice, application, kind="recruiter")
    [message] = communicate(actor=alice, interviews=[interview], audience="candidate")
    assert "hank@jansen.test" not in message.calendar_ics


def test_without_a_planner_address_the_sending_address_organises(alice, application):
    User.objects.filter(pk=alice.pk).update(email="")
    interview = make_interview(alice, application)
    interview.refresh_from_db()
    [message] = communicate(actor=alice, interviews=[interview], audience="candidate")
    [event] = Calendar.from_ical(message.calendar_ics).walk("VEVENT")
    assert str(event["ORGANIZER"]) == f"mailto:{settings.DEFAULT_FROM_EMAIL}"
    assert event["ORGANIZER"].params["CN"] == "Acme Recruitment"
    assert "SENT-BY" not in event["ORGANIZER"].params


# --- Every colleague and committee member gets the invitation and its updates ---------------------------


def test_colleagues_and_the_committee_get_the_invitation_and_every_update_of_one_event(
    alice, bob, committee_member, application, smtp_server
):
    english(application)
    # Cora wants no calendar invitations as a contact, but a committee member takes part: she gets them.
    Contact.objects.filter(pk=committee_member.pk).update(wants_calendar_invites=False)
    interview = make_interview(alice, application, participants=[bob], committee_members=[committee_member])
    sent = communicate(actor=alice, interviews=[interview], audience="candidate")
    assert sorted((m.audience, m.to_address) for m in sent) == [
        ("candidate", "sanne.bakker@example.test"),
        ("colleagues", "bob@acme.test"),
    ]
    communicate(actor=alice, interviews=[interview], audience="committee")
    run_worker()

    interview = reschedule_interview(
        actor=alice, interview=interview, starts_at=interview.starts_at + timedelta(days=1)
    ).change.interviews[0]
    communicate(actor=alice, interviews=[interview], audience="candidate")
    communicate(actor=alice, interviews=[interview], audience="committee")
    run_worker()

    candidate = received_by(smtp_server, "sanne.bakker@example.test")
    colleague = received_by(smtp_server, "bob@acme.test")
    member = received_by(smtp_server, "cora@jansen.test")
    assert len(candidate) == len(colleague) == len(member) == 2
    events = [*candidate, *colleague, *member]
    assert {message.method for message in events} == {"REQUEST"}
    assert len({message.uid for message in events}) == 1
    for messages in (candidate, colleague, member):
        first, update = messages
        assert first.sequence < update.sequence == interview.version
        assert update.event.decoded("DTSTART") == interview.starts_at
    # Each attendee line once, the same people in every copy.
    for message in events:
        assert len(message.attendees) == len(set(message.attendees))
        assert sorted(message.attendees) == sorted(
            ["mailto:sanne.bakker@example.test", "mailto:bob@acme.test", "mailto:cora@jansen.test"]
        )


def test_a_committee_member_who_is_also_a_colleague_is_one_attendee(alice, cora, committee_member, application):
    User.objects.filter(pk=cora.pk).update(email="cora@jansen.test")
    cora.refresh_from_db()
    interview = make_interview(alice, application, participants=[cora], committee_members=[committee_member])
    messages = communicate(actor=alice, interviews=[interview], audience="candidate")
    colleague = [m for m in messages if m.audience == "colleagues"]
    assert [m.to_address for m in colleague] == ["cora@jansen.test"]
    assert colleague[0].calendar_ics.lower().count("mailto:cora@jansen.test") == 1
    [member] = communicate(actor=alice, interviews=[interview], audience="committee")
    assert member.calendar_method == "REQUEST" and member.calendar_ics


def test_sending_the_candidate_the_same_invitation_again_does_not_repeat_it_to_colleagues(alice, bob, application):
    interview = make_interview(alice, application, participants=[bob])
    first = communicate(actor=alice, interviews=[interview], audience="candidate")
    again = communicate(actor=alice, interviews=[interview], audience="candidate")
    assert [m.audience for m in first] == ["candidate", "colleagues"]
    assert [m.audience for m in again] == ["candidate"]


def test_colleagues_read_their_own_language(alice, bob, application, smtp_server):
    english(application)
    alice_as_colleague = User.objects.get(pk=alice.pk)
    interview = make_interview(alice, application, participants=[bob, alice_as_colleague])
    messages = communicate(actor=alice, interviews=[interview], audience="candidate")
    languages = {m.to_address: m.language for m in messages}
    assert languages == {"sanne.bakker@example.test": "en", "bob@acme.test": "nl", "alice@acme.test": "en"}


def test_colleagues_can_be_told_on_their_own(alice, bob, application):
    interview = make_interview(alice, application, participants=[bob])
    [message] = communicate(actor=alice, interviews=[interview], audience="colleagues")
    assert (message.audience, message.purpose) == ("colleagues", "colleague_notice")
    assert message.to_address == "bob@acme.test"
    assert message.calendar_method == "REQUEST"
