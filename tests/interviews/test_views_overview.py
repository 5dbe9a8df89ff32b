"""The interviews overview (P7) through the HTTP client."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from regisseur.interviews.models import ConfirmationStatus, Interview, InterviewKind, InterviewStatus
from regisseur.recruitment.models import Application, Candidate, Contact, Vacancy
from tests.conftest import make_application, make_interview, soon

OVERVIEW = reverse("interviews:overview")


def bulk_interviews(alice: Any, vacancy: Vacancy, count: int) -> None:
    """Many interviews quickly, each with a candidate and a participating user, like real rows."""
    organisation = vacancy.client.organisation
    candidates = Candidate.objects.bulk_create(
        Candidate(organisation=organisation, first_name=f"Kandidaat{i}", last_name="Test", email=f"k{i}@example.test")
        for i in range(count)
    )
    applications = Application.objects.bulk_create(
        Application(candidate=candidate, vacancy=vacancy) for candidate in candidates
    )
    start = soon(days=2)
    interviews = Interview.objects.bulk_create(
        Interview(
            organisation=organisation,
            vacancy=vacancy,
            application=application,
            starts_at=start + timedelta(minutes=30 * i),
            ends_at=start + timedelta(minutes=30 * i + 30),
            duration_minutes=30,
            interviewer="Piet",
            location="Kantoor",
        )
        for i, application in enumerate(applications)
    )
    Interview.participants.through.objects.bulk_create(
        Interview.participants.through(interview_id=interview.pk, user_id=alice.pk) for interview in interviews
    )


def test_it_lists_interviews_day_first_with_confirmation_badges(client, alice, application):
    make_interview(alice, application, starts_at=soon(days=3, hour=14), interviewer="Jan Smit")
    client.force_login(alice)
    response = client.get(OVERVIEW)
    assert response.status_code == 200
    html = response.content.decode()
    assert soon(days=3, hour=14).strftime("%d-%m-%Y 14:00") in html
    assert "Sanne Bakker" in html
    assert 'data-confirmation="pending"' in html
    assert "badge-pending" in html
    assert "Jan Smit" in html
    assert "1 interview" in html
    assert 'aria-current="page"' in html


def test_it_shows_the_interviews_own_local_time_when_its_zone_differs(client, alice, application):
    year = timezone.now().year + 1
    new_york_ten = datetime(year, 6, 15, 14, 0, tzinfo=UTC)  # 10:00 in New York (EDT)
    make_interview(alice, application, starts_at=new_york_ten, time_zone="America/New_York")
    client.force_login(alice)
    html = client.get(OVERVIEW).content.decode()
    assert f"15-06-{year} 16:00" in html
    assert "(10:00 America/New_York)" in html


def test_the_same_interview_in_the_viewers_zone_has_no_note(client, alice, application):
    make_interview(alice, application)
    client.force_login(alice)
    assert "other-zone" not in client.get(OVERVIEW).content.decode()


def test_other_organisations_see_nothing(client, alice, mallory, application):
    make_interview(alice, application)
    client.force_login(mallory)
    response = client.get(OVERVIEW)
    assert response.status_code == 200
    assert "Sanne" not in response.content.decode()
    assert response.context["page"].paginator.count == 0


def test_a_hiring_manager_sees_only_his_own_interviews(client, alice, hank, vacancy):
    vacancy.hiring_manager = Contact.objects.get(user=hank)
    vacancy.save()
    with_hank = make_application(vacancy, "Henk", "Mee")
    without_hank = make_application(vacancy, "Rita", "Zonder")
    make_interview(alice, with_hank, kind=InterviewKind.HIRING_MANAGER)
    make_interview(alice, without_hank, kind=InterviewKind.RECRUITER)
    client.force_login(hank)
    html = client.get(OVERVIEW).content.decode()
    assert "Henk Mee" in html
    assert "Rita Zonder" not in html


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(OVERVIEW)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_it_filters_by_day_typed_day_first_or_iso(client, alice, vacancy):
    first = make_application(vacancy, "Eerste", "Dag")
    second = make_application(vacancy, "Tweede", "Dag")
    make_interview(alice, first, starts_at=soon(days=3))
    make_interview(alice, second, starts_at=soon(days=4))
    client.force_login(alice)
    day = soon(days=3)
    for typed in (day.strftime("%d-%m-%Y"), day.date().isoformat()):
        response = client.get(OVERVIEW, {"date": typed})
        html = response.content.decode()
        assert "Eerste Dag" in html
        assert "Tweede Dag" not in html
        # Shown back day-first whatever was typed.
        assert f'value="{day.strftime("%d-%m-%Y")}"' in html


def test_it_filters_by_vacancy_status_and_confirmation(client, alice, vacancy, client_company):
    other_vacancy = Vacancy.objects.create(client=client_company, title="Kok")
    on_bakker = make_application(vacancy, "Op", "Bakker")
    on_kok = make_application(other_vacancy, "Op", "Kok")
    accepted = make_interview(alice, on_bakker)
    Interview.objects.filter(pk=accepted.pk).update(confirmation_status=ConfirmationStatus.ACCEPTED)
    make_interview(alice, on_kok)
    client.force_login(alice)
    html = client.get(OVERVIEW, {"vacancy": other_vacancy.pk}).content.decode()
    assert "Op Kok" in html and "Op Bakker" not in html
    html = client.get(OVERVIEW, {"confirmation_status": "accepted"}).content.decode()
    assert "Op Bakker" in html and "Op Kok" not in html
    html = client.get(OVERVIEW, {"status": InterviewStatus.CANCELLED}).content.decode()
    assert "Op Bakker" not in html and "Op Kok" not in html


@pytest.mark.parametrize("typed", ["31-02-2027", "tomorrow", "2027-13-01"])
def test_a_bad_filter_is_reported_and_not_applied(client, alice, application, typed):
    make_interview(alice, application)
    client.force_login(alice)
    response = client.get(OVERVIEW, {"date": typed})
    assert response.status_code == 200
    assert response.context["form"].errors["date"]
    html = response.content.decode()
    assert 'class="errorlist"' in html
    assert "Sanne Bakker" in html


def test_a_foreign_vacancy_filter_is_refused(client, alice, mallory, rival):
    from regisseur.recruitment.models import Client

    foreign = Vacancy.objects.create(client=Client.objects.create(organisation=rival, name="X"), title="Geheim")
    client.force_login(alice)
    response = client.get(OVERVIEW, {"vacancy": foreign.pk})
    assert response.status_code == 200
    assert "Geheim" not in response.content.decode()
    assert response.context["form"].errors["vacancy"]


def count_queries(client: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(OVERVIEW)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_rows(client, alice, vacancy):
    client.force_login(alice)
    bulk_interviews(alice, vacancy, 3)
    few = count_queries(client)
    bulk_interviews(alice, vacancy, 27)
    many = count_queries(client)
    assert few == many


def test_two_hundred_rows_take_at_most_twelve_queries_and_the_rest_is_on_page_two(client, alice, vacancy):
    bulk_interviews(alice, vacancy, 201)
    client.force_login(alice)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(OVERVIEW)
    assert len(captured.captured_queries) <= 12, [q["sql"] for q in captured.captured_queries]
    html = response.content.decode()
    assert html.count('data-interview="') == 200
    assert "201 interviews" in html
    assert "Page 1 of 2" in html
    second = client.get(OVERVIEW, {"page": 2}).content.decode()
    assert second.count('data-interview="') == 1


def test_a_hiring_managers_overview_has_a_constant_number_of_queries(client, alice, hank, vacancy):
    vacancy.hiring_manager = Contact.objects.get(user=hank)
    vacancy.save()
    client.force_login(hank)
    bulk_interviews(alice, vacancy, 3)
    Interview.objects.update(kind=InterviewKind.BOTH)
    few = count_queries(client)
    bulk_interviews(alice, vacancy, 27)
    Interview.objects.update(kind=InterviewKind.BOTH)
    many = count_queries(client)
    assert few == many
    assert client.get(OVERVIEW).context["page"].paginator.count == 30
