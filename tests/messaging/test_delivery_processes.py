"""The outbox under faults, with real `regisseur worker` processes and a real SMTP server.

A worker killed with SIGKILL in the middle of 300 emails, and a mail server that is
away for a while: every email arrives, once (counted by Message-ID at the server).
PostgreSQL only: the worker processes need the test database, which an in-memory
SQLite database is not to another process. Loopback only; every wait is bounded.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from regisseur.actions.planning import plan_interviews
from regisseur.interviews.planning import Planning
from regisseur.messaging.models import Message, MessageState
from regisseur.messaging.services import communicate
from regisseur.recruitment.models import Application, Candidate
from tests.conftest import SmtpSink

pytestmark = pytest.mark.django_db(transaction=True)

EMAILS = 300
# Short, so that a test waits seconds rather than the production's ten minutes; but longer
# than any message is held at the gate below, as the production's is longer than the SMTP
# timeout: a send that outlasts its claim may be taken over (and sent twice) by design.
CLAIM_SECONDS = 10


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: worker processes cannot share the in-memory SQLite test database")


class GatedSink(SmtpSink):
    """An SMTP server that can hold every message before accepting it (`close_gate`).

    A held message is accepted (and counted) only when the gate opens again; when its
    sender dies first, the server drops the half-received message, as a real one does.
    """

    def __init__(self) -> None:
        super().__init__()
        self.gate_closed = False
        self.held = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.gate_closed:
            self.held += 1
            try:
                while self.gate_closed:
                    await asyncio.sleep(0.01)  # cancelled when the client goes away
            finally:
                self.held -= 1
        return await super().handle_DATA(server, session, envelope)

    def message_ids(self) -> Counter[str]:
        return Counter(str(message["Message-ID"]) for message in self.messages)


@pytest.fixture
def sink() -> Iterator[GatedSink]:
    server = GatedSink()
    server.start()
    yield server
    server.gate_closed = False
    server.stop()


@pytest.fixture
def start_worker(sink: GatedSink, tmp_path: Path) -> Iterator[Callable[[], subprocess.Popen[bytes]]]:
    """Start `regisseur worker` processes on the test database, pointed at the sink."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    database_url = urlunsplit((parts.scheme, parts.netloc, "/" + connection.settings_dict["NAME"], "", ""))
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}",
        "SECRET_KEY": settings.SECRET_KEY,
        "REGISSEUR_VAR_DIR": str(tmp_path),
        "OUTBOX_CLAIM_SECONDS": str(CLAIM_SECONDS),
        "OUTBOX_SWEEP_SECONDS": "1",
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    processes: list[subprocess.Popen[bytes]] = []
    logs: list[Any] = []

    def start() -> subprocess.Popen[bytes]:
        log = (tmp_path / f"worker-{len(processes)}.log").open("wb")
        logs.append(log)
        process = subprocess.Popen(
            [sys.executable, "-m", "regisseur.cli", "worker", "--interval", "0.2"],
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        processes.append(process)
        return process

    yield start
    for process in processes:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
    for log in logs:
        log.close()


def wait_for(condition: Callable[[], bool], *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {seconds} s waiting for {what}")
        time.sleep(0.05)


def queue_invitations(alice: Any, vacancy: Any) -> list[Message]:
    """One interview each for EMAILS candidates, and their invitations in the outbox."""
    candidates = Candidate.objects.bulk_create(
        Candidate(organisation=alice.organisation, first_name=f"Kandidaat{n}", last_name="Test", email=f"k{n}@x.test")
        for n in range(EMAILS)
    )
    applications = Application.objects.bulk_create(
        Application(candidate=candidate, vacancy=vacancy) for candidate in candidates
    )
    starts_at = (timezone.now() + timedelta(days=60)).replace(minute=0, second=0, microsecond=0)
    interviews = plan_interviews(
        actor=alice,
        applications=applications,
        planning=Planning(starts_at=starts_at, duration_minutes=30, location="Kamer 1"),
        as_group=False,
        spacing_minutes=30,
    ).interviews
    return communicate(actor=alice, interviews=interviews, audience="candidate")


def test_a_worker_killed_mid_batch_loses_nothing_and_sends_nothing_twice(alice, vacancy, sink, start_worker):
    first, second = start_worker(), start_worker()
    queue_invitations(alice, vacancy)
    wait_for(lambda: len(sink.received) >= 60, seconds=60, what="the workers to start delivering")
    # Hold every message at the server: each worker ends up with one in flight.
    sink.gate_closed = True
    wait_for(lambda: sink.held == 2, seconds=30, what="both workers to have a message in flight")
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    sink.gate_closed = False
    assert len(sink.received) < EMAILS  # killed in the middle of the batch
    start_worker()

    wait_for(lambda: len(sink.message_ids()) == EMAILS, seconds=120, what="every email to arrive")
    time.sleep(CLAIM_SECONDS + 2)  # long enough for a wrongly repeated send to show
    received = sink.message_ids()
    assert second.poll() is None
    assert set(received) == set(Message.objects.values_list("message_id", flat=True))  # 0 lost
    assert [message_id for message_id, count in received.items() if count > 1] == []  # 0 twice
    assert Message.objects.filter(state=MessageState.SENT).count() == EMAILS


def test_after_an_outage_every_email_arrives_once_within_a_minute_of_the_servers_return(
    alice, vacancy, sink, start_worker
):
    sink.stop()
    start_worker()
    start_worker()
    queue_invitations(alice, vacancy)
    wait_for(
        lambda: Message.objects.filter(state=MessageState.FAILED).count() == EMAILS,
        seconds=120,
        what="every email to have failed once",
    )
    time.sleep(3)  # the server stays away a little longer
    first_retry = min(Message.objects.values_list("next_attempt_at", flat=True))
    sink.start()
    back_at = time.monotonic()
    wait_for(lambda: len(sink.message_ids()) == EMAILS, seconds=60, what="every email to arrive after the outage")
    delay = time.monotonic() - back_at
    time.sleep(2)
    received = sink.message_ids()
    assert set(received) == set(Message.objects.values_list("message_id", flat=True))  # 0 lost
    assert [message_id for message_id, count in received.items() if count > 1] == []  # 0 twice
    assert delay < 60
    # Brought forward: delivered before the back-off would have let the first one go.
    assert timezone.now() < first_retry
