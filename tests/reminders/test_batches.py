"""The sweep sends its reminders in batches (issue 12): one transaction and one request to deliver per
batch, reads that do not grow with the batch, and the guarantees of one reminder at a time kept: a
reminder is never sent twice, never lost, never sent for an interview changed or cancelled since its
claim, and one that fails holds up none of the others."""

from __future__ import annotations

from collections import Counter
from datetime import date, time, timedelta
from typing import Any
from unittest import mock

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from regisseur.actions.cancelling import cancel_interview
from regisseur.core.timezones import local_to_utc
from regisseur.interviews.models import Interview, InterviewEvent
from regisseur.messaging.models import Message, Purpose
from regisseur.reminders import services as reminder_services
from regisseur.reminders.messages import Outbox
from regisseur.reminders.models import Reminder, ReminderState
from regisseur.reminders.services import (
    BATCH_SIZE,
    CLAIM_TIMEOUT,
    claim_due,
    send_due_reminders,
    send_reminders,
    set_reminder,
)
from regisseur.responses.models import CandidateLink
from tests.conftest import change_fields, commit, make_application, make_interview, run_worker
from tests.reminders.test_sweep import make_reminders, reminder_messages

MONDAY_14 = local_to_utc(date(2027, 1, 18), time(14, 0), "Europe/Amsterdam")
SATURDAY_9 = local_to_utc(date(2027, 1, 16), time(9, 0), "Europe/Amsterdam")
CLAIMED = SATURDAY_9 + timedelta(minutes=1)
DELIVER = "regisseur.messaging.tasks.deliver_outbox"


def due_reminders(alice: Any, vacancy: Any, count: int) -> list[Reminder]:
    return make_reminders(alice, vacancy, count, due_at=SATURDAY_9, starts_at=MONDAY_14)


def delivery_requests() -> int:
    """Delivery tasks enqueued so far (on commit: call commit() first)."""
    return DBTaskResult.objects.filter(task_path=DELIVER).count()


def sweep_queries(*, inserts: bool = True) -> tuple[dict[str, int], int]:
    """The sweep's outcomes and its number of queries; `inserts=False` leaves the INSERTs out
    (SQLite splits a bulk insert into statements of 999 parameters: 37 messages each)."""
    with CaptureQueriesContext(connection) as queries:
        counts = send_due_reminders.call()
    return counts, len([query for query in queries if inserts or not query["sql"].startswith("INSERT")])


@pytest.fixture
def three_planned(alice, vacancy):
    interviews = []
    with time_machine.travel(MONDAY_14 - timedelta(days=10), tick=False):
        for n in range(3):
            application = make_application(vacancy, f"Kandidaat{n}", "Jansen")
            interview = make_interview(alice, application, starts_at=MONDAY_14 + timedelta(hours=n))
            set_reminder(actor=alice, interview=interview, channel="email", days_before=2)
            interviews.append(interview)
    return interviews


def test_a_batch_of_due_reminders_is_queued_with_one_request_to_deliver(alice, vacancy):
    reminders = due_reminders(alice, vacancy, 30)
    with time_machine.travel(CLAIMED, tick=False):
        assert send_due_reminders.call() == {"sent": 30}
        assert delivery_requests() == 0  # on commit, not before
        commit()
    assert delivery_requests() == 1
    assert reminder_messages() == Counter({reminder.interview_id: 1 for reminder in reminders})
    assert CandidateLink.objects.count() == 30
    assert InterviewEvent.objects.filter(action=InterviewEvent.Action.MESSAGE).count() == 30
    assert set(Reminder.objects.values_list("state", flat=True)) == {ReminderState.SENT}
    assert set(Reminder.objects.values_list("sent_at", flat=True)) == {CLAIMED}


def test_a_sweep_asks_to_deliver_once_per_batch(alice, vacancy):
    due_reminders(alice, vacancy, 2 * BATCH_SIZE + 1)
    with time_machine.travel(CLAIMED, tick=False):
        assert send_due_reminders.call() == {"sent": 2 * BATCH_SIZE + 1}
        commit()
    assert delivery_requests() == 3


