"""The crisis playbook pages (O3): start, the steps with their forms, sending, new times, shifting, closing."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regisseur.accounts.models import User
from regisseur.actions.monitoring import open_incident
from regisseur.interviews.models import Interview
from regisseur.messaging.models import Message, Purpose
from regisseur.monitoring.models import Incident, IncidentStep
from regisseur.recruitment.models import Application, ApplicationStage, Contact, Vacancy
from tests.conftest import make_application, make_interview, run_worker, soon

pytestmark = pytest.mark.django_db


@pytest.fixture
def interview(alice: User, application: Application, vacancy: Vacancy) -> Interview:
    Contact.objects.create(client=vacancy.client, name="Carla Klant", email="carla@client.test")
    return make_interview(alice, application, starts_at=soon(5, 10))


def signed_in(user: User) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def test_a_recruiter_starts_a_playbook_and_sends_the_edited_draft(
    alice: User, interview: Interview, smtp_server: Any
) -> None:
    browser = signed_in(alice)
    start = reverse("monitoring:incident_start", args=[interview.pk])
    assert "Candidate ill or emergency" in browser.get(start + "?kind=candidate_ill").content.decode()

    answer = browser.post(start, {"kind": "candidate_ill", "note": "Flu"})
    incident = Incident.objects.get(interview=interview)
    assert answer.status_code == 302 and answer["Location"] == reverse("monitoring:incident", args=[incident.pk])

    page = browser.get(answer["Location"]).content.decode()
    assert "Inform the client at once" in page and "Carla Klant" in page and "Pick this time" in page
    form = {
        "inform_client-subject_client_nl": "Sanne kan morgen niet",
        "inform_client-body_client_nl": "Beste Carla,\n\n{situation}\n\nZal ik nieuwe tijden sturen?",
        "inform_client-situation": "Sanne heeft griep.",
        "inform_client-note": "Also called",
    }
    sent = browser.post(reverse("monitoring:incident_send", args=[incident.pk, "inform_client"]), form)
    run_worker()

    assert sent.status_code == 302
    (mail,) = smtp_server.messages
    assert mail["Subject"] == "Sanne kan morgen niet"
    assert "Sanne heeft griep." in mail.get_body(preferencelist=("plain",)).get_content()
    step = IncidentStep.objects.get(incident=incident, code="inform_client")
    assert step.done and step.done_by == alice and step.note == "Also called"


def test_an_empty_draft_is_refused_and_kept_on_the_page(alice: User, interview: Interview) -> None:
    incident = open_incident(actor=alice, interview=interview, kind="candidate_ill")
    answer = signed_in(alice).post(
        reverse("monitoring:incident_send", args=[incident.pk, "inform_client"]),
        {"inform_client-subject_client_nl": "", "inform_client-body_client_nl": "Kept text"},
    )

    assert answer.status_code == 200
    assert "Kept text" in answer.content.decode()
    assert not Message.objects.exists()


def test_picking_an_offered_time_moves_the_interview(alice: User, interview: Interview) -> None:
    incident = open_incident(actor=alice, interview=interview, kind="client_cancelled")
    browser = signed_in(alice)
    page = browser.get(reverse("monitoring:incident", args=[incident.pk])).content.decode()
    offered = page.split('name="starts_at" value="')[1].split('"')[0]

    browser.post(reverse("monitoring:incident_new_time", args=[incident.pk]), {"starts_at": offered})

    interview.refresh_from_db()
    assert interview.starts_at.isoformat() == offered
    assert Message.objects.filter(interview=interview, purpose__in=[Purpose.CHANGE, Purpose.INVITATION]).exists()
    assert IncidentStep.objects.get(incident=incident, code="offer_new_times").done


def test_steps_are_noted_and_closing_needs_lessons(alice: User, interview: Interview) -> None:
    incident = open_incident(actor=alice, interview=interview, kind="client_cancelled")
    browser = signed_in(alice)
    browser.post(
        reverse("monitoring:incident_step", args=[incident.pk, "verify_not_rejection"]),
        {"verify_not_rejection-note": "Client still keen", "done": "1"},
    )
    step = IncidentStep.objects.get(incident=incident, code="verify_not_rejection")
    assert step.done and step.note == "Client still keen"

    refused = browser.post(reverse("monitoring:incident_close", args=[incident.pk]), {"lessons": ""})
    assert refused.status_code == 200 and "Write down what this incident taught." in refused.content.decode()
    browser.post(reverse("monitoring:incident_close", args=[incident.pk]), {"lessons": "Confirm the day before."})
    incident.refresh_from_db()
    assert incident.closed_at is not None and incident.lessons == "Confirm the day before."
    page = browser.get(reverse("monitoring:incident", args=[incident.pk])).content.decode()
    assert "Confirm the day before." in page and "Pick this time" not in page and "Mark done" not in page


def test_overrun_page_lists_and_shifts_the_later_interviews(alice: User, bob: User, vacancy: Vacancy) -> None:
    running = make_interview(alice, make_application(vacancy, "Ruth", "Run"), starts_at=soon(3, 10), participants=[bob])
    waiting = make_interview(alice, make_application(vacancy, "Wim", "Wait"), starts_at=soon(3, 11), participants=[bob])
    incident = open_incident(actor=alice, interview=running, kind="overrun", delay_minutes=20)
    browser = signed_in(alice)

    page = browser.get(reverse("monitoring:incident", args=[incident.pk])).content.decode()
    assert "Wim Wait" in page and "Shift by 20 minutes" in page
    browser.post(reverse("monitoring:incident_shift", args=[incident.pk]), {"interview": waiting.pk})

    waiting.refresh_from_db()
    assert waiting.starts_at == soon(3, 11).replace(minute=20)


def test_others_cannot_see_or_act(alice: User, mallory: User, hank: User, interview: Interview) -> None:
    incident = open_incident(actor=alice, interview=interview, kind="technical_problem")
    page = reverse("monitoring:incident", args=[incident.pk])
    start = reverse("monitoring:incident_start", args=[interview.pk])

    assert signed_in(mallory).get(page).status_code == 404
    assert signed_in(mallory).get(start).status_code == 404
    assert signed_in(hank).post(start, {"kind": "overrun", "delay_minutes": 5}).status_code in (403, 404)
    assert signed_in(hank).get(page).status_code in (403, 404)
    assert Client().get(page).status_code == 302  # to the sign-in page


def test_the_summary_shows_the_open_incident_or_the_choices(alice: User, interview: Interview, rf: Any) -> None:
    request = rf.get("/")
    request.user = alice
    choices = render_to_string(
        "monitoring/_playbook_summary.html",
        {"interview": interview, "item": SimpleNamespace(incident=None), "user": alice},
        request=request,
    )
    assert "?kind=candidate_ill" in choices and "?kind=overrun" in choices

    incident = open_incident(actor=alice, interview=interview, kind="technical_problem")
    shown = render_to_string(
        "monitoring/_playbook_summary.html",
        {"interview": interview, "item": SimpleNamespace(incident=incident), "user": alice},
        request=request,
    )
    assert "Technology problems" in shown and "0 of 3 steps done" in shown
    assert reverse("monitoring:incident", args=[incident.pk]) in shown


def test_the_incident_page_reads_alternatives_in_a_fixed_number_of_queries(
    alice: User, interview: Interview, vacancy: Vacancy
) -> None:
    incident = open_incident(actor=alice, interview=interview, kind="candidate_ill")
    browser = signed_in(alice)
    url = reverse("monitoring:incident", args=[incident.pk])

    def ready(count: int, offset: int) -> None:
        for index in range(count):
            other = make_application(vacancy, f"Ready{offset + index}", "Candidate")
            Application.objects.filter(pk=other.pk).update(stage=ApplicationStage.INTERVIEW)

    ready(1, 0)
    browser.get(url)
    with CaptureQueriesContext(connection) as one:
        assert browser.get(url).status_code == 200
    ready(5, 1)
    with CaptureQueriesContext(connection) as six:
        page = browser.get(url).content.decode()

    assert page.count("Plan at this time") == 6
    assert len(six) == len(one)
