"""The interview-day board (O2): the day's interviews, their windows, risks and checklist counts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from regisseur.accounts.models import User
from regisseur.actions.monitoring import tick_checklist_item
from regisseur.interviews.models import ConfirmationStatus, Interview
from regisseur.monitoring.board import SCOPE_ALL, SCOPE_MINE, SCOPE_TEAM, board
from regisseur.monitoring.windows import local_day
from regisseur.recruitment.models import Application, Contact, Vacancy
from tests.conftest import make_application, make_interview

pytestmark = pytest.mark.django_db


def at_hour(days: int, hour: int) -> Any:
    local = timezone.localtime(timezone.now() + timedelta(days=days))
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


def test_the_days_interviews_in_time_order_with_their_risks(alice: User, vacancy: Vacancy) -> None:
    late = make_interview(
        alice, make_application(vacancy, "Late", "One", mobile="+31612345678"), starts_at=at_hour(2, 15)
    )
    early = make_interview(alice, make_application(vacancy, "Early", "Two"), starts_at=at_hour(2, 9))
    day = local_day(early.starts_at, "Europe/Amsterdam")

    shown = board(alice, day=day, scope=SCOPE_ALL)

    assert [item.interview.pk for item in shown.items] == [early.pk, late.pk]
    first = shown.items[0]
    assert first.active_from == early.starts_at - timedelta(hours=1)
    assert first.active_until == early.ends_at + timedelta(hours=1)
    assert not first.active
    # Nobody confirmed, the checklist is untouched, Early has no mobile number, the client no contact.
    assert first.risks == ["not_confirmed", "checklist_open", "no_mobile", "no_client_contact"]
    assert "no_mobile" not in shown.items[1].risks
    assert first.checklist.total > first.checklist.done == 0


def test_automatic_items_follow_the_data_and_clear_risks(
    alice: User, application: Application, vacancy: Vacancy
) -> None:
    interview = make_interview(alice, application, starts_at=at_hour(2, 10))
    Contact.objects.create(client=vacancy.client, name="Carla Klant", email="carla@client.test")
    Interview.objects.filter(pk=interview.pk).update(confirmation_status=ConfirmationStatus.ACCEPTED)

    item = board(alice, day=local_day(interview.starts_at, "Europe/Amsterdam"), scope=SCOPE_ALL).items[0]

    automatic = {entry.code: entry.done for entry in item.checklist.items if entry.automatic}
    assert automatic == {"candidate_confirmed": True, "client_contact": True, "candidate_mobile": True}
    assert item.risks == ["checklist_open"]


def test_a_ticked_checklist_closes_its_risk(alice: User, application: Application, vacancy: Vacancy) -> None:
    interview = make_interview(alice, application, starts_at=at_hour(2, 10))
    Contact.objects.create(client=vacancy.client, name="Carla Klant", email="carla@client.test")
    Interview.objects.filter(pk=interview.pk).update(confirmation_status=ConfirmationStatus.ACCEPTED)
    day = local_day(interview.starts_at, "Europe/Amsterdam")
    for entry in board(alice, day=day, scope=SCOPE_ALL).items[0].checklist.items:
        if not entry.automatic:
            tick_checklist_item(actor=alice, interview=interview, phase="day_before", code=entry.code, done=True)

    item = board(alice, day=day, scope=SCOPE_ALL).items[0]

    assert item.checklist.done == item.checklist.total
    assert item.risks == []


def test_scopes_mine_team_and_all(alice: User, ada: User, vacancy: Vacancy) -> None:
    mine = make_interview(alice, make_application(vacancy, "Mine", "Own"), starts_at=at_hour(2, 9))
    hers = make_interview(ada, make_application(vacancy, "Hers", "Other"), starts_at=at_hour(2, 11))
    day = local_day(mine.starts_at, "Europe/Amsterdam")

    assert [item.interview.pk for item in board(alice, day=day, scope=SCOPE_MINE).items] == [mine.pk]
    assert [item.interview.pk for item in board(alice, day=day, scope=SCOPE_TEAM).items] == [mine.pk]
    User.objects.filter(pk__in=[alice.pk, ada.pk]).update(team="Noord")
    alice.refresh_from_db()
    assert [item.interview.pk for item in board(alice, day=day, scope=SCOPE_TEAM).items] == [mine.pk, hers.pk]
    assert [item.interview.pk for item in board(alice, day=day, scope=SCOPE_ALL).items] == [mine.pk, hers.pk]


def test_tomorrows_risky_interviews_appear_under_today(alice: User, vacancy: Vacancy) -> None:
    today = make_interview(alice, make_application(vacancy, "Today", "One"), starts_at=at_hour(2, 9))
    tomorrow = make_interview(alice, make_application(vacancy, "Tomorrow", "Two"), starts_at=at_hour(3, 9))
    day = local_day(today.starts_at, "Europe/Amsterdam")

    shown = board(alice, day=day, scope=SCOPE_ALL)

    assert [item.interview.pk for item in shown.tomorrow] == [tomorrow.pk]
    assert "not_confirmed" in shown.tomorrow[0].risks


def test_the_board_reads_a_fixed_number_of_queries(alice: User, vacancy: Vacancy) -> None:
    def count(day: Any) -> int:
        with CaptureQueriesContext(connection) as queries:
            board(alice, day=day, scope=SCOPE_MINE)
        return len(queries)

    first = make_interview(alice, make_application(vacancy, "A0", "Zero"), starts_at=at_hour(2, 8))
    tick_checklist_item(actor=alice, interview=first, phase="day_before", code="agenda", done=True)
    day = local_day(first.starts_at, "Europe/Amsterdam")
    few = count(day)
    for number in range(1, 8):
        interview = make_interview(
            alice,
            make_application(vacancy, f"A{number}", "Many", mobile="+3161234567" + str(number)),
            starts_at=at_hour(2, 8 + number),
        )
        tick_checklist_item(actor=alice, interview=interview, phase="day_before", code="agenda", done=True)
    assert count(day) == few <= 15
