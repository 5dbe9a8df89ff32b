"""Clients, contacts, vacancies, candidates and applications through their services."""

import pytest

from regisseur.core.errors import Forbidden, ServiceError
from regisseur.recruitment.models import ApplicationStage, ApplicationStatus, Candidate
from regisseur.recruitment.services import (
    create_application,
    create_candidate,
    create_client,
    create_contact,
    create_vacancy,
    set_application_status,
    update_candidate,
)


def test_a_recruiter_builds_the_records_of_a_vacancy(alice):
    client = create_client(actor=alice, name="  Bakkerij Jansen ")
    manager = create_contact(
        actor=alice,
        client=client,
        name="Henk Jansen",
        email="henk@jansen.test",
        phone="030 123 4567",
        is_hiring_manager=True,
    )
    vacancy = create_vacancy(actor=alice, client=client, title="Bakker", hiring_manager=manager, language="en")
    candidate = create_candidate(
        actor=alice, first_name="Sanne", last_name="de Boer", email="sanne@example.test", mobile="06 12345678"
    )
    application = create_application(actor=alice, candidate=candidate, vacancy=vacancy)
    assert client.name == "Bakkerij Jansen"
    assert client.organisation == alice.organisation
    assert manager.phone == "+31301234567"
    assert (vacancy.language, vacancy.status, vacancy.hiring_manager) == ("en", "draft", manager)
    assert candidate.mobile == "+31612345678"
    assert candidate.language == "nl"
    assert (application.status, application.stage) == (ApplicationStatus.ACTIVE, ApplicationStage.NEW)


@pytest.mark.parametrize(
    ("values", "code", "field"),
    [
        ({"mobile": "06 1234"}, "invalid_phone", "mobile"),
        ({"mobile": "+31 20 123 4567"}, "invalid_phone", "mobile"),
        ({"email": "not-an-email"}, "invalid_email", "email"),
        ({"first_name": "   "}, "required", "first_name"),
        ({"last_name": "x" * 101}, "too_long", "last_name"),
        ({"language": "de"}, "invalid_choice", "language"),
        ({"preferred_mode": "pigeon"}, "invalid_choice", "preferred_mode"),
    ],
)
def test_bad_candidate_details_are_refused_by_field_and_nothing_is_saved(alice, values, code, field):
    details = {"first_name": "Sanne", "last_name": "de Boer", "email": "sanne@example.test", **values}
    with pytest.raises(ServiceError) as raised:
        create_candidate(actor=alice, **details)
    assert (raised.value.code, raised.value.field) == (code, field)
    assert not Candidate.objects.exists()


def test_a_candidate_applies_once_per_vacancy(alice, vacancy):
    candidate = create_candidate(actor=alice, first_name="A", last_name="B", email="a@b.test")
    create_application(actor=alice, candidate=candidate, vacancy=vacancy)
    with pytest.raises(ServiceError) as raised:
        create_application(actor=alice, candidate=candidate, vacancy=vacancy)
    assert raised.value.code == "already_applied"


def test_records_of_another_organisation_cannot_be_combined(alice, mallory, vacancy):
    foreign = create_candidate(actor=mallory, first_name="M", last_name="X", email="m@x.test")
    with pytest.raises(ServiceError) as raised:
        create_application(actor=alice, candidate=foreign, vacancy=vacancy)
    assert raised.value.code == "not_found"
    with pytest.raises(ServiceError):
        create_vacancy(actor=mallory, client=vacancy.client, title="Stolen")


def test_managers_and_committee_members_cannot_change_records(hank, cora):
    for user in (hank, cora):
        with pytest.raises(Forbidden):
            create_client(actor=user, name="X")


def test_updating_a_candidate_normalises_the_mobile_and_keeps_the_rest(alice):
    candidate = create_candidate(actor=alice, first_name="A", last_name="B", email="a@b.test", language="en")
    update_candidate(actor=alice, candidate=candidate, changes={"mobile": "+44 7911 123456"})
    candidate.refresh_from_db()
    assert (candidate.mobile, candidate.language, candidate.email) == ("+447911123456", "en", "a@b.test")


def test_withdrawing_closes_the_application_in_the_workflow(alice, application):
    set_application_status(actor=alice, application=application, status="withdrawn")
    application.refresh_from_db()
    assert (application.status, application.stage) == ("withdrawn", "closed")
