from icalendar import Calendar

from regisseur.messaging.models import MessageState
from regisseur.messaging.services import communicate
from tests.conftest import make_interview, run_worker


def test_an_invitation_reaches_the_smtp_server_with_text_html_and_calendar(alice, application, smtp_server):
    interview = make_interview(alice, application)
    [message] = communicate(actor=alice, interviews=[interview], audience="candidate")
    assert message.state == MessageState.QUEUED
    run_worker()
    message.refresh_from_db()
    assert message.state == MessageState.SENT, message.last_error
    [received] = smtp_server.messages
    assert received["To"].addresses[0].addr_spec == application.candidate.email
    types = [part.get_content_type() for part in received.walk()]
    assert "text/plain" in types and "text/html" in types and "text/calendar" in types
    calendar_part = next(p for p in received.walk() if p.get_content_type() == "text/calendar")
    assert calendar_part.get_param("method") == "REQUEST"
    ics = Calendar.from_ical(calendar_part.get_content())
    [event] = ics.walk("VEVENT")
    assert event["SEQUENCE"] == interview.version
    assert event.decoded("DTSTART") == interview.starts_at
    text = received.get_body(("plain",)).get_content()
    assert "/r/" in text
