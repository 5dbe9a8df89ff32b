"""Feedback reminders (issue 11, item 4): one hour after the end, then each working day at 09:00, up to five days."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st

from regisseur.accounts.models import User
from regisseur.actions.cancelling import cancel_interview
from regisseur.actions.monitoring import record_day_outcome
from regisseur.core.timezones import AMSTERDAM, get_zone, local_to_utc
from regisseur.evaluation.feedback import feedback_reminders_need_sweep
from regisseur.evaluation.feedback_times import reminder_moments
from regisseur.evaluation.models import Evaluation, FeedbackReminder
from regisseur.evaluation.tasks import sweep_feedback_reminders
from regisseur.interviews.models import Interview
from regisseur.messaging.models import Message, Purpose
from regisseur.monitoring.board import SCOPE_ALL, board, board_item
from regisseur.recruitment.models import Application, Contact
from tests.conftest import make_application, make_interview, run_worker

ZONE = get_zone(AMSTERDAM)

# --- The moments, as a pure rule -----------------------------------------------------------------

# Around the changes of 2026-2028 (last Sundays of March and October) and ordinary weeks.
ends = st.datetimes(
    min_value=datetime(2026, 3, 20),
    max_value=datetime(2028, 11, 5),
    timezones=st.just(UTC),
).map(lambda moment: moment.replace(second=0, microsecond=0))
around_changes = st.sampled_from(
    [date(2026, 3, 29), date(2026, 10, 25), date(2027, 3, 28), date(2027, 10, 31)]
).flatmap(
    lambda day: st.integers(min_value=-4 * 24 * 60, max_value=4 * 24 * 60).map(
        lambda minutes: datetime.combine(day, time(3, 0), tzinfo=UTC) + timedelta(minutes=minutes)
    )
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(ends, around_changes))
def test_the_reminder_moments_follow_the_working_days(end: datetime) -> None:
    moments = reminder_moments(end)

    assert len(moments) == 6
    assert moments[0] == end + timedelta(hours=1)
    assert moments == sorted(moments) and len(set(moments)) == 6
    later = [moment.astimezone(ZONE) for moment in moments[1:]]
    # Each later one at 09:00 on the Amsterdam clock, on a weekday, on consecutive working days after the end's day.
    assert all(local.time() == time(9, 0) and local.weekday() < 5 for local in later)
    end_day = end.astimezone(ZONE).date()
    expected, day = [], end_day
    while len(expected) < 5:
        day += timedelta(days=1)
        if day.weekday() < 5:
            expected.append(day)
    assert [local.date() for local in later] == expected
    assert all(moment.tzinfo is not None and moment.utcoffset() == timedelta(0) for moment in moments)
    assert moments[-1] - end <= timedelta(days=8)


def test_a_friday_interview_before_the_clocks_change_is_reminded_on_monday_at_nine_summer_time() -> None:
    friday_end = local_to_utc(date(2027, 3, 26), time(16, 0), AMSTERDAM)

    moments = reminder_moments(friday_end)

    assert moments[0] == friday_end + timedelta(hours=1)
    # Monday 29 March is in summer time: 09:00 there is 07:00 UTC (on Friday 09:00 was 08:00 UTC).
    assert moments[1] == datetime(2027, 3, 29, 7, 0, tzinfo=UTC)
    assert [moment.astimezone(ZONE).day for moment in moments[1:]] == [29, 30, 31, 1, 2]


def test_the_autumn_change_keeps_nine_on_the_clock() -> None:
    friday_end = local_to_utc(date(2027, 10, 29), time(11, 0), AMSTERDAM)

    moments = reminder_moments(friday_end)

    assert moments[1] == datetime(2027, 11, 1, 8, 0, tzinfo=UTC)  # winter time: UTC+1


# --- The sweep, over a real mail server -----------------------------------------------------------

pytestmark_db = pytest.mark.django_db

# Thursday 25 March 2027, 14:00-15:00 in Amsterdam; the clocks change on Sunday 28 March.
STARTS = local_to_utc(date(2027, 3, 25), time(14, 0), AMSTERDAM)
ENDS = STARTS + timedelta(hours=1)
PLANNED_AT = STARTS - timedelta(days=10)


@pytest.fixture
def panel(bob: User, cora: User, hank: User, manager: Contact) -> dict[str, User]:
    for user, address in ((cora, "cora@acme.test"), (hank, "hank@acme.test")):
        user.email = address
        user.save(update_fields=["email"])
    return {"bob": bob, "cora": cora, "hank": hank}


@pytest.fixture
def interview(alice: User, application: Application, panel: dict[str, User]) -> Interview:
    with time_machine.travel(PLANNED_AT, tick=False):
        return make_interview(
            alice,
            application,
            starts_at=STARTS,
            location="Dorpsstraat 1, Utrecht",
            kind="both",
            participants=[panel["bob"]],
            committee_members=[Contact.objects.get(user=panel["cora"])],
        )


def sweep(at: datetime) -> None:
    """What the worker does every few seconds: enqueue the feedback sweep when there is work, run it."""
    with time_machine.travel(at, tick=False):
        if feedback_reminders_need_sweep():
            sweep_feedback_reminders.enqueue()
        run_worker()


def reminded(smtp_server: Any) -> list[str]:
    """Who received a feedback reminder, in the order they arrived."""
    return [
        message["To"].addresses[0].addr_spec
        for message in smtp_server.messages
        if message["Subject"].startswith(("Je feedback", "Your feedback"))
    ]


def submit(interview: Interview, user: User, at: datetime) -> Evaluation:
    return Evaluation.objects.create(
        interview=interview, author=user, recommendation="yes", strengths="Sterk", submitted_at=at
    )


PANEL = ["bob@acme.test", "cora@acme.test", "hank@acme.test"]


@pytestmark_db
def test_every_panel_member_is_reminded_once_per_moment(interview, smtp_server):
    sweep(ENDS + timedelta(minutes=59))
    assert reminded(smtp_server) == []

    sweep(ENDS + timedelta(hours=1))
    sweep(ENDS + timedelta(hours=1, minutes=1))  # a second sweep sends nothing again
    assert sorted(reminded(smtp_server)) == PANEL

    message = next(m for m in smtp_server.messages if m["To"].addresses[0].addr_spec == "bob@acme.test")
    text = message.get_body(("plain",)).get_content()
    assert message["Subject"] == "Je feedback op het gesprek met Sanne Bakker"
    assert "Je hebt nog geen feedback gegeven op het gesprek met Sanne Bakker" in text
    assert f"http://127.0.0.1:8000/interviews/{interview.pk}/evaluation/" in text  # the scorecard page

    # Friday 09:00, then (over the weekend, into summer time) Monday 09:00.
    sweep(local_to_utc(date(2027, 3, 26), time(8, 59), AMSTERDAM))
    assert len(reminded(smtp_server)) == 3
    sweep(local_to_utc(date(2027, 3, 26), time(9, 0), AMSTERDAM))
    sweep(local_to_utc(date(2027, 3, 27), time(9, 0), AMSTERDAM))  # Saturday: nothing
    sweep(local_to_utc(date(2027, 3, 28), time(12, 0), AMSTERDAM))  # Sunday: nothing
    assert len(reminded(smtp_server)) == 6
    sweep(local_to_utc(date(2027, 3, 29), time(9, 0), AMSTERDAM))
    assert len(reminded(smtp_server)) == 9


@pytestmark_db
def test_five_working_days_at_most(interview, smtp_server):
    for day in range(26, 32):
        sweep(local_to_utc(date(2027, 3, day), time(9, 30), AMSTERDAM))
    for day in range(1, 10):
        sweep(local_to_utc(date(2027, 4, day), time(9, 30), AMSTERDAM))

    # One hour after: none (the first sweep was the next morning: one send covers both moments), then
    # Fri 26, Mon 29, Tue 30, Wed 31, Thu 1: five working days.
    assert reminded(smtp_server).count("bob@acme.test") == 5
    row = FeedbackReminder.objects.get(interview=interview, user__username="bob")
    assert row.sent_count == 6 and row.next_due_at is None
    assert not feedback_reminders_need_sweep(now=local_to_utc(date(2027, 4, 2), time(9, 30), AMSTERDAM))


@pytestmark_db
def test_reminders_stop_once_the_feedback_is_submitted(interview, panel, smtp_server):
    sweep(ENDS + timedelta(hours=1))
    submit(interview, panel["bob"], ENDS + timedelta(hours=3))
    # A draft is not feedback given: Cora is still reminded.
    Evaluation.objects.create(interview=interview, author=panel["cora"], strengths="concept")

    sweep(local_to_utc(date(2027, 3, 26), time(9, 0), AMSTERDAM))

    assert sorted(reminded(smtp_server)[3:]) == ["cora@acme.test", "hank@acme.test"]
    assert FeedbackReminder.objects.get(interview=interview, user=panel["bob"]).next_due_at is None


@pytestmark_db
def test_nobody_is_reminded_once_everyone_submitted(interview, panel, smtp_server):
    for user in panel.values():
        submit(interview, user, ENDS)

    assert not feedback_reminders_need_sweep(now=ENDS + timedelta(hours=2))
    sweep(ENDS + timedelta(hours=2))
    assert reminded(smtp_server) == []


@pytestmark_db
def test_a_cancelled_interview_reminds_nobody(interview, alice, smtp_server):
    with time_machine.travel(STARTS - timedelta(hours=2), tick=False):
        cancel_interview(actor=alice, interview=interview)

    sweep(ENDS + timedelta(hours=1))
    sweep(local_to_utc(date(2027, 3, 26), time(9, 0), AMSTERDAM))

    assert reminded(smtp_server) == []
    assert Message.objects.filter(purpose=Purpose.FEEDBACK_REMINDER).count() == 0


@pytestmark_db
def test_reminders_stop_when_the_candidate_did_not_show(interview, alice, smtp_server):
    sweep(ENDS + timedelta(hours=1))
    with time_machine.travel(ENDS + timedelta(hours=2), tick=False):
        record_day_outcome(actor=alice, interview=interview, status="no_show", no_show_by="candidate")

    sweep(local_to_utc(date(2027, 3, 26), time(9, 0), AMSTERDAM))

    assert len(reminded(smtp_server)) == 3


@pytestmark_db
def test_the_history_notes_the_reminders(interview, smtp_server):
    sweep(ENDS + timedelta(hours=1))

    event = interview.events.filter(note=Purpose.FEEDBACK_REMINDER).get()
    assert "bob@acme.test" in str(event.changes)


# --- On the monitoring board ------------------------------------------------------------------------


@pytestmark_db
def test_feedback_not_given_a_day_after_the_end_is_a_risk_on_the_board(interview, panel):
    assert "feedback_late" not in board_item(interview, now=ENDS + timedelta(hours=23)).risks
    assert "feedback_late" in board_item(interview, now=ENDS + timedelta(hours=25)).risks

    for user in panel.values():
        submit(interview, user, ENDS + timedelta(hours=2))

    assert "feedback_late" not in board_item(interview, now=ENDS + timedelta(hours=25)).risks


@pytestmark_db
def test_the_board_reads_as_many_queries_with_feedback_owed(alice, vacancy, panel):
    day = date(2027, 3, 25)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            board(alice, day=day, scope=SCOPE_ALL, now=ENDS + timedelta(days=2))
        return len(queries)

    with time_machine.travel(PLANNED_AT, tick=False):
        make_interview(alice, make_application(vacancy, "A0", "Zero"), starts_at=STARTS - timedelta(hours=4))
    few = count()
    with time_machine.travel(PLANNED_AT, tick=False):
        for number in range(1, 6):
            late = make_interview(
                alice,
                make_application(vacancy, f"A{number}", "Many"),
                starts_at=STARTS + timedelta(hours=number),
                participants=[panel["bob"]],
            )
    assert count() == few
    shown = board(alice, day=day, scope=SCOPE_ALL, now=ENDS + timedelta(days=2))
    assert "feedback_late" in next(item for item in shown.items if item.interview.pk == late.pk).risks


@pytestmark_db
def test_a_deactivated_participant_is_not_reminded_and_not_waited_for(interview, panel, smtp_server):
    for user in (panel["cora"], panel["hank"]):
        submit(interview, user, ENDS)
    panel["bob"].is_active = False
    panel["bob"].save(update_fields=["is_active"])

    assert not feedback_reminders_need_sweep(now=ENDS + timedelta(hours=2))
    sweep(ENDS + timedelta(hours=2))
    assert reminded(smtp_server) == []
    assert "feedback_late" not in board_item(interview, now=ENDS + timedelta(hours=25)).risks
