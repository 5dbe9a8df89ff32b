"""Candidate list, candidate form and candidate record (R3, R4, P1, seed 003)."""

from __future__ import annotations

import re

from django.test import Client as HttpClient
from django.urls import reverse

from regisseur.accounts.models import Organisation, User
from regisseur.interviews.models import ConfirmationStatus, Interview
from regisseur.recruitment.models import Application, Candidate, Client, Vacancy
from tests.conftest import make_application, make_candidate, make_interview, soon
from tests.recruitment.conftest import count_queries, text

VALID = {
    "first_name": "Sanne",
    "last_name": "Bakker",
    "email": "sanne@example.test",
    "mobile": "06 12345678",
    "language": "en",
    "preferred_mode": "video",
}


def make_candidates(vacancy: Vacancy, number: int, *, prefix: str) -> None:
    for index in range(number):
        make_application(vacancy, "Kim", f"{prefix}{index:02d}", mobile="+31612345678")


def test_the_candidate_list_shows_formatted_mobile_and_application_counts(
    as_alice: HttpClient, acme: Organisation, vacancy: Vacancy, client_company: Client
) -> None:
    application = make_application(vacancy, mobile="+31612345678")
    second = Vacancy.objects.create(client=client_company, title="Kok")
    Application.objects.create(candidate=application.candidate, vacancy=second)
    make_candidate(acme, "Piet", "Jansen", language="en")

    page = text(as_alice.get(reverse("recruitment:candidate_list")))

    assert (
        f'href="{reverse("recruitment:candidate_detail", args=[application.candidate.pk])}">Bakker, Sanne</a>' in page
    )
    assert "+31 6 12345678" in page
    assert "sanne.bakker@example.test" in page
    assert re.findall(r'<td class="number">(\d+)</td>', page) == ["2", "0"]
    assert "English" in page
    assert "2 candidates" in page


def test_the_candidate_list_searches_names_and_email(as_alice: HttpClient, acme: Organisation) -> None:
    make_candidate(acme, "Sanne", "Bakker")
    make_candidate(acme, "Piet", "Jansen", email="pj@jansen.test")

    by_name = text(as_alice.get(reverse("recruitment:candidate_list"), {"q": "sanne bak"}))
    by_email = text(as_alice.get(reverse("recruitment:candidate_list"), {"q": "jansen.test"}))

    assert "Bakker, Sanne" in by_name
    assert "Jansen, Piet" not in by_name
    assert "Jansen, Piet" in by_email
    assert "Bakker, Sanne" not in by_email


def test_the_candidate_list_does_not_grow_in_queries_with_its_rows(as_alice: HttpClient, vacancy: Vacancy) -> None:
    make_candidates(vacancy, 3, prefix="A")
    few = count_queries(lambda: as_alice.get(reverse("recruitment:candidate_list")))
    make_candidates(vacancy, 27, prefix="B")

    many = count_queries(lambda: as_alice.get(reverse("recruitment:candidate_list")))

    assert many == few


def test_the_candidate_list_hides_other_organisations(as_mallory: HttpClient, acme: Organisation) -> None:
    make_candidate(acme, "Sanne", "Bakker")

    assert "Bakker, Sanne" not in text(as_mallory.get(reverse("recruitment:candidate_list")))


def test_a_recruiter_registers_a_candidate_with_a_normalised_mobile(as_alice: HttpClient) -> None:
    response = as_alice.post(reverse("recruitment:candidate_create"), VALID)

    candidate = Candidate.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("recruitment:candidate_detail", args=[candidate.pk])
    assert (candidate.full_name, candidate.mobile, candidate.preferred_mode) == (
        "Sanne Bakker",
        "+31612345678",
        "video",
    )


def test_an_invalid_mobile_is_refused_next_to_the_field_keeping_the_input(as_alice: HttpClient) -> None:
    response = as_alice.post(reverse("recruitment:candidate_create"), VALID | {"mobile": "12ab"})

    page = text(response)
    assert response.status_code == 200
    mobile_field = page.split('<label for="id_mobile">')[1].split('<div class="field')[0]
    assert "is not a phone number" in mobile_field
    assert 'value="12ab"' in mobile_field
    assert 'value="Sanne"' in page
    assert Candidate.objects.count() == 0


def test_a_landline_is_refused_as_mobile(as_alice: HttpClient) -> None:
    response = as_alice.post(reverse("recruitment:candidate_create"), VALID | {"mobile": "020 123 4567"})

    assert "is not a mobile number" in text(response)
    assert Candidate.objects.count() == 0


def test_a_recruiter_edits_a_candidate(as_alice: HttpClient, acme: Organisation) -> None:
    candidate = make_candidate(acme, mobile="+31612345678")
    form = text(as_alice.get(reverse("recruitment:candidate_edit", args=[candidate.pk])))
    assert 'value="+31612345678"' in form

    response = as_alice.post(
        reverse("recruitment:candidate_edit", args=[candidate.pk]), VALID | {"last_name": "Visser", "mobile": ""}
    )

    candidate.refresh_from_db()
    assert response.status_code == 302
    assert (candidate.last_name, candidate.mobile) == ("Visser", "")


def test_editing_with_a_bad_email_changes_nothing(as_alice: HttpClient, acme: Organisation) -> None:
    candidate = make_candidate(acme)

    response = as_alice.post(reverse("recruitment:candidate_edit", args=[candidate.pk]), VALID | {"email": "nope"})

    candidate.refresh_from_db()
    assert 'id="id_email_error"' in text(response)
    assert candidate.email == "sanne.bakker@example.test"


