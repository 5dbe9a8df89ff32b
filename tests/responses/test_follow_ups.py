"""Ticking off what the candidate's answer asked for (A2), at the action level."""

from __future__ import annotations

import pytest

from regisseur.actions.answering import answer_invitation, complete_follow_up
from regisseur.core.errors import Forbidden
from regisseur.interviews.models import Interview, InterviewEvent
from regisseur.responses.models import FollowUp, FollowUpKind
from tests.conftest import make_interview
from tests.responses.conftest import link_path, token_of


def answer(interview: Interview, **fields: object) -> None:
    answer_invitation(token=token_of(link_path(interview)), **fields)  # type: ignore[arg-type]


def test_an_answer_opens_a_to_do_per_request(alice, application):
    interview = make_interview(alice, application)

    answer(interview, choice="new_appointment", wants_questions_in_advance=True, message="Liever 's middags.")

    kinds = set(FollowUp.objects.filter(interview=interview, done_at=None).values_list("kind", flat=True))
    assert kinds == {FollowUpKind.SEND_QUESTIONS, FollowUpKind.NEW_APPOINTMENT, FollowUpKind.READ_MESSAGE}


def test_completing_a_follow_up_records_who_and_when_in_the_history(alice, application):
    interview = make_interview(alice, application)
    answer(interview, choice="accept", wants_questions_in_advance=True)
    follow_up = FollowUp.objects.get(kind=FollowUpKind.SEND_QUESTIONS)

    done = complete_follow_up(actor=alice, follow_up=follow_up)

    done.refresh_from_db()
    assert done.done_at is not None and done.done_by == alice
    event = interview.events.order_by("-id").first()
    assert event is not None
    assert (event.action, event.actor, event.source) == (InterviewEvent.Action.UPDATED, alice, "user")
    assert event.changes == {"follow_up": ["send_questions", "done"]}  # codes: shown in the reader's language


def test_completing_twice_keeps_the_first_and_writes_one_event(alice, ada, application):
    interview = make_interview(alice, application)
    answer(interview, choice="new_appointment")
    follow_up = FollowUp.objects.get()
    first = complete_follow_up(actor=alice, follow_up=follow_up)
    done_at = first.done_at
    events = interview.events.count()

    again = complete_follow_up(actor=ada, follow_up=FollowUp.objects.get())

    assert (again.done_at, again.done_by) == (done_at, alice)
    assert interview.events.count() == events


@pytest.mark.parametrize("who", ["mallory", "hank"])
def test_only_recruiters_of_the_organisation_may_tick_off(request, alice, application, who):
    interview = make_interview(alice, application)
    answer(interview, choice="new_appointment")
    follow_up = FollowUp.objects.get()

    with pytest.raises(Forbidden):
        complete_follow_up(actor=request.getfixturevalue(who), follow_up=follow_up)

    follow_up.refresh_from_db()
    assert follow_up.done_at is None
