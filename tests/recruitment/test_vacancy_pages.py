"""Vacancy list, vacancy form and vacancy record (R2, P4)."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client as HttpClient
from django.urls import reverse

from regisseur.accounts.models import User
from regisseur.actions.planning import plan_interview
from regisseur.interviews.planning import Planning
from regisseur.recruitment.models import Client, Contact, Vacancy
from tests.conftest import make_application, make_interview, soon
from tests.recruitment.conftest import count_queries, text


def make_vacancies(client_company: Client, alice: User, number: int, *, prefix: str = "Job") -> None:
    for index in range(number):
        vacancy = Vacancy.objects.create(client=client_company, title=f"{prefix} {index:02d}", status="published")
        application = make_application(vacancy, "Kim", f"Visser{prefix}{index}")
        make_interview(alice, application, starts_at=soon(days=2 + index % 5))


def test_the_vacancy_list_shows_client_status_and_counts(
    as_alice: HttpClient, alice: User, vacancy: Vacancy, hank: User
) -> None:
    vacancy.hiring_manager = hank.contact
    vacancy.save()
    make_interview(alice, make_application(vacancy, "Sanne", "Bakker"))
    make_application(vacancy, "Piet", "Jansen")

    page = text(as_alice.get(reverse("recruitment:vacancy_list")))

    assert f'href="{reverse("recruitment:vacancy_candidates", args=[vacancy.pk])}">Bakker</a>' in page
    assert "Bakkerij Jansen" in page
    assert "Hank Manager" in page
    assert '<span class="badge badge-published">Published</span>' in page
    cells = re.findall(r'<td class="number">(\d+)</td>', page)
    assert cells == ["2", "1"]
    assert "1 vacancy" in page
    assert reverse("recruitment:vacancy_create") in page


def test_the_vacancy_list_filters_by_status_and_title(as_alice: HttpClient, client_company: Client) -> None:
    Vacancy.objects.create(client=client_company, title="Bakker", status="published")
    Vacancy.objects.create(client=client_company, title="Kok", status="draft")
    Vacancy.objects.create(client=client_company, title="Bakkersknecht", status="draft")

    drafts = text(as_alice.get(reverse("recruitment:vacancy_list"), {"status": "draft"}))
    searched = text(as_alice.get(reverse("recruitment:vacancy_list"), {"q": "bakker", "status": "draft"}))

    assert ">Kok</a>" in drafts
    assert ">Bakkersknecht</a>" in drafts
    assert ">Bakker</a>" not in drafts
    assert ">Bakkersknecht</a>" in searched
    assert ">Kok</a>" not in searched


def test_the_vacancy_list_pages_by_fifty(as_alice: HttpClient, client_company: Client) -> None:
    Vacancy.objects.bulk_create(Vacancy(client=client_company, title=f"Job {index:03d}") for index in range(51))

    first = text(as_alice.get(reverse("recruitment:vacancy_list"), {"status": "draft"}))
    second = text(as_alice.get(reverse("recruitment:vacancy_list"), {"status": "draft", "page": 2}))

    assert first.count("<tr>") == 51  # header row + 50
    assert "51 vacancies" in first
    assert "Page 1 of 2" in first
    assert "?status=draft&amp;page=2" in first
    assert ">Job 050</a>" in second
    assert second.count("<tr>") == 2


def test_the_vacancy_list_does_not_grow_in_queries_with_its_rows(
    as_alice: HttpClient, alice: User, client_company: Client
) -> None:
    make_vacancies(client_company, alice, 3, prefix="A")
    few = count_queries(lambda: as_alice.get(reverse("recruitment:vacancy_list")))
    make_vacancies(client_company, alice, 27, prefix="B")

    many = count_queries(lambda: as_alice.get(reverse("recruitment:vacancy_list")))

    assert many == few


def test_the_vacancy_list_hides_other_organisations(
    as_mallory: HttpClient, as_alice: HttpClient, vacancy: Vacancy
) -> None:
    assert ">Bakker</a>" not in text(as_mallory.get(reverse("recruitment:vacancy_list")))
    assert ">Bakker</a>" in text(as_alice.get(reverse("recruitment:vacancy_list")))


def test_a_hiring_manager_sees_only_his_own_vacancies_without_write_actions(
    as_hank: HttpClient, hanks_vacancy: Vacancy, client_company: Client
) -> None:
    Vacancy.objects.create(client=client_company, title="Someone else's", status="published")

    listing = as_hank.get(reverse("recruitment:vacancy_list"))
    record = as_hank.get(reverse("recruitment:vacancy_detail", args=[hanks_vacancy.pk]))
    others = Vacancy.objects.get(title="Someone else's")

    # The list of all vacancies is the recruiter's; he has his portal (issue 11, E5).
    assert listing.status_code == 302
    assert listing["Location"] == reverse("portal:home")
    assert record.status_code == 200
    assert reverse("recruitment:vacancy_edit", args=[hanks_vacancy.pk]) not in text(record)
    assert as_hank.get(reverse("recruitment:vacancy_detail", args=[others.pk])).status_code == 404
    assert as_hank.get(reverse("recruitment:vacancy_create")).status_code == 403


def test_the_list_requires_a_login(client: HttpClient, db: Any) -> None:
    response = client.get(reverse("recruitment:vacancy_list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_recruiter_creates_a_vacancy(as_alice: HttpClient, client_company: Client, hank: User) -> None:
    response = as_alice.post(
        reverse("recruitment:vacancy_create"),
        {
            "client": client_company.pk,
            "title": "Banketbakker",
            "hiring_manager": hank.contact.pk,
            "language": "en",
            "status": "draft",
        },
    )

    vacancy = Vacancy.objects.get(title="Banketbakker")
    assert response.status_code == 302
    assert response["Location"] == reverse("recruitment:vacancy_detail", args=[vacancy.pk])
    assert (vacancy.client, vacancy.hiring_manager, vacancy.language) == (client_company, hank.contact, "en")


def test_a_vacancy_without_title_is_refused_next_to_the_field(as_alice: HttpClient, client_company: Client) -> None:
    data = {"client": client_company.pk, "title": "  ", "language": "nl", "status": "draft"}

    response = as_alice.post(reverse("recruitment:vacancy_create"), data)

    page = text(response)
    assert response.status_code == 200
    assert re.search(r'<label for="id_title">.*?</label>.*?<ul class="errorlist field-error"', page, re.DOTALL)
    assert "error-summary" in page
    assert Vacancy.objects.count() == 0


def test_a_hiring_manager_of_another_client_is_refused_by_the_service(
    as_alice: HttpClient, acme: Any, client_company: Client
) -> None:
    other = Client.objects.create(organisation=acme, name="Slagerij Smit")
    manager = Contact.objects.create(client=other, name="Sam Smit", email="sam@smit.test", is_hiring_manager=True)
    data = {
        "client": client_company.pk,
        "title": "Bakker",
        "hiring_manager": manager.pk,
        "language": "nl",
        "status": "draft",
    }

    response = as_alice.post(reverse("recruitment:vacancy_create"), data)

    page = text(response)
    assert "The hiring manager must be a contact of the client." in page
    assert 'id="id_hiring_manager_error"' in page
    assert Vacancy.objects.count() == 0


def test_a_recruiter_edits_a_vacancy(as_alice: HttpClient, vacancy: Vacancy) -> None:
    form = text(as_alice.get(reverse("recruitment:vacancy_edit", args=[vacancy.pk])))
    assert 'value="Bakker"' in form
    assert 'name="client"' not in form

    response = as_alice.post(
        reverse("recruitment:vacancy_edit", args=[vacancy.pk]),
        {"title": "Broodbakker", "hiring_manager": "", "language": "nl", "status": "closed"},
    )

    vacancy.refresh_from_db()
    assert response.status_code == 302
    assert (vacancy.title, vacancy.status) == ("Broodbakker", "closed")


def test_other_organisations_cannot_open_or_edit_a_vacancy(as_mallory: HttpClient, vacancy: Vacancy) -> None:
    for name in ("vacancy_detail", "vacancy_edit", "vacancy_candidates", "vacancy_board"):
        assert as_mallory.get(reverse(f"recruitment:{name}", args=[vacancy.pk])).status_code == 404
    response = as_mallory.post(reverse("recruitment:vacancy_edit", args=[vacancy.pk]), {"title": "Hacked"})
    assert response.status_code == 404
    vacancy.refresh_from_db()
    assert vacancy.title == "Bakker"


def test_a_hiring_manager_cannot_edit_his_vacancy(as_hank: HttpClient, hanks_vacancy: Vacancy) -> None:
    data = {"title": "Changed", "language": "nl", "status": "closed"}

    response = as_hank.post(reverse("recruitment:vacancy_edit", args=[hanks_vacancy.pk]), data)

    assert response.status_code == 403
    hanks_vacancy.refresh_from_db()
    assert hanks_vacancy.title == "Bakker"


def test_the_vacancy_record_lists_interview_rounds_with_a_link_form(
    as_alice: HttpClient, alice: User, vacancy: Vacancy, application: Any
) -> None:
    starts_at = soon(days=4, hour=14)
    round_ = plan_interview(
        actor=alice,
        vacancy=vacancy,
        planning=Planning(
            starts_at=starts_at,
            duration_minutes=45,
            location="Kerkstraat 1, Utrecht",
            interviewer="Ingrid",
            round_name="First round",
        ),
    ).interviews[0]
    make_interview(alice, application)  # has a candidate: not a round

    page = text(as_alice.get(reverse("recruitment:vacancy_detail", args=[vacancy.pk])))

    assert "First round" in page
    assert starts_at.strftime("%d-%m-%Y %H:%M") in page
    assert "45 minutes" in page
    assert "Kerkstraat 1, Utrecht" in page
    assert "Ingrid" in page
    assert f'action="{reverse("interviews:link", args=[round_.pk])}"' in page
    assert f'<option value="{application.pk}">Sanne Bakker</option>' in page
    assert f"{reverse('interviews:plan')}?vacancy={vacancy.pk}&amp;from=vacancy" in page
    assert page.count("<tbody>") == 1
    assert page.count('action="/interviews/') == 1


def test_a_hiring_manager_sees_the_record_without_write_actions(as_hank: HttpClient, hanks_vacancy: Vacancy) -> None:
    response = as_hank.get(reverse("recruitment:vacancy_detail", args=[hanks_vacancy.pk]))

    page = text(response)
    assert response.status_code == 200
    assert "Bakker" in page
    assert reverse("interviews:plan") not in page
    assert reverse("recruitment:vacancy_edit", args=[hanks_vacancy.pk]) not in page