def test_other_organisations_and_non_recruiters_cannot_change_candidates(
    as_mallory: HttpClient, as_hank: HttpClient, acme: Organisation
) -> None:
    candidate = make_candidate(acme)
    edit = reverse("recruitment:candidate_edit", args=[candidate.pk])

    assert as_mallory.get(reverse("recruitment:candidate_detail", args=[candidate.pk])).status_code == 404
    assert as_mallory.post(edit, VALID).status_code == 404
    assert as_hank.post(edit, VALID).status_code == 404  # not his candidate: not even visible
    assert as_hank.post(reverse("recruitment:candidate_create"), VALID).status_code == 403
    assert Candidate.objects.count() == 1


def test_the_candidate_record_shows_applications_steps_and_reports(
    as_alice: HttpClient, alice: User, vacancy: Vacancy, application: Application, client_company: Client
) -> None:
    starts_at = soon(days=5, hour=9)
    interview = make_interview(alice, application, starts_at=starts_at, type="video", report="Strong baker; STAR ok.")
    Interview.objects.filter(pk=interview.pk).update(confirmation_status=ConfirmationStatus.NOT_ACCEPTED)
    Vacancy.objects.create(client=client_company, title="Kok", status="published")
    Vacancy.objects.create(client=client_company, title="Gesloten", status="closed")
    candidate = application.candidate

    page = text(as_alice.get(reverse("recruitment:candidate_detail", args=[candidate.pk])))

    assert "Sanne Bakker" in page
    assert "+31 6 12345678" in page
    assert f'href="{reverse("recruitment:application_detail", args=[application.pk])}">Bakker</a>' in page
    assert f"{reverse('interviews:plan')}?application={application.pk}&amp;from=candidate" in page
    assert f'href="{reverse("interviews:detail", args=[interview.pk])}">{starts_at:%d-%m-%Y %H:%M}</a>' in page
    assert "Video" in page
    assert '<span class="badge badge-not_accepted">Not accepted</span>' in page
    assert "Strong baker; STAR ok." in page
    options = re.findall(r'<option value="\d+">([^<]+)</option>', page)
    assert options == ["Kok (Bakkerij Jansen)"]


def test_the_record_interview_list_does_not_grow_in_queries(
    as_alice: HttpClient, alice: User, acme: Organisation, client_company: Client
) -> None:
    candidate = make_candidate(acme, mobile="+31612345678")
    url = reverse("recruitment:candidate_detail", args=[candidate.pk])

    def add(number: int, prefix: str) -> None:
        for index in range(number):
            vacancy = Vacancy.objects.create(client=client_company, title=f"{prefix}{index}", status="published")
            application = Application.objects.create(candidate=candidate, vacancy=vacancy)
            make_interview(alice, application, starts_at=soon(days=2 + index), report=f"Report {index}")

    add(3, "A")
    few = count_queries(lambda: as_alice.get(url))
    add(27, "B")

    many = count_queries(lambda: as_alice.get(url))

    assert many == few


def test_a_recruiter_adds_the_candidate_to_a_vacancy(
    as_alice: HttpClient, acme: Organisation, vacancy: Vacancy
) -> None:
    candidate = make_candidate(acme)

    response = as_alice.post(reverse("recruitment:application_create", args=[candidate.pk]), {"vacancy": vacancy.pk})

    assert response.status_code == 302
    assert Application.objects.filter(candidate=candidate, vacancy=vacancy).exists()


def test_adding_to_a_vacancy_twice_is_refused_next_to_the_field(as_alice: HttpClient, application: Application) -> None:
    url = reverse("recruitment:application_create", args=[application.candidate.pk])

    response = as_alice.post(url, {"vacancy": application.vacancy.pk})

    assert response.status_code == 200
    assert "This candidate is already on this vacancy." in text(response).split('id="id_vacancy_error"')[1]
    assert Application.objects.count() == 1


def test_a_committee_member_sees_her_candidate_read_only(
    as_cora: HttpClient, alice: User, cora: User, application: Application, acme: Organisation
) -> None:
    make_interview(alice, application, committee_members=[cora.contact])
    stranger = make_candidate(acme, "Piet", "Jansen")

    record = as_cora.get(reverse("recruitment:candidate_detail", args=[application.candidate.pk]))
    listing = as_cora.get(reverse("recruitment:candidate_list"))

    assert record.status_code == 200
    assert reverse("interviews:plan") not in text(record)
    assert reverse("recruitment:candidate_edit", args=[application.candidate.pk]) not in text(record)
    # The list of all candidates is the recruiter's; she has her portal (issue 11, E5).
    assert listing.status_code == 302
    assert listing["Location"] == reverse("portal:home")
    assert as_cora.get(reverse("recruitment:candidate_detail", args=[stranger.pk])).status_code == 404


def test_a_non_recruiter_cannot_add_applications(
    as_cora: HttpClient, alice: User, cora: User, application: Application, client_company: Client
) -> None:
    make_interview(alice, application, committee_members=[cora.contact])
    other = Vacancy.objects.create(client=client_company, title="Kok", status="published")

    response = as_cora.post(
        reverse("recruitment:application_create", args=[application.candidate.pk]), {"vacancy": other.pk}
    )

    assert response.status_code == 403
    assert Application.objects.count() == 1
