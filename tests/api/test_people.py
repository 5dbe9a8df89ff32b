"""GET /api/v1/me and GET /api/v1/users: who the key is, and who works in its organisation."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regisseur.accounts.models import Role, User
from regisseur.accounts.services import create_user
from regisseur.actions.organisations import create_organisation
from tests.api.conftest import client_for


def usernames(answer):
    return [item["username"] for item in answer.body["items"]]


def test_me_describes_the_keys_user(as_alice, alice):
    answer = as_alice.get("/me")
    assert answer.status == 200
    assert answer.body == {
        "id": alice.pk,
        "username": "alice",
        "name": "Alice de Vries",
        "email": "alice@acme.test",
        "roles": ["recruiter"],
        "sms_access": False,
        "organisation": {"id": alice.organisation_id, "name": "Acme Recruitment"},
    }


def test_me_shows_the_first_user_of_a_new_organisation_with_both_roles_and_sms(db):
    organisation, user = create_organisation(
        name="Nieuw Bureau", admin_username="anna", admin_email="anna@nieuw.test", admin_password=None
    )
    body = client_for(user).get("/me").body
    assert body["roles"] == ["recruiter", "administrator"]
    assert body["sms_access"] is True
    assert body["organisation"] == {"id": organisation.pk, "name": "Nieuw Bureau"}


def test_me_for_the_superuser_names_no_organisation(db):
    operator = User.objects.create_superuser("root", "root@example.org", "correct horse 1")
    body = client_for(operator).get("/me").body
    assert (body["username"], body["roles"], body["organisation"]) == ("root", [], None)


def test_users_lists_the_organisation_and_never_another(as_alice, alice, ada, hank, cora, mallory):
    answer = as_alice.get("/users")
    assert answer.status == 200
    assert answer.body["count"] == 4
    assert sorted(usernames(answer)) == ["ada", "alice", "cora", "hank"]
    assert {item["organisation"]["name"] for item in answer.body["items"]} == {"Acme Recruitment"}


def test_users_filters_by_role(as_alice, alice, ada, hank, cora, mallory):
    assert usernames(as_alice.get("/users", role="recruiter")) == ["alice"]
    assert usernames(as_alice.get("/users", role="administrator")) == ["ada"]
    assert usernames(as_alice.get("/users", role="hiring_manager")) == ["hank"]
    committee = as_alice.get("/users", role="committee")
    assert usernames(committee) == ["cora"]
    assert committee.body["items"][0]["roles"] == ["committee"]


def test_an_unknown_role_is_refused_with_the_error_envelope(as_alice):
    for role in ["committee_member", "superuser", ""]:
        answer = as_alice.get("/users", role=role)
        assert answer.status == 422, role
        assert (answer.error["code"], answer.error["field"]) == ("validation_error", "role")


def test_users_shows_sms_access_given_to_the_user_or_to_a_role(as_alice, alice, acme):
    sms = Permission.objects.get(codename="sms_access", content_type__app_label="accounts")
    create_user(username="direct", password=None, organisation=acme, role=Role.RECRUITER, sms_access=True)
    by_role = create_user(username="by_role", password=None, organisation=acme, role=Role.HIRING_MANAGER)
    Group.objects.get(name=Role.HIRING_MANAGER).permissions.add(sms)
    answer = as_alice.get("/users")
    access = {item["username"]: item["sms_access"] for item in answer.body["items"]}
    assert access == {"alice": False, "direct": True, "by_role": True}
    assert by_role.has_perm("accounts.sms_access")


def test_users_leaves_out_who_can_no_longer_log_in(as_alice, alice, ada):
    User.objects.filter(pk=ada.pk).update(is_active=False)
    assert usernames(as_alice.get("/users")) == ["alice"]


def test_only_recruiters_and_administrators_list_their_colleagues(as_hank, as_cora, alice):
    assert as_hank.get("/users").body == {"items": [], "count": 0}
    assert as_cora.get("/users").body == {"items": [], "count": 0}


def test_the_superuser_lists_nobody(db, alice):
    operator = User.objects.create_superuser("root", "root@example.org", "correct horse 1")
    assert client_for(operator).get("/users").body == {"items": [], "count": 0}


def test_users_pages_like_every_list(as_alice, alice, acme):
    for number in range(55):
        create_user(username=f"user{number:02d}", password=None, organisation=acme, role=Role.RECRUITER)
    first, second = as_alice.get("/users").body, as_alice.get("/users", page=2).body
    assert (first["count"], len(first["items"]), len(second["items"])) == (56, 50, 6)
    assert not {item["id"] for item in first["items"]} & {item["id"] for item in second["items"]}


def test_the_list_needs_no_query_per_user(as_alice, alice, acme):
    def list_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert as_alice.get("/users").status == 200
        return len(captured.captured_queries)

    list_queries()  # the key's first use of the minute records itself
    few = list_queries()
    for number in range(5):
        create_user(username=f"user{number}", password=None, organisation=acme, role=Role.RECRUITER, sms_access=True)
    list_queries()  # saving users made the process forget the keys it knew (api.auth): learnt again
    assert list_queries() == few
