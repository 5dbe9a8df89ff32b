"""Answering through the link (A1, A2): the four choices, preferences, the recruiter's email."""

from __future__ import annotations

import re

import pytest

from regisseur.interviews.models import ConfirmationStatus, InterviewEvent
from regisseur.messaging.models import Audience
from regisseur.recruitment.models import ApplicationStatus
from regisseur.responses.models import CandidateAnswer
from tests.conftest import make_interview, run_worker
from tests.responses.conftest import link_path


@pytest.mark.parametrize(
    ("choice", "status", "label"),
    [
        ("accept", ConfirmationStatus.ACCEPTED, "Yes, I will attend"),
        ("decline", ConfirmationStatus.NOT_ACCEPTED, "No, I cannot"),
        ("new_appointment", ConfirmationStatus.CONTACT_FOR_NEW_APPOINTMENT, "Plan a new appointment"),
    ],
)
def test_each_answer_sets_the_confirmation_status(client, alice, application, choice, status, label):
    interview = make_interview(alice, application)
    path = link_path(interview)

    response = client.post(path, {"choice": choice})

    assert response.status_code == 303
    assert response["Location"] == path + "thanks/"
    interview.refresh_from_db()
    application.refresh_from_db()
    assert interview.confirmation_status == status
    assert application.status == ApplicationStatus.ACTIVE
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert label in thanks.content.decode()


def test_withdrawing_asks_first_and_changes_nothing_until_confirmed(client, alice, application):
    interview = make_interview(alice, application)
    path = link_path(interview)

    first = client.post(path, {"choice": "withdraw"})

    assert first.status_code == 303
    assert first["Location"] == path + "withdraw/"
    interview.refresh_from_db()
    application.refresh_from_db()
    assert interview.confirmation_status == ConfirmationStatus.PENDING
    assert application.status == ApplicationStatus.ACTIVE
    assert CandidateAnswer.objects.count() == 0
    question = client.get(first["Location"]).content.decode()
    assert "Are you sure?" in question
    assert f'href="{path}"' in question  # the way back

    confirmed = client.post(path + "withdraw/", {"message": "I took another job."})

    assert confirmed.status_code == 303
    interview.refresh_from_db()
    application.refresh_from_db()
    assert interview.confirmation_status == ConfirmationStatus.NOT_APPLICABLE
    assert application.status == ApplicationStatus.WITHDRAWN
    [answer] = CandidateAnswer.objects.all()
    assert answer.message == "I took another job."
    thanks = client.get(confirmed["Location"])
    assert thanks.status_code == 200
    assert "has been withdrawn" in thanks.content.decode()


def test_going_back_from_the_withdraw_question_keeps_the_application(client, alice, application):
    interview = make_interview(alice, application)
    path = link_path(interview)
    client.post(path, {"choice": "withdraw"})

    back = client.get(path)

    assert back.status_code == 200
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACTIVE


def test_a_new_appointment_carries_the_preferred_times_and_message(client, alice, application):
    interview = make_interview(alice, application)

    client.post(
        link_path(interview),
        {"choice": "new_appointment", "preferred_times": "Thursday afternoon", "message": "I have an exam."},
    )

    answer = CandidateAnswer.objects.get()
    assert answer.preferred_times == "Thursday afternoon"
    assert answer.message == "I have an exam."
    event = interview.events.filter(action=InterviewEvent.Action.ANSWERED).get()
    assert event.note == "I have an exam."


def test_the_preferred_mode_and_questions_in_advance_are_stored_and_in_the_history(client, alice, application):
    interview = make_interview(alice, application)

    client.post(
        link_path(interview), {"choice": "accept", "preferred_mode": "video", "wants_questions_in_advance": "on"}
    )

    answer = CandidateAnswer.objects.get()
    assert answer.preferred_mode == "video"
    assert answer.wants_questions_in_advance is True
    event = interview.events.filter(action=InterviewEvent.Action.ANSWERED).get()
    assert event.changes["confirmation_status"] == ["pending", "accepted"]
    assert event.changes["preferred_mode"] == ["", "video"]
    assert event.changes["questions_in_advance"] == ["", "yes"]
    application.candidate.refresh_from_db()
    assert application.candidate.preferred_mode == "video"


