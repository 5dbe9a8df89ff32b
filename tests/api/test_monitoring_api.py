"""Monitoring the interview day through the API: the board, checklists, start, outcome, incidents."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regisseur.interviews.models import Interview, InterviewEvent
from regisseur.monitoring.models import ChecklistItem
from tests.api.conftest import client_for
from tests.conftest import make_application, make_interview

# Frozen "now": Tuesday 1 December 2026, 10:00 in Amsterdam.
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
# Thursday 3 December 2026, 14:00 in Amsterdam.
THURSDAY_14 = datetime(2026, 12, 3, 13, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def interview(alice, application):
    return make_interview(alice, application, starts_at=THURSDAY_14)


def test_the_board_shows_the_days_interviews_with_windows_risks_and_checklist(as_alice, alice, vacancy):
    late = make_interview(alice, make_application(vacancy, "Late", "One", mobile="+31611111111"), starts_at=THURSDAY_14)
    early = make_interview(alice, make_application(vacancy, "Early", "Two"), starts_at=THURSDAY_14 - timedelta(hours=4))

    answer = as_alice.get("/board", date="2026-12-03", scope="mine")

    assert answer.status == 200
    assert answer.body["date"] == "2026-12-03"
    assert [item["interview"]["id"] for item in answer.body["items"]] == [early.pk, late.pk]
    first = answer.body["items"][0]
    # The full interview object, as GET /interviews/{id} gives it.
    assert first["interview"] == as_alice.get(f"/interviews/{early.pk}").body
    assert (first["active_from"], first["active_until"]) == ("2026-12-03T08:00:00Z", "2026-12-03T11:00:00Z")
    assert first["active"] is False
    assert first["risks"] == ["not_confirmed", "checklist_open", "no_mobile", "no_client_contact"]
    assert first["checklist"]["done"] == 0 and first["checklist"]["total"] > 0
    assert first["incident"] is None
    assert "no_mobile" not in answer.body["items"][1]["risks"]


def test_the_board_defaults_to_today_in_the_users_zone(as_alice, alice, application):
    today = make_interview(alice, application, starts_at=NOW + timedelta(hours=3))

    answer = as_alice.get("/board")

    assert answer.body["date"] == "2026-12-01"
    assert [item["interview"]["id"] for item in answer.body["items"]] == [today.pk]
    assert answer.body["tomorrow"] == []


def test_the_board_lists_tomorrows_interviews_at_risk(as_alice, alice, application):
    tomorrow = make_interview(alice, application, starts_at=NOW + timedelta(days=1))

    answer = as_alice.get("/board", date="2026-12-01")

    assert answer.body["items"] == []
    assert [item["interview"]["id"] for item in answer.body["tomorrow"]] == [tomorrow.pk]
    assert "not_confirmed" in answer.body["tomorrow"][0]["risks"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"date": "2026-13-01"}, "date"),
        ({"date": "tomorrow"}, "date"),
        ({"date": "9999-12-31"}, "date"),
        ({"date": "0001-01-01"}, "date"),
        ({"scope": "everyone"}, "scope"),
    ],
)
def test_a_bad_date_or_scope_is_refused_with_its_field(as_alice, query, field):
    answer = as_alice.get("/board", **query)

    assert answer.status == 422
    assert answer.error["field"] == field


def test_the_scopes_mine_team_and_all(as_alice, alice, bob, colin, vacancy):
    mine = make_interview(alice, make_application(vacancy, "Mine", "Own"), starts_at=THURSDAY_14)
    teams = make_interview(bob, make_application(vacancy, "Team", "Mate"), starts_at=THURSDAY_14)
    others = make_interview(colin, make_application(vacancy, "Some", "Else"), starts_at=THURSDAY_14)
    alice.team = bob.team = "Noord"
    alice.save(update_fields=["team"])
    bob.save(update_fields=["team"])

    def shown(scope):
        return {
            item["interview"]["id"] for item in as_alice.get("/board", date="2026-12-03", scope=scope).body["items"]
        }

    assert shown("mine") == {mine.pk}
    assert shown("team") == {mine.pk, teams.pk}
    assert shown("all") == {mine.pk, teams.pk, others.pk}


def test_others_see_only_the_interviews_they_take_part_in(as_hank, as_mallory, alice, manager, vacancy):
    recruiters = make_interview(alice, make_application(vacancy, "Only", "Recruiter"), starts_at=THURSDAY_14)
    with_hank = make_interview(
        alice, make_application(vacancy, "With", "Hank"), starts_at=THURSDAY_14, kind="hiring_manager"
    )

    hanks = as_hank.get("/board", date="2026-12-03", scope="all").body["items"]

    assert [item["interview"]["id"] for item in hanks] == [with_hank.pk]
    assert "memo" not in hanks[0]["interview"]
    assert as_mallory.get("/board", date="2026-12-03", scope="all").body["items"] == []
    assert as_hank.get(f"/interviews/{with_hank.pk}/checklists").status == 200
    assert as_hank.get(f"/interviews/{recruiters.pk}/checklists").status == 404
    assert as_mallory.get(f"/interviews/{recruiters.pk}/checklists").status == 404


def _board_queries(client, count, alice, vacancy):
    for number in range(count):
        interview = make_interview(
            alice,
            make_application(vacancy, f"Kandidaat{number}", "Test", mobile="+31612345678"),
            starts_at=THURSDAY_14 + timedelta(minutes=5 * number),
            participants=[alice],
        )
        client.post(f"/interviews/{interview.pk}/incidents", {"kind": "technical_problem"})
        client.post(f"/interviews/{interview.pk}/checklists/day_before/agenda", {"done": True})
    with CaptureQueriesContext(connection) as queries:
        answer = client.get("/board", date="2026-12-03", scope="all")
    assert len(answer.body["items"]) == count
    assert all(item["incident"] for item in answer.body["items"])
    return len(queries)


def test_the_boards_queries_do_not_grow_with_its_interviews(alice, vacancy):
    client = client_for(alice)
    one = _board_queries(client, 1, alice, vacancy)
    Interview.objects.all().delete()

    eight = _board_queries(client, 8, alice, vacancy)

    assert eight == one


def test_the_checklists_of_an_interview(as_alice, interview):
    answer = as_alice.get(f"/interviews/{interview.pk}/checklists")

    assert answer.status == 200
    day_before = {item["code"]: item for item in answer.body["day_before"]["items"]}
    assert day_before["agenda"] == {
        "code": "agenda",
        "label": "Agenda and focus points confirmed",
        "done": False,
        "automatic": False,
        "done_by": None,
        "done_at": None,
        "note": "",
    }
    assert day_before["candidate_mobile"]["automatic"] is True
    assert day_before["candidate_mobile"]["done"] is True
    assert answer.body["after"]["items"][0]["code"] == "on_schedule"


def test_a_recruiter_ticks_an_item_with_a_note(as_alice, alice, interview):
    answer = as_alice.post(f"/interviews/{interview.pk}/checklists/day_before/agenda", {"done": True, "note": "Ok"})

    assert answer.status == 200
    agenda = next(item for item in answer.body["items"] if item["code"] == "agenda")
    assert (agenda["done"], agenda["note"], agenda["done_at"]) == (True, "Ok", "2026-12-01T09:00:00Z")
    assert agenda["done_by"] == {"id": alice.pk, "name": "Alice de Vries"}
    assert interview.events.filter(action=InterviewEvent.Action.CHECKLIST).count() == 1

    again = as_alice.post(f"/interviews/{interview.pk}/checklists/day_before/agenda", {"done": False})

    agenda = next(item for item in again.body["items"] if item["code"] == "agenda")
    assert (agenda["done"], agenda["done_by"]) == (False, None)


def test_ticking_follows_the_organisations_own_lines(as_alice, acme, interview):
    ChecklistItem.objects.create(organisation=acme, phase="after", code="thanked", label="Thanked", position=0)

    answer = as_alice.post(f"/interviews/{interview.pk}/checklists/after/thanked", {})

    assert answer.status == 200
    assert [(item["code"], item["label"], item["done"]) for item in answer.body["items"]] == [
        ("thanked", "Thanked", True)
    ]


@pytest.mark.parametrize(
    ("path", "status", "code", "field"),
    [
        ("day_before/candidate_mobile", 422, "automatic_item", "code"),
        ("day_before/no_such_item", 404, "not_found", "code"),
        ("the_week_before/agenda", 404, "not_found", "phase"),
        ("after/agenda", 404, "not_found", "code"),
    ],
)
def test_automatic_and_unknown_items_are_refused(as_alice, interview, path, status, code, field):
    answer = as_alice.post(f"/interviews/{interview.pk}/checklists/{path}", {"done": True})

    assert answer.status == status
    assert (answer.error["code"], answer.error["field"]) == (code, field)


def test_only_recruiters_change_and_others_interviews_are_unknown(as_hank, as_mallory, interview, manager):
    Interview.objects.filter(pk=interview.pk).update(kind="both")
    paths = [
        (f"/interviews/{interview.pk}/checklists/day_before/agenda", {"done": True}),
        (f"/interviews/{interview.pk}/start", {}),
        (f"/interviews/{interview.pk}/outcome", {"status": "held"}),
        (f"/interviews/{interview.pk}/incidents", {"kind": "overrun", "delay_minutes": 10}),
    ]
    for path, body in paths:
        hanks = as_hank.post(path, body)
        assert (hanks.status, hanks.error["code"]) == (403, "forbidden"), path
        assert as_mallory.post(path, body).status == 404, path


def test_a_recruiter_starts_the_interview(as_alice, interview, time_machine):
    time_machine.move_to(THURSDAY_14 + timedelta(minutes=2), tick=False)

    answer = as_alice.post(f"/interviews/{interview.pk}/start", {})

    assert answer.status == 200
    assert answer.body["id"] == interview.pk
    assert answer.body["run"] == {
        "started_at": "2026-12-03T13:02:00Z",
        "no_show_by": None,
        "outcome_reason": "",
    }
    again = as_alice.post(f"/interviews/{interview.pk}/start", {})
    assert (again.status, again.error["code"]) == (422, "already_started")


def test_a_start_time_without_offset_is_read_in_the_interviews_zone(as_alice, interview, time_machine):
    time_machine.move_to(THURSDAY_14 + timedelta(minutes=30), tick=False)

    answer = as_alice.post(f"/interviews/{interview.pk}/start", {"at": "2026-12-03T14:05:00"})

    assert answer.body["run"]["started_at"] == "2026-12-03T13:05:00Z"


def test_a_start_long_before_the_interview_is_refused(as_alice, interview):
    answer = as_alice.post(f"/interviews/{interview.pk}/start", {"at": "2026-12-01T10:00:00+01:00"})

    assert (answer.status, answer.error["code"], answer.error["field"]) == (422, "not_started", "at")


def test_a_no_show_is_recorded_with_who_and_why(as_alice, interview, time_machine):
    time_machine.move_to(THURSDAY_14 + timedelta(minutes=20), tick=False)

    answer = as_alice.post(
        f"/interviews/{interview.pk}/outcome",
        {"status": "no_show", "no_show_by": "candidate", "reason": "Niet komen opdagen"},
    )

    assert answer.status == 200
    assert answer.body["status"] == "no_show"
    assert answer.body["run"] == {"started_at": None, "no_show_by": "candidate", "outcome_reason": "Niet komen opdagen"}


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        ({"status": "no_show"}, "required", "no_show_by"),
        ({"status": "held", "no_show_by": "client"}, "invalid", "no_show_by"),
        ({"status": "cancelled"}, "validation_error", "status"),
        ({"status": "no_show", "no_show_by": "the cat"}, "validation_error", "no_show_by"),
    ],
)
def test_a_wrong_outcome_is_refused_with_its_field(as_alice, interview, time_machine, body, code, field):
    time_machine.move_to(THURSDAY_14 + timedelta(minutes=20), tick=False)

    answer = as_alice.post(f"/interviews/{interview.pk}/outcome", body)

    assert (answer.status, answer.error["code"], answer.error["field"]) == (422, code, field)


def test_an_outcome_before_the_start_is_refused(as_alice, interview):
    answer = as_alice.post(f"/interviews/{interview.pk}/outcome", {"status": "held"})

    assert (answer.status, answer.error["code"]) == (422, "not_started")


def test_an_incident_is_opened_handled_step_by_step_and_closed(as_alice, alice, interview):
    opened = as_alice.post(f"/interviews/{interview.pk}/incidents", {"kind": "candidate_ill", "note": "Griep"})

    assert opened.status == 201
    incident = opened.body
    assert (incident["interview_id"], incident["kind"], incident["closed_at"], incident["lessons"]) == (
        interview.pk,
        "candidate_ill",
        None,
        "",
    )
    assert incident["opened_at"] == "2026-12-01T09:00:00Z"
    assert [step["code"] for step in incident["steps"]] == [
        "inform_client",
        "propose_alternative",
        "offer_new_times",
        "follow_up_candidate",
    ]
    assert incident["steps"][0] == {
        "code": "inform_client",
        "label": "Inform the client at once of the situation and the options",
        "done": False,
        "done_by": None,
        "done_at": None,
        "note": "",
        "message_ids": [],
    }

    stepped = as_alice.post(f"/incidents/{incident['id']}/steps/propose_alternative", {"done": True, "note": "Piet"})

    assert stepped.status == 200
    step = stepped.body["steps"][1]
    assert (step["done"], step["done_by"], step["note"]) == (True, {"id": alice.pk, "name": "Alice de Vries"}, "Piet")
    board_item = as_alice.get("/board", date="2026-12-03").body["items"][0]
    assert board_item["incident"] == stepped.body

    closed = as_alice.post(f"/incidents/{incident['id']}/close", {"lessons": "Eerder bellen"})

    assert closed.status == 200
    assert (closed.body["closed_at"], closed.body["lessons"]) == ("2026-12-01T09:00:00Z", "Eerder bellen")
    assert as_alice.get("/board", date="2026-12-03").body["items"][0]["incident"] is None
    late = as_alice.post(f"/incidents/{incident['id']}/steps/offer_new_times", {"done": True})
    assert (late.status, late.error["code"]) == (422, "incident_closed")


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        ({"kind": "overrun"}, "required", "delay_minutes"),
        ({"kind": "overrun", "delay_minutes": 0}, "invalid", "delay_minutes"),
        ({"kind": "flood"}, "validation_error", "kind"),
        ({}, "validation_error", "kind"),
    ],
)
def test_a_wrong_incident_is_refused_with_its_field(as_alice, interview, body, code, field):
    answer = as_alice.post(f"/interviews/{interview.pk}/incidents", body)

    assert (answer.status, answer.error["code"], answer.error["field"]) == (422, code, field)


def test_the_same_playbook_is_not_opened_twice(as_alice, interview):
    as_alice.post(f"/interviews/{interview.pk}/incidents", {"kind": "technical_problem"})

    again = as_alice.post(f"/interviews/{interview.pk}/incidents", {"kind": "technical_problem"})

    assert (again.status, again.error["code"]) == (422, "incident_open")


def test_closing_asks_for_the_lessons_and_unknown_steps_are_not_found(as_alice, interview):
    incident = as_alice.post(f"/interviews/{interview.pk}/incidents", {"kind": "technical_problem"}).body

    no_lessons = as_alice.post(f"/incidents/{incident['id']}/close", {"lessons": "  "})
    unknown = as_alice.post(f"/incidents/{incident['id']}/steps/pray", {"done": True})

    assert (no_lessons.status, no_lessons.error["code"], no_lessons.error["field"]) == (422, "required", "lessons")
    assert (unknown.status, unknown.error["code"]) == (404, "not_found")


def test_others_incidents_are_unknown_and_only_recruiters_handle_them(
    as_alice, as_hank, as_mallory, interview, manager
):
    Interview.objects.filter(pk=interview.pk).update(kind="both")
    incident = as_alice.post(f"/interviews/{interview.pk}/incidents", {"kind": "technical_problem"}).body

    for path, body in (
        (f"/incidents/{incident['id']}/steps/test_call", {}),
        (f"/incidents/{incident['id']}/close", {"lessons": "x"}),
    ):
        assert as_mallory.post(path, body).status == 404
        assert as_hank.post(path, body).status == 403
    assert as_alice.post("/incidents/999999/close", {"lessons": "x"}).status == 404
    assert as_alice.post(f"/incidents/{2**70}/close", {"lessons": "x"}).status in (404, 422)