def test_the_sweeps_queries_do_not_grow_with_the_reminders_of_a_batch(alice, vacancy):
    due_reminders(alice, vacancy, 10)
    with time_machine.travel(CLAIMED, tick=False):
        ten = sweep_queries(inserts=False)
        due_reminders(alice, vacancy, 50)
        fifty = sweep_queries(inserts=False)
        due_reminders(alice, vacancy, 50)
        fifty_with_inserts = sweep_queries()
    assert ten[0] == {"sent": 10} and fifty[0] == fifty_with_inserts[0] == {"sent": 50}
    assert ten[1] == fifty[1]
    assert fifty_with_inserts[1] <= fifty[1] + 6  # links, messages, history: a statement or two each


def test_the_sweeps_queries_grow_with_the_batches_only(alice, vacancy):
    due_reminders(alice, vacancy, 1)
    with time_machine.travel(CLAIMED, tick=False):
        _counts, one_batch = sweep_queries()
        due_reminders(alice, vacancy, 3 * BATCH_SIZE)
        counts, three_batches = sweep_queries()
    assert counts == {"sent": 3 * BATCH_SIZE}
    assert three_batches <= 3 * one_batch


def test_an_interview_cancelled_or_changed_after_the_claim_is_not_reminded_in_its_batch(alice, three_planned):
    sent, cancelled, changed = three_planned
    with time_machine.travel(CLAIMED, tick=False):
        ids = claim_due()
        cancel_interview(actor=alice, interview=cancelled)
        change_fields(actor=alice, interview=changed, changes={"location": "Keizersgracht 1, Amsterdam"})
        outcomes = dict(zip(ids, send_reminders(ids), strict=True))
    assert {Reminder.objects.get(pk=pk).interview_id: outcome for pk, outcome in outcomes.items()} == {
        sent.pk: "sent",
        cancelled.pk: "cancelled",
        changed.pk: "recomputed",
    }
    assert reminder_messages() == Counter({sent.pk: 1})
    assert Reminder.objects.get(interview=cancelled).state == ReminderState.CANCELLED
    recomputed = Reminder.objects.get(interview=changed)
    assert recomputed.state == ReminderState.SCHEDULED
    assert recomputed.interview_version == Interview.objects.get(pk=changed.pk).version

    with time_machine.travel(CLAIMED, tick=False):
        assert send_due_reminders.call() == {"sent": 1}  # the changed one, with its new details
    [message] = Message.objects.filter(purpose=Purpose.REMINDER, interview=changed)
    assert "Keizersgracht 1, Amsterdam" in message.body_text


def test_one_reminder_that_fails_leaves_nothing_behind_and_the_batch_goes_on(alice, vacancy):
    reminders = due_reminders(alice, vacancy, 20)
    failing = reminders[7].interview_id
    real = reminder_services.queue_reminder_messages

    def queue_reminder(*, interview: Interview, **kwargs: Any) -> Any:
        if interview.pk == failing:
            raise RuntimeError("template store unavailable")
        return real(interview=interview, **kwargs)

    with (
        time_machine.travel(CLAIMED, tick=False),
        mock.patch.object(reminder_services, "queue_reminder_messages", queue_reminder),
    ):
        assert send_due_reminders.call() == {"sent": 19, "failed": 1}
        commit()
    assert delivery_requests() == 1
    assert failing not in reminder_messages()
    assert not CandidateLink.objects.filter(interview_id=failing).exists()
    assert not InterviewEvent.objects.filter(interview_id=failing, action=InterviewEvent.Action.MESSAGE).exists()
    assert Reminder.objects.get(interview_id=failing).state == ReminderState.SENDING

    with time_machine.travel(CLAIMED + CLAIM_TIMEOUT + timedelta(seconds=2), tick=False):
        run_worker()
    assert reminder_messages() == Counter({reminder.interview_id: 1 for reminder in reminders})


