"""Who sees what: recruiters their organisation, managers and committee members their interviews."""

import pytest
from django.http import Http404

from regisseur.interviews.access import (
    applications_for_user,
    can_see_memo,
    candidates_for_user,
    get_application_for_user,
    get_candidate_for_user,
    get_interview_for_user,
    get_vacancy_for_user,
    interviews_for_user,
    vacancies_for_user,
)
from regisseur.recruitment.models import Contact
from tests.conftest import make_application, make_interview


@pytest.fixture
def hanks_vacancy(vacancy, hank):
    vacancy.hiring_manager = Contact.objects.get(user=hank)
    vacancy.save()
    return vacancy


def test_recruiters_see_everything_of_their_organisation_and_nothing_else(alice, mallory, application):
    interview = make_interview(alice, application)
    assert list(interviews_for_user(alice)) == [interview]
    assert get_interview_for_user(alice, interview.pk) == interview
    assert list(interviews_for_user(mallory)) == []
    for getter, pk in (
        (get_interview_for_user, interview.pk),
        (get_application_for_user, application.pk),
        (get_candidate_for_user, application.candidate_id),
        (get_vacancy_for_user, application.vacancy_id),
    ):
        with pytest.raises(Http404):
            getter(mallory, pk)


def test_a_hiring_manager_sees_interviews_of_his_vacancy_only_when_he_attends(alice, hank, hanks_vacancy):
    with_manager = make_interview(alice, make_application(hanks_vacancy, "A", "One"), kind="hiring_manager")
    recruiter_only = make_interview(alice, make_application(hanks_vacancy, "B", "Two"), kind="recruiter")
    assert list(interviews_for_user(hank)) == [with_manager]
    with pytest.raises(Http404):
        get_interview_for_user(hank, recruiter_only.pk)
    assert list(applications_for_user(hank)) == [with_manager.application]
    assert list(candidates_for_user(hank)) == [with_manager.application.candidate]
    assert list(vacancies_for_user(hank)) == [hanks_vacancy]


def test_committee_members_and_participants_see_their_interviews(alice, cora, hank, vacancy):
    cora_contact = Contact.objects.get(user=cora)
    on_committee = make_interview(alice, make_application(vacancy, "A", "One"), committee_members=[cora_contact])
    as_participant = make_interview(alice, make_application(vacancy, "B", "Two"), participants=[hank])
    make_interview(alice, make_application(vacancy, "C", "Three"))
    assert list(interviews_for_user(cora)) == [on_committee]
    assert list(interviews_for_user(hank)) == [as_participant]


def test_the_memo_is_for_the_organisations_recruiters_only(alice, ada, hank, mallory, application):
    interview = make_interview(alice, application, participants=[hank], memo="private")
    assert can_see_memo(alice, interview)
    assert can_see_memo(ada, interview)
    assert not can_see_memo(hank, interview)
    assert not can_see_memo(mallory, interview)


@pytest.mark.parametrize("pk", ["abc", "", None, -1, 2**70, "1; DROP TABLE"])
def test_malformed_ids_are_not_found(alice, pk):
    with pytest.raises(Http404):
        get_interview_for_user(alice, pk)
    with pytest.raises(Http404):
        get_candidate_for_user(alice, pk)


def test_inactive_and_anonymous_users_see_nothing(alice, application, db):
    from django.contrib.auth.models import AnonymousUser

    make_interview(alice, application)
    alice.is_active = False
    alice.save()
    assert not interviews_for_user(alice).exists()
    assert not interviews_for_user(AnonymousUser()).exists()
