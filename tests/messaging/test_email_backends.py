"""Delivery through Django's email backends: the whole email for any backend, the fast SMTP one,
django-anymail's; tasks asked for on commit only."""

from __future__ import annotations

import email
import email.policy
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from icalendar import Calendar

from regisseur.core.env import email_config
from regisseur.messaging.delivery import deliver_due
from regisseur.messaging.models import Message, MessageState
from regisseur.messaging.services import communicate
from regisseur.messaging.tasks import sweep
from regisseur.reminders.services import set_reminder
from regisseur.responses.models import CandidateLink
from tests.conftest import make_interview, run_worker
from tests.messaging.mail import read

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def use_email_url(settings: Any, url: str, monkeypatch: Any) -> None:
    monkeypatch.setenv("EMAIL_URL", url)
    for name, value in email_config("EMAIL_URL", "console://").items():
        setattr(settings, name, value)


def test_smtp_addresses_send_through_the_fast_backend(smtp_server, settings):
    assert settings.EMAIL_BACKEND == "regisseur.messaging.backends.FastSmtpBackend"


def test_anymail_receives_subject_both_bodies_the_calendar_the_attachment_and_the_headers(
    alice, application, settings, monkeypatch
):
    use_email_url(settings, "anymail+test://", monkeypatch)
    assert settings.EMAIL_BACKEND == "anymail.backends.test.EmailBackend"
    interview = make_interview(alice, application, location="Stationsplein 1, Utrecht")
    [message] = communicate(actor=alice, interviews=[interview], audience="candidate")
    run_worker()

    [sent] = mail.outbox
    params = sent.anymail_test_params
    assert params["subject"] == message.subject and params["subject"].startswith("Uitnodiging")
    assert "Stationsplein 1, Utrecht" in params["text_body"]
    assert "Stationsplein 1, Utrecht" in params["html_body"]
    assert params["reply_to"][0].addr_spec == "alice@acme.test"
    assert params["extra_headers"]["Message-ID"] == message.message_id
    [(calendar_text, calendar_type)] = params["alternatives"]
    assert calendar_type == "text/calendar"
    assert Calendar.from_ical(calendar_text)["METHOD"] == "REQUEST"
    [attachment] = params["attachments"]
    assert (attachment.name, attachment.mimetype) == ("invite.ics", "application/ics")
    assert Calendar.from_ical(attachment.content)["METHOD"] == "REQUEST"
    # The answer link carries its token only in what is sent, never in the database.
    [url] = [word for word in params["text_body"].split() if "/r/" in word]
    assert url in params["html_body"]
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert token not in Message.objects.get().body_text
    assert CandidateLink.objects.exists()
    assert Message.objects.get().state == MessageState.SENT


def test_the_fast_backend_sends_what_djangos_own_smtp_backend_would(alice, application, smtp_server, settings):
    interview = make_interview(alice, application)
    communicate(actor=alice, interviews=[interview], audience="candidate")
    run_worker()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    Message.objects.update(state=MessageState.QUEUED, next_attempt_at=timezone.now())
    deliver_due()
    fast, plain = (read(message) for message in smtp_server.messages)
    assert (fast.subject, fast.text, fast.html, fast.method) == (plain.subject, plain.text, plain.html, plain.method)
    fast_mime, plain_mime = smtp_server.messages
    assert fast_mime["Message-ID"] == plain_mime["Message-ID"]
    assert [part.get_content_type() for part in fast_mime.walk()] == [
        part.get_content_type() for part in plain_mime.walk()
    ]
    [calendar] = [part for part in plain_mime.walk() if part.get_content_type() == "text/calendar"]
    assert calendar.get_param("method") == "REQUEST"


