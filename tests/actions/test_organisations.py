"""create_organisation: a fresh installation's first organisation and its first user."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate

from regisseur.accounts.models import Organisation, Role, User
from regisseur.accounts.roles import has_sms_access, is_administrator, is_recruiter, role_names
from regisseur.actions.organisations import create_organisation
from regisseur.actions.planning import ReminderChoice, plan_interview
from regisseur.core.errors import ServiceError
from regisseur.interviews.planning import Planning
from regisseur.messaging.defaults import DEFAULTS
from regisseur.messaging.models import HtmlProfile, MessageTemplate
from regisseur.recruitment.services import create_application, create_candidate, create_client, create_vacancy
from tests.conftest import soon

pytestmark = pytest.mark.django_db


def make_acme(**overrides):
    arguments = {
        "name": "Acme Recruitment",
        "admin_username": "anna",
        "admin_email": "anna@acme.test",
        "admin_password": "a long enough passphrase",
    }
    return create_organisation(**{**arguments, **overrides})


def test_it_creates_the_organisation_with_its_standard_templates_and_html_profile():
    organisation, _user = make_acme(name="  Acme Recruitment ")
    assert organisation.name == "Acme Recruitment"
    templates = MessageTemplate.objects.filter(organisation=organisation)
    for purpose, languages in DEFAULTS.items():
        for language in languages:
            assert templates.filter(purpose=purpose, language=language, is_default=True).count() == 1
    assert HtmlProfile.objects.filter(organisation=organisation, is_default=True).count() == 1


def test_its_first_user_is_a_recruiter_and_administrator_with_sms_access():
    organisation, user = make_acme(language="en")
    user = User.objects.get(pk=user.pk)
    assert user.organisation == organisation
    assert role_names(user) == {Role.RECRUITER, Role.ADMINISTRATOR}
    assert is_recruiter(user) and is_administrator(user) and has_sms_access(user)
    assert user.is_staff and not user.is_superuser
    assert (user.email, user.language) == ("anna@acme.test", "en")


def test_the_first_user_logs_in_with_the_password_given():
    _organisation, user = make_acme()
    assert authenticate(username="anna", password="a long enough passphrase") == user


def test_without_a_password_nobody_can_log_in_until_one_is_set():
    _organisation, user = make_acme(admin_password=None)
    assert not user.has_usable_password()
    assert authenticate(username="anna", password="") is None


def test_the_first_user_plans_an_interview_with_an_sms_reminder_at_once():
    _organisation, user = make_acme()
    client = create_client(actor=user, name="Bakkerij Jansen")
    vacancy = create_vacancy(actor=user, client=client, title="Bakker")
    candidate = create_candidate(
        actor=user, first_name="Sanne", last_name="de Boer", email="sanne@example.test", mobile="06 12345678"
    )
    application = create_application(actor=user, candidate=candidate, vacancy=vacancy)
    interview = plan_interview(
        actor=user,
        application=application,
        planning=Planning(starts_at=soon(days=5), duration_minutes=45),
        reminder=ReminderChoice(channel="sms", days_before=2),
    ).interviews[0]
    assert interview.organisation == user.organisation
    assert interview.reminder.channel == "sms"


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"name": "   "}, "required", "name"),
        ({"name": "x" * 201}, "too_long", "name"),
        ({"admin_username": ""}, "required", "admin_username"),
        ({"admin_username": "anna smit"}, "invalid_username", "admin_username"),
        ({"admin_email": "anna-at-acme"}, "invalid_email", "admin_email"),
        ({"admin_email": ""}, "invalid_email", "admin_email"),
        ({"admin_password": "short"}, "invalid_password", "admin_password"),
        ({"admin_password": "password123"}, "invalid_password", "admin_password"),
        ({"language": "de"}, "invalid_language", "language"),
    ],
)
def test_it_refuses_invalid_input_and_creates_nothing(overrides, code, field):
    with pytest.raises(ServiceError) as refused:
        make_acme(**overrides)
    assert (refused.value.code, refused.value.field) == (code, field)
    assert refused.value.message
    assert not Organisation.objects.exists()
    assert not User.objects.exists()
    assert not MessageTemplate.objects.exists()


def test_a_taken_username_is_refused_whatever_its_case_and_leaves_nothing_behind():
    first, _user = make_acme()
    with pytest.raises(ServiceError) as refused:
        make_acme(name="Rival Staffing", admin_username="ANNA", admin_email="anna@rival.test")
    assert refused.value.code == "username_taken"
    assert "ANNA" in refused.value.message
    assert list(Organisation.objects.all()) == [first]
    assert not MessageTemplate.objects.exclude(organisation=first).exists()
    assert User.objects.count() == 1
