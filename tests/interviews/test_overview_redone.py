"""The interviews overview redone (issue 9): today and upcoming first, day links, sorting, kept filters."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from django.utils import timezone

from regisseur.interviews.models import Interview
from regisseur.recruitment.models import Vacancy
from tests.conftest import make_application, make_interview, soon
from tests.interviews.test_views_overview import bulk_interviews

OVERVIEW = reverse("interviews:overview")


def plan(alice: Any, vacancy: Vacancy, first: str, last: str, starts_at: Any, **planning: Any) -> Interview:
    return make_interview(alice, make_application(vacancy, first, last), starts_at=starts_at, **planning)


def move(interview: Interview, starts_at: Any) -> None:
    """Into the past, where planning refuses to go."""
    Interview.objects.filter(pk=interview.pk).update(starts_at=starts_at, ends_at=starts_at + timedelta(hours=1))


def names_in_order(html: str) -> list[str]:
    return re.findall(r'<td class="candidate"[^>]*>([^<]+)</td>', html)


def links(html: str) -> dict[str, str]:
    """Each link's text → its address, read from the page."""
    found = {}
    for href, text in re.findall(r'<a[^>]*href="([^"]+)"[^>]*>(.*?)</a>', html, flags=re.S):
        words = re.sub(r"<[^>]+>|[«‹›»▲▼]", "", text).strip()
        found[words] = unescape(href)
    return found


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


@pytest.fixture
def three(alice, vacancy) -> dict[str, Interview]:
    past = plan(alice, vacancy, "Piet", "Vorige", soon(days=2, hour=9))
    move(past, soon(days=-3, hour=9))
    older = plan(alice, vacancy, "Olga", "Ouder", soon(days=2, hour=9))
    move(older, soon(days=-10, hour=9))
    return {
        "later": plan(alice, vacancy, "Lotte", "Later", soon(days=6, hour=9)),
        "sooner": plan(alice, vacancy, "Sam", "Eerder", soon(days=1, hour=9)),
        "past": past,
        "older": older,
    }


def test_the_list_starts_today_with_the_next_interview_and_leaves_the_past_out(client, alice, three):
    client.force_login(alice)
    html = client.get(OVERVIEW).content.decode()
    assert names_in_order(html) == ["Sam Eerder", "Lotte Later"]
    assert "2 interviews" in html


def test_the_past_tab_shows_the_newest_past_interview_first(client, alice, three):
    client.force_login(alice)
    past_url = links(client.get(OVERVIEW).content.decode())["Past"]
    html = client.get(past_url).content.decode()
    assert names_in_order(html) == ["Piet Vorige", "Olga Ouder"]
    assert '<a href="' + past_url.replace("&", "&amp;") + '" aria-current="page">Past</a>' in html


def test_a_chosen_day_shows_that_day_even_in_the_past(client, alice, three):
    client.force_login(alice)
    html = client.get(OVERVIEW, {"date": soon(days=-3).strftime("%d-%m-%Y")}).content.decode()
    assert names_in_order(html) == ["Piet Vorige"]


def test_a_chosen_day_has_previous_and_next_day_and_week_and_today(client, alice, three):
    client.force_login(alice)
    day = soon(days=1)
    html = client.get(OVERVIEW, {"date": day.strftime("%d-%m-%Y")}).content.decode()
    found = links(html)
    expected = {
        "Previous day": day - timedelta(days=1),
        "Next day": day + timedelta(days=1),
        "Previous week": day - timedelta(days=7),
        "Next week": day + timedelta(days=7),
        "Today": timezone.localtime(),
    }
    for label, moment in expected.items():
        assert query(found[label])["date"] == [moment.strftime("%d-%m-%Y")], label
    following = client.get(found["Next day"]).content.decode()
    assert "No interviews on this day." in following
    assert names_in_order(client.get(found["Previous day"]).content.decode()) == []


def test_without_a_day_there_is_only_today(client, alice, three):
    client.force_login(alice)
    found = links(client.get(OVERVIEW).content.decode())
    assert "Today" in found and "Next day" not in found and "Previous week" not in found


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("candidate", ["Sam Eerder", "Lotte Later"]),
        ("-candidate", ["Lotte Later", "Sam Eerder"]),
        ("-starts", ["Lotte Later", "Sam Eerder"]),
        ("starts", ["Sam Eerder", "Lotte Later"]),
    ],
)
def test_the_columns_sort_the_list(client, alice, three, sort, expected):
    client.force_login(alice)
    assert names_in_order(client.get(OVERVIEW, {"sort": sort}).content.decode()) == expected


