"""The outbox delivered to a real SMTP server (C7): both parts, the link, outages, never twice."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core.mail import get_connection
from django.db import OperationalError
from django.utils import timezone

from regisseur.messaging import delivery
from regisseur.messaging.backends import FastSmtpBackend
from regisseur.messaging.composition import Variant
from regisseur.messaging.delivery import CLAIM_TIMEOUT, MAX_ATTEMPTS, deliver_due
from regisseur.messaging.models import Message, MessageState
from regisseur.messaging.services import communicate, retry_message
from tests.conftest import make_application, make_interview, run_worker


def text_and_html(received: Any) -> tuple[str, str]:
    return received.get_body(("plain",)).get_content(), received.get_body(("html",)).get_content()


def test_an_email_has_a_plain_text_and_an_html_part(alice, application, smtp_server):
    interview = make_interview(alice, application, location="Stationsplein 1, Utrecht")
    communicate(actor=alice, interviews=[interview], audience="candidate")
    run_worker()
    [received] = smtp_server.messages
    assert received.get_content_type() == "multipart/mixed"
    alternatives = next(part for part in received.walk() if part.get_content_type() == "multipart/alternative")
    assert [part.get_content_type() for part in alternatives.iter_parts()] == [
        "text/plain",
        "text/html",
        "text/calendar",
    ]
    text, html = text_and_html(received)
    assert "Stationsplein 1, Utrecht" in text
    assert "Stationsplein 1, Utrecht" in html
    assert html.lstrip().startswith("<!doctype html>")
    assert received["Subject"].startswith("Uitnodiging: gesprek voor Bakker")
    assert received["Reply-To"] == "alice@acme.test"
    assert received["Message-ID"] == Message.objects.get().message_id


def test_the_confirm_link_is_in_both_parts_and_leads_to_the_answer_page(alice, application, smtp_server, client):
    interview = make_interview(alice, application)
    communicate(actor=alice, interviews=[interview], audience="candidate")
    run_worker()
    text, html = text_and_html(smtp_server.messages[0])
    [url] = [word for word in text.split() if "/r/" in word]
    assert f'href="{url}"' in html
    path = url.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200


def test_a_stopped_server_leaves_the_message_failed_and_it_is_delivered_once_after(alice, application, smtp_server):
    interview = make_interview(alice, application)
    smtp_server.stop()
    [message] = communicate(actor=alice, interviews=[interview], audience="candidate")
    run_worker()
    message.refresh_from_db()
    assert message.state == MessageState.FAILED
    assert message.public_state == "failed"
    assert message.attempts == 1
    assert message.last_error  # e.g. ConnectionRefusedError: [Errno 111] Connection refused
    assert message.next_attempt_at is not None and message.next_attempt_at > timezone.now()
    assert smtp_server.received == []

    run_worker()  # not due yet: nothing happens
    message.refresh_from_db()
    assert message.attempts == 1

    smtp_server.start()
    with time_machine.travel(message.next_attempt_at + timedelta(seconds=5)):
        run_worker()
        message.refresh_from_db()
        assert message.state == MessageState.SENT, message.last_error
        assert message.attempts == 2
        assert message.last_error == ""
        assert len(smtp_server.received) == 1
        run_worker()
    assert deliver_due(now=timezone.now() + timedelta(days=1))["sent"] == 0
    assert len(smtp_server.received) == 1


def test_failures_back_off_and_stop_after_the_last_attempt(alice, application, smtp_server):
    smtp_server.stop()
    [message] = communicate(actor=alice, interviews=[make_interview(alice, application)], audience="candidate")
    now = timezone.now()
    waits = []
    for _attempt in range(MAX_ATTEMPTS):
        deliver_due(now=now)
        message.refresh_from_db()
        if message.next_attempt_at is None:
            break
        waits.append(message.next_attempt_at - now)
        now = message.next_attempt_at
    assert message.attempts == MAX_ATTEMPTS
    assert message.state == MessageState.FAILED
    assert message.next_attempt_at is None  # given up: only a recruiter's retry sends it
    assert waits[:4] == [timedelta(minutes=minutes) for minutes in (1, 2, 4, 8)]
    smtp_server.start()
    retry_message(actor=alice, message=message)
    run_worker()
    message.refresh_from_db()
    assert message.state == MessageState.SENT
    assert len(smtp_server.received) == 1


def test_two_delivery_runs_never_send_a_message_twice(alice, application, vacancy, smtp_server):
    interviews = [
        make_interview(alice, application),
        make_interview(alice, make_application(vacancy, "Piet", "Jansen")),
    ]
    communicate(actor=alice, interviews=interviews, audience="candidate")
    first = deliver_due()
    second = deliver_due()
    assert first == {"sent": 2, "failed": 0, "skipped": 0, "brought_forward": 0}
    assert second == {"sent": 0, "failed": 0, "skipped": 0, "brought_forward": 0}
    run_worker()
    assert len(smtp_server.received) == 2
    assert sorted(rcpt for _sender, (rcpt,) in smtp_server.envelopes) == [
        "piet.jansen@example.test",
        "sanne.bakker@example.test",
    ]


def test_a_message_claimed_by_another_worker_is_skipped(alice, application, smtp_server):
    [message] = communicate(actor=alice, interviews=[make_interview(alice, application)], audience="candidate")
    now = timezone.now()
    # Another worker claims it between this run's selection and its own claim.
    assert delivery._claim(message, now)
    assert (message.state, message.attempts) == (MessageState.SENDING, 1)
    assert not delivery._claim(Message.objects.get(pk=message.pk), now)
    assert deliver_due(now=now) == {"sent": 0, "failed": 0, "skipped": 0, "brought_forward": 0}
    assert smtp_server.received == []
    message.refresh_from_db()
    assert (message.state, message.attempts) == (MessageState.SENDING, 1)


def test_a_message_stuck_in_sending_past_the_claim_timeout_is_tried_again(alice, application, smtp_server):
    [message] = communicate(actor=alice, interviews=[make_interview(alice, application)], audience="candidate")
    claimed_at = timezone.now()
    Message.objects.filter(pk=message.pk).update(state=MessageState.SENDING, claimed_at=claimed_at, attempts=1)
    assert deliver_due(now=claimed_at + CLAIM_TIMEOUT - timedelta(seconds=1))["sent"] == 0
    assert smtp_server.received == []
    assert deliver_due(now=claimed_at + CLAIM_TIMEOUT + timedelta(seconds=1))["sent"] == 1
    message.refresh_from_db()
    assert message.state == MessageState.SENT
    assert message.attempts == 2
    assert len(smtp_server.received) == 1
    # The repeat keeps its Message-ID, so a receiving server can recognise it.
    assert smtp_server.messages[0]["Message-ID"] == message.message_id


def test_nothing_is_sent_when_the_transaction_is_rolled_back(alice, application, smtp_server):
    from django.db import transaction

    interview = make_interview(alice, application)
    try:
        with transaction.atomic():
            communicate(actor=alice, interviews=[interview], audience="candidate")
            raise RuntimeError("the request failed after communicating")
    except RuntimeError:
        pass
    run_worker()
    assert not Message.objects.exists()
    assert smtp_server.received == []


# --- Sending in two steps (FastSmtpBackend) ------------------------------------------------------


def three_invitations(alice: Any, vacancy: Any) -> list[Message]:
    interviews = [
        make_interview(
            alice, make_application(vacancy, first, "Jansen"), starts_at=timezone.now() + timedelta(days=n + 1)
        )
        for n, first in enumerate(["Piet", "Kees", "Anna"])
    ]
    messages = communicate(actor=alice, interviews=interviews, audience="candidate")
    return sorted(messages, key=lambda message: message.pk)


def test_an_email_begun_and_dropped_never_arrives_and_the_next_one_does(alice, vacancy, smtp_server):
    first, second, _third = three_invitations(alice, vacancy)
    backend = get_connection(fail_silently=False)
    assert isinstance(backend, FastSmtpBackend)
    backend.open()
    backend.begin_message(delivery.build_email(first))
    backend.abort_message()  # as a worker does when it stops before handing the email over
    backend.begin_message(delivery.build_email(second))  # on a new connection
    backend.finish_message()
    backend.close()
    assert [message["Message-ID"] for message in smtp_server.messages] == [second.message_id]


def test_a_line_that_starts_with_a_dot_arrives_as_it_was_written(alice, application, smtp_server):
    interview = make_interview(alice, application)
    communicate(
        actor=alice,
        interviews=[interview],
        audience="candidate",
        variants={"nl": Variant("Uitnodiging", "Beste Sanne,\n.\n...en tot ziens.\n.net is geen taal.")},
    )
    run_worker()
    text, _html = text_and_html(smtp_server.messages[0])
    assert "\n.\n...en tot ziens.\n.net is geen taal." in text.replace("\r\n", "\n")


def test_a_worker_that_fails_mid_run_hands_over_no_half_email_and_its_claims_run_out(
    alice, vacancy, smtp_server, monkeypatch
):
    first, second, third = three_invitations(alice, vacancy)
    record = delivery._mark_and_claim
    calls = []

    def database_gone_on_the_third_commit(*args: Any) -> bool:
        calls.append(args)
        if len(calls) == 3:  # marking the first sent (and claiming the third): the database is gone
            raise OperationalError("the database went away")
        return record(*args)

    monkeypatch.setattr(delivery, "_mark_and_claim", database_gone_on_the_third_commit)
    now = timezone.now()
    with pytest.raises(OperationalError):
        deliver_due(now=now)
    # The first was accepted (its mark was lost with the database); the second was begun
    # but never handed over: the server dropped it.
    assert [message["Message-ID"] for message in smtp_server.messages] == [first.message_id]
    assert Message.objects.get(pk=second.pk).state == MessageState.SENDING
    assert Message.objects.get(pk=third.pk).state == MessageState.QUEUED

    monkeypatch.setattr(delivery, "_mark_and_claim", record)
    assert deliver_due(now=now)["sent"] == 1  # the third; the others wait for their claims to run out
    deliver_due(now=now + CLAIM_TIMEOUT + timedelta(seconds=1))
    received = [message["Message-ID"] for message in smtp_server.messages]
    assert sorted(received) == sorted([first.message_id, first.message_id, second.message_id, third.message_id])
    assert set(Message.objects.values_list("state", flat=True)) == {MessageState.SENT}
