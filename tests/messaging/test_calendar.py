"""Calendar invitations as received (C6): iMIP parts parsed with icalendar, per RFC 5545/5546."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from icalendar import Calendar

from regisseur.actions.cancelling import cancel_interview
from regisseur.actions.changes import reschedule_interview
from regisseur.interviews.models import ConfirmationStatus, Interview
from regisseur.messaging import calendar
from regisseur.messaging.cancellations import send_cancellation
from regisseur.messaging.services import communicate
from regisseur.recruitment.models import Contact
from tests.conftest import change_fields, make_interview, run_worker

MEMO = "MEMO-7f3a: candidate seemed nervous on the phone"


def calendar_parts(received: Any) -> list[Any]:
    return [part for part in received.walk() if part.get_content_type() == "text/calendar"]


def event_of(received: Any) -> tuple[Calendar, Any]:
    [part] = calendar_parts(received)
    parsed = Calendar.from_ical(part.get_content())
    [event] = parsed.walk("VEVENT")
    return parsed, event


def deliver(smtp_server: Any) -> Any:
    """Run the worker and answer the newest message that arrived."""
    run_worker()
    return smtp_server.messages[-1]


def test_an_invitation_carries_a_request_with_organizer_attendee_and_location(alice, application, smtp_server):
    interview = make_interview(alice, application, location="Stationsplein 1, Utrecht", memo=MEMO)
    communicate(actor=alice, interviews=[interview], audience="candidate")
    received = deliver(smtp_server)
    [part] = calendar_parts(received)
    assert part.get_param("method") == "REQUEST"
    parsed, event = event_of(received)
    assert str(parsed["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == calendar.interview_uid(interview)
    assert event["SEQUENCE"] == interview.version
    assert event.decoded("DTSTART") == interview.starts_at
    assert event.decoded("DTEND") == interview.ends_at
    assert str(event["LOCATION"]) == "Stationsplein 1, Utrecht"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["ORGANIZER"]).lower().startswith("mailto:")
    attendee = event["ATTENDEE"]
    assert str(attendee) == f"mailto:{application.candidate.email}"
    assert attendee.params["PARTSTAT"] == "NEEDS-ACTION"
    assert attendee.params["CN"] == "Sanne Bakker"


def test_a_reschedule_sends_a_new_request_with_the_same_uid_and_a_higher_sequence(alice, application, smtp_server):
    interview = make_interview(alice, application)
    communicate(actor=alice, interviews=[interview], audience="candidate")
    _parsed, first = event_of(deliver(smtp_server))

    new_start = interview.starts_at + timedelta(days=1, hours=2)
    interview = reschedule_interview(actor=alice, interview=interview, starts_at=new_start).change.interviews[0]
    [change] = communicate(actor=alice, interviews=[interview], audience="candidate")
    assert change.purpose == "change"
    _parsed, second = event_of(deliver(smtp_server))

    interview = change_fields(actor=alice, interview=interview, changes={"location": "Online"})
    communicate(actor=alice, interviews=[interview], audience="candidate")
    _parsed, third = event_of(deliver(smtp_server))

    assert str(first["UID"]) == str(second["UID"]) == str(third["UID"])
    assert first["SEQUENCE"] < second["SEQUENCE"] < third["SEQUENCE"]
    assert second.decoded("DTSTART") == new_start
    assert str(third["LOCATION"]) == "Online"


def test_a_cancellation_sends_method_cancel_for_the_same_event(alice, application, smtp_server):
    interview = make_interview(alice, application)
    communicate(actor=alice, interviews=[interview], audience="candidate")
    _parsed, invitation = event_of(deliver(smtp_server))
    interview = cancel_interview(actor=alice, interview=interview, reason="Position filled").interviews[0]
    [message] = send_cancellation(actor=alice, interview=interview)
    assert message.purpose == "cancellation"
    received = deliver(smtp_server)
    [part] = calendar_parts(received)
    assert part.get_param("method") == "CANCEL"
    parsed, event = event_of(received)
    assert str(parsed["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == str(invitation["UID"])
    assert event["SEQUENCE"] > invitation["SEQUENCE"]
    assert "/r/" not in received.get_body(("plain",)).get_content()


def test_a_cancellation_reaches_the_hiring_manager_who_was_invited(alice, application, manager, smtp_server):
    interview = make_interview(alice, application, kind="both")
    communicate(actor=alice, interviews=[interview], audience="candidate")
    communicate(actor=alice, interviews=[interview], audience="hiring_manager")
    run_worker()
    interview = cancel_interview(actor=alice, interview=interview).interviews[0]
    messages = send_cancellation(actor=alice, interview=interview)
    assert sorted(m.to_address for m in messages) == [manager.email, application.candidate.email]
    run_worker()
    methods = [part.get_param("method") for received in smtp_server.messages for part in calendar_parts(received)]
    assert methods == ["REQUEST", "REQUEST", "CANCEL", "CANCEL"]


def test_the_hiring_manager_gets_a_calendar_part_only_when_they_want_invites(alice, application, manager, smtp_server):
    interview = make_interview(alice, application, kind="hiring_manager")
    communicate(actor=alice, interviews=[interview], audience="hiring_manager")
    with_invite = deliver(smtp_server)
    assert len(calendar_parts(with_invite)) == 1
    _parsed, event = event_of(with_invite)
    assert f"mailto:{manager.email}" in [str(line) for line in event.get("ATTENDEE")]

    Contact.objects.filter(pk=manager.pk).update(wants_calendar_invites=False)
    interview = Interview.objects.get(pk=interview.pk)
    [message] = communicate(actor=alice, interviews=[interview], audience="hiring_manager")
    assert message.calendar_ics == ""
    without_invite = deliver(smtp_server)
    assert calendar_parts(without_invite) == []
    assert [part for part in without_invite.walk() if part.get_filename()] == []
    assert without_invite.get_body(("plain",)) is not None


def test_the_memo_appears_in_no_part_of_any_message(alice, application, manager, cora, smtp_server):
    interview = make_interview(
        alice, application, kind="both", memo=MEMO, committee_members=[Contact.objects.get(user=cora)]
    )
    for audience in ("candidate", "hiring_manager", "committee"):
        communicate(actor=alice, interviews=[interview], audience=audience)
    run_worker()
    interview = cancel_interview(actor=alice, interview=interview).interviews[0]
    send_cancellation(actor=alice, interview=interview)
    run_worker()
    assert len(smtp_server.messages) == 6
    for received in smtp_server.messages:
        for part in received.walk():
            if not part.is_multipart():
                content = part.get_content()
                text = content.decode() if isinstance(content, bytes) else content
                assert "MEMO-7f3a" not in text
                assert "nervous" not in text
        assert b"MEMO-7f3a" not in b"".join(smtp_server.received)


def test_the_candidates_answer_shows_as_partstat(alice, application):
    interview = make_interview(alice, application)
    interview.confirmation_status = ConfirmationStatus.ACCEPTED
    ics = calendar.build_ics(
        interview=interview,
        method=calendar.REQUEST,
        summary="Interview",
        description="",
        audience="candidate",
        recipient_email=application.candidate.email,
        now=timezone.now(),
    )
    [event] = Calendar.from_ical(ics).walk("VEVENT")
    assert event["ATTENDEE"].params["PARTSTAT"] == "ACCEPTED"
    assert str(event["ORGANIZER"]) == "mailto:alice@acme.test"
    assert event["ORGANIZER"].params["CN"] == "Alice de Vries"


def test_a_video_link_as_location_is_also_the_events_url(alice, application):
    interview = make_interview(alice, application, location="https://meet.example.test/abc-def", type="video")
    [message] = communicate(actor=alice, interviews=[interview], audience="candidate")
    [event] = Calendar.from_ical(message.calendar_ics).walk("VEVENT")
    assert str(event["URL"]) == "https://meet.example.test/abc-def"
