"""Dead links (A3): a clear page that says why, offers nothing and changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from regisseur.actions.cancelling import cancel_interview
from regisseur.actions.changes import reschedule_interview
from regisseur.interviews.models import Interview
from regisseur.recruitment.models import Application, ApplicationStatus
from regisseur.recruitment.services import set_application_status
from regisseur.responses.models import CandidateAnswer
from tests.conftest import make_interview, soon
from tests.responses.conftest import link_path, token_of


def assert_dead(client, path: str, *, status: int, says: str, interview: Interview | None = None) -> None:
    """GET and every POST answer with the dead page; nothing is recorded or changed."""
    before_answers = CandidateAnswer.objects.count()
    before = (interview.confirmation_status, interview.application.status) if interview else None
    for response in (
        client.get(path),
        client.post(path, {"choice": "accept"}),
        client.post(path, {"choice": "withdraw"}),
        client.get(path + "withdraw/"),
        client.post(path + "withdraw/", {}),
        client.get(path + "thanks/"),
    ):
        assert response.status_code == status
        page = response.content.decode()
        assert "This link no longer works" in page
        assert says in page
        assert "<form" not in page  # offers nothing
        assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert CandidateAnswer.objects.count() == before_answers
    if interview is not None:
        interview.refresh_from_db()
        application = Application.objects.get(pk=interview.application_id)
        assert (interview.confirmation_status, application.status) == before


def test_a_link_dies_when_the_interview_is_rescheduled(client, alice, application):
    interview = make_interview(alice, application)
    path = link_path(interview)

    reschedule_interview(actor=alice, interview=interview, starts_at=soon(days=5), force=True)

    interview.refresh_from_db()
    assert_dead(client, path, status=410, says="a new link", interview=interview)
    # The new link, sent with the change, works.
    assert client.get(link_path(interview)).status_code == 200


def test_a_link_dies_when_the_interview_is_cancelled(client, alice, application):
    interview = make_interview(alice, application)
    path = link_path(interview)

    cancel_interview(actor=alice, interview=interview, reason="Client cancelled")

    interview.refresh_from_db()
    assert_dead(client, path, status=410, says="has been cancelled", interview=interview)


def test_a_link_dies_when_the_interview_is_over(client, alice, application):
    interview = make_interview(alice, application)
    path = link_path(interview)

    with time_machine.travel(interview.ends_at + timedelta(minutes=1), tick=False):
        assert_dead(client, path, status=410, says="The interview is over", interview=interview)


def test_a_link_still_works_during_the_interview(client, alice, application):
    interview = make_interview(alice, application)
    path = link_path(interview)

    with time_machine.travel(interview.ends_at - timedelta(minutes=1), tick=False):
        assert client.get(path).status_code == 200


def test_a_link_dies_when_the_application_is_withdrawn(client, alice, application):
    interview = make_interview(alice, application)
    path = link_path(interview)

    set_application_status(actor=alice, application=application, status=ApplicationStatus.WITHDRAWN)

    assert_dead(client, path, status=410, says="has been withdrawn", interview=interview)


def test_a_tampered_token_is_unknown(client, alice, application):
    interview = make_interview(alice, application)
    path = link_path(interview)
    token = token_of(path)
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")

    assert_dead(client, f"/r/{tampered}/", status=404, says="We do not recognise this link", interview=interview)


@pytest.mark.parametrize("token", ["nonsense", "x" * 101, "%3Cscript%3E"])
def test_an_unknown_token_is_a_404_without_any_interview(client, alice, application, token):
    make_interview(alice, application, memo="SECRET-MEMO")

    response = client.get(f"/r/{token}/")

    assert response.status_code == 404
    page = response.content.decode()
    assert "We do not recognise this link" in page
    assert "Bakker" not in page and "SECRET-MEMO" not in page
    assert "mailto:" not in page  # nobody's contact for a link we never issued


def test_a_dead_link_names_the_recruiter_to_contact(client, alice, application):
    interview = make_interview(alice, application)
    path = link_path(interview)
    cancel_interview(actor=alice, interview=interview)

    page = client.get(path).content.decode()

    assert "Alice de Vries" in page
    assert "mailto:alice@acme.test" in page


def test_a_dead_link_speaks_the_candidates_language(client, alice, application):
    application.candidate.language = "nl"
    application.candidate.save()
    interview = make_interview(alice, application)
    path = link_path(interview)
    cancel_interview(actor=alice, interview=interview)

    response = client.get(path)

    assert response["Content-Language"] == "nl"
    assert '<html lang="nl">' in response.content.decode()


def test_an_answer_given_before_a_reschedule_is_not_shown_as_the_current_one(client, alice, application):
    interview = make_interview(alice, application)
    client.post(link_path(interview), {"choice": "accept"})
    reschedule_interview(actor=alice, interview=interview, starts_at=soon(days=6), force=True)
    interview.refresh_from_db()

    page = client.get(link_path(interview)).content.decode()

    assert 'class="current-answer"' not in page
