"""Messaging benchmarks (issue 3), run by bench/run.py after Django is set up and the database seeded.

- bulk_invite_500_queue_s: plan one interview each for 500 selected candidates (mixed nl/en),
  45 minutes apart in one room, and queue their invitations, as the bulk "invite for interview" does;
- delivery_msgs_per_s: those 500 messages delivered by the worker's task to a local aiosmtpd server
  (its own process; best of 3 rounds);
- delivery_ratio: that rate divided by plain smtplib sending the same rendered messages to the
  same server over one connection;
- delivery_after_outage_s: 300 of them queued while the mail server is down (each fails once and
  waits out its back-off), a real `regisseur worker` running with its default settings; the
  seconds from the server's return to the last of the 300 delivered.
"""

from __future__ import annotations

import os
import smtplib
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone

from regisseur.accounts.models import User
from regisseur.actions.planning import plan_interviews
from regisseur.core.env import email_config
from regisseur.interviews.planning import Planning
from regisseur.messaging.delivery import build_email
from regisseur.messaging.models import Message, MessageState
from regisseur.messaging.services import communicate
from regisseur.messaging.tasks import deliver_outbox
from regisseur.recruitment.models import Application, ApplicationStage, Candidate, Client, Vacancy

SELECTED = 500
ROUNDS = 3

Report = Callable[..., None]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def _selected_applications(recruiter: User) -> list[Application]:
    client = Client.objects.create(organisation_id=recruiter.organisation_id, name="Bulk Client")
    vacancy = Vacancy.objects.create(client=client, title="Bulk vacancy", status="published")
    candidates = Candidate.objects.bulk_create(
        Candidate(
            organisation_id=recruiter.organisation_id,
            first_name=f"Bulk{n}",
            last_name=f"Candidate{n}",
            email=f"bulk{n}@example.org",
            language="en" if n % 3 == 0 else "nl",
        )
        for n in range(SELECTED)
    )
    Application.objects.bulk_create(
        Application(candidate=candidate, vacancy=vacancy, stage=ApplicationStage.INTERVIEW) for candidate in candidates
    )
    # As the bulk action loads the selection: one query, with what the planning and the messages read.
    return list(
        Application.objects.filter(vacancy=vacancy).select_related("candidate", "vacancy__client").order_by("id")
    )


def bench_bulk_invite(recruiter: User, report: Report) -> list[Message]:
    applications = _selected_applications(recruiter)
    starts_at = (timezone.now() + timedelta(days=120)).replace(minute=0, second=0, microsecond=0)
    started = time.perf_counter()
    interviews = plan_interviews(
        actor=recruiter,
        applications=applications,
        planning=Planning(starts_at=starts_at, duration_minutes=45, location="Street 1, City"),
        as_group=False,
        spacing_minutes=45,  # one room: 500 at once would be 499 clashes (P5)
    ).interviews
    messages = communicate(actor=recruiter, interviews=interviews, audience="candidate")
    elapsed = time.perf_counter() - started
    assert len(messages) == SELECTED, len(messages)
    languages = {message.language for message in messages}
    print(f"planned {len(interviews)} interviews, queued {len(messages)} invitations ({sorted(languages)})")
    report("bulk_invite_500_queue_s", elapsed, "s", goal=10)
    return messages


def _point_mail_at(port: int) -> None:
    for name, value in email_config("BENCH_EMAIL_URL", f"smtp://127.0.0.1:{port}").items():
        setattr(settings, name, value)


def _start_server(port: int) -> subprocess.Popen[bytes]:
    """aiosmtpd in its own process, as a mail server is: in this process it would compete for the GIL
    with the worker's rendering, which plain smtplib (blocked on the socket) never does."""
    server = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Sink", "-l", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            if time.monotonic() > deadline:
                server.kill()
                raise
            time.sleep(0.05)


def _worker_seconds(messages: list[Message]) -> float | None:
    """Queue the messages (again) and time the worker's task delivering them; None when it failed."""
    ids = [message.pk for message in messages]
    Message.objects.filter(pk__in=ids).update(
        state=MessageState.QUEUED, next_attempt_at=timezone.now(), attempts=0, sent_at=None, claimed_at=None
    )
    started = time.perf_counter()
    totals = deliver_outbox.call()
    elapsed = time.perf_counter() - started
    sent = Message.objects.filter(pk__in=ids, state=MessageState.SENT).count()
    if sent != len(ids):
        print(f"BENCH delivery failed: {totals}, {sent} of {len(ids)} marked sent")
        return None
    return elapsed


