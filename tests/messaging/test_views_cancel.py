"""Cancelling from the interview record informs everyone invited, with a calendar cancellation (C6)."""

from __future__ import annotations

from django.urls import reverse
from icalendar import Calendar

from regisseur.interviews.models import InterviewStatus
from regisseur.messaging.models import Message, Purpose
from regisseur.messaging.services import communicate
from tests.conftest import make_interview, run_worker


def test_the_inform_option_is_ticked_by_default(client, alice, application):
    interview = make_interview(alice, application)
    client.force_login(alice)
    response = client.get(reverse("interviews:cancel", args=[interview.pk]))
    assert response.context["form"]["inform"].value() is True
    assert "Inform the candidate and everyone invited (with a calendar cancellation)" in response.content.decode()


def test_cancelling_with_the_option_sends_the_candidate_a_calendar_cancellation(
    client, alice, application, smtp_server
):
    interview = make_interview(alice, application)
    communicate(actor=alice, interviews=[interview], audience="candidate")
    run_worker()
    client.force_login(alice)
    response = client.post(reverse("interviews:cancel", args=[interview.pk]), {"reason": "Klant ziek", "inform": "on"})
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.CANCELLED
    run_worker()
    invitation, cancellation = smtp_server.messages
    assert cancellation["To"].addresses[0].addr_spec == application.candidate.email
    part = next(p for p in cancellation.walk() if p.get_content_type() == "text/calendar")
    assert part.get_param("method") == "CANCEL"
    [event] = Calendar.from_ical(part.get_content()).walk("VEVENT")
    assert str(Calendar.from_ical(part.get_content())["METHOD"]) == "CANCEL"
    first = next(p for p in invitation.walk() if p.get_content_type() == "text/calendar")
    assert event["UID"] == Calendar.from_ical(first.get_content()).walk("VEVENT")[0]["UID"]
    assert "Cancellation queued for sending to Sanne Bakker." in client.get(response["Location"]).content.decode()


def test_cancelling_without_the_option_sends_nothing(client, alice, application, smtp_server):
    interview = make_interview(alice, application)
    client.force_login(alice)
    client.post(reverse("interviews:cancel", args=[interview.pk]), {"reason": ""})
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.CANCELLED
    run_worker()
    assert smtp_server.received == []
    assert not Message.objects.filter(purpose=Purpose.CANCELLATION).exists()
