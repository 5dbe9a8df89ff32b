"""Reminders through the API: stored with the plan, shown with their due time and state (API.md, seed 004)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regisseur.accounts.models import Role
from regisseur.accounts.services import create_user
from regisseur.interviews.models import Interview
from regisseur.reminders.models import Reminder, ReminderState
from tests.api.conftest import client_for
from tests.conftest import make_application

# Frozen "now": Tuesday 1 December 2026, 10:00 in Amsterdam (winter: UTC+1).
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
MONDAY_14 = "2026-12-07T14:00:00+01:00"


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def as_alice(alice):
    return client_for(alice)


@pytest.fixture
def as_sam(acme):
    sam = create_user(
        username="sam", password="correct horse 1", organisation=acme, role=Role.RECRUITER, sms_access=True
    )
    return client_for(sam)


def plan(client, application, **fields):
    body = {"application_id": application.pk, "starts_at": MONDAY_14, "duration_minutes": 60}
    body.update(fields)
    return client.post("/interviews", body)


def test_a_monday_interview_with_two_days_is_reminded_saturday_at_nine_amsterdam(as_alice, application):
    answer = plan(
        as_alice,
        application,
        reminder={"channel": "email", "days_before": 2, "subject": "Tot maandag", "body": "Tot dan", "signature": "A"},
    )
    assert answer.status == 201
    assert answer.body["reminder"] == {
        "channel": "email",
        "days_before": 2,
        "due_at": "2026-12-05T08:00:00Z",
        "state": "scheduled",
    }
    assert "warnings" not in answer.body
    assert as_alice.get(f"/interviews/{answer.body['id']}").body["reminder"] == answer.body["reminder"]
    row = Reminder.objects.get()
    assert (row.subject, row.body, row.signature) == ("Tot maandag", "Tot dan", "A")


def test_a_reminder_too_close_to_the_interview_is_refused_and_nothing_is_planned(as_alice, application):
    answer = plan(as_alice, application, reminder={"channel": "email", "days_before": 7})
    assert (answer.status, answer.error["code"], answer.error["field"]) == (
        422,
        "reminder_too_late",
        "reminder.days_before",
    )
    assert "30-11-2026 09:00" in answer.error["message"]
    assert not Interview.objects.exists() and not Reminder.objects.exists()


def test_sms_without_access_is_refused_and_nothing_is_planned(as_alice, application):
    answer = plan(as_alice, application, reminder={"channel": "sms", "days_before": 1})
    assert (answer.status, answer.error["code"], answer.error["field"]) == (422, "sms_not_allowed", "reminder.channel")
    assert not Interview.objects.exists()


def test_an_sms_reminder_without_mobile_is_stored_with_a_warning(as_sam, vacancy):
    answer = plan(as_sam, make_application(vacancy, "Piet", "Jansen"), reminder={"channel": "sms", "days_before": 1})
    assert answer.status == 201
    assert answer.body["warnings"] == [
        {
            "code": "candidate_has_no_mobile",
            "message": "The candidate has no mobile number: the SMS reminder will be skipped.",
        }
    ]
    assert (answer.body["reminder"]["channel"], answer.body["reminder"]["due_at"]) == ("sms", "2026-12-06T08:00:00Z")


def test_overlong_reminder_texts_are_refused(as_alice, application):
    answer = plan(as_alice, application, reminder={"channel": "email", "days_before": 1, "subject": "x" * 301})
    assert (answer.status, answer.error["code"], answer.error["field"]) == (422, "too_long", "reminder.subject")
    assert not Interview.objects.exists()


def test_an_unknown_placeholder_is_refused_on_the_body(as_alice, application):
    answer = plan(as_alice, application, reminder={"channel": "email", "days_before": 1, "body": "{nonsense}"})
    assert (answer.status, answer.error["code"], answer.error["field"]) == (422, "invalid_placeholder", "reminder.body")
    assert not Interview.objects.exists()


# ---------------------------------------------------------------- PATCH


@pytest.fixture
def planned(as_alice, application):
    return plan(as_alice, application).body


def test_a_reminder_is_added_by_patch(as_alice, planned):
    answer = as_alice.patch(f"/interviews/{planned['id']}", {"reminder": {"channel": "email", "days_before": 3}})
    assert answer.status == 200
    assert answer.body["reminder"]["due_at"] == "2026-12-04T08:00:00Z"
    assert answer.body["version"] == planned["version"]


def test_rescheduling_by_patch_moves_the_due_time(as_alice, application):
    created = plan(as_alice, application, reminder={"channel": "email", "days_before": 2}).body
    answer = as_alice.patch(f"/interviews/{created['id']}", {"starts_at": "2026-12-09T14:00:00+01:00"})
    assert answer.status == 200
    assert answer.body["reminder"]["due_at"] == "2026-12-07T08:00:00Z"
    assert answer.body["reminder"]["state"] == "scheduled"


def test_a_reschedule_with_a_reminder_that_is_too_late_changes_nothing(as_alice, planned):
    answer = as_alice.patch(
        f"/interviews/{planned['id']}",
        {"starts_at": "2026-12-03T14:00:00+01:00", "reminder": {"channel": "email", "days_before": 3}},
    )
    assert (answer.status, answer.error["code"]) == (422, "reminder_too_late")
    assert as_alice.get(f"/interviews/{planned['id']}").body == planned


def test_days_not_allowed_by_patch(as_alice, planned):
    answer = as_alice.patch(f"/interviews/{planned['id']}", {"reminder": {"channel": "email", "days_before": 4}})
    assert (answer.status, answer.error["code"], answer.error["field"]) == (
        422,
        "reminder_days_invalid",
        "reminder.days_before",
    )


@pytest.mark.parametrize("removal", [{"channel": "none"}, None])
def test_no_reminder_by_patch_cancels_it(as_alice, application, removal):
    created = plan(as_alice, application, reminder={"channel": "email", "days_before": 2}).body
    answer = as_alice.patch(f"/interviews/{created['id']}", {"reminder": removal})
    assert answer.status == 200
    assert answer.body["reminder"]["state"] == "cancelled"


def test_cancelling_the_interview_cancels_its_reminder(as_alice, application):
    created = plan(as_alice, application, reminder={"channel": "email", "days_before": 2}).body
    answer = as_alice.post(f"/interviews/{created['id']}/cancel", {"reason": "Ziek"})
    assert (answer.status, answer.body["reminder"]["state"]) == (200, "cancelled")
    assert Reminder.objects.get().state == ReminderState.CANCELLED


def test_a_reminder_being_sent_reads_as_scheduled(as_alice, application):
    created = plan(as_alice, application, reminder={"channel": "email", "days_before": 2}).body
    Reminder.objects.update(state=ReminderState.SENDING)
    assert as_alice.get(f"/interviews/{created['id']}").body["reminder"]["state"] == "scheduled"


def test_the_list_shows_reminders_without_a_query_per_interview(as_alice, vacancy):
    def list_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            answer = as_alice.get("/interviews")
        assert all(item["reminder"]["channel"] == "email" for item in answer.body["items"])
        return len(captured.captured_queries)

    plan(as_alice, make_application(vacancy, "A", "Een"), reminder={"channel": "email", "days_before": 1})
    few = list_queries()
    for number in range(4):
        candidate = make_application(vacancy, "B", f"Twee{number}")
        starts_at = f"2026-12-0{number + 3}T16:00:00+01:00"
        plan(as_alice, candidate, starts_at=starts_at, reminder={"channel": "email", "days_before": 1})
    assert list_queries() == few
