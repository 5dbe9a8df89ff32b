"""The metrics (O5) from a known set of interviews and what happened to them (tests/monitoring/metrics_data.py)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regisseur.accounts.models import User
from regisseur.core.errors import Forbidden
from regisseur.monitoring.metrics import (
    CLIENT,
    MONTH,
    RECRUITER,
    VACANCY,
    MetricsRow,
    Period,
    default_period,
    metrics_for_user,
)
from regisseur.recruitment.models import Client, Vacancy
from tests.monitoring import metrics_data as data


@pytest.fixture
def story(alice: User, bob: User, client_company: Client) -> data.Story:
    return data.tell(alice, bob, client_company)


def figures(row: MetricsRow) -> tuple[Any, ...]:
    return tuple(getattr(row, name) for name in data.FIELDS)


def assert_rows(rows: list[MetricsRow], expected: dict[str, tuple[Any, ...]]) -> None:
    assert [row.key for row in rows] == list(expected)
    for row in rows:
        assert figures(row) == pytest.approx(expected[row.key]), row.key


def test_each_month_has_its_rates_from_what_happened(alice: User, story: data.Story) -> None:
    rows = metrics_for_user(alice, period=data.PERIOD, group_by=MONTH, now=data.NOW)

    assert_rows(rows, data.BY_MONTH)


def test_an_interview_at_half_past_midnight_on_the_first_counts_in_its_amsterdam_month(
    alice: User, story: data.Story
) -> None:
    march = Period(first=date(2026, 3, 1), last=date(2026, 3, 31))

    [row] = metrics_for_user(alice, period=march, group_by=MONTH, now=data.NOW)

    # I1 (23:30 UTC on 28 February) is in; I5 (22:30 UTC on 31 March, 00:30 on 1 April here) is out.
    assert (row.key, row.interviews) == ("2026-03", 4)
    assert row.on_time_start.whole == 2


def test_the_period_is_read_in_amsterdam_days(alice: User, story: data.Story) -> None:
    everything = metrics_for_user(
        alice, period=Period(first=date(2026, 2, 1), last=date(2026, 7, 31)), group_by=MONTH, now=data.NOW
    )

    assert [(row.key, row.interviews) for row in everything] == [
        ("2026-02", 1),
        ("2026-03", 4),
        ("2026-04", 4),
        ("2026-05", 1),
        ("2026-06", 1),
        ("2026-07", 1),
    ]


def test_per_recruiter_the_planner_is_named_with_the_id(alice: User, bob: User, story: data.Story) -> None:
    rows = metrics_for_user(alice, period=data.PERIOD, group_by=RECRUITER, now=data.NOW)

    assert_rows(rows, data.BY_RECRUITER)
    assert [row.id for row in rows] == [alice.pk, bob.pk]


def test_per_client(alice: User, story: data.Story, client_company: Client) -> None:
    rows = metrics_for_user(alice, period=data.PERIOD, group_by=CLIENT, now=data.NOW)

    assert_rows(rows, data.BY_CLIENT)
    assert rows[0].id == client_company.pk


def test_per_vacancy_with_its_client(alice: User, story: data.Story) -> None:
    rows = metrics_for_user(alice, period=data.PERIOD, group_by=VACANCY, now=data.NOW)

    assert_rows(rows, data.BY_VACANCY)
    assert [(row.id, row.detail) for row in rows] == [
        (story.bakker.pk, "Bakkerij Jansen"),
        (story.slager.pk, "Slagerij Smit"),
        (story.verkoper.pk, "Bakkerij Jansen"),
    ]


def test_the_shares_behind_the_rates_are_kept(alice: User, story: data.Story) -> None:
    march = metrics_for_user(alice, period=data.PERIOD, group_by=MONTH, now=data.NOW)[0]

    assert (march.zero_surprise.part, march.zero_surprise.whole) == (1, 3)
    assert (march.no_show.part, march.no_show.whole) == (1, 3)


def test_a_month_without_interviews_has_a_row_with_no_rates(alice: User, db: Any) -> None:
    [row] = metrics_for_user(
        alice, period=Period(first=date(2026, 1, 1), last=date(2026, 1, 31)), group_by=MONTH, now=data.NOW
    )

    assert figures(row) == (0, None, None, None, 0, None, None)


def test_later_the_planned_interview_becomes_due(alice: User, story: data.Story) -> None:
    rows = metrics_for_user(alice, period=data.PERIOD, group_by=MONTH, now=data.NOW + timedelta(days=30))

    assert rows[-1].zero_surprise_rate == 1.0


def test_other_organisations_interviews_never_count(alice: User, mallory: User, story: data.Story, rival: Any) -> None:
    theirs = Vacancy.objects.create(
        client=Client.objects.create(organisation=rival, name="Rival client"), title="Bakker", status="published"
    )
    rival_interview = data.interview(mallory, theirs, data.local(2026, 3, 5, 10))
    data.incident(rival_interview)
    data.rating(rival_interview, "candidate", 1)

    rows = metrics_for_user(alice, period=data.PERIOD, group_by=MONTH, now=data.NOW)
    theirs_rows = metrics_for_user(mallory, period=data.PERIOD, group_by=MONTH, now=data.NOW)

    assert_rows(rows, data.BY_MONTH)
    assert [row.interviews for row in theirs_rows] == [1, 0, 0, 0]
    assert theirs_rows[0].satisfaction_average == 1.0


def test_the_number_of_queries_does_not_grow_with_the_interviews(alice: User, story: data.Story) -> None:
    metrics_for_user(alice, period=data.PERIOD, group_by=VACANCY, now=data.NOW)  # the user's roles read once
    with CaptureQueriesContext(connection) as few:
        metrics_for_user(alice, period=data.PERIOD, group_by=VACANCY, now=data.NOW)
    data.tell(alice, alice, Client.objects.create(organisation=alice.organisation, name="Another"))

    with CaptureQueriesContext(connection) as more:
        rows = metrics_for_user(alice, period=data.PERIOD, group_by=VACANCY, now=data.NOW)

    assert len(rows) == 6
    # Two aggregates and the groups' names (with the savepoint around them; on PostgreSQL also JIT off).
    assert len(more) == len(few) <= 6


def test_the_default_period_is_the_last_twelve_months_up_to_today() -> None:
    period = default_period(date(2026, 3, 17))

    assert (period.first, period.last) == (date(2025, 4, 1), date(2026, 3, 17))
    assert len(period.months()) == 12


def test_interviews_whose_planner_is_gone_have_a_row_of_their_own(alice: User, story: data.Story) -> None:
    story.interviews["I9"].created_by = None
    story.interviews["I9"].save(update_fields=["created_by"])

    rows = metrics_for_user(alice, period=data.PERIOD, group_by=RECRUITER, now=data.NOW)

    assert [(row.key, row.id, row.interviews) for row in rows] == [
        ("", None, 1),
        ("Alice de Vries", alice.pk, 4),
        ("Bob Jansen", rows[2].id, 5),
    ]


def test_only_recruiters_may_ask(hank: User, story: data.Story) -> None:
    with pytest.raises(Forbidden):
        metrics_for_user(hank, period=data.PERIOD, group_by=MONTH, now=data.NOW)
