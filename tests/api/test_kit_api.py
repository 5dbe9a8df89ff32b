"""GET and PUT /api/v1/vacancies/{id}/kit: the structure round trip, validation and access per role."""

from __future__ import annotations

from typing import Any

from regisseur.interviews.models import Guideline
from regisseur.recruitment.models import Client, Contact, Vacancy
from tests.api.conftest import ApiClient
from tests.conftest import make_interview

PHASES = ["preparation", "opening", "experience", "competencies", "behavioural", "candidate_questions", "closing"]


def put(client: ApiClient, vacancy: Vacancy, body: Any) -> Any:
    return client.request("PUT", f"/vacancies/{vacancy.pk}/kit", body)


def test_a_vacancy_without_a_kit_answers_the_seven_empty_phases(as_alice: ApiClient, vacancy: Vacancy) -> None:
    answer = as_alice.get(f"/vacancies/{vacancy.pk}/kit")
    assert answer.status == 200
    assert [phase["code"] for phase in answer.body["phases"]] == PHASES
    assert all(phase["questions"] == [] for phase in answer.body["phases"])
    assert answer.body["competencies"] == [] and answer.body["guideline_ids"] == []
    assert answer.body["visibility"] == "after_own"
    assert answer.body["phases"][1]["title"] == "Opening"
    assert "Introduce the interview panel" in answer.body["phases"][1]["note"]


def test_the_kit_round_trips_with_ids_kept_created_and_removed(
    as_alice: ApiClient, vacancy: Vacancy, acme: Any
) -> None:
    star = Guideline.objects.create(organisation=acme, title="STAR", body="Situation, Task, Action, Result")
    first = put(
        as_alice,
        vacancy,
        {
            "competencies": [
                {"name": "Communication", "anchors": {"1": "Vague", "5": "Crystal clear"}},
                {"name": "Teamwork"},
            ],
            "guideline_ids": [star.pk],
            "visibility": "always",
        },
    )
    assert first.status == 200, first.body
    communication, teamwork = first.body["competencies"]
    assert communication["anchors"] == {"1": "Vague", "2": "", "3": "", "4": "", "5": "Crystal clear"}
    assert first.body["guideline_ids"] == [star.pk] and first.body["visibility"] == "always"

    second = put(
        as_alice,
        vacancy,
        {
            "phases": [
                {
                    "code": "behavioural",
                    "questions": [{"text": "Tell about a conflict.", "competency_id": teamwork["id"]}],
                },
                {"code": "opening", "questions": [{"text": "Welcome.", "competency_id": None}]},
            ]
        },
    )
    assert second.status == 200, second.body
    behavioural = next(phase for phase in second.body["phases"] if phase["code"] == "behavioural")
    (question,) = behavioural["questions"]
    assert question["competency_id"] == teamwork["id"]
    assert [phase["code"] for phase in second.body["phases"]] == PHASES  # seed 001's order, whatever was sent

    # Keep the question (by id) and Communication; Teamwork and the opening question are left out: removed.
    third = put(
        as_alice,
        vacancy,
        {
            "competencies": [{"id": communication["id"], "name": "Clear communication"}],
            "phases": [
                {"code": "behavioural", "questions": [{"id": question["id"], "text": "Tell about a conflict."}]}
            ],
        },
    )
    assert third.status == 200, third.body
    assert [(c["id"], c["name"]) for c in third.body["competencies"]] == [(communication["id"], "Clear communication")]
    behavioural = next(phase for phase in third.body["phases"] if phase["code"] == "behavioural")
    assert [q["id"] for q in behavioural["questions"]] == [question["id"]]
    assert sum(len(phase["questions"]) for phase in third.body["phases"]) == 1
    assert as_alice.get(f"/vacancies/{vacancy.pk}/kit").body == third.body


