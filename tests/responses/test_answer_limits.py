"""The candidate's answer: each text at its limit is stored, one character more is refused naming that text."""

from __future__ import annotations

import pytest

from regisseur.actions.answering import answer_invitation
from regisseur.core.errors import ServiceError
from regisseur.responses.models import CandidateAnswer
from tests.conftest import make_interview
from tests.responses.conftest import link_path, token_of


def test_the_longest_message_and_preferred_times_are_stored(alice, application):
    interview = make_interview(alice, application)
    answer_invitation(
        token=token_of(link_path(interview)), choice="new_appointment", message="m" * 2000, preferred_times="t" * 1000
    )
    stored = CandidateAnswer.objects.get()
    assert (len(stored.message), len(stored.preferred_times)) == (2000, 1000)


@pytest.mark.parametrize(("field", "limit"), [("message", 2000), ("preferred_times", 1000)])
def test_one_character_more_is_refused_naming_the_field(alice, application, field, limit):
    interview = make_interview(alice, application)
    with pytest.raises(ServiceError) as refused:
        answer_invitation(token=token_of(link_path(interview)), choice="new_appointment", **{field: "x" * (limit + 1)})
    assert (refused.value.code, refused.value.field) == ("too_long", field)
    assert not CandidateAnswer.objects.exists()
