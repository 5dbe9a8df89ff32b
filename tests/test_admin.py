"""The admin site: every model has a working changelist, and nobody sees another organisation's rows."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.test import Client as HttpClient
from django.urls import reverse

from regisseur.accounts.models import Organisation, Role, User
from regisseur.accounts.services import create_user
from regisseur.api.models import ApiKey
from regisseur.interviews.models import (
    Guideline,
    Interview,
    InterviewEvent,
    InterviewGroup,
    InterviewStatus,
    LocationPreset,
)
from regisseur.recruitment.models import Application, Candidate, Client, Contact, Vacancy
from tests.conftest import make_application, make_interview

ADMIN_MODELS = [
    Organisation,
    User,
    Client,
    Contact,
    Vacancy,
    Candidate,
    Application,
    LocationPreset,
    Guideline,
    Interview,
    InterviewEvent,
    InterviewGroup,
    ApiKey,
]


def changelist(model: type) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def change_page(obj: Any) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


@pytest.fixture
def demo_admin(db: Any) -> User:
    call_command("load_demo", stdout=StringIO())
    user = User.objects.get(username="demo")
    ApiKey.issue(user=user, name="Job board")
    return user


def test_every_model_is_registered():
    assert {model for model in ADMIN_MODELS if admin.site.is_registered(model)} == set(ADMIN_MODELS)


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda model: model.__name__)
def test_the_demo_administrator_opens_every_changelist(demo_admin, client, model):
    client.force_login(demo_admin)
    response = client.get(changelist(model))
    assert response.status_code == 200
    assert response.context["cl"].result_count > 0


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda model: model.__name__)
def test_the_demo_administrator_opens_a_change_page_of_every_model(demo_admin, client, model):
    client.force_login(demo_admin)
    obj = admin.site.get_model_admin(model).get_queryset(_request_for(demo_admin)).first()
    assert client.get(change_page(obj)).status_code == 200


def _request_for(user: User) -> Any:
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    return request


def test_the_api_key_itself_is_never_shown(demo_admin, client):
    client.force_login(demo_admin)
    key = ApiKey.objects.get()
    page = client.get(change_page(key)).content.decode()
    assert key.prefix in page
    assert key.key_hash not in page


def test_the_changelists_do_not_run_a_query_per_row(demo_admin, client, django_assert_max_num_queries):
    client.force_login(demo_admin)
    for model in [Interview, InterviewEvent, Application, Contact, Vacancy]:
        with django_assert_max_num_queries(14):
            client.get(changelist(model))


# -- the organisation boundary ------------------------------------------------------------


@pytest.fixture
def rival_rows(mallory: User) -> dict[str, Any]:
    """Mallory's organisation: one of everything."""
    organisation = mallory.organisation
    rival_client = Client.objects.create(organisation=organisation, name="Rival Client")
    vacancy = Vacancy.objects.create(client=rival_client, title="Rival vacancy", status="published")
    application = make_application(vacancy, "Rita", "Rival")
    interview = make_interview(mallory, application)
    return {
        "client": rival_client,
        "contact": Contact.objects.create(client=rival_client, name="Rival Contact", email="c@rival.test"),
        "vacancy": vacancy,
        "candidate": application.candidate,
        "application": application,
        "interview": interview,
        "event": interview.events.get(),
        "preset": LocationPreset.objects.create(organisation=organisation, name="Rival HQ", location="Elsewhere"),
        "guideline": Guideline.objects.create(organisation=organisation, title="Rival rules", body="..."),
        "group": InterviewGroup.objects.create(organisation=organisation),
        "user": mallory,
        "organisation": organisation,
        "api_key": ApiKey.issue(user=mallory)[0],
    }


@pytest.fixture
def own_rows(alice: User, vacancy: Vacancy) -> dict[str, Any]:
    application = make_application(vacancy, "Anna", "Eigen")
    return {"application": application, "interview": make_interview(alice, application)}


@pytest.fixture
def staff_alice(alice: User) -> User:
    assert alice.is_staff and not alice.is_superuser
    return alice


def test_a_recruiter_does_not_see_another_organisations_rows(staff_alice, own_rows, rival_rows):
    browser = HttpClient()
    browser.force_login(staff_alice)
    for model in [Client, Contact, Vacancy, Candidate, Application, LocationPreset, Guideline, Interview]:
        response = browser.get(changelist(model))
        assert response.status_code == 200, model
        shown = list(response.context["cl"].result_list)
        assert shown or model in {Contact, LocationPreset, Guideline}, model
        assert all(_organisation_of(obj) == staff_alice.organisation_id for obj in shown), model


def test_searching_does_not_find_another_organisations_rows(staff_alice, rival_rows, client):
    client.force_login(staff_alice)
    response = client.get(changelist(Candidate), {"q": "Rival"})
    assert list(response.context["cl"].result_list) == []