def test_it_refuses_invalid_kits_with_a_code_and_the_field(as_alice: ApiClient, vacancy: Vacancy, rival: Any) -> None:
    other_guideline = Guideline.objects.create(organisation=rival, title="Theirs", body="…")
    cases = [
        ({"competencies": [{"name": "  "}]}, 422, "required", "competencies.0.name"),
        ({"competencies": [{"name": "x" * 121}]}, 422, "too_long", "competencies.0.name"),
        ({"competencies": [{"name": "A", "anchors": {"6": "Too high"}}]}, 422, "invalid", "competencies.0.anchors.6"),
        ({"competencies": [{"name": "A", "anchors": {"3": "x" * 501}}]}, 422, "too_long", "competencies.0.anchors.3"),
        (
            {"phases": [{"code": "opening", "questions": [{"text": ""}]}]},
            422,
            "required",
            "phases.opening.questions.0.text",
        ),
        (
            {"phases": [{"code": "opening", "questions": [{"text": "x" * 1001}]}]},
            422,
            "too_long",
            "phases.opening.questions.0.text",
        ),
        (
            {"phases": [{"code": "opening", "questions": [{"text": "Hi", "competency_id": 987654}]}]},
            404,
            "not_found",
            "phases.opening.questions.0.competency_id",
        ),
        (
            {"phases": [{"code": "opening", "questions": [{"id": 2**70, "text": "Hi"}]}]},
            404,
            "not_found",
            "phases.opening.questions.0.id",
        ),
        ({"guideline_ids": [other_guideline.pk]}, 404, "not_found", "guideline_ids"),
        ({"phases": [{"code": "opening"}, {"code": "opening"}]}, 422, "invalid", "phases"),
    ]
    for body, status, code, field in cases:
        answer = put(as_alice, vacancy, body)
        assert (answer.status, answer.error["code"], answer.error["field"]) == (status, code, field), body
    assert put(as_alice, vacancy, {"visibility": "sometimes"}).status == 422
    assert put(as_alice, vacancy, {"phases": [{"code": "lunch"}]}).status == 422
    # Nothing of the refused kits was written.
    assert as_alice.get(f"/vacancies/{vacancy.pk}/kit").body["competencies"] == []


def test_a_question_may_not_link_a_competency_of_another_kit(
    as_alice: ApiClient, vacancy: Vacancy, client_company: Client
) -> None:
    other = Vacancy.objects.create(client=client_company, title="Kok")
    theirs = put(as_alice, other, {"competencies": [{"name": "Cooking"}]}).body["competencies"][0]["id"]
    answer = put(
        as_alice,
        vacancy,
        {"phases": [{"code": "competencies", "questions": [{"text": "Cook?", "competency_id": theirs}]}]},
    )
    assert answer.status == 404 and answer.error["field"] == "phases.competencies.questions.0.competency_id"


def test_the_hiring_manager_of_an_interview_reads_but_does_not_write(
    as_alice: ApiClient, as_hank: ApiClient, alice: Any, manager: Any, application: Any, vacancy: Vacancy
) -> None:
    make_interview(alice, application, kind="hiring_manager")
    put(as_alice, vacancy, {"competencies": [{"name": "Craft"}]})
    answer = as_hank.get(f"/vacancies/{vacancy.pk}/kit")
    assert answer.status == 200 and answer.body["competencies"][0]["name"] == "Craft"
    refused = put(as_hank, vacancy, {"competencies": []})
    assert refused.status == 403 and refused.error["code"] == "forbidden"


def test_others_vacancies_are_not_found(
    as_cora: ApiClient, as_mallory: ApiClient, as_alice: ApiClient, vacancy: Vacancy
) -> None:
    assert as_cora.get(f"/vacancies/{vacancy.pk}/kit").status == 404  # attends no interview on it
    assert as_mallory.get(f"/vacancies/{vacancy.pk}/kit").status == 404
    assert put(as_mallory, vacancy, {"visibility": "never"}).status == 404
    assert as_alice.get("/vacancies/999999/kit").status == 404


def test_a_committee_member_reads_the_kit_once_on_an_interview(
    as_cora: ApiClient, cora: Any, alice: Any, application: Any, vacancy: Vacancy
) -> None:
    assert as_cora.get(f"/vacancies/{vacancy.pk}/kit").status == 404
    make_interview(alice, application, committee_members=[Contact.objects.get(user=cora)])
    answer = as_cora.get(f"/vacancies/{vacancy.pk}/kit")
    assert answer.status == 200 and len(answer.body["phases"]) == 7
    assert put(as_cora, vacancy, {"visibility": "always"}).status == 403
