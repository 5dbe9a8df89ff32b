"""SMS reminders through the outbox to a real HTTP gateway: once, at their moment, retried after failures."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
import time_machine

from regisseur.accounts.models import Role
from regisseur.accounts.services import create_user
from regisseur.actions.cancelling import cancel_interview
from regisseur.core.timezones import local_to_utc
from regisseur.messaging import sms_backends
from regisseur.messaging.delivery import deliver_due_sms
from regisseur.messaging.models import Channel, Message, MessageState, MessageTemplate, Purpose
from regisseur.reminders.services import set_reminder
from regisseur.responses.services import SHORT_TOKEN_LENGTH, placeholder_path
from tests.conftest import change_fields, make_interview, run_worker
from tests.messaging.test_sms_gateway import FakeMessageBird

MONDAY_14 = local_to_utc(date(2027, 1, 18), time(14, 0), "Europe/Amsterdam")
SUNDAY_9 = local_to_utc(date(2027, 1, 17), time(9, 0), "Europe/Amsterdam")


@pytest.fixture
def sam(acme):
    """A recruiter with SMS access."""
    return create_user(
        username="sam",
        password="x" * 12,
        organisation=acme,
        role=Role.RECRUITER,
        sms_access=True,
        email="sam@acme.test",
        language="en",
    )


@pytest.fixture
def planned(sam, application):
    with time_machine.travel(MONDAY_14 - timedelta(days=10), tick=False):
        return make_interview(sam, application, starts_at=MONDAY_14, location="Dorpsstraat 1, Utrecht")


@pytest.fixture
def gateway(settings: Any) -> Any:
    """A MessageBird look-alike; the app is pointed at it as SMS_URL=messagebird+http://… would."""
    server = FakeMessageBird()
    settings.SMS_URL = server.url("Acme")
    yield server
    server.stop()


def remind_by_sms(sam, planned) -> None:
    with time_machine.travel(MONDAY_14 - timedelta(days=10), tick=False):
        set_reminder(actor=sam, interview=planned, channel="sms", days_before=1)


def test_an_sms_reminder_reaches_the_gateway_once_at_its_moment(sam, planned, gateway):
    remind_by_sms(sam, planned)
    with time_machine.travel(SUNDAY_9 - timedelta(minutes=1), tick=False):
        run_worker()
    assert gateway.requests == []
    with time_machine.travel(SUNDAY_9 + timedelta(minutes=1), tick=False):
        run_worker()
        run_worker()
    [accepted] = gateway.accepted
    assert len(gateway.requests) == 1
    assert accepted["recipients"] == ["31612345678"]
    assert accepted["originator"] == "Acme"
    prefix = "Herinnering: je gesprek voor Bakker is op 18-01-2027 om 14:00, Dorpsstraat 1, Utrecht. "
    prefix += "Laat je weten of je komt? http://127.0.0.1:8000/r/"
    assert accepted["body"].startswith(prefix)
    token = accepted["body"].removeprefix(prefix).removesuffix("/")
    assert len(token) == 22  # the short link: 132 bits
    message = Message.objects.get(channel=Channel.SMS)
    assert message.state == MessageState.SENT
    assert message.attempts == 1


def test_a_failing_gateway_leaves_the_message_failed_and_it_is_sent_once_after_the_back_off(sam, planned, gateway):
    remind_by_sms(sam, planned)
    gateway.fail_next(*FakeMessageBird.error(503, 99, "Service temporarily unavailable"))
    with time_machine.travel(SUNDAY_9, tick=False):
        run_worker()
    message = Message.objects.get(channel=Channel.SMS)
    assert message.state == MessageState.FAILED
    assert "MessageBird answered 503: Service temporarily unavailable (code 99)" in message.last_error
    assert message.next_attempt_at == SUNDAY_9 + timedelta(minutes=1)
    with time_machine.travel(SUNDAY_9 + timedelta(seconds=30), tick=False):
        run_worker()
    assert gateway.accepted == []
    with time_machine.travel(SUNDAY_9 + timedelta(minutes=2), tick=False):
        run_worker()
        run_worker()
    assert len(gateway.accepted) == 1
    assert len(gateway.requests) == 2
    message.refresh_from_db()
    assert (message.state, message.attempts, message.last_error) == (MessageState.SENT, 2, "")


