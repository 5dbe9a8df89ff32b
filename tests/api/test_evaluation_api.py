"""Scorecards and the panel through the API (API.md "Evaluation and the panel")."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regisseur.accounts.models import Role
from regisseur.accounts.services import create_user
from regisseur.evaluation.models import Evaluation, PanelDecision, Visibility
from regisseur.recruitment.models import Contact
from tests.conftest import make_application, make_interview
from tests.evaluation.scorecard_builders import make_kit, panel_interview

SECRET = "Off the record: salary expectations too high"


@pytest.fixture
def competencies(vacancy):
    return make_kit(vacancy, "Communication", "Problem solving")


@pytest.fixture
def interview(alice, bob, cora, manager, application, competencies):
    return panel_interview(alice, application, colleagues=[bob], cora=cora)


def put_mine(api, interview, body):
    return api.request("PUT", f"/interviews/{interview.pk}/evaluations/mine", body)


def test_a_participant_saves_and_submits_their_scorecard(as_hank, hank, interview, competencies):
    talk, solve = competencies
    body = {
        "ratings": {str(talk.pk): 4, str(solve.pk): 3},
        "strengths": "Clear",
        "weaknesses": "Rushed",
        "recommendation": "yes",
        "candidate_questions": "Team size?",
        "next_steps_told": True,
        "off_record_notes": SECRET,
    }

    saved = put_mine(as_hank, interview, body)

    assert saved.status == 200
    assert saved.body["author"] == {"id": hank.pk, "name": "Hank Manager"}
    assert (saved.body["version"], saved.body["submitted_at"]) == (1, None)
    assert saved.body["ratings"] == {str(talk.pk): 4, str(solve.pk): 3}
    assert saved.body["off_record_notes"] == SECRET

    done = as_hank.post(f"/interviews/{interview.pk}/evaluations/mine/submit")
    assert done.status == 200 and done.body["submitted_at"].endswith("Z")

    again = put_mine(as_hank, interview, {"strengths": "Clear and calm"})
    assert (again.body["version"], again.body["submitted_at"], again.body["recommendation"]) == (2, None, "yes")


def test_others_and_summary_stay_empty_until_ones_own_is_submitted(as_hank, as_cora, interview, competencies):
    talk, _solve = competencies
    put_mine(as_cora, interview, {"ratings": {str(talk.pk): 2}, "recommendation": "no", "off_record_notes": SECRET})
    as_cora.post(f"/interviews/{interview.pk}/evaluations/mine/submit")
    put_mine(as_hank, interview, {"ratings": {str(talk.pk): 4}, "recommendation": "yes"})

    before = as_hank.get(f"/interviews/{interview.pk}/evaluations").body
    assert before["mine"]["ratings"] == {str(talk.pk): 4}
    assert (before["others"], before["summary"], before["discrepancies"]) == ([], {}, [])

    as_hank.post(f"/interviews/{interview.pk}/evaluations/mine/submit")
    after = as_hank.get(f"/interviews/{interview.pk}/evaluations").body
    [other] = after["others"]
    assert other["recommendation"] == "no" and other["off_record_notes"] is None
    assert SECRET not in str(after)
    assert after["summary"][str(talk.pk)] == {"average": 3.0, "min": 2, "max": 4, "count": 2}
    assert {(d["competency_id"], d["kind"]) for d in after["discrepancies"]} == {
        (talk.pk, "rating_spread"),
        (None, "recommendation_split"),
    }


def test_recruiters_see_all_submitted_without_others_notes(as_alice, as_cora, interview):
    put_mine(as_cora, interview, {"recommendation": "yes", "off_record_notes": SECRET})
    as_cora.post(f"/interviews/{interview.pk}/evaluations/mine/submit")

    answer = as_alice.get(f"/interviews/{interview.pk}/evaluations").body

    assert answer["mine"] is None
    assert [other["recommendation"] for other in answer["others"]] == ["yes"]
    assert SECRET not in str(answer)


def test_visibility_never_keeps_participants_from_the_others(as_hank, as_cora, alice, bob, cora, manager, vacancy):
    make_kit(vacancy, "Communication", visibility=Visibility.NEVER)
    interview = panel_interview(alice, make_application(vacancy, "Noor", "Visser"), colleagues=[bob], cora=cora)
    for api in (as_cora, as_hank):
        put_mine(api, interview, {"recommendation": "yes"})
        api.post(f"/interviews/{interview.pk}/evaluations/mine/submit")

    assert as_hank.get(f"/interviews/{interview.pk}/evaluations").body["others"] == []


def test_others_interviews_answer_not_found(as_hank, as_cora, as_mallory, alice, application, manager):
    recruiters_only = make_interview(alice, application)
    for api in (as_hank, as_cora, as_mallory):
        assert api.get(f"/interviews/{recruiters_only.pk}/evaluations").status == 404
        assert put_mine(api, recruiters_only, {"strengths": "x"}).status == 404
        assert api.post(f"/interviews/{recruiters_only.pk}/evaluations/mine/submit").status == 404


def test_invalid_ratings_and_missing_recommendation_are_refused(as_hank, interview, competencies):
    talk, _solve = competencies
    wrong = put_mine(as_hank, interview, {"ratings": {str(talk.pk): 6}})
    assert (wrong.status, wrong.error["field"]) == (422, f"ratings.{talk.pk}")
    unknown = put_mine(as_hank, interview, {"ratings": {"999999": 3}})
    assert unknown.status == 404
    long = put_mine(as_hank, interview, {"strengths": "x" * 5001})
    assert (long.status, long.error["code"]) == (422, "too_long")
    put_mine(as_hank, interview, {"strengths": "ok"})
    missing = as_hank.post(f"/interviews/{interview.pk}/evaluations/mine/submit")
    assert (missing.status, missing.error["code"], missing.error["field"]) == (422, "required", "recommendation")


def test_submitting_twice_conflicts(as_hank, interview):
    put_mine(as_hank, interview, {"recommendation": "yes"})
    as_hank.post(f"/interviews/{interview.pk}/evaluations/mine/submit")
    again = as_hank.post(f"/interviews/{interview.pk}/evaluations/mine/submit")
    assert (again.status, again.error["code"]) == (409, "already_submitted")


def test_the_decision_advances_rejects_or_holds(as_alice, as_hank, application, interview):
    answer = as_alice.post(
        f"/applications/{application.pk}/decision",
        {"decision": "advance", "reasoning": "Strong panel", "interview_id": interview.pk},
    )
    assert answer.status == 200 and answer.body["stage"] == "offer"  # planning the interview put it on "interview"

    held = as_alice.post(f"/applications/{application.pk}/decision", {"decision": "hold", "reasoning": "Wait"})
    assert held.body["stage"] == "offer" and held.body["status"] == "active"

    rejected = as_alice.post(f"/applications/{application.pk}/decision", {"decision": "reject", "reasoning": "No fit"})
    assert (rejected.body["status"], rejected.body["stage"]) == ("rejected", "closed")
    assert list(PanelDecision.objects.values_list("decision", flat=True).order_by("id")) == [
        "advance",
        "hold",
        "reject",
    ]

    missing = as_alice.post(f"/applications/{application.pk}/decision", {"decision": "hold"})
    assert (missing.status, missing.error["field"]) == (422, "reasoning")
    assert (
        as_hank.post(f"/applications/{application.pk}/decision", {"decision": "hold", "reasoning": "x"}).status == 403
    )


def test_reading_the_panel_takes_the_same_queries_however_many_evaluate(as_alice, alice, acme, interview, competencies):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert as_alice.get(f"/interviews/{interview.pk}/evaluations").status == 200
        return len(captured)

    def add_evaluator(n: int) -> None:
        user = create_user(
            username=f"member{n}", password=None, organisation=acme, role=Role.COMMITTEE_MEMBER, first_name=f"M{n}"
        )
        Contact.objects.create(client=interview.vacancy.client, name=f"M{n}", email=f"m{n}@x.test", user=user)
        interview.committee_members.add(Contact.objects.get(user=user))
        Evaluation.objects.create(
            interview=interview,
            author=user,
            ratings={str(c.pk): 3 for c in competencies},
            recommendation="yes",
            submitted_at=interview.starts_at,
        )

    add_evaluator(0)
    queries()  # the key's first use of the day is recorded once
    few = queries()
    for n in range(1, 6):
        add_evaluator(n)
    queries()  # saving users made the process forget the keys it knew (api.auth): learnt again
    assert queries() == few
