"""A signed-in user without an organisation gets a page that says whom to sign in as."""

from __future__ import annotations

import pytest

from regisseur.accounts.models import User
from tests.conftest import make_interview

MESSAGE = "This user belongs to no organisation"


@pytest.fixture
def operator(db):
    return User.objects.create_superuser("root", "root@example.org", "correct horse 1", language="en")


@pytest.mark.parametrize(
    "path",
    ["/", "/interviews/", "/interviews/plan/", "/vacancies/", "/candidates/new/", "/settings/templates/"],
)
def test_the_superuser_is_told_to_use_a_user_of_an_organisation(client, operator, path):
    client.force_login(operator)
    response = client.get(path, follow=True)
    assert response.status_code == 403
    page = response.content.decode()
    assert MESSAGE in page
    assert "regisseur manage create_organisation" in page
    assert 'href="/admin/"' in page


def test_planning_someone_elses_interview_is_refused_the_same_way(client, operator, alice, application):
    interview = make_interview(alice, application)
    client.force_login(operator)
    response = client.post(f"/interviews/{interview.pk}/edit/", {"duration_minutes": "90"})
    assert response.status_code == 403
    assert MESSAGE in response.content.decode()
    interview.refresh_from_db()
    assert interview.duration_minutes == 60


def test_the_page_speaks_the_users_language(client, operator, settings):
    settings.LANGUAGE_CODE = "nl"
    operator.language = "nl"
    operator.save()
    client.force_login(operator)
    page = client.get("/interviews/").content.decode()
    assert "Deze gebruiker hoort bij geen organisatie" in page


def test_the_admin_site_stays_open_to_the_superuser(client, operator):
    client.force_login(operator)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/accounts/organisation/").status_code == 200


def test_the_superuser_can_switch_language_and_log_out(client, operator):
    client.force_login(operator)
    assert client.post("/i18n/setlang/", {"language": "nl", "next": "/admin/"}).status_code == 302
    assert client.post("/logout/").status_code == 302
    assert client.get("/interviews/").status_code == 302  # to the login page


def test_users_of_an_organisation_see_their_pages(client, alice):
    client.force_login(alice)
    assert client.get("/interviews/").status_code == 200
