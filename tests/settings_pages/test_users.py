"""Users and roles under Settings: for the organisation's administrators only."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regisseur.accounts.models import Role, User
from regisseur.accounts.roles import role_names
from regisseur.accounts.services import create_user

pytestmark = pytest.mark.django_db

LIST = reverse("settings:user_list")
NEW = reverse("settings:user_create")


def new_user_data(**extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "first_name": "Noor",
        "last_name": "de Boer",
        "username": "noor",
        "email": "noor@acme.test",
        "language": "nl",
        "roles": [Role.RECRUITER, Role.HIRING_MANAGER],
        "password1": "paars fietsje 42",
        "password2": "paars fietsje 42",
    }
    data.update(extra)
    return data


def details(user: User, **extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "language": user.language,
        "roles": sorted(role_names(user)),
    }
    data.update(extra)
    return data


def test_an_administrator_adds_a_user_who_can_sign_in_with_the_chosen_roles(client, ada):
    client.force_login(ada)
    page = client.post(NEW, new_user_data(), follow=True).content.decode()
    assert "User saved." in page and "Noor de Boer" in page
    noor = User.objects.get(username="noor")
    assert noor.organisation == ada.organisation
    assert role_names(noor) == {Role.RECRUITER, Role.HIRING_MANAGER}
    assert authenticate(username="noor", password="paars fietsje 42") == noor
    client.logout()
    client.post(reverse("login"), {"username": "noor", "password": "paars fietsje 42"})
    assert client.get(reverse("interviews:overview")).status_code == 200


def test_passwords_that_differ_or_are_too_weak_are_refused_beside_the_field(client, ada):
    client.force_login(ada)
    response = client.post(NEW, new_user_data(password2="iets anders"))
    assert response.context["form"].errors["password2"] == ["The two passwords differ."]
    response = client.post(NEW, new_user_data(password1="kort", password2="kort"))
    assert "too short" in " ".join(response.context["form"].errors["password1"])
    response = client.post(NEW, new_user_data(password1="password123", password2="password123"))
    assert "too common" in " ".join(response.context["form"].errors["password1"])
    assert not User.objects.filter(username="noor").exists()


def test_a_taken_username_and_no_roles_are_refused_beside_the_fields(client, ada, alice):
    client.force_login(ada)
    response = client.post(NEW, new_user_data(username="ALICE"))
    assert response.context["form"].errors["username"] == ["The username “ALICE” is taken."]
    response = client.post(NEW, new_user_data(roles=[]))
    assert response.context["form"].errors["roles"] == ["Choose at least one role."]
    assert 'id="id_roles_errors"' in response.content.decode()


def test_the_dutch_form_explains_its_errors_in_dutch(client, ada):
    ada.language = "nl"
    ada.save()
    client.force_login(ada)
    client.cookies["django_language"] = "nl"
    response = client.post(NEW, new_user_data(password2="iets anders", roles=[]))
    page = response.content.decode()
    assert "De twee wachtwoorden verschillen." in page
    assert "Kies ten minste één rol." in page


def test_an_administrator_changes_name_email_and_roles(client, ada, alice):
    client.force_login(ada)
    url = reverse("settings:user_edit", args=[alice.pk])
    data = details(alice, last_name="Visser", email="alice.visser@acme.test", roles=[Role.ADMINISTRATOR])
    page = client.post(url, data, follow=True).content.decode()
    assert "User saved." in page
    alice = User.objects.get(pk=alice.pk)
    assert (alice.last_name, alice.email) == ("Visser", "alice.visser@acme.test")
    assert role_names(alice) == {Role.ADMINISTRATOR}


def test_the_last_administrator_keeps_the_role(client, ada):
    client.force_login(ada)
    url = reverse("settings:user_edit", args=[ada.pk])
    response = client.post(url, details(ada, roles=[Role.RECRUITER]))
    assert response.status_code == 200
    assert "last administrator" in response.context["form"].errors["roles"][0]
    assert role_names(User.objects.get(pk=ada.pk)) == {Role.ADMINISTRATOR}


def test_an_administrator_may_give_up_the_role_when_another_remains(client, ada, acme):
    create_user(username="ben", password=None, organisation=acme, role=Role.ADMINISTRATOR)
    client.force_login(ada)
    response = client.post(reverse("settings:user_edit", args=[ada.pk]), details(ada, roles=[Role.RECRUITER]))
    assert response.status_code == 302
    assert role_names(User.objects.get(pk=ada.pk)) == {Role.RECRUITER}


def test_a_user_is_deactivated_can_no_longer_sign_in_and_is_reactivated(client, ada, alice):
    client.force_login(ada)
    url = reverse("settings:user_active", args=[alice.pk])
    page = client.post(url, {"active": "0"}, follow=True).content.decode()
    assert "Alice de Vries is deactivated" in page
    assert authenticate(username="alice", password="correct horse 1") is None
    client.post(url, {"active": "1"})
    assert authenticate(username="alice", password="correct horse 1") is not None


def test_nobody_deactivates_themselves(client, ada):
    client.force_login(ada)
    page = client.post(reverse("settings:user_active", args=[ada.pk]), {"active": "0"}, follow=True)
    assert "You cannot deactivate yourself." in page.content.decode()
    assert User.objects.get(pk=ada.pk).is_active


def test_recruiters_and_hiring_managers_find_no_user_pages(client, alice, hank, ada):
    for person in (alice, hank):
        client.force_login(person)
        assert client.get(LIST).status_code == 404
        assert client.post(NEW, new_user_data()).status_code == 404
        assert client.post(reverse("settings:user_active", args=[ada.pk]), {"active": "0"}).status_code == 404
    assert not User.objects.filter(username="noor").exists()
    assert User.objects.get(pk=ada.pk).is_active


def test_the_settings_index_shows_users_to_administrators_only(client, ada, alice):
    client.force_login(alice)
    page = client.get(reverse("messaging:settings")).content.decode()
    assert reverse("settings:location_list") in page and reverse("settings:guideline_list") in page
    assert LIST not in page
    client.force_login(ada)
    assert LIST in client.get(reverse("messaging:settings")).content.decode()


def test_another_organisations_user_is_not_found_and_not_listed(client, ada, mallory):
    client.force_login(ada)
    assert client.get(reverse("settings:user_edit", args=[mallory.pk])).status_code == 404
    assert client.post(reverse("settings:user_active", args=[mallory.pk]), {"active": "0"}).status_code == 404
    assert "mallory" not in client.get(LIST).content.decode()
    assert User.objects.get(pk=mallory.pk).is_active


def test_the_list_shows_roles_and_status_with_the_same_number_of_queries(client, ada, acme):
    client.force_login(ada)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for index in range(12):
        person = create_user(username=f"user{index}", password=None, organisation=acme, role=Role.RECRUITER)
        if index % 2:
            person.is_active = False
            person.save()
    with CaptureQueriesContext(connection) as many:
        page = client.get(LIST).content.decode()
    assert "13 users" in page and "Recruiter" in page and "inactive" in page
    assert len(many) == len(few)
