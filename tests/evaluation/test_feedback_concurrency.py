"""Two workers sweeping the feedback reminders at once remind each participant once per moment.

Real threads, each with its own PostgreSQL connection, in a transaction=True test: the
interview row lock (select_for_update(skip_locked=True)) and the unique (interview, user)
row keep them apart. SQLite runs one writer at a time, so there it is skipped.
"""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta

import pytest
import time_machine
from django.db import connection

from regisseur.evaluation.feedback import send_due_feedback_reminders
from regisseur.evaluation.models import FeedbackReminder
from regisseur.messaging.models import Message, Purpose
from tests.conftest import make_application, make_interview
from tests.evaluation.test_feedback_reminders import ENDS, PLANNED_AT, STARTS

INTERVIEWS = 30

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite has no row locks (select_for_update(skip_locked=True)) to test",
    ),
    pytest.mark.django_db(transaction=True),
]


class Sweeper(threading.Thread):
    def __init__(self, name: str, start_together: threading.Barrier) -> None:
        super().__init__(name=name)
        self.start_together = start_together
        self.counts: dict[str, int] = {}
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            connection.ensure_connection()
            self.start_together.wait(timeout=30)
            self.counts = send_due_feedback_reminders(now=ENDS + timedelta(hours=1, minutes=5))
        except BaseException as error:  # reported by the test, in the main thread
            self.error = error
        finally:
            connection.close()


def test_two_sweeps_at_once_remind_each_participant_once(alice, bob, colin, vacancy):
    with time_machine.travel(PLANNED_AT, tick=False):
        for number in range(INTERVIEWS):
            make_interview(
                alice,
                make_application(vacancy, "Kandidaat", f"Nummer{number}"),
                starts_at=STARTS,
                participants=[bob, colin],
            )

    start_together = threading.Barrier(2)
    sweepers = [Sweeper("first", start_together), Sweeper("second", start_together)]
    for sweeper in sweepers:
        sweeper.start()
    for sweeper in sweepers:
        sweeper.join(timeout=300)
    for sweeper in sweepers:
        assert sweeper.error is None, f"{sweeper.name}: {sweeper.error!r}"

    per_person = Counter(
        Message.objects.filter(purpose=Purpose.FEEDBACK_REMINDER).values_list("interview_id", "to_address")
    )
    assert len(per_person) == 2 * INTERVIEWS
    assert set(per_person.values()) == {1}
    assert FeedbackReminder.objects.filter(sent_count=1).count() == 2 * INTERVIEWS
    assert sum(sweeper.counts.get("sent", 0) for sweeper in sweepers) == 2 * INTERVIEWS
