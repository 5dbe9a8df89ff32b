"""POST /api/v1/interviews/bulk, PATCH with a scope, and the shared-event fields of the interview (API.md).

The action's rules are tested at the action level (tests/services); here, the translation of
input and output: the answers' shapes, codes and fields.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest
from django.test import Client

from regisseur.interviews.models import Interview, InterviewGroup
from regisseur.recruitment.models import Client as Company
from regisseur.recruitment.models import Vacancy
from regisseur.responses.services import issue_link
from tests.conftest import make_application, make_interview

# Frozen "now": Tuesday 1 December 2026, 10:00 in Amsterdam.
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
START = "2026-12-07T11:00:00+01:00"


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def three(vacancy):
    return [
        make_application(vacancy, "Anna", "Eerst"),
        make_application(vacancy, "Bram", "Tweede"),
        make_application(vacancy, "Cees", "Derde"),
    ]


def bulk(client, applications, **fields):
    body = {"application_ids": [a.pk for a in applications], "starts_at": START, "duration_minutes": 45}
    body.update(fields)
    return client.post("/interviews/bulk", body)


def test_one_interview_each_spaced_from_the_first_start(as_alice, alice, three):
    answer = bulk(
        as_alice, three, spacing_minutes=45, participant_user_ids=[alice.pk], video_link="https://meet.test/x"
    )
    assert answer.status == 201
    assert answer.body["group_id"] is None
    items = answer.body["interviews"]
    assert [item["application_id"] for item in items] == [a.pk for a in three]
    assert [item["starts_at"] for item in items] == [
        "2026-12-07T10:00:00Z",
        "2026-12-07T10:45:00Z",
        "2026-12-07T11:30:00Z",
    ]
    assert items[0]["ends_at"] == "2026-12-07T10:45:00Z"
    first = items[0]
    assert (first["group_id"], first["video_link"], first["participant_user_ids"]) == (
        None,
        "https://meet.test/x",
        [alice.pk],
    )
    assert first["organizer"] == {"name": "Alice de Vries", "email": "alice@acme.test"}
    assert (first["cancel_reason"], first["candidate_answer"]) == ("", None)
    assert Interview.objects.count() == 3


def test_a_group_interview_shares_one_group_id_and_is_of_type_group(as_alice, alice, three):
    answer = bulk(as_alice, three, mode="group", spacing_minutes=45, participant_user_ids=[alice.pk])
    assert answer.status == 201
    group_id = answer.body["group_id"]
    assert group_id == InterviewGroup.objects.get().pk
    items = answer.body["interviews"]
    assert {(item["group_id"], item["type"], item["starts_at"]) for item in items} == {
        (group_id, "group", "2026-12-07T10:00:00Z")
    }
    assert as_alice.get(f"/interviews/{items[1]['id']}").body["group_id"] == group_id


def test_clashes_among_the_new_interviews_are_listed_and_nothing_is_planned(as_alice, alice, three):
    answer = bulk(as_alice, three, spacing_minutes=0, participant_user_ids=[alice.pk])
    assert (answer.status, answer.error["code"], answer.error["field"]) == (409, "conflict", "starts_at")
    conflicts = answer.error["conflicts"]
    assert {(c["resource"], c["name"], c["interview_id"], c["id"]) for c in conflicts} == {
        ("participant", "Alice de Vries", None, None)
    }
    assert {c["planned_for"] for c in conflicts} == {"Anna Eerst", "Bram Tweede"}
    assert {c["starts_at"] for c in conflicts} == {"2026-12-07T10:00:00Z"}
    assert not Interview.objects.exists()


def test_clashes_with_existing_interviews_name_them(as_alice, alice, three, vacancy):
    existing = make_interview(
        alice,
        make_application(vacancy, "Dirk", "Bezet"),
        starts_at=datetime(2026, 12, 7, 10, 50, tzinfo=UTC),
        location="Kamer 1",
    )
    answer = bulk(as_alice, three, spacing_minutes=45, location=" kamer  1")
    assert answer.status == 409
    assert [
        (c["resource"], c["name"], c["interview_id"], c["planned_for"], c["starts_at"])
        for c in answer.error["conflicts"]
    ] == [
        ("location", "kamer  1", existing.pk, "Bram Tweede", "2026-12-07T10:50:00Z"),
        ("location", "kamer  1", existing.pk, "Cees Derde", "2026-12-07T10:50:00Z"),
    ]
    assert Interview.objects.count() == 1
    assert bulk(as_alice, three, spacing_minutes=45, location="Kamer 1", force=True).status == 201


def test_another_organisations_application_is_not_found(as_alice, three, mallory, rival):
    theirs = make_application(Vacancy.objects.create(client=Company.objects.create(organisation=rival, name="R")))
    answer = bulk(as_alice, [*three, theirs])
    assert (answer.status, answer.error["code"], answer.error["field"]) == (404, "not_found", "application_ids")
    assert not Interview.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"application_ids": []}, "application_ids"),
        ({"spacing_minutes": -5}, "spacing_minutes"),
        ({"spacing_minutes": 1441}, "spacing_minutes"),
        ({"mode": "pairs"}, "mode"),
        ({"duration_minutes": "long"}, "duration_minutes"),
        ({"starts_at": None}, "starts_at"),
    ],
)
def test_invalid_bulk_requests_answer_in_the_error_envelope(as_alice, three, fields, field):
    answer = bulk(as_alice, three, **fields)
    assert (answer.status, answer.error["code"], answer.error["field"]) == (422, "validation_error", field)
    assert answer.error["message"]
    assert not Interview.objects.exists()


def test_a_rule_of_the_action_answers_with_its_own_code(as_alice, three):
    answer = bulk(as_alice, three, starts_at="2026-11-30T11:00:00+01:00")
    assert (answer.status, answer.error["code"], answer.error["field"]) == (422, "in_the_past", "starts_at")


def test_hiring_managers_cannot_plan_in_bulk(as_hank, three):
    assert bulk(as_hank, three).status == 403


@pytest.fixture
def group(as_alice, alice, three):
    return bulk(as_alice, three, mode="group", participant_user_ids=[alice.pk], location="Kamer 1").body


def test_patching_a_group_member_changes_every_member(as_alice, group):
    first, *others = group["interviews"]
    answer = as_alice.patch(f"/interviews/{first['id']}", {"starts_at": "2026-12-08T09:00:00+01:00"})
    assert answer.status == 200
    assert answer.body["group_id"] == group["group_id"]
    for item in others:
        member = as_alice.get(f"/interviews/{item['id']}").body
        assert (member["starts_at"], member["group_id"], member["type"]) == (
            "2026-12-08T08:00:00Z",
            group["group_id"],
            "group",
        )


def test_patching_with_scope_this_takes_one_candidate_out_of_the_group(as_alice, group):
    first, second, third = group["interviews"]
    answer = as_alice.patch(f"/interviews/{second['id']}", {"starts_at": "2026-12-08T09:00:00+01:00", "scope": "this"})
    assert answer.status == 200
    assert (answer.body["group_id"], answer.body["starts_at"]) == (None, "2026-12-08T08:00:00Z")
    assert answer.body["type"] != "group"
    for item in (first, third):
        member = as_alice.get(f"/interviews/{item['id']}").body
        assert (member["starts_at"], member["group_id"]) == ("2026-12-07T10:00:00Z", group["group_id"])


def test_an_unknown_scope_is_a_validation_error(as_alice, group):
    answer = as_alice.patch(f"/interviews/{group['interviews'][0]['id']}", {"scope": "everyone"})
    assert (answer.status, answer.error["code"], answer.error["field"]) == (422, "validation_error", "scope")


def test_the_candidates_answer_through_the_link_shows_in_the_interview(as_alice, alice, three):
    interview = make_interview(alice, three[0], starts_at=datetime(2026, 12, 7, 10, 0, tzinfo=UTC))
    assert as_alice.get(f"/interviews/{interview.pk}").body["candidate_answer"] is None
    page = urlsplit(issue_link(interview=interview)).path
    assert Client().post(page, {"choice": "accept", "message": "Tot dan!"}).status_code == 303
    answer = as_alice.get(f"/interviews/{interview.pk}").body["candidate_answer"]
    assert answer["choice"] == "accepted"
    assert answer["message"] == "Tot dan!"
    assert answer["answered_at"] == "2026-12-01T09:00:00Z"
    assert set(answer) == {
        "choice",
        "preferred_mode",
        "questions_in_advance",
        "preferred_times",
        "message",
        "answered_at",
    }
