from datetime import timedelta

import pytest

from regisseur.core.errors import ConflictError
from tests.conftest import make_application, make_interview, soon


def test_planning_two_overlapping_interviews_for_one_candidate_is_a_conflict(alice, application):
    make_interview(alice, application, starts_at=soon())
    with pytest.raises(ConflictError) as raised:
        make_interview(alice, application, starts_at=soon() + timedelta(minutes=30), force=False)
    assert raised.value.code == "conflict"


def test_an_interview_for_another_candidate_does_not_conflict(alice, application, vacancy):
    make_interview(alice, application, starts_at=soon())
    other = make_application(vacancy, "Piet", "Jansen")
    assert make_interview(alice, other, starts_at=soon(), force=False).pk
