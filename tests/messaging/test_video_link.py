"""The video link (issue 7, item 8): a preset that promises "the link follows in the invitation" keeps
its word, in the email's text and HTML, in the calendar event and on the candidate's answer page."""

from __future__ import annotations

import re

from django.urls import reverse

from regisseur.actions.communicating import communicate
from regisseur.interviews.models import LocationPreset
from regisseur.messaging.models import MessageTemplate
from tests.conftest import make_interview, run_worker
from tests.messaging.mail import received_by
from tests.messaging.test_views_communicate import form_data
from tests.responses.conftest import link_path

LINK = "https://meet.example.test/bakker-42"
PROMISE = "Online via Microsoft Teams. The link follows in the invitation."


def english(application):
    application.candidate.language = "en"
    application.candidate.save(update_fields=["language"])


def test_the_invitation_of_a_video_interview_gives_the_link_the_preset_promised(alice, acme, application, smtp_server):
    english(application)
    preset = LocationPreset.objects.create(organisation=acme, name="Teams", location=PROMISE)
    interview = make_interview(
        alice, application, type="video", location_preset=preset, location=PROMISE, video_link=LINK
    )
    communicate(actor=alice, interviews=[interview], audience="candidate")
    run_worker()
    [invitation] = received_by(smtp_server, application.candidate.email)

    assert f"Where: {PROMISE}\n{LINK}\n" in invitation.text
    assert invitation.text.count(LINK) == 1
    assert f'<a href="{LINK}">{LINK}</a>' in invitation.html
    assert str(invitation.event["URL"]) == LINK
    assert str(invitation.event["LOCATION"]) == PROMISE


def test_without_a_place_the_link_is_where_and_the_events_location(alice, application, smtp_server):
    english(application)
    interview = make_interview(alice, application, type="video", video_link=LINK)
    communicate(actor=alice, interviews=[interview], audience="candidate")
    run_worker()
    [invitation] = received_by(smtp_server, application.candidate.email)
    assert f"Where: {LINK}\n" in invitation.text
    assert str(invitation.event["LOCATION"]) == LINK
    assert str(invitation.event["URL"]) == LINK


def test_a_template_with_its_own_video_link_placeholder_gives_the_link_once(alice, acme, application):
    english(application)
    MessageTemplate.objects.filter(organisation=acme).delete()
    MessageTemplate.objects.create(
        organisation=acme,
        purpose="invitation",
        language="en",
        name="Video",
        subject="Interview",
        body="Where: {location}\nJoin: {video_link}",
        is_default=True,
    )
    interview = make_interview(alice, application, type="video", location="Teams", video_link=LINK)
    [message] = communicate(actor=alice, interviews=[interview], audience="candidate")
    assert f"Where: Teams\nJoin: {LINK}" in message.body_text
    assert message.body_text.count(LINK) == 1


def test_a_template_that_names_no_place_still_carries_the_link(alice, acme, application):
    english(application)
    MessageTemplate.objects.create(
        organisation=acme,
        purpose="invitation",
        language="en",
        name="Short",
        subject="Interview",
        body="See you on {interview_date}.",
        is_default=True,
    )
    interview = make_interview(alice, application, type="phone", video_link=LINK)
    [message] = communicate(actor=alice, interviews=[interview], audience="candidate")
    assert f"Video link: {LINK}" in message.body_text


def test_the_answer_page_shows_the_link_as_a_link(client, alice, application):
    english(application)
    interview = make_interview(alice, application, type="video", location=PROMISE, video_link=LINK)
    page = client.get(link_path(interview)).content.decode()
    assert PROMISE in page
    assert re.search(rf'<a href="{re.escape(LINK)}"[^>]*>{re.escape(LINK)}</a>', page)
    assert "You will receive the link" not in page


def test_the_answer_page_of_a_video_interview_without_a_link_says_it_will_come(client, alice, application):
    english(application)
    interview = make_interview(alice, application, type="video")
    page = client.get(link_path(interview)).content.decode()
    assert "You will receive the link from your recruiter." in page


def test_the_text_filled_in_on_the_communicate_page_gives_the_link_once(client, alice, application, smtp_server):
    english(application)
    interview = make_interview(alice, application, type="video", location=PROMISE, video_link=LINK)
    client.force_login(alice)
    url = reverse("messaging:communicate", args=[interview.pk, "candidate"])
    shown = client.get(url)
    assert LINK in shown.context["form"]["body"].value()
    assert client.post(url, form_data(shown)).status_code == 302
    run_worker()
    [invitation] = received_by(smtp_server, application.candidate.email)
    assert invitation.text.count(LINK) == 1
