"""Reads cost a fixed number of queries (issue 12): one for an interview with everything the
contract shows, two for a page of them (its rows and the count), and none for the API key and
the user's roles once the process knows them; what changes is still seen within seconds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regisseur.accounts.models import Role
from regisseur.api import auth
from regisseur.api.interview_schemas import InterviewOut
from regisseur.api.models import ApiKey
from regisseur.interviews.models import Guideline
from regisseur.recruitment.models import Contact
from regisseur.reminders.models import Reminder, ReminderState
from regisseur.reminders.services import set_reminder
from regisseur.responses.models import CandidateAnswer, Choice
from tests.conftest import make_application, make_interview

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


def full_interview(alice, hank, cora, vacancy, acme, number=0):
    """An interview with every relation the contract shows filled in."""
    guidelines = [Guideline.objects.create(organisation=acme, title=f"STAR {number}-{n}", body="…") for n in range(2)]
    interview = make_interview(
        alice,
        make_application(vacancy, "Kandidaat", f"{number:02d}"),
        starts_at=NOW + timedelta(days=3, hours=number),
        participants=[hank, alice],
        committee_members=[Contact.objects.get(user=cora)],
        guidelines=guidelines,
        memo="Vraag naar het rooster",
    )
    set_reminder(actor=alice, interview=interview, channel="email", days_before=1)
    CandidateAnswer.objects.create(interview=interview, choice=Choice.DECLINE, message="Eerst")
    CandidateAnswer.objects.create(
        interview=interview,
        choice=Choice.NEW_APPOINTMENT,
        message="Liever later",
        preferred_times="Dinsdagmiddag",
        preferred_mode="video",
        wants_questions_in_advance=True,
    )
    return interview, guidelines


def queries(client, path, **query):
    client.get(path, **query)  # the process learns the key (and records its use) once
    with CaptureQueriesContext(connection) as captured:
        answer = client.get(path, **query)
    assert answer.status == 200
    return len(captured), answer.body


def test_one_interview_with_everything_is_one_query(as_alice, alice, hank, cora, vacancy, acme):
    interview, guidelines = full_interview(alice, hank, cora, vacancy, acme)
    count, body = queries(as_alice, f"/interviews/{interview.pk}")
    assert count == 1
    assert sorted(body["participant_user_ids"]) == body["participant_user_ids"] == sorted([alice.pk, hank.pk])
    assert body["committee_contact_ids"] == [Contact.objects.get(user=cora).pk]
    assert body["guideline_ids"] == sorted(g.pk for g in guidelines)
    assert body["memo"] == "Vraag naar het rooster"
    assert body["organizer"] == {"name": "Alice de Vries", "email": "alice@acme.test"}
    assert body["candidate_answer"] == {
        "choice": "new_appointment",
        "preferred_mode": "video",
        "questions_in_advance": True,
        "preferred_times": "Dinsdagmiddag",
        "message": "Liever later",
        "answered_at": "2026-12-01T09:00:00Z",
    }
    reminder = Reminder.objects.get(interview=interview)
    assert body["reminder"] == {
        "channel": "email",
        "days_before": 1,
        "due_at": reminder.due_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "state": "scheduled",
    }
    assert body["starts_at"] == "2026-12-04T09:00:00Z"
    # What the one query answers is what the contract's schema describes, field for field.
    assert InterviewOut.model_validate(body).model_dump(mode="json", exclude_unset=True) == body


def test_a_reminder_being_sent_still_reads_as_scheduled(as_alice, alice, hank, cora, vacancy, acme):
    interview, _guidelines = full_interview(alice, hank, cora, vacancy, acme)
    Reminder.objects.filter(interview=interview).update(state=ReminderState.SENDING)
    assert as_alice.get(f"/interviews/{interview.pk}").body["reminder"]["state"] == "scheduled"


def test_an_interview_without_relations_reads_as_empty_ones(as_alice, alice, application):
    interview = make_interview(alice, application)
    body = as_alice.get(f"/interviews/{interview.pk}").body
    assert (body["participant_user_ids"], body["committee_contact_ids"], body["guideline_ids"]) == ([], [], [])
    assert (body["candidate_answer"], body["reminder"]) == (None, None)


def test_others_than_recruiters_get_no_memo_and_no_one_elses_interview(
    as_hank, as_mallory, alice, hank, cora, vacancy, acme
):
    interview, _guidelines = full_interview(alice, hank, cora, vacancy, acme)
    body = as_hank.get(f"/interviews/{interview.pk}").body
    assert body["id"] == interview.pk
    assert "memo" not in body
    answer = as_mallory.get(f"/interviews/{interview.pk}")
    assert (answer.status, answer.error["code"]) == (404, "not_found")


def test_a_page_is_two_queries_however_many_rows_and_relations(as_alice, alice, hank, cora, vacancy, acme):
    full_interview(alice, hank, cora, vacancy, acme)
    few, body = queries(as_alice, "/interviews")
    assert (few, body["count"]) == (2, 1)
    for number in range(1, 25):
        full_interview(alice, hank, cora, vacancy, acme, number)
    many, body = queries(as_alice, "/interviews", page_size=20)
    assert (many, body["count"], len(body["items"])) == (2, 25, 20)
    assert all(item["candidate_answer"]["choice"] == "new_appointment" for item in body["items"])
    starts = [item["starts_at"] for item in body["items"]]
    assert starts == sorted(starts)


def test_the_page_size_is_fifty_by_default_and_at_most_two_hundred(as_alice, alice, vacancy):
    for number in range(52):
        make_interview(alice, make_application(vacancy, "Kandidaat", f"{number:02d}"))
    assert len(as_alice.get("/interviews").body["items"]) == 50
    assert len(as_alice.get("/interviews", page_size=52).body["items"]) == 52
    refused = as_alice.get("/interviews", page_size=201)
    assert (refused.status, refused.error["field"]) == (422, "page_size")


# ---------------------------------------------------------------- what the process remembers


def test_a_known_key_costs_no_query_and_its_use_is_still_recorded_each_minute(
    as_alice, alice, application, time_machine
):
    interview = make_interview(alice, application)
    count, _body = queries(as_alice, f"/interviews/{interview.pk}")
    assert count == 1
    first_use = ApiKey.objects.get().last_used_at
    assert first_use == NOW
    time_machine.move_to(NOW + timedelta(minutes=2), tick=False)
    as_alice.get(f"/interviews/{interview.pk}")
    assert ApiKey.objects.get().last_used_at == NOW + timedelta(minutes=2)


def test_a_key_switched_off_in_another_process_stops_working_within_seconds(as_alice, alice, monkeypatch):
    assert as_alice.get("/clients").status == 200
    # Another process (the admin site on another server) switches the key off: no signal reaches here.
    ApiKey.objects.update(is_active=False)
    moment = auth._clock()
    monkeypatch.setattr(auth, "_clock", lambda: moment + auth.KNOWN_SECONDS + 0.1)
    assert as_alice.get("/clients").status == 401


def test_a_key_or_user_switched_off_here_stops_working_at_once(as_alice, alice):
    assert as_alice.get("/clients").status == 200
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    assert as_alice.get("/clients").status == 401


def test_a_key_switched_off_in_the_admin_stops_working_at_once(as_alice, alice, admin_client):
    assert as_alice.get("/clients").status == 200
    key = ApiKey.objects.get()
    admin_client.post("/admin/api/apikey/", {"action": "deactivate", "_selected_action": [key.pk]})
    assert ApiKey.objects.get().is_active is False
    assert as_alice.get("/clients").status == 401


def test_a_changed_role_takes_effect_at_once(as_alice, alice):
    assert as_alice.get("/clients").status == 200
    alice.groups.set([Group.objects.get(name=Role.HIRING_MANAGER)])
    answer = as_alice.get("/clients")
    assert answer.status == 200 and answer.body["items"] == []  # clients are for recruiters only
    assert as_alice.post("/clients", {"name": "Nieuw"}).status == 403


def test_wrong_keys_from_an_address_still_lock_out_a_known_right_key(alice):
    from django.test import Client

    _key, plain = ApiKey.issue(user=alice, name="tests")

    def call(key):
        return Client(REMOTE_ADDR="203.0.113.9").get("/api/v1/clients", headers={"Authorization": f"Bearer {key}"})

    assert call(plain).status_code == 200  # known to this process from now on
    assert [call(f"rgs_guess-{n}").status_code for n in range(10)] == [401] * 10
    assert call(plain).status_code == 429
