"""Reminders go out once, at their moment, with the interview's current details (M2, M4, M7)."""

from datetime import date, time, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regisseur.accounts.models import Role
from regisseur.accounts.services import create_user
from regisseur.actions.cancelling import cancel_interview
from regisseur.actions.changes import reschedule_interview
from regisseur.core.errors import ServiceError
from regisseur.core.timezones import local_to_utc
from regisseur.messaging.models import Channel, Message, Purpose
from regisseur.reminders.models import ReminderState
from regisseur.reminders.services import send_due_reminders, set_reminder
from tests.conftest import make_application, make_interview, run_worker

MONDAY_14 = local_to_utc(date(2027, 1, 18), time(14, 0), "Europe/Amsterdam")
SATURDAY_9 = local_to_utc(date(2027, 1, 16), time(9, 0), "Europe/Amsterdam")


@pytest.fixture
def planned(alice, application):
    with time_machine.travel(MONDAY_14 - timedelta(days=10), tick=False):
        return make_interview(alice, application, starts_at=MONDAY_14)


@pytest.fixture
def sam(acme):
    return create_user(
        username="sam",
        password="x" * 12,
        organisation=acme,
        role=Role.RECRUITER,
        sms_access=True,
        email="sam@acme.test",
        language="en",
    )


def test_an_email_reminder_two_days_before_a_monday_goes_out_on_saturday_at_nine_once(alice, planned, smtp_server):
    with time_machine.travel(MONDAY_14 - timedelta(days=10), tick=False):
        reminder, warnings = set_reminder(actor=alice, interview=planned, channel="email", days_before=2)
    assert reminder.due_at == SATURDAY_9 and warnings == []
    with time_machine.travel(SATURDAY_9 - timedelta(minutes=1), tick=False):
        run_worker()
    assert smtp_server.messages == []
    with time_machine.travel(SATURDAY_9 + timedelta(minutes=1), tick=False):
        run_worker()
        run_worker()
    reminder.refresh_from_db()
    assert reminder.state == ReminderState.SENT
    [received] = smtp_server.messages
    assert received["To"].addresses[0].addr_spec == planned.application.candidate.email
    assert Message.objects.filter(purpose=Purpose.REMINDER).count() == 1


def test_too_close_is_refused_with_the_reason(alice, planned):
    with time_machine.travel(MONDAY_14 - timedelta(days=2), tick=False), pytest.raises(ServiceError) as refused:
        set_reminder(actor=alice, interview=planned, channel="email", days_before=3)
    assert refused.value.code == "reminder_too_late"


def test_sms_needs_sms_access_and_warns_without_a_mobile(alice, sam, planned):
    with time_machine.travel(MONDAY_14 - timedelta(days=10), tick=False):
        with pytest.raises(ServiceError) as refused:
            set_reminder(actor=alice, interview=planned, channel="sms", days_before=1)
        assert refused.value.code == "sms_not_allowed"
        candidate = planned.application.candidate
        candidate.mobile = ""
        candidate.save()
        reminder, warnings = set_reminder(actor=sam, interview=planned, channel="email_sms", days_before=1)
    assert [w.code for w in warnings] == ["candidate_has_no_mobile"]
    assert reminder.sms_skipped_reason


def test_rescheduling_moves_the_reminder_and_cancelling_cancels_it(alice, planned, smtp_server):
    with time_machine.travel(MONDAY_14 - timedelta(days=10), tick=False):
        reminder, _ = set_reminder(actor=alice, interview=planned, channel="email", days_before=1)
        reschedule_interview(actor=alice, interview=planned, starts_at=MONDAY_14 + timedelta(days=2))
        reminder.refresh_from_db()
        assert reminder.due_at == SATURDAY_9 + timedelta(days=3)  # moved to Wednesday: Tuesday 09:00
        cancel_interview(actor=alice, interview=planned)
    reminder.refresh_from_db()
    assert reminder.state == ReminderState.CANCELLED
    with time_machine.travel(MONDAY_14 + timedelta(days=2), tick=False):
        run_worker()
    assert not Message.objects.filter(purpose=Purpose.REMINDER).exists()


def test_an_sms_reminder_is_queued_for_the_mobile(sam, planned):
    with time_machine.travel(MONDAY_14 - timedelta(days=10), tick=False):
        set_reminder(actor=sam, interview=planned, channel="sms", days_before=1)
    with time_machine.travel(MONDAY_14 - timedelta(hours=20), tick=False):
        run_worker()
    [sms] = Message.objects.filter(channel=Channel.SMS)
    assert sms.to_address == planned.application.candidate.mobile
    assert "18-01-2027" in sms.body_text


def test_a_sweep_reads_the_template_and_profile_once_and_asks_for_delivery_once(
    alice, vacancy, smtp_server, django_capture_on_commit_callbacks
):
    with time_machine.travel(MONDAY_14 - timedelta(days=10), tick=False):
        interviews = [
            make_interview(
                alice, make_application(vacancy, f"Kandidaat{n}", "Jansen"), starts_at=MONDAY_14 + timedelta(hours=n)
            )
            for n in range(4)
        ]
        for interview in interviews:
            set_reminder(actor=alice, interview=interview, channel="email", days_before=2)
    with time_machine.travel(SATURDAY_9 + timedelta(minutes=1), tick=False):
        with CaptureQueriesContext(connection) as seen, django_capture_on_commit_callbacks(execute=True) as asked:
            assert send_due_reminders.call() == {"sent": 4}
        run_worker()
    statements = [query["sql"] for query in seen.captured_queries]
    assert sum('FROM "messaging_messagetemplate"' in sql for sql in statements) == 1
    assert sum('FROM "messaging_htmlprofile"' in sql for sql in statements) == 1
    # The claim's own retry sweep and one request to deliver: not one per reminder.
    assert len(asked) == 2
    assert len(smtp_server.messages) == 4