def test_any_email_backend_gets_the_whole_email(alice, application, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    interview = make_interview(alice, application)
    [message] = communicate(actor=alice, interviews=[interview], audience="candidate")
    run_worker()
    [sent] = mail.outbox
    assert sent.subject == message.subject
    assert sent.body.startswith(message.body_text[:40])
    assert [mimetype for _content, mimetype in sent.alternatives] == ["text/html", "text/calendar"]
    parsed = email.message_from_bytes(sent.message().as_bytes(), policy=email.policy.default)
    assert parsed["Message-ID"] == message.message_id


# --- Tasks on commit -----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_with_a_task_backend_that_runs_at_once_nothing_is_sent_before_the_commit(
    alice, application, smtp_server, settings
):
    settings.TASKS = IMMEDIATE
    interview = make_interview(alice, application)
    with transaction.atomic():
        [message] = communicate(actor=alice, interviews=[interview], audience="candidate")
        assert smtp_server.received == []  # the task has not run inside the transaction
    message.refresh_from_db()
    assert message.state == MessageState.SENT  # it ran at the commit
    assert len(smtp_server.received) == 1


@pytest.mark.django_db(transaction=True)
def test_with_a_task_backend_that_runs_at_once_a_rollback_sends_and_runs_nothing(
    alice, application, smtp_server, settings
):
    settings.TASKS = IMMEDIATE
    interview = make_interview(alice, application)
    with pytest.raises(RuntimeError), transaction.atomic():
        communicate(actor=alice, interviews=[interview], audience="candidate")
        raise RuntimeError("the request failed after communicating")
    assert not Message.objects.exists()
    assert smtp_server.received == []
    # What was committed is still delivered: nothing is lost.
    communicate(actor=alice, interviews=[interview], audience="candidate")
    assert len(smtp_server.received) == 1


@pytest.mark.django_db(transaction=True)
def test_with_a_task_backend_that_runs_at_once_a_reminder_for_later_is_not_swept_early(
    alice, application, smtp_server, settings
):
    settings.TASKS = IMMEDIATE
    interview = make_interview(alice, application)
    reminder, _warnings = set_reminder(actor=alice, interview=interview, channel="email", days_before=1)
    assert reminder is not None and reminder.state == "scheduled"
    assert smtp_server.received == []


# --- The worker's sweep ----------------------------------------------------------------------------


def test_the_sweep_brings_waiting_emails_forward_when_the_mail_server_is_back(alice, application, smtp_server):
    smtp_server.stop()
    [message] = communicate(actor=alice, interviews=[make_interview(alice, application)], audience="candidate")
    run_worker()
    message.refresh_from_db()
    assert message.state == MessageState.FAILED and message.next_attempt_at > timezone.now()
    assert sweep() is False  # the server is still away: the back-off stands
    smtp_server.start()
    assert sweep() is True
    run_worker()
    message.refresh_from_db()
    assert message.state == MessageState.SENT
    assert len(smtp_server.received) == 1


def test_a_successful_delivery_brings_the_waiting_emails_forward(alice, application, vacancy, smtp_server):
    from tests.conftest import make_application

    smtp_server.stop()
    [waiting] = communicate(actor=alice, interviews=[make_interview(alice, application)], audience="candidate")
    run_worker()
    smtp_server.start()
    later = make_interview(
        alice, make_application(vacancy, "Piet", "Jansen"), starts_at=timezone.now() + timedelta(days=5)
    )
    communicate(actor=alice, interviews=[later], audience="candidate")
    run_worker()  # the new one goes, and the one waiting out its back-off with it
    waiting.refresh_from_db()
    assert waiting.state == MessageState.SENT
    assert len(smtp_server.received) == 2


def test_the_sweep_finds_a_message_left_sending_by_a_worker_that_died(alice, application, smtp_server):
    import time_machine

    from regisseur.messaging.delivery import CLAIM_TIMEOUT

    [message] = communicate(actor=alice, interviews=[make_interview(alice, application)], audience="candidate")
    claimed_at = timezone.now()
    Message.objects.filter(pk=message.pk).update(state=MessageState.SENDING, claimed_at=claimed_at, attempts=1)
    assert sweep() is False
    with time_machine.travel(claimed_at + CLAIM_TIMEOUT + timedelta(seconds=1)):
        assert sweep() is True
        run_worker()
    message.refresh_from_db()
    assert message.state == MessageState.SENT
    assert smtp_server.messages[0]["Message-ID"] == message.message_id
