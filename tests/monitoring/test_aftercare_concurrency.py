"""Two workers sweeping the check-ins at once send each party's check-in exactly once.

Real threads, each with its own PostgreSQL connection, in a transaction=True test: the
interview row lock (select_for_update(skip_locked=True)) and the unique (interview,
audience) row keep them apart. SQLite runs one writer at a time, so there it is skipped.
"""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta

import pytest
import time_machine
from django.db import connection

from regisseur.messaging.models import Message, Purpose
from regisseur.monitoring.aftercare import send_due_check_ins
from regisseur.monitoring.models import CheckIn, CheckInState
from regisseur.recruitment.models import Contact
from tests.conftest import make_application, make_interview
from tests.monitoring.test_aftercare import ENDS, PLANNED_AT, STARTS

INTERVIEWS = 40

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
            self.counts = send_due_check_ins(now=ENDS + timedelta(minutes=15))
        except BaseException as error:  # reported by the test, in the main thread
            self.error = error
        finally:
            connection.close()


def test_two_sweeps_at_once_send_each_check_in_once(alice, vacancy):
    Contact.objects.create(client=vacancy.client, name="Carla Klant", email="carla@client.test")
    with time_machine.travel(PLANNED_AT, tick=False):
        for number in range(INTERVIEWS):
            make_interview(alice, make_application(vacancy, "Kandidaat", f"Nummer{number}"), starts_at=STARTS)

    start_together = threading.Barrier(2)
    sweepers = [Sweeper("first", start_together), Sweeper("second", start_together)]
    for sweeper in sweepers:
        sweeper.start()
    for sweeper in sweepers:
        sweeper.join(timeout=300)
    for sweeper in sweepers:
        assert sweeper.error is None, f"{sweeper.name}: {sweeper.error!r}"

    assert Counter(CheckIn.objects.values_list("state", flat=True)) == Counter({CheckInState.SENT: 2 * INTERVIEWS})
    per_party = Counter(
        Message.objects.filter(purpose__in=[Purpose.CHECK_IN, Purpose.CHECK_IN_CLIENT]).values_list(
            "interview_id", "purpose"
        )
    )
    assert len(per_party) == 2 * INTERVIEWS
    assert set(per_party.values()) == {1}
    sent = sum(sweeper.counts.get(CheckInState.SENT, 0) for sweeper in sweepers)
    assert sent == 2 * INTERVIEWS