def test_a_batch_whose_writes_fail_is_sent_one_by_one(alice, vacancy):
    reminders = due_reminders(alice, vacancy, 5)
    real = Outbox.write
    calls = Counter[str]()

    def write(outbox: Outbox) -> None:
        calls["write"] += 1
        if calls["write"] == 1:  # the batch's own: as a database refusing the bulk insert
            raise RuntimeError("insert refused")
        real(outbox)

    with time_machine.travel(CLAIMED, tick=False), mock.patch.object(Outbox, "write", write):
        assert send_due_reminders.call() == {"sent": 5}
        commit()
    assert calls["write"] == 1 + 5
    assert delivery_requests() == 1
    assert reminder_messages() == Counter({reminder.interview_id: 1 for reminder in reminders})


def test_a_worker_killed_mid_batch_leaves_nothing_half_written_and_the_claim_is_retried(alice, vacancy):
    reminders = due_reminders(alice, vacancy, 10)
    real = reminder_services.queue_reminder_messages
    composed = Counter[str]()

    def queue_reminder(**kwargs: Any) -> Any:
        composed["reminders"] += 1
        if composed["reminders"] == 6:
            raise SystemExit("killed")  # not an Exception: nothing in the sweep catches it
        return real(**kwargs)

    with (
        time_machine.travel(CLAIMED, tick=False),
        mock.patch.object(reminder_services, "queue_reminder_messages", queue_reminder),
        pytest.raises(SystemExit),
    ):
        send_due_reminders.call()
    assert reminder_messages() == Counter()
    assert not CandidateLink.objects.exists()
    assert set(Reminder.objects.values_list("state", flat=True)) == {ReminderState.SENDING}

    with time_machine.travel(CLAIMED + CLAIM_TIMEOUT - timedelta(seconds=1), tick=False):
        assert send_due_reminders.call() == {}  # not stale yet: the dead worker's claim is left alone
    with time_machine.travel(CLAIMED + CLAIM_TIMEOUT + timedelta(seconds=2), tick=False):
        assert send_due_reminders.call() == {"sent": 10}
    assert reminder_messages() == Counter({reminder.interview_id: 1 for reminder in reminders})


def test_a_second_sweep_sends_nothing_again(alice, vacancy):
    reminders = due_reminders(alice, vacancy, 30)
    with time_machine.travel(CLAIMED, tick=False):
        assert send_due_reminders.call() == {"sent": 30}
        assert send_due_reminders.call() == {}
    with time_machine.travel(CLAIMED + CLAIM_TIMEOUT + timedelta(seconds=2), tick=False):
        run_worker()
        assert send_due_reminders.call() == {}
    assert reminder_messages() == Counter({reminder.interview_id: 1 for reminder in reminders})


def test_email_and_sms_reminders_in_one_batch_each_get_their_messages(alice, vacancy):
    with_mobile = due_reminders(alice, vacancy, 3)
    without_mobile = due_reminders(alice, vacancy, 2)
    Reminder.objects.update(channel="email_sms")
    for reminder in with_mobile:
        candidate = reminder.interview.application.candidate
        candidate.mobile = "+31612345678"
        candidate.save(update_fields=["mobile"])
    with time_machine.travel(CLAIMED, tick=False):
        assert send_due_reminders.call() == {"sent": 5}
    sms = Counter(Message.objects.filter(purpose=Purpose.SMS_REMINDER).values_list("interview_id", flat=True))
    assert sms == Counter({reminder.interview_id: 1 for reminder in with_mobile})
    assert reminder_messages() == Counter({reminder.interview_id: 1 for reminder in with_mobile + without_mobile})
    for reminder in without_mobile:
        assert "no mobile number" in Reminder.objects.get(pk=reminder.pk).sms_skipped_reason
    for reminder in with_mobile:
        assert Reminder.objects.get(pk=reminder.pk).sms_skipped_reason == ""