# The worker closes the database connection when it is done (as on PostgreSQL in production);
# only a transactional test survives that.
@pytest.mark.django_db(transaction=True)
def test_the_recruiter_is_emailed_the_answer(client, alice, application, smtp_server):
    interview = make_interview(alice, application, memo="SECRET-MEMO")

    client.post(
        link_path(interview),
        {"choice": "new_appointment", "preferred_mode": "phone", "wants_questions_in_advance": "on"},
    )
    run_worker()

    [notice] = smtp_server.messages
    assert notice["To"].addresses[0].addr_spec == "alice@acme.test"
    assert "Plan a new appointment" in notice["Subject"]
    text = notice.get_body(("plain",)).get_content()
    html = notice.get_body(("html",)).get_content()
    assert "Sanne Bakker" in text
    assert "Phone" in text
    assert "questions in advance" in text
    assert "SECRET-MEMO" not in text and "SECRET-MEMO" not in html
    assert interview.messages.filter(audience=Audience.RECRUITER).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_candidates_invitation_never_contains_the_memo(client, alice, application, smtp_server):
    from regisseur.messaging.services import communicate

    interview = make_interview(alice, application, memo="SECRET-MEMO")
    communicate(actor=alice, interviews=[interview], audience="candidate")
    run_worker()

    [invitation] = smtp_server.received
    assert b"/r/" in invitation
    assert b"SECRET-MEMO" not in invitation


def test_submitting_the_same_answer_twice_records_it_once(client, alice, application):
    interview = make_interview(alice, application)
    path = link_path(interview)
    data = {"choice": "accept", "preferred_mode": "in_person", "message": "See you there. "}

    first = client.post(path, data)
    second = client.post(path, data)

    assert first.status_code == second.status_code == 303
    assert first["Location"] == second["Location"]
    assert CandidateAnswer.objects.count() == 1
    assert interview.events.filter(action=InterviewEvent.Action.ANSWERED).count() == 1


def test_confirming_the_withdrawal_twice_shows_the_same_thanks(client, alice, application):
    interview = make_interview(alice, application)
    path = link_path(interview)

    first = client.post(path + "withdraw/", {})
    second = client.post(path + "withdraw/", {})

    assert first.status_code == second.status_code == 303
    assert second["Location"] == path + "thanks/"
    assert CandidateAnswer.objects.count() == 1


def test_coming_back_shows_the_current_answer_and_it_can_be_changed(client, alice, application):
    interview = make_interview(alice, application)
    path = link_path(interview)
    client.post(path, {"choice": "decline", "preferred_mode": "video"})

    again = client.get(path).content.decode()

    assert 'class="current-answer"' in again
    assert "No, I cannot" in again.split('class="current-answer"')[1].split("</div>")[0]
    assert _checked(again, "video")  # the preferences given last time are kept

    client.post(path, {"choice": "accept"})

    interview.refresh_from_db()
    assert interview.confirmation_status == ConfirmationStatus.ACCEPTED
    assert CandidateAnswer.objects.count() == 2


def test_after_withdrawing_the_answer_can_no_longer_be_changed(client, alice, application):
    interview = make_interview(alice, application)
    path = link_path(interview)
    client.post(path + "withdraw/", {})

    response = client.post(path, {"choice": "accept"})

    assert response.status_code == 410
    interview.refresh_from_db()
    assert interview.confirmation_status == ConfirmationStatus.NOT_APPLICABLE
    assert CandidateAnswer.objects.count() == 1


def test_an_unknown_choice_is_refused_with_the_form_again(client, alice, application):
    interview = make_interview(alice, application)

    response = client.post(link_path(interview), {"choice": "maybe"})

    assert response.status_code == 400
    assert "Your answer has not been sent yet" in response.content.decode()
    assert CandidateAnswer.objects.count() == 0


def test_a_too_long_message_is_refused(client, alice, application):
    interview = make_interview(alice, application)

    response = client.post(link_path(interview), {"choice": "new_appointment", "message": "x" * 2001})

    assert response.status_code == 400
    assert CandidateAnswer.objects.count() == 0


def _checked(page: str, value: str) -> bool:
    return any("checked" in tag for tag in re.findall(rf'<input[^>]*value="{value}"[^>]*>', page))
