"""The sweep (M7): a crash after claiming is retried, a change is never sent stale, and the
claim reads only what is due (O(due), not O(all)). On SQLite and PostgreSQL alike."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from unittest import mock

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regisseur.accounts.models import User
from regisseur.actions.cancelling import cancel_interview
from regisseur.actions.changes import reschedule_interview
from regisseur.core.timezones import local_to_utc
from regisseur.interviews.models import Interview
from regisseur.messaging.models import Message, Purpose
from regisseur.recruitment.models import Application, Candidate, Vacancy
from regisseur.reminders import services as reminder_services
from regisseur.reminders.models import Reminder, ReminderState
from regisseur.reminders.services import CLAIM_TIMEOUT, claim_due, send_due_reminders, send_reminder, set_reminder
from tests.conftest import change_fields, make_application, make_interview, run_worker

MONDAY_14 = local_to_utc(date(2027, 1, 18), time(14, 0), "Europe/Amsterdam")
SATURDAY_9 = local_to_utc(date(2027, 1, 16), time(9, 0), "Europe/Amsterdam")
CLAIMED = SATURDAY_9 + timedelta(minutes=1)


def make_reminders(
    actor: User, vacancy: Vacancy, count: int, *, due_at: datetime, starts_at: datetime, **reminder: Any
) -> list[Reminder]:
    """`count` planned interviews, each with its own candidate and an email reminder due at `due_at`:
    bulk-created, with the interview version the reminder was computed for."""
    organisation = actor.organisation
    candidates = Candidate.objects.bulk_create(
        Candidate(
            organisation=organisation, first_name=f"Bulk{n}", last_name="Kandidaat", email=f"bulk{n}@example.test"
        )
        for n in range(count)
    )
    applications = Application.objects.bulk_create(
        Application(candidate=candidate, vacancy=vacancy) for candidate in candidates
    )
    interviews = Interview.objects.bulk_create(
        Interview(
            organisation=organisation,
            vacancy=vacancy,
            application=application,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=1),
            duration_minutes=60,
            location="Dorpsstraat 1, Utrecht",
            interviewer="Alice de Vries",
            created_by=actor,
        )
        for application in applications
    )
    reminder.setdefault("state", ReminderState.SCHEDULED)
    return Reminder.objects.bulk_create(
        Reminder(
            interview=interview,
            channel="email",
            days_before=2,
            due_at=due_at,
            interview_version=interview.version,
            created_by=actor,
            **reminder,
        )
        for interview in interviews
    )


def reminder_messages() -> Counter[int]:
    """Reminder messages queued, per interview."""
    return Counter(Message.objects.filter(purpose=Purpose.REMINDER).values_list("interview_id", flat=True))


@pytest.fixture
def planned(alice, application):
    with time_machine.travel(MONDAY_14 - timedelta(days=10), tick=False):
        interview = make_interview(alice, application, starts_at=MONDAY_14, location="Dorpsstraat 1, Utrecht")
        set_reminder(actor=alice, interview=interview, channel="email", days_before=2)
    return interview


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


def test_a_crash_after_claiming_is_retried_once_after_the_claim_timeout(three_planned):
    with time_machine.travel(CLAIMED, tick=False):
        claimed = claim_due()
    assert len(claimed) == 3
    # The worker dies here: the rows stay "sending", nothing was queued.
    assert set(Reminder.objects.values_list("state", flat=True)) == {ReminderState.SENDING}

    with time_machine.travel(CLAIMED + CLAIM_TIMEOUT - timedelta(seconds=1), tick=False):
        run_worker()  # the sweeps enqueued for 09:00 run: the claim is not stale yet
        assert send_due_reminders.call() == {}
    assert reminder_messages() == Counter()
    assert set(Reminder.objects.values_list("state", flat=True)) == {ReminderState.SENDING}

    with time_machine.travel(CLAIMED + CLAIM_TIMEOUT + timedelta(seconds=2), tick=False):
        run_worker()  # the retry the claim enqueued: no other sweep is due at this moment
        run_worker()
        assert send_due_reminders.call() == {}
    assert reminder_messages() == Counter({interview.pk: 1 for interview in three_planned})
    assert set(Reminder.objects.values_list("state", flat=True)) == {ReminderState.SENT}


def test_a_reminder_that_fails_does_not_hold_up_the_others_and_is_retried(three_planned):
    failing = three_planned[1]
    real = reminder_services.queue_reminder_messages

    def queue_reminder(*, interview: Interview, **kwargs: Any) -> str:
        if interview.pk == failing.pk:
            raise RuntimeError("template store unavailable")
        return real(interview=interview, **kwargs)

    with (
        time_machine.travel(CLAIMED, tick=False),
        mock.patch.object(reminder_services, "queue_reminder_messages", queue_reminder),
    ):
        assert send_due_reminders.call() == {"sent": 2, "failed": 1}
    assert reminder_messages() == Counter({three_planned[0].pk: 1, three_planned[2].pk: 1})
    assert Reminder.objects.get(interview=failing).state == ReminderState.SENDING

    with time_machine.travel(CLAIMED + CLAIM_TIMEOUT + timedelta(seconds=2), tick=False):
        run_worker()
    assert reminder_messages() == Counter({interview.pk: 1 for interview in three_planned})


def test_an_interview_moved_after_claiming_is_recomputed_and_reminded_at_its_new_moment(alice, planned):
    with time_machine.travel(CLAIMED, tick=False):
        [reminder_id] = claim_due()
        # Moved two days on while the worker holds the claim: the reminder is "sending", so
        # the move cannot recompute it; the sender must notice.
        reschedule_interview(actor=alice, interview=planned, starts_at=MONDAY_14 + timedelta(days=2))
        assert send_reminder(reminder_id) == "recomputed"
        run_worker()
    reminder = Reminder.objects.get(pk=reminder_id)
    assert reminder.state == ReminderState.SCHEDULED
    assert reminder.due_at == SATURDAY_9 + timedelta(days=2)  # Monday 09:00 for Wednesday
    assert reminder.interview_version == Interview.objects.get(pk=planned.pk).version
    assert reminder_messages() == Counter()

    with time_machine.travel(SATURDAY_9 + timedelta(days=2, minutes=1), tick=False):
        run_worker()
        run_worker()
    [message] = Message.objects.filter(purpose=Purpose.REMINDER)
    assert "20-01-2027" in message.body_text and "18-01-2027" not in message.body_text
    assert Reminder.objects.get(pk=reminder_id).state == ReminderState.SENT


def test_details_changed_after_claiming_go_out_with_the_new_details_not_the_stale_ones(alice, planned):
    with time_machine.travel(CLAIMED, tick=False):
        [reminder_id] = claim_due()
        change_fields(actor=alice, interview=planned, changes={"location": "Keizersgracht 1, Amsterdam"})
        # The worker holding the claim goes on: the moment stays the same, so the reminder is
        # recomputed for the new version and claimed again by the same sweep, then sent.
        assert send_reminder(reminder_id) == "recomputed"
        assert send_due_reminders.call() == {"sent": 1}
        assert send_due_reminders.call() == {}
    [message] = Message.objects.filter(purpose=Purpose.REMINDER)
    assert "Keizersgracht 1, Amsterdam" in message.body_text
    assert "Dorpsstraat" not in message.body_text
    reminder = Reminder.objects.get(pk=reminder_id)
    assert reminder.state == ReminderState.SENT
    assert reminder.interview_version == Interview.objects.get(pk=planned.pk).version


def test_details_changed_when_due_but_not_yet_claimed_are_sent_not_cancelled(alice, planned):
    with time_machine.travel(CLAIMED, tick=False):  # the worker lags a minute behind 09:00
        change_fields(actor=alice, interview=planned, changes={"location": "Keizersgracht 1, Amsterdam"})
        assert Reminder.objects.get(interview=planned).state == ReminderState.SCHEDULED
        run_worker()
    [message] = Message.objects.filter(purpose=Purpose.REMINDER)
    assert "Keizersgracht 1, Amsterdam" in message.body_text


def test_an_interview_cancelled_after_claiming_cancels_the_reminder_and_sends_nothing(alice, planned):
    with time_machine.travel(CLAIMED, tick=False):
        [reminder_id] = claim_due()
        cancel_interview(actor=alice, interview=planned)
        assert send_reminder(reminder_id) == "cancelled"
        run_worker()
    with time_machine.travel(CLAIMED + CLAIM_TIMEOUT + timedelta(seconds=2), tick=False):
        run_worker()
    assert Reminder.objects.get(pk=reminder_id).state == ReminderState.CANCELLED
    assert reminder_messages() == Counter()


def test_an_interview_cancelled_before_its_moment_sends_nothing(alice, planned):
    with time_machine.travel(SATURDAY_9 - timedelta(days=1), tick=False):
        cancel_interview(actor=alice, interview=planned)
    with time_machine.travel(CLAIMED, tick=False):
        run_worker()
        assert claim_due() == []
    assert Reminder.objects.get(interview=planned).state == ReminderState.CANCELLED
    assert reminder_messages() == Counter()


def _claim_queries(now: datetime) -> tuple[int, int]:
    Reminder.objects.filter(due_at__lte=now, state=ReminderState.SENDING).update(
        state=ReminderState.SCHEDULED, claimed_at=None
    )
    with CaptureQueriesContext(connection) as queries:
        claimed = claim_due(now=now)
    return len(claimed), len(queries)


def test_the_claim_reads_what_is_due_not_everything(alice, vacancy):
    now = datetime(2027, 1, 16, 8, 1, tzinfo=UTC)
    starts_at = now + timedelta(days=2)
    make_reminders(alice, vacancy, 10, due_at=now - timedelta(minutes=1), starts_at=starts_at)
    alone = _claim_queries(now)

    # 1,000 reminders that are not due: later, or already sent or cancelled.
    make_reminders(alice, vacancy, 600, due_at=now + timedelta(days=1), starts_at=starts_at)
    make_reminders(alice, vacancy, 200, due_at=now - timedelta(days=1), starts_at=starts_at, state=ReminderState.SENT)
    make_reminders(
        alice, vacancy, 200, due_at=now - timedelta(days=1), starts_at=starts_at, state=ReminderState.CANCELLED
    )
    among_many = _claim_queries(now)

    assert alone[0] == among_many[0] == 10
    assert alone[1] == among_many[1]
