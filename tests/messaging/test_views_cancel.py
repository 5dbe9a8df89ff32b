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


# --- The drafted message per audience (issue 7) -----------------------------------------------------


def _invite_manager(alice, application, hank, vacancy):
    from regisseur.recruitment.models import Contact

    vacancy.hiring_manager = Contact.objects.get(user=hank)
    vacancy.language = "en"
    vacancy.save(update_fields=["hiring_manager", "language"])
    interview = make_interview(alice, application, kind="both")
    communicate(actor=alice, interviews=[interview], audience="candidate")
    communicate(actor=alice, interviews=[interview], audience="hiring_manager")
    return interview


def test_the_page_shows_each_audiences_draft_filled_in_for_this_interview(client, alice, application, hank, vacancy):
    interview = _invite_manager(alice, application, hank, vacancy)
    client.force_login(alice)

    page = client.get(reverse("interviews:cancel", args=[interview.pk]))

    form = page.context["form"]
    assert form["subject_candidate_nl"].value().startswith("Geannuleerd: gesprek voor Bakker op ")
    assert "Beste Sanne," in form["body_candidate_nl"].value()
    manager_body = form["body_hiring_manager_en"].value()
    assert manager_body.startswith("Dear colleague,\n\nThe interview with Sanne Bakker for the vacancy Bakker")
    assert "{cancel_reason}" in manager_body  # filled in with the reason typed on this page
    assert "Kind regards," in manager_body
    html = page.content.decode()
    assert "Hiring manager" in html and "Hank Manager" in html


def test_edited_drafts_are_what_each_audience_receives(client, alice, application, hank, vacancy, smtp_server):
    interview = _invite_manager(alice, application, hank, vacancy)
    run_worker()
    smtp_server.received.clear()
    client.force_login(alice)
    form = client.get(reverse("interviews:cancel", args=[interview.pk])).context["form"]
    data = {name: form[name].value() for name in form.fields if name.startswith(("subject_", "body_"))}
    data.update(
        {
            "reason": "Client ill",
            "inform": "on",
            "subject_hiring_manager_en": "Off, sorry",
            "body_hiring_manager_en": "Hank: {cancel_reason}",
        }
    )

    response = client.post(reverse("interviews:cancel", args=[interview.pk]), data)

    assert response.status_code == 302
    run_worker()
    received = {message["To"].addresses[0].addr_spec: message for message in smtp_server.messages}
    manager = received["hank@jansen.test"]
    assert manager["Subject"] == "Off, sorry"
    assert manager.get_body(("plain",)).get_content().startswith("Hank: Reason: Client ill")
    assert "Beste Sanne," in received[application.candidate.email].get_body(("plain",)).get_content()


def test_an_emptied_draft_is_refused_beside_its_field(client, alice, application, hank, vacancy):
    interview = _invite_manager(alice, application, hank, vacancy)
    client.force_login(alice)
    form = client.get(reverse("interviews:cancel", args=[interview.pk])).context["form"]
    data = {name: form[name].value() for name in form.fields if name.startswith(("subject_", "body_"))}
    data.update({"inform": "on", "body_hiring_manager_en": "  ", "subject_candidate_nl": "{unknown}"})

    response = client.post(reverse("interviews:cancel", args=[interview.pk]), data)

    assert response.status_code == 200
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.PLANNED
    errors = response.context["form"].errors
    assert errors["body_hiring_manager_en"] == ["The content is empty."]
    assert "Unknown placeholder {unknown}." in errors["subject_candidate_nl"]
    html = response.content.decode()
    assert 'id="id_body_hiring_manager_en_errors"' in html


def test_without_informing_empty_drafts_do_not_stop_the_cancellation(client, alice, application, hank, vacancy):
    interview = _invite_manager(alice, application, hank, vacancy)
    client.force_login(alice)
    response = client.post(reverse("interviews:cancel", args=[interview.pk]), {"body_hiring_manager_en": ""})
    assert response.status_code == 302
    assert not Message.objects.filter(calendar_method="CANCEL").exists()
