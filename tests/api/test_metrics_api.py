"""GET /api/v1/metrics (API.md "Monitoring the interview day"): the metrics rows of a known set of interviews."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import time_machine

from regisseur.accounts.models import User
from regisseur.recruitment.models import Client
from tests.api.conftest import ApiClient
from tests.monitoring import metrics_data as data

PERIOD = {"from": "2026-03-01", "to": "2026-06-30"}


@pytest.fixture(autouse=True)
def _now() -> Iterator[None]:
    with time_machine.travel(data.NOW, tick=False):
        yield


@pytest.fixture
def story(alice: User, bob: User, client_company: Client) -> data.Story:
    return data.tell(alice, bob, client_company)


def by_key(body: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    return {row["key"]: tuple(row[name] for name in data.FIELDS) for row in body["rows"]}


@pytest.mark.parametrize(
    ("group_by", "expected"),
    [
        ("month", data.BY_MONTH),
        ("recruiter", data.BY_RECRUITER),
        ("client", data.BY_CLIENT),
        ("vacancy", data.BY_VACANCY),
    ],
)
def test_the_rows_per_group(as_alice: ApiClient, story: data.Story, group_by: str, expected: Any) -> None:
    answer = as_alice.get("/metrics", group_by=group_by, **PERIOD)

    assert answer.status == 200
    assert list(by_key(answer.body)) == list(expected)
    for key, figures in by_key(answer.body).items():
        assert figures == pytest.approx(expected[key]), key


def test_a_row_has_the_contract_fields_and_nulls_where_nothing_applies(as_alice: ApiClient, story: data.Story) -> None:
    answer = as_alice.get("/metrics", **PERIOD)

    june = answer.body["rows"][-1]
    assert june == {
        "key": "2026-06",
        "id": None,
        "interviews": 1,
        "zero_surprise_rate": None,
        "on_time_start_rate": None,
        "satisfaction_average": None,
        "satisfaction_count": 0,
        "debrief_within_24h_rate": None,
        "no_show_rate": None,
    }


def test_recruiter_rows_carry_the_id(as_alice: ApiClient, alice: User, bob: User, story: data.Story) -> None:
    answer = as_alice.get("/metrics", group_by="recruiter", **PERIOD)

    assert [(row["key"], row["id"]) for row in answer.body["rows"]] == [
        ("Alice de Vries", alice.pk),
        ("Bob Jansen", bob.pk),
    ]


def test_by_default_the_last_twelve_months_by_month(as_alice: ApiClient, story: data.Story) -> None:
    answer = as_alice.get("/metrics")

    rows = answer.body["rows"]
    keys = [row["key"] for row in rows]
    assert (keys[0], keys[-1], len(keys)) == ("2025-07", "2026-06", 12)
    # Up to today: the one on 28 February and I1-I9, not I10 (20 June) nor the one on 1 July.
    assert sum(row["interviews"] for row in rows) == 10


def test_only_to_gives_the_twelve_months_before_it(as_alice: ApiClient, story: data.Story) -> None:
    answer = as_alice.get("/metrics", to="2026-03-31")

    assert [row["key"] for row in answer.body["rows"]][::11] == ["2025-04", "2026-03"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"from": "01-03-2026"}, "from"),
        ({"to": "2026-02-30"}, "to"),
        ({"from": "2026-06-01", "to": "2026-05-31"}, "to"),
        ({"from": "2000-01-01", "to": "2026-05-31"}, "from"),
        ({"from": "0001-01-01", "to": "0001-12-31"}, "from"),
        ({"to": "9999-12-31"}, "to"),
        ({"group_by": "week"}, "group_by"),
    ],
)
def test_a_bad_period_or_grouping_is_refused_naming_the_field(
    as_alice: ApiClient, query: dict[str, str], field: str
) -> None:
    answer = as_alice.get("/metrics", **query)

    assert answer.status == 422
    assert answer.error["field"] == field


def test_the_last_year_of_the_calendar_can_be_asked_for(as_alice: ApiClient) -> None:
    answer = as_alice.get("/metrics", **{"from": "9999-01-01", "to": "9999-12-30"})

    assert answer.status == 200
    assert [row["key"] for row in answer.body["rows"]][-1] == "9999-12"


def test_others_than_recruiters_are_forbidden(as_hank: ApiClient, story: data.Story) -> None:
    answer = as_hank.get("/metrics", **PERIOD)

    assert answer.status == 403
    assert answer.error["code"] == "forbidden"


def test_another_organisation_sees_only_its_own(as_mallory: ApiClient, story: data.Story) -> None:
    answer = as_mallory.get("/metrics", **PERIOD)

    assert [row["interviews"] for row in answer.body["rows"]] == [0, 0, 0, 0]


def test_without_a_key_nothing_is_shown(anonymous: ApiClient) -> None:
    assert anonymous.get("/metrics").status == 401