def test_another_organisations_change_page_is_not_found(staff_alice, rival_rows, client):
    client.force_login(staff_alice)
    for name in ["client", "contact", "vacancy", "candidate", "application", "interview", "preset", "guideline"]:
        assert client.get(change_page(rival_rows[name])).status_code == 404, name


def test_an_administrator_does_not_reach_another_organisations_users_or_keys(ada, rival_rows, client):
    client.force_login(ada)
    for name in ["user", "organisation", "api_key", "event", "group"]:
        assert client.get(change_page(rival_rows[name])).status_code == 404, name
    users = client.get(changelist(User)).context["cl"].result_list
    assert "mallory" not in {user.username for user in users}


def test_foreign_key_choices_are_limited_to_the_organisation(staff_alice, own_rows, rival_rows, client):
    client.force_login(staff_alice)
    form = client.get(reverse("admin:recruitment_vacancy_add")).context["adminform"].form
    assert list(form.fields["client"].queryset) == [own_rows["application"].vacancy.client]
    assert rival_rows["contact"] not in form.fields["hiring_manager"].queryset


def test_a_foreign_row_cannot_be_posted_either(staff_alice, own_rows, rival_rows, client):
    client.force_login(staff_alice)
    response = client.post(
        reverse("admin:recruitment_vacancy_add"),
        {"client": rival_rows["client"].pk, "title": "Sneaky", "language": "nl", "status": "draft"},
    )
    assert response.status_code == 200  # the form comes back with an error
    assert not Vacancy.objects.filter(title="Sneaky").exists()


def test_the_organisation_filter_does_not_name_other_organisations(ada, rival_rows, client):
    client.force_login(ada)
    page = client.get(changelist(Candidate)).content.decode()
    assert "Rival Staffing" not in page


def test_new_objects_get_the_users_organisation(staff_alice, client):
    client.force_login(staff_alice)
    response = client.post(reverse("admin:recruitment_client_add"), _client_form("Nieuwe Klant"))
    assert response.status_code == 302
    assert Client.objects.get(name="Nieuwe Klant").organisation_id == staff_alice.organisation_id


def _client_form(name: str) -> dict[str, Any]:
    return {
        "name": name,
        "contacts-TOTAL_FORMS": "0",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "1000",
    }


def test_an_administrator_cannot_make_anyone_superuser(ada, alice, client):
    client.force_login(ada)
    form = client.get(change_page(alice)).context["adminform"].form
    assert "is_superuser" not in form.fields
    assert "user_permissions" not in form.fields


def test_an_administrator_does_not_see_the_operator(ada, client):
    operator = User.objects.create_superuser("root", "root@example.org", "correct horse 1")
    operator.organisation = ada.organisation
    operator.save()
    client.force_login(ada)
    assert client.get(change_page(operator)).status_code == 404


def test_a_user_added_by_an_administrator_joins_their_organisation(ada, client):
    client.force_login(ada)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "newbie",
            "password1": "correct horse 77",
            "password2": "correct horse 77",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.content
    assert User.objects.get(username="newbie").organisation_id == ada.organisation_id


# -- interviews go through the services -------------------------------------------------


def test_interviews_cannot_be_added_or_edited_in_the_admin(staff_alice, own_rows, client):
    client.force_login(staff_alice)
    assert client.get(reverse("admin:interviews_interview_add")).status_code == 403
    page = client.get(change_page(own_rows["interview"]))
    assert page.status_code == 200
    assert page.context["adminform"].form.fields == {}


def test_cancelling_from_the_admin_uses_the_service(staff_alice, own_rows, client):
    client.force_login(staff_alice)
    interview = own_rows["interview"]
    response = client.post(
        changelist(Interview), {"action": "cancel_selected", "_selected_action": [interview.pk]}, follow=True
    )
    assert response.status_code == 200
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.CANCELLED
    assert interview.events.filter(action=InterviewEvent.Action.CANCELLED).exists()


def test_an_outcome_for_a_future_interview_is_refused_with_a_message(staff_alice, own_rows, client):
    client.force_login(staff_alice)
    interview = own_rows["interview"]
    response = client.post(
        changelist(Interview), {"action": "mark_held", "_selected_action": [interview.pk]}, follow=True
    )
    assert "has not started yet" in response.content.decode()
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.PLANNED


def test_a_hiring_manager_has_no_admin_access(hank, client):
    client.force_login(hank)
    response = client.get(changelist(Candidate))
    assert response.status_code == 302  # to the admin login


def _organisation_of(obj: Any) -> int:
    if isinstance(obj, Contact | Vacancy):
        return obj.client.organisation_id
    if isinstance(obj, Application):
        return obj.candidate.organisation_id
    return obj.organisation_id


def test_a_recruiter_without_an_organisation_sees_nothing(db, rival_rows, client):
    loner = create_user(
        username="loner", password="correct horse 1", organisation=rival_rows["organisation"], role=Role.RECRUITER
    )
    User.objects.filter(pk=loner.pk).update(organisation=None)
    client.force_login(User.objects.get(pk=loner.pk))
    assert list(client.get(changelist(Candidate)).context["cl"].result_list) == []
