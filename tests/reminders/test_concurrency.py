"""Two workers sweeping 1,000 due reminders at once send each exactly once (M7).

Real threads, each with its own PostgreSQL connection, in a transaction=True test: the claim's
`select_for_update(skip_locked=True)` is what keeps them apart. SQLite has no row locks (it
runs one writer at a time), so there the test is skipped.
"""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from regisseur.messaging.models import Message, Purpose
from regisseur.reminders.models import Reminder, ReminderState
from regisseur.reminders.services import claim_due, send_reminder
from tests.reminders.test_sweep import make_reminders

REMINDERS = 1_000
# Small claims, so that the two workers take turns; the task claims up to 5,000 at a time.
BATCH = 25

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite has no row locks (select_for_update(skip_locked=True)) to test",
    ),
    pytest.mark.django_db(transaction=True),
]


class Worker(threading.Thread):
    """The sweep of services.send_due_reminders (claim, then send each), on its own connection."""

    def __init__(self, name: str, start_together: threading.Barrier) -> None:
        super().__init__(name=name)
        self.start_together = start_together
        self.claimed: list[int] = []
        self.outcomes: Counter[str] = Counter()
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            connection.ensure_connection()  # this thread's own connection, before the start
            self.start_together.wait(timeout=30)
            while ids := claim_due(limit=BATCH):
                self.claimed += ids
                for reminder_id in ids:
                    self.outcomes[send_reminder(reminder_id)] += 1
        except BaseException as error:  # reported by the test, in the main thread
            self.error = error
        finally:
            connection.close()


def test_two_workers_send_each_of_1000_due_reminders_exactly_once(alice, vacancy):
    now = timezone.now()
    reminders = make_reminders(
        alice, vacancy, REMINDERS, due_at=now - timedelta(minutes=5), starts_at=now + timedelta(days=3)
    )
    interview_ids = {reminder.interview_id for reminder in reminders}

    start_together = threading.Barrier(2)
    workers = [Worker("first", start_together), Worker("second", start_together)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
    assert not any(worker.is_alive() for worker in workers), "a worker did not finish"
    for worker in workers:
        assert worker.error is None, f"{worker.name}: {worker.error!r}"

    first, second = workers
    # No reminder was claimed twice, and between them the workers claimed and sent all of them.
    assert not set(first.claimed) & set(second.claimed)
    assert len(first.claimed) + len(second.claimed) == REMINDERS
    assert first.outcomes + second.outcomes == Counter({"sent": REMINDERS})
    # Both took part: the claim skipped what the other worker had locked.
    assert first.claimed and second.claimed, (len(first.claimed), len(second.claimed))

    per_interview = Counter(Message.objects.filter(purpose=Purpose.REMINDER).values_list("interview_id", flat=True))
    assert set(per_interview) == interview_ids
    assert set(per_interview.values()) == {1}
    assert Counter(Reminder.objects.values_list("state", flat=True)) == Counter({ReminderState.SENT: REMINDERS})