def _plain_seconds(rendered: list[tuple[str, str, bytes]], port: int) -> float:
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for sender, recipient, raw in rendered:
            refused = smtp.sendmail(sender, [recipient], raw)
            assert not refused, refused
    return time.perf_counter() - started


def bench_delivery(messages: list[Message], report: Report) -> bool:
    port = _free_port()
    server = _start_server(port)
    try:
        _point_mail_at(port)
        # Rendered exactly as Django's SMTP backend renders them (CRLF line ends, which the
        # already CRLF-folded calendar part needs: with "\n" its lines run together).
        rendered = [
            (message.from_address, message.to_address, build_email(message).message().as_bytes(linesep="\r\n"))
            for message in Message.objects.filter(pk__in=[m.pk for m in messages]).order_by("id")
        ]
        # Alternating rounds, best of each: the machine's other load hits both alike.
        worker_times, plain_times = [], []
        for _round in range(ROUNDS):
            elapsed = _worker_seconds(messages)
            if elapsed is None:
                return False
            worker_times.append(elapsed)
            plain_times.append(_plain_seconds(rendered, port))
    finally:
        server.terminate()
        server.wait(timeout=10)
    worker_rate = len(messages) / min(worker_times)
    plain_rate = len(rendered) / min(plain_times)
    print(
        f"worker {worker_rate:.0f} msgs/s, plain smtplib {plain_rate:.0f} msgs/s "
        f"(best of {ROUNDS} rounds, {connection.vendor})"
    )
    report("delivery_msgs_per_s", worker_rate, "msgs/s", goal=100, comparison=">=")
    report("delivery_ratio", worker_rate / plain_rate, "ratio", goal=0.5, comparison=">=")
    return True


OUTAGE_MESSAGES = 300


def _start_worker(port: int) -> subprocess.Popen[bytes]:
    environment = {
        **os.environ,
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "SECRET_KEY": settings.SECRET_KEY,
    }
    environment.pop("OUTBOX_SWEEP_SECONDS", None)  # the default, as in production
    environment.pop("OUTBOX_CLAIM_SECONDS", None)
    return subprocess.Popen(
        [sys.executable, "-m", "regisseur.cli", "worker"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def bench_outage(messages: list[Message], report: Report) -> bool:
    ids = [message.pk for message in messages[:OUTAGE_MESSAGES]]
    port = _free_port()  # nothing listens there yet: the server is down
    _point_mail_at(port)
    Message.objects.filter(pk__in=ids).update(
        state=MessageState.QUEUED, next_attempt_at=timezone.now(), attempts=0, sent_at=None, claimed_at=None
    )
    deliver_outbox.call()
    failed = Message.objects.filter(pk__in=ids, state=MessageState.FAILED, next_attempt_at__isnull=False).count()
    if failed != len(ids):
        print(f"BENCH outage: {failed} of {len(ids)} failed while the server was down")
        return False
    worker = _start_worker(port)
    server = None
    try:
        time.sleep(5)  # the worker is up and has swept once, finding the server still down
        server = _start_server(port)
        back_at = time.perf_counter()
        deadline = back_at + 300
        while Message.objects.filter(pk__in=ids, state=MessageState.SENT).count() < len(ids):
            if time.perf_counter() > deadline:
                print("BENCH outage: not every message was delivered within 300 s")
                return False
            time.sleep(0.05)
        elapsed = time.perf_counter() - back_at
    finally:
        worker.terminate()
        worker.wait(timeout=20)
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
    print(f"{len(ids)} messages waiting out their back-off delivered {elapsed:.1f} s after the server's return")
    report("delivery_after_outage_s", elapsed, "s", goal=60)
    return True


def bench_messaging(recruiter: User, report: Report) -> bool:
    messages = bench_bulk_invite(recruiter, report)
    return bench_delivery(messages, report) and bench_outage(messages, report)
