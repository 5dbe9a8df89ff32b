"""What a candidate's answer asks of the recruiter becomes a follow-up, open until done (A2)."""

from __future__ import annotations

import pytest

from regisseur.actions.answering import answer_invitation
from regisseur.responses.models import FollowUp, FollowUpKind
from tests.conftest import make_interview
from tests.responses.conftest import link_path, token_of


def _token(interview) -> str:
    return token_of(link_path(interview))


def _open(interview) -> set[str]:
    return set(FollowUp.objects.filter(interview=interview, done_at__isnull=True).values_list("kind", flat=True))


def test_questions_in_advance_and_a_message_open_follow_ups(alice, application):
    interview = make_interview(alice, application, type="in_person")
    answer_invitation(
        token=_token(interview),
        choice="accept",
        preferred_mode="video",
        wants_questions_in_advance=True,
        message="Kan ik parkeren?",
    )
    assert _open(interview) == {FollowUpKind.SEND_QUESTIONS, FollowUpKind.CHANGE_MODE, FollowUpKind.READ_MESSAGE}


def test_asking_for_a_new_appointment_opens_one_follow_up_even_when_sent_twice(alice, application):
    interview = make_interview(alice, application)
    token = _token(interview)
    answer_invitation(token=token, choice="new_appointment", preferred_times="Dinsdag na 14:00")
    answer_invitation(token=token, choice="new_appointment", preferred_times="Dinsdag na 14:00")
    assert _open(interview) == {FollowUpKind.NEW_APPOINTMENT}
    assert FollowUp.objects.filter(interview=interview).count() == 1


@pytest.mark.parametrize("mode", ["", "in_person"])
def test_a_plain_acceptance_asks_nothing_of_the_recruiter(alice, application, mode):
    interview = make_interview(alice, application, type="in_person")
    answer_invitation(token=_token(interview), choice="accept", preferred_mode=mode)
    assert _open(interview) == set()


def test_a_withdrawal_leaves_no_questions_to_send(alice, application):
    interview = make_interview(alice, application)
    answer_invitation(token=_token(interview), choice="withdraw", wants_questions_in_advance=True)
    assert _open(interview) == set()