@pytest.mark.parametrize("sort", ["password", "-", "application__candidate__email", "starts_at; drop table"])
def test_an_unknown_sort_is_ignored(client, alice, three, sort):
    client.force_login(alice)
    response = client.get(OVERVIEW, {"sort": sort})
    assert response.status_code == 200
    assert names_in_order(response.content.decode()) == ["Sam Eerder", "Lotte Later"]
    # Between the filters and the table (the day and period links): no trace of the refused sort.
    after_filters = response.content.decode().split('class="filters overview-filters"')[1].split("</form>", 1)[1]
    assert "sort=" not in after_filters.split("<table")[0]


def test_a_sorted_header_says_so_and_a_second_click_reverses_it(client, alice, three):
    client.force_login(alice)
    html = client.get(OVERVIEW, {"sort": "candidate"}).content.decode()
    assert re.search(r'<th scope="col" class="col-candidate" aria-sort="ascending">', html)
    assert query(links(html)["Candidate"])["sort"] == ["-candidate"]
    assert query(links(html)["Vacancy"])["sort"] == ["vacancy"]


def test_each_person_is_named_once(client, alice, vacancy):
    plan(alice, vacancy, "Sanne", "Visser", soon(days=2), interviewer="Alice  de Vries", participants=[alice])
    client.force_login(alice)
    html = client.get(OVERVIEW).content.decode()
    people = re.search(r'<td class="people"[^>]*>(.*?)</td>', html, flags=re.S)
    assert people is not None
    assert people.group(1).count("Alice") == 1


def test_a_long_location_is_shortened_with_the_full_text_on_hover(client, alice, vacancy):
    where = "Kantoor Utrecht, Catharijnesingel 80, 3511 GL Utrecht, derde verdieping, vraag naar de receptie"
    plan(alice, vacancy, "Sanne", "Visser", soon(days=2), location=where)
    client.force_login(alice)
    html = client.get(OVERVIEW).content.decode()
    assert f'<span class="truncate" title="{where}">' in html


def test_a_bad_date_shows_the_error_beside_the_field_and_the_default_list(client, alice, three):
    client.force_login(alice)
    response = client.get(OVERVIEW, {"date": "31-02-2026"})
    assert response.status_code == 200
    html = response.content.decode()
    field = html.split('<label for="id_date">')[1].split("</div>")[0]
    assert 'value="31-02-2026"' in field
    assert 'id="id_date_errors"' in field and "There is no such date" in field
    assert names_in_order(html) == ["Sam Eerder", "Lotte Later"]
    # The links do not carry the bad date along.
    assert "31-02-2026" not in links(html)["Candidate"]


@pytest.mark.parametrize("typed", ["31-02-2026", "morgen", "2026-13-45", "9999-99-99", "0" * 500])
def test_no_bad_filter_is_ever_a_server_error(client, alice, three, typed):
    client.force_login(alice)
    for name in ("date", "vacancy", "status", "confirmation_status", "when", "sort", "page"):
        assert client.get(OVERVIEW, {name: typed}).status_code == 200


def test_the_filters_stay_in_every_link(client, alice, vacancy, client_company, three):
    other = Vacancy.objects.create(client=client_company, title="Kok")
    plan(alice, other, "Kees", "Kok", soon(days=1))
    client.force_login(alice)
    day = soon(days=1).strftime("%d-%m-%Y")
    html = client.get(OVERVIEW, {"vacancy": vacancy.pk, "date": day, "sort": "-candidate"}).content.decode()
    assert names_in_order(html) == ["Sam Eerder"]
    found = links(html)
    for label in ("Candidate", "Vacancy", "Next day", "Previous week", "Today", "Past"):
        assert query(found[label])["vacancy"] == [str(vacancy.pk)], label
    assert query(found["Vacancy"])["date"] == [day]
    assert query(found["Next day"])["sort"] == ["-candidate"]
    # The filter form itself sends the sort along.
    assert '<input type="hidden" name="sort" value="-candidate">' in html


def test_the_pages_keep_the_filters(client, alice, vacancy):
    bulk_interviews(alice, vacancy, 201)
    client.force_login(alice)
    html = client.get(OVERVIEW, {"vacancy": vacancy.pk, "sort": "-starts"}).content.decode()
    following = links(html)["Next"]
    assert query(following) == {"vacancy": [str(vacancy.pk)], "sort": ["-starts"], "page": ["2"]}


def test_the_markers_carry_their_words(client, alice, vacancy):
    plan(alice, vacancy, "Sanne", "Visser", soon(days=1))
    client.force_login(alice)
    html = client.get(OVERVIEW).content.decode()
    row = html.split('data-interview="')[1].split("</tr>")[0]
    assert 'aria-label="Still to do and risks"' in row
    assert '<span class="marker-text">Not confirmed yet, starts within two days</span>' in row


def test_the_dutch_overview_reads_dutch(client, bob, three):
    client.force_login(bob)
    html = client.get(OVERVIEW, {"date": soon(days=1).strftime("%d-%m-%Y")}).content.decode()
    for words in ("Vorige dag", "Volgende week", "Vandaag en later", "Afgelopen"):
        assert words in html