def test_an_unanswered_request_is_not_sent_again_by_itself(sam, planned, gateway):
    remind_by_sms(sam, planned)
    gateway.fail_next(0, None)
    with time_machine.travel(SUNDAY_9, tick=False):
        run_worker()
    with time_machine.travel(SUNDAY_9 + timedelta(hours=3), tick=False):
        run_worker()
    message = Message.objects.get(channel=Channel.SMS)
    assert message.state == MessageState.FAILED
    assert message.next_attempt_at is None
    assert "may have been sent" in message.last_error
    assert len(gateway.requests) == 1


def test_a_reminder_waiting_for_the_gateway_is_not_sent_after_the_interview_is_cancelled(sam, planned, gateway):
    remind_by_sms(sam, planned)
    gateway.fail_next(*FakeMessageBird.error(500, 99, "internal error"))
    with time_machine.travel(SUNDAY_9, tick=False):
        run_worker()
        cancel_interview(actor=sam, interview=planned)
    with time_machine.travel(SUNDAY_9 + timedelta(hours=1), tick=False):
        run_worker()
    message = Message.objects.get(channel=Channel.SMS)
    assert message.state == MessageState.FAILED
    assert "cancelled" in message.last_error
    assert gateway.accepted == []


def test_a_text_waiting_for_the_gateway_is_not_sent_with_old_details_after_a_change(sam, planned, gateway):
    remind_by_sms(sam, planned)
    gateway.fail_next(*FakeMessageBird.error(500, 99, "internal error"))
    with time_machine.travel(SUNDAY_9, tick=False):
        run_worker()
        change_fields(actor=sam, interview=planned, changes={"location": "Elders 2, Amersfoort"})
    with time_machine.travel(SUNDAY_9 + timedelta(hours=1), tick=False):
        run_worker()
    message = Message.objects.get(channel=Channel.SMS)
    assert "Dorpsstraat 1" in message.body_text  # written for the old version
    assert message.state == MessageState.FAILED
    assert message.next_attempt_at is None  # not tried again
    assert "changed after this text was written" in message.last_error  # the message log says why
    assert gateway.accepted == []


def test_a_claimed_message_is_not_sent_by_a_second_run(sam, planned, gateway):
    remind_by_sms(sam, planned)
    with time_machine.travel(SUNDAY_9, tick=False):
        run_worker()
        assert deliver_due_sms() == {"sent": 0, "failed": 0, "skipped": 0, "brought_forward": 0}
    assert len(gateway.accepted) == 1


def test_the_short_confirm_link_is_put_in_when_sending_and_opens_the_answer_page(sam, planned, gateway, client):
    MessageTemplate.objects.create(
        organisation=sam.organisation,
        purpose=Purpose.SMS_REMINDER,
        language="nl",
        name="Met link",
        subject="Herinnering",
        body="Morgen {interview_time} gesprek {vacancy_title}. Kom je? {confirmlink}",
        is_default=True,
    )
    remind_by_sms(sam, planned)
    with time_machine.travel(SUNDAY_9, tick=False):
        run_worker()
        [accepted] = gateway.accepted
        url = accepted["body"].split()[-1]
        token = url.rstrip("/").rsplit("/", 1)[1]
        assert len(token) == SHORT_TOKEN_LENGTH
        response = client.get(urlsplit(url).path)
    assert response.status_code == 200
    assert b'name="choice"' in response.content  # the four choices, not the dead link's page
    stored = Message.objects.get(channel=Channel.SMS)
    assert placeholder_path() in stored.body_text
    assert token not in stored.body_text


def test_the_console_backend_prints_the_text(sam, planned, settings, capsys):
    settings.SMS_URL = "console://"
    remind_by_sms(sam, planned)
    with time_machine.travel(SUNDAY_9, tick=False):
        run_worker()
    printed = capsys.readouterr().out
    assert "SMS to +31612345678 (1 part(s), GSM-7)" in printed
    assert "Herinnering: je gesprek voor Bakker" in printed


def test_the_locmem_backend_keeps_the_texts_in_memory(sam, planned, settings):
    settings.SMS_URL = "locmem://"
    sms_backends.outbox.clear()
    remind_by_sms(sam, planned)
    with time_machine.travel(SUNDAY_9, tick=False):
        run_worker()
    [sent] = sms_backends.outbox
    assert sent.recipient == "+31612345678"
    assert sent.body.startswith("Herinnering: je gesprek voor Bakker")
    assert Message.objects.get(channel=Channel.SMS).state == MessageState.SENT
