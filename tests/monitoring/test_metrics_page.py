"""The metrics page (O5): charts per month, a table per group, a CSV export; for recruiters only."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

import pytest
import time_machine
from django.db import connection
from django.test import Client as Browser
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regisseur.accounts.models import User
from regisseur.recruitment.models import Client
from tests.monitoring import metrics_data as data

PERIOD = {"from": "01-03-2026", "to": "30-06-2026"}


@pytest.fixture(autouse=True)
def _now() -> Iterator[None]:
    with time_machine.travel(data.NOW, tick=False):
        yield


@pytest.fixture
def story(alice: User, bob: User, client_company: Client) -> data.Story:
    return data.tell(alice, bob, client_company)


def browser_for(user: User) -> Browser:
    browser = Browser()
    browser.force_login(user)
    return browser


def page(user: User, **query: str) -> str:
    response = browser_for(user).get(reverse("monitoring:metrics"), query)
    assert response.status_code == 200
    return response.content.decode()


def table_rows(html: str) -> list[list[str]]:
    body = html.split('<table class="list metrics-table">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)[1:]
    return [
        [
            re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell)).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in rows
    ]


def test_the_table_shows_each_month_with_its_shares(alice: User, story: data.Story) -> None:
    rows = table_rows(page(alice, **PERIOD))

    assert rows[0] == [
        "2026-03",
        "4",
        "33% (1 of 3)",
        "50% (1 of 2)",
        "3.7 (3 ratings)",
        "50% (1 of 2)",
        "33% (1 of 3)",
    ]
    assert rows[3] == ["2026-06", "1", "—", "—", "—", "—", "—"]


def test_per_vacancy_each_row_names_its_client(alice: User, story: data.Story) -> None:
    rows = table_rows(page(alice, group_by="vacancy", **PERIOD))

    assert [row[0] for row in rows] == ["Bakker Bakkerij Jansen", "Slager Slagerij Smit", "Verkoper Bakkerij Jansen"]


def test_every_metric_has_an_accessible_chart_per_month(alice: User, story: data.Story) -> None:
    html = page(alice, group_by="recruiter", **PERIOD)

    charts = re.findall(r"<svg [^>]*role=\"img\"[^>]*>(.*?)</svg>", html, flags=re.S)
    assert len(charts) == 6
    for chart in charts:
        assert "<title id=" in chart and "<desc id=" in chart
        assert chart.count('<g class="bar">') == 4  # March to June, whatever the table's grouping
    zero_surprise = charts[1]
    assert "March 2026: 33%; April 2026: 25%; May 2026: 100%; June 2026: none" in zero_surprise
    assert '<text class="value"' in zero_surprise and ">33%</text>" in zero_surprise
    assert "Goal: 100%" in charts[2]
    assert "<script" not in html.split("<main", 1)[1]


def test_a_bad_date_is_reported_beside_its_field_and_the_default_is_shown(alice: User, story: data.Story) -> None:
    html = page(alice, **{"from": "31-02-2026", "to": "30-06-2026"})

    assert 'id="id_from_errors"' in html
    assert "There is no such date: 31-02-2026" in html
    assert "the last 12 months are shown" in html


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"from": "01-01-0001"}, "from"),
        ({"to": "31-12-9999"}, "to"),
        ({"from": "01-01-2000", "to": "31-12-2020"}, "from"),
        ({"from": "morgen"}, "from"),
        ({"group_by": "week"}, "group_by"),
    ],
)
def test_impossible_filters_are_reported_never_a_server_error(
    alice: User, story: data.Story, query: dict[str, str], field: str
) -> None:
    html = page(alice, **query)

    assert f'id="id_{field}_errors"' in html
    assert html.count('<g class="bar">') == 6 * 12  # the last 12 months instead


def test_an_end_before_the_start_is_reported_beside_the_end(alice: User, story: data.Story) -> None:
    html = page(alice, **{"from": "30-06-2026", "to": "01-03-2026"})

    errors = html.split('id="id_to_errors"', 1)[1].split("</ul>", 1)[0]
    assert "The period ends before it starts." in errors


def test_dutch_users_read_the_page_and_its_errors_in_dutch(bob: User, story: data.Story) -> None:
    html = page(bob, **{"from": "30-06-2026", "to": "01-03-2026"})

    assert "De periode eindigt voordat hij begint." in html
    assert "Nul-verrassingspercentage" in html


def test_the_csv_has_the_same_rows_with_a_bom_and_a_formula_guard(alice: User, story: data.Story) -> None:
    alice.first_name = "=HYPERLINK(1)"
    alice.save(update_fields=["first_name"])

    response = browser_for(alice).get(reverse("monitoring:metrics_csv"), {"group_by": "recruiter", **PERIOD})

    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0][:4] == ["Recruiter", "Interviews", "Zero-surprise rate (%)", "Interviews due"]
    assert lines[1][:6] == ["'=HYPERLINK(1) de Vries", "5", "40.0", "5", "66.7", "3"]
    assert lines[2][0] == "Bob Jansen"


def test_the_csv_for_dutch_users_uses_semicolons_and_decimal_commas(bob: User, story: data.Story) -> None:
    response = browser_for(bob).get(reverse("monitoring:metrics_csv"), PERIOD)

    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert lines[1][0] == "2026-03"
    assert lines[1][2] == "33,3"
    assert lines[1][6] == "3,67"


def test_the_export_link_carries_the_filters(alice: User, story: data.Story) -> None:
    html = page(alice, group_by="client", **PERIOD)

    assert 'href="/monitoring/metrics.csv?from=01-03-2026&amp;to=30-06-2026&amp;group_by=client"' in html


def test_others_than_recruiters_find_no_page(hank: User, story: data.Story) -> None:
    browser = browser_for(hank)

    assert browser.get(reverse("monitoring:metrics")).status_code == 404
    assert browser.get(reverse("monitoring:metrics_csv")).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(db: None) -> None:
    response = Browser().get(reverse("monitoring:metrics"))

    assert response.status_code == 302


def test_another_organisation_sees_none_of_these(mallory: User, story: data.Story) -> None:
    rows = table_rows(page(mallory, **PERIOD))

    assert [row[1] for row in rows] == ["0", "0", "0", "0"]


def test_the_page_reads_the_same_number_of_queries_however_many_rows(alice: User, story: data.Story) -> None:
    browser = browser_for(alice)
    url = reverse("monitoring:metrics")
    browser.get(url, {"group_by": "vacancy", **PERIOD})
    with CaptureQueriesContext(connection) as few:
        browser.get(url, {"group_by": "vacancy", **PERIOD})
    data.tell(alice, alice, Client.objects.create(organisation=alice.organisation, name="Another"))

    with CaptureQueriesContext(connection) as more:
        browser.get(url, {"group_by": "vacancy", **PERIOD})

    assert len(more) == len(few)
