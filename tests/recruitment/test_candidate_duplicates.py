"""A candidate whose email or mobile number is known is created only when the user confirms (issue 9, item 6)."""

from __future__ import annotations

import re

from django.test import Client as HttpClient
from django.urls import reverse

from regisseur.accounts.models import Organisation
from regisseur.recruitment.models import Candidate
from tests.conftest import make_candidate
from tests.recruitment.conftest import text

NEW = reverse("recruitment:candidate_create")
TIM = {
    "first_name": "Tim",
    "last_name": "de Wit",
    "email": "tim@example.test",
    "mobile": "",
    "language": "nl",
    "preferred_mode": "",
}


def confirm_key(page: str) -> str:
    found = re.search(r'name="confirm_duplicate" value="([^"]*)"', page)
    assert found, "no confirm button"
    return found.group(1).replace("&#x27;", "'")


def test_the_same_email_warns_with_a_link_and_creates_nothing(as_alice: HttpClient, acme: Organisation) -> None:
    existing = make_candidate(acme, "Tim", "de Wit", email="Tim@Example.test")

    response = as_alice.post(NEW, TIM)

    page = text(response)
    assert response.status_code == 200
    assert "This candidate may already exist:" in page
    assert f'href="{reverse("recruitment:candidate_detail", args=[existing.pk])}">Tim de Wit</a>' in page
    assert "same email address" in page
    assert "Create anyway" in page
    assert Candidate.objects.count() == 1


def test_the_same_mobile_number_typed_differently_warns(as_alice: HttpClient, acme: Organisation) -> None:
    existing = make_candidate(acme, "Sanne", "Bakker", mobile="+31612345678")

    page = text(as_alice.post(NEW, TIM | {"mobile": "06 12345678"}))

    assert f'href="{reverse("recruitment:candidate_detail", args=[existing.pk])}">Sanne Bakker</a>' in page
    assert "same mobile number" in page and "same email address" not in page
    assert Candidate.objects.count() == 1


def test_create_anyway_creates_the_second_candidate(as_alice: HttpClient, acme: Organisation) -> None:
    make_candidate(acme, "Tim", "de Wit", email="tim@example.test")
    key = confirm_key(text(as_alice.post(NEW, TIM)))

    response = as_alice.post(NEW, TIM | {"confirm_duplicate": key})

    second = Candidate.objects.order_by("pk").last()
    assert Candidate.objects.filter(email="tim@example.test").count() == 2
    assert response.status_code == 302
    assert response["Location"] == reverse("recruitment:candidate_detail", args=[second.pk])


def test_a_confirmation_of_other_values_warns_again(as_alice: HttpClient, acme: Organisation) -> None:
    make_candidate(acme, "Tim", "de Wit", email="tim@example.test")
    make_candidate(acme, "Kim", "de Wit", email="kim@example.test")
    key = confirm_key(text(as_alice.post(NEW, TIM)))

    page = text(as_alice.post(NEW, TIM | {"email": "kim@example.test", "confirm_duplicate": key}))

    assert "Kim de Wit" in page
    assert Candidate.objects.count() == 2


def test_another_organisations_candidate_is_no_duplicate(as_alice: HttpClient, rival: Organisation) -> None:
    make_candidate(rival, "Tim", "de Wit", email="tim@example.test")

    response = as_alice.post(NEW, TIM)

    assert response.status_code == 302
    assert Candidate.objects.filter(organisation__name="Acme Recruitment").count() == 1


def test_editing_into_a_duplicate_warns_and_saves_only_when_confirmed(as_alice: HttpClient, acme: Organisation) -> None:
    existing = make_candidate(acme, "Tim", "de Wit", email="tim@example.test")
    other = make_candidate(acme, "Sanne", "Bakker", email="sanne@example.test")
    edit = reverse("recruitment:candidate_edit", args=[other.pk])
    values = TIM | {"first_name": "Sanne", "last_name": "Bakker"}

    page = text(as_alice.post(edit, values))
    other.refresh_from_db()
    assert f'href="{reverse("recruitment:candidate_detail", args=[existing.pk])}">Tim de Wit</a>' in page
    assert "Save anyway" in page
    assert other.email == "sanne@example.test"

    response = as_alice.post(edit, values | {"confirm_duplicate": confirm_key(page)})
    other.refresh_from_db()
    assert response.status_code == 302
    assert other.email == "tim@example.test"


def test_saving_a_candidate_without_changing_email_or_mobile_does_not_warn(
    as_alice: HttpClient, acme: Organisation
) -> None:
    make_candidate(acme, "Tim", "de Wit", email="tim@example.test", mobile="+31612345678")
    twin = make_candidate(acme, "Tim", "de Wit", email="tim@example.test", mobile="+31612345678")

    response = as_alice.post(
        reverse("recruitment:candidate_edit", args=[twin.pk]), TIM | {"mobile": "+31612345678", "language": "en"}
    )

    assert response.status_code == 302
    twin.refresh_from_db()
    assert twin.language == "en"
