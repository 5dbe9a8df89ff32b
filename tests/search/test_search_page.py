"""The top bar's search: candidates, vacancies, clients and interviews, grouped and scoped (issue 9, item 4)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from regisseur.accounts.models import Organisation, User
from regisseur.interviews.models import Interview, InterviewKind
from regisseur.recruitment.models import Client, Vacancy
from tests.conftest import make_application, make_candidate, make_interview, soon
from tests.recruitment.conftest import browser_for, count_queries, text

SEARCH = reverse("web:search")


def group(page: str, name: str) -> str:
    """The HTML of one result group (Candidates, Vacancies, Clients, Interviews)."""
    found = re.search(rf'<section class="search-group card" aria-labelledby="found-{name}">(.*?)</section>', page, re.S)
    return found.group(1) if found else ""


def count_of(page: str, name: str) -> int:
    found = re.search(r'<span class="search-count">(\d+)</span>', group(page, name))
    return int(found.group(1)) if found else -1


@pytest.fixture
def as_alice(alice: User) -> HttpClient:
    return browser_for(alice)


def test_every_signed_in_page_has_the_search_box(as_alice: HttpClient) -> None:
    page = text(as_alice.get(reverse("recruitment:candidate_list")))

    assert f'action="{SEARCH}"' in page
    assert 'id="site-search" name="q"' in page
    assert 'aria-keyshortcuts="/"' in page
    assert "regisseur/search.js" in page


def test_candidates_are_found_by_part_of_a_name_and_link_to_their_record(
    as_alice: HttpClient, acme: Organisation
) -> None:
    sanne = make_candidate(acme, "Sanne", "van den Bakker")
    make_candidate(acme, "Piet", "Jansen")

    page = text(as_alice.get(SEARCH, {"q": "bakk"}))

    candidates = group(page, "candidates")
    assert f'href="{reverse("recruitment:candidate_detail", args=[sanne.pk])}">Sanne van den Bakker</a>' in candidates
    assert "Piet Jansen" not in candidates
    assert count_of(page, "candidates") == 1


def test_a_full_name_and_an_email_find_the_candidate(as_alice: HttpClient, acme: Organisation) -> None:
    make_candidate(acme, "Sanne", "Bakker", email="s.bakker@mail.test")
    make_candidate(acme, "Sanne", "Jansen")

    by_name = group(text(as_alice.get(SEARCH, {"q": "sanne bakker"})), "candidates")
    by_email = group(text(as_alice.get(SEARCH, {"q": "S.BAKKER@mail"})), "candidates")

    assert "Sanne Bakker" in by_name and "Sanne Jansen" not in by_name
    assert "Sanne Bakker" in by_email and "Sanne Jansen" not in by_email


@pytest.mark.parametrize("typed", ["06 12345678", "+31612345678", "0612345678", "+31 6 1234 5678", "06-123", "345678"])
def test_a_mobile_number_finds_the_candidate_however_it_is_typed(
    as_alice: HttpClient, acme: Organisation, typed: str
) -> None:
    make_candidate(acme, "Sanne", "Bakker", mobile="+31612345678")
    make_candidate(acme, "Piet", "Jansen", mobile="+31687654321")

    candidates = group(text(as_alice.get(SEARCH, {"q": typed})), "candidates")

    assert "Sanne Bakker" in candidates
    assert "+31 6 12345678" in candidates
    assert "Piet Jansen" not in candidates


def test_vacancies_and_clients_are_found_by_title_and_name(
    as_alice: HttpClient, vacancy: Vacancy, client_company: Client
) -> None:
    Vacancy.objects.create(client=client_company, title="Kok")

    by_title = text(as_alice.get(SEARCH, {"q": "bakk"}))
    by_client = text(as_alice.get(SEARCH, {"q": "jansen"}))

    assert f'href="{reverse("recruitment:vacancy_detail", args=[vacancy.pk])}">Bakker</a>' in group(
        by_title, "vacancies"
    )
    assert ">Kok</a>" not in group(by_title, "vacancies")
    clients = group(by_client, "clients")
    assert "Bakkerij Jansen" in clients
    # A client has no page of its own: its vacancies are the links.
    assert f'href="{reverse("recruitment:vacancy_detail", args=[vacancy.pk])}">Bakker</a>' in clients


def test_interviews_are_found_by_candidate_vacancy_and_location_upcoming_first(
    as_alice: HttpClient, alice: User, vacancy: Vacancy
) -> None:
    application = make_application(vacancy, "Sanne", "Visser")
    past = make_interview(alice, application, starts_at=soon(days=20), location="Kantoor Utrecht")
    Interview.objects.filter(pk=past.pk).update(starts_at=soon(days=-10), ends_at=soon(days=-10) + timedelta(hours=1))
    later = make_interview(alice, application, starts_at=soon(days=9), location="Kantoor Utrecht")
    sooner = make_interview(alice, application, starts_at=soon(days=2), location="Kantoor Utrecht")

    by_location = group(text(as_alice.get(SEARCH, {"q": "utrecht"})), "interviews")
    by_candidate = group(text(as_alice.get(SEARCH, {"q": "visser"})), "interviews")
    by_vacancy = group(text(as_alice.get(SEARCH, {"q": "bakker"})), "interviews")

    links = [reverse("interviews:detail", args=[interview.pk]) for interview in (sooner, later, past)]
    assert [by_location.index(link) for link in links] == sorted(by_location.index(link) for link in links)
    for found in (by_candidate, by_vacancy):
        assert all(link in found for link in links)


def test_other_organisations_records_never_appear(
    as_alice: HttpClient, acme: Organisation, rival: Organisation
) -> None:
    make_candidate(rival, "Sanne", "Bakker", mobile="+31612345678")
    rival_client = Client.objects.create(organisation=rival, name="Bakkerij Rivaal")
    Vacancy.objects.create(client=rival_client, title="Bakker bij Rivaal")

    for typed in ("bakker", "0612345678", "rivaal"):
        page = text(as_alice.get(SEARCH, {"q": typed}))
        assert "Rivaal" not in page
        assert "Sanne" not in page


def test_a_hiring_manager_finds_only_what_their_interviews_touch(
    hank: User, alice: User, acme: Organisation, vacancy: Vacancy, manager: object
) -> None:
    with_hank = make_application(vacancy, "Sanne", "Bakker")
    make_interview(alice, with_hank, kind=InterviewKind.HIRING_MANAGER)
    recruiter_only = make_application(vacancy, "Tim", "Bakker")
    make_interview(alice, recruiter_only, kind=InterviewKind.RECRUITER)
    make_candidate(acme, "Ria", "Bakker")

    page = text(browser_for(hank).get(SEARCH, {"q": "bakker"}))

    candidates = group(page, "candidates")
    assert "Sanne Bakker" in candidates
    assert "Tim Bakker" not in candidates and "Ria Bakker" not in candidates
    assert count_of(page, "candidates") == 1
    assert "Sanne Bakker" in group(page, "interviews") and "Tim Bakker" not in group(page, "interviews")
    # The vacancy is his; the client list is the recruiters' business.
    assert count_of(page, "vacancies") == 1
    assert group(page, "clients") == ""


def test_percent_and_underscore_are_matched_literally(as_alice: HttpClient, acme: Organisation) -> None:
    make_candidate(acme, "Anna", "Korting50%", email="a_b@example.test")
    make_candidate(acme, "Bert", "Korting500", email="axb@example.test")

    underscore = group(text(as_alice.get(SEARCH, {"q": "a_b"})), "candidates")
    percent = group(text(as_alice.get(SEARCH, {"q": "50%"})), "candidates")
    only_wildcards = text(as_alice.get(SEARCH, {"q": "%%"}))

    assert "Anna Korting50%" in underscore and "Bert" not in underscore
    assert "Anna Korting50%" in percent and "Bert" not in percent
    assert "Nothing found for “%%”." in only_wildcards


def test_a_one_character_query_asks_for_more_and_an_empty_one_shows_nothing(
    as_alice: HttpClient, acme: Organisation
) -> None:
    make_candidate(acme, "Sanne", "Bakker")

    short = text(as_alice.get(SEARCH, {"q": "b"}))
    empty = text(as_alice.get(SEARCH, {"q": "  "}))

    assert "Type at least 2 characters to search." in short
    assert "Sanne Bakker" not in short
    assert "Sanne Bakker" not in empty and "search-group" not in empty


@pytest.mark.parametrize("typed", ["x" * 5000, "Bakker\x00", "'; DROP TABLE x; --", "\\", "()+-/", "ǅ💥 ✓", "+" * 40])
def test_odd_input_never_answers_an_error(as_alice: HttpClient, acme: Organisation, typed: str) -> None:
    make_candidate(acme, "Sanne", "Bakker")

    response = as_alice.get(SEARCH, {"q": typed})

    assert response.status_code == 200


def test_the_search_page_does_not_grow_in_queries_with_the_matches(
    as_alice: HttpClient, alice: User, vacancy: Vacancy, client_company: Client
) -> None:
    def add(prefix: str, number: int) -> None:
        for index in range(number):
            application = make_application(vacancy, "Kim", f"{prefix}Bakker{index}", mobile="+31612345678")
            make_interview(alice, application, starts_at=soon(days=index + 1))
            Vacancy.objects.create(client=client_company, title=f"Bakker {prefix}{index}")

    add("A", 2)
    few = count_queries(lambda: as_alice.get(SEARCH, {"q": "bakker"}))
    add("B", 15)

    many = count_queries(lambda: as_alice.get(SEARCH, {"q": "bakker"}))
    page = text(as_alice.get(SEARCH, {"q": "bakker"}))

    assert many == few
    assert count_of(page, "candidates") == 17
    assert group(page, "candidates").count("<li>") == 10
    assert "The first 10 of 17" in group(page, "candidates")


def test_the_page_needs_a_signed_in_user(client: HttpClient) -> None:
    response = client.get(SEARCH, {"q": "bakker"})

    assert response.status_code == 302
    assert "/login/" in response["Location"]
