"""Values are values (issue 8, item 9): a value with braces is filled in as text, never read as a placeholder.

The communicate and cancel pages show the message filled in and take it back as the
planner sends it; only what the planner typed is checked for placeholders. Every test
reads what the recipient received through the real SMTP test server.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from regisseur.interviews.models import Interview, InterviewStatus
from regisseur.messaging.models import Message, MessageTemplate, Purpose
from regisseur.messaging.services import communicate
from regisseur.messaging.sms import fit_sms
from tests.api.conftest import ApiClient, client_for
from tests.conftest import make_application, make_interview, run_worker
from tests.messaging.mail import read
from tests.messaging.test_views_communicate import communicate_url, form_data

BODY = "Dear {candidate_name},\n\nWe expect you in {location} for {vacancy_title}.\n\nRegards"


@pytest.fixture
def as_alice(alice: Any) -> ApiClient:
    return client_for(alice)


@pytest.fixture
def braced(alice: Any, vacancy: Any) -> Interview:
    """A candidate named "{x}", a vacancy "Sales {NL}", a location "Room {A}"."""
    vacancy.title = "Sales {NL}"
    vacancy.save(update_fields=["title"])
    application = make_application(vacancy, "{x}", "Braces", email="x.braces@example.test", language="en")
    MessageTemplate.objects.create(
        organisation=alice.organisation,
        purpose=Purpose.INVITATION,
        language="en",
        name="Invitation",
        subject="{vacancy_title} in {location}",
        body=BODY,
        is_default=True,
    )
    return make_interview(alice, application, location="Room {A}")


def test_the_communicate_page_sends_the_filled_in_text_with_braces_as_text(client, alice, braced, smtp_server):
    client.force_login(alice)
    page = client.get(communicate_url(braced))
    assert "Room" in page.context["form"]["body"].value()

    response = client.post(communicate_url(braced), form_data(page))

    assert response.status_code == 302, response.context["form"].errors
    run_worker()
    [received] = [read(message) for message in smtp_server.messages]
    assert received.subject == "Sales {NL} in Room {A}"
    assert "Dear {x} Braces," in received.text
    assert "We expect you in Room {A} for Sales {NL}." in received.text
    assert "Room {A}" in received.html and "\u2060" not in received.html + received.text + received.subject
    assert str(received.event["LOCATION"]) == "Room {A}"


def test_a_value_that_looks_like_a_placeholder_is_not_filled_in_again(client, alice, vacancy, smtp_server):
    application = make_application(vacancy, "{location}", "Literal", email="literal@example.test", language="en")
    interview = make_interview(alice, application, location="Damrak 1")
    client.force_login(alice)
    page = client.get(communicate_url(interview))

    client.post(communicate_url(interview), form_data(page))

    run_worker()
    [received] = [read(message) for message in smtp_server.messages]
    assert "Dear {location}," in received.text and "Dear Damrak" not in received.text


def test_a_placeholder_the_planner_types_wrongly_is_still_refused(client, alice, braced):
    client.force_login(alice)
    page = client.get(communicate_url(braced))
    data = form_data(page)

    response = client.post(communicate_url(braced), {**data, "body": data["body"] + "\nSee you at {locaton}."})

    assert response.status_code == 200
    assert response.context["form"].errors["body"] == ["Unknown placeholder {locaton}."]
    assert not Message.objects.exists()


def test_a_placeholder_the_planner_adds_is_filled_in(client, alice, braced, smtp_server):
    client.force_login(alice)
    page = client.get(communicate_url(braced))
    data = form_data(page)

    client.post(communicate_url(braced), {**data, "body": data["body"] + "\nRoom again: {location}"})

    run_worker()
    [received] = [read(message) for message in smtp_server.messages]
    assert "Room again: Room {A}" in received.text


def test_the_cancel_page_sends_its_drafts_with_braces_as_text(client, alice, braced, smtp_server):
    communicate(actor=alice, interviews=[braced], audience="candidate")
    run_worker()
    client.force_login(alice)

    response = client.post(
        reverse("interviews:cancel", args=[braced.pk]), {"reason": "Room {A} flooded", "inform": "on"}
    )

    assert response.status_code == 302
    braced.refresh_from_db()
    assert braced.status == InterviewStatus.CANCELLED
    run_worker()
    cancellation = read(smtp_server.messages[-1])
    assert cancellation.method == "CANCEL"
    assert "Dear {x}," in cancellation.text and "Sales {NL}" in cancellation.text


def test_the_api_sends_values_with_braces_as_text(as_alice: ApiClient, braced, smtp_server):
    answer = as_alice.post(f"/interviews/{braced.pk}/communicate", {"audience": "candidate"})

    assert answer.status == 201, answer.body
    run_worker()
    [received] = [read(message) for message in smtp_server.messages]
    assert received.subject == "Sales {NL} in Room {A}"
    assert "We expect you in Room {A} for Sales {NL}." in received.text


def test_the_api_refuses_a_placeholder_typed_wrongly_naming_the_field(as_alice: ApiClient, braced):
    answer = as_alice.post(f"/interviews/{braced.pk}/communicate", {"audience": "candidate", "body": "See {A}."})

    assert (answer.status, answer.error["code"], answer.error["field"]) == (422, "invalid_placeholder", "body")


def test_an_sms_reads_the_value_with_braces_as_it_is():
    text = fit_sms("See you at {interview_time} in {location}.", {"interview_time": "10:00", "location": "Room {A}"})
    assert text == "See you at 10:00 in Room {A}."
