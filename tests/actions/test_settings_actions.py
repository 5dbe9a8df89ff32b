"""The settings actions: locations, guidelines and users, each checked and atomic, whoever calls them."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate

from regisseur.accounts.models import Role, User
from regisseur.accounts.roles import role_names
from regisseur.actions.settings import (
    UserDetails,
    add_user,
    change_user,
    delete_guideline,
    delete_location,
    save_guideline,
    save_location,
    set_location_active,
    set_user_active,
)
from regisseur.core.errors import Forbidden, ServiceError
from regisseur.interviews.models import Guideline, Interview, LocationPreset
from tests.conftest import make_interview

pytestmark = pytest.mark.django_db


def noor(*roles: str, **extra: str) -> UserDetails:
    return UserDetails(
        first_name="Noor",
        last_name="de Boer",
        email=extra.get("email", "noor@acme.test"),
        roles=list(roles) or [Role.RECRUITER],
        language="en",
    )


def test_a_location_is_saved_with_its_text_trimmed_and_a_duplicate_name_refused(alice, acme):
    place = save_location(
        actor=alice, location=LocationPreset(organisation=acme, name=" Hal ", location=" Begane grond ")
    )
    assert (place.name, place.location) == ("Hal", "Begane grond")
    with pytest.raises(ServiceError) as refused:
        save_location(actor=alice, location=LocationPreset(organisation=acme, name="HAL", location="Elders"))
    assert refused.value.field == "name"


def test_a_recruiter_of_another_organisation_or_a_hiring_manager_may_not_save_a_location(mallory, hank, acme):
    for actor in (mallory, hank):
        with pytest.raises(Forbidden):
            save_location(actor=actor, location=LocationPreset(organisation=acme, name="Hal", location="Begane grond"))
    assert not LocationPreset.objects.exists()


def test_a_used_location_is_deactivated_but_not_deleted(alice, acme, application):
    place = LocationPreset.objects.create(organisation=acme, name="Hal", location="Begane grond")
    interview = make_interview(alice, application)
    Interview.objects.filter(pk=interview.pk).update(location_preset=place)
    with pytest.raises(ServiceError) as refused:
        delete_location(actor=alice, location=place)
    assert refused.value.code == "in_use"
    set_location_active(actor=alice, location=place, active=False)
    place.refresh_from_db()
    assert not place.is_active
    interview.refresh_from_db()
    assert interview.location_preset == place


def test_a_guideline_is_saved_and_deleted_and_its_interviews_stay(alice, acme, application):
    star = save_guideline(actor=alice, guideline=Guideline(organisation=acme, title="STAR", body="Situatie"))
    interview = make_interview(alice, application)
    interview.guidelines.add(star)
    delete_guideline(actor=alice, guideline=star)
    assert Interview.objects.filter(pk=interview.pk).exists()
    assert not Guideline.objects.exists()


def test_an_administrator_adds_a_user_with_several_roles_who_can_sign_in(ada):
    user = add_user(
        actor=ada, username="noor", password="paars fietsje 42", details=noor(Role.RECRUITER, Role.ADMINISTRATOR)
    )
    assert role_names(User.objects.get(pk=user.pk)) == {Role.RECRUITER, Role.ADMINISTRATOR}
    assert user.organisation_id == ada.organisation_id and user.is_staff
    assert authenticate(username="noor", password="paars fietsje 42") == user


def test_a_hiring_manager_added_is_not_staff(ada):
    user = add_user(actor=ada, username="noor", password="paars fietsje 42", details=noor(Role.HIRING_MANAGER))
    assert not user.is_staff


def test_a_recruiter_may_not_add_users(alice):
    with pytest.raises(Forbidden):
        add_user(actor=alice, username="noor", password="paars fietsje 42", details=noor())
    assert not User.objects.filter(username="noor").exists()


def test_a_common_password_or_an_invalid_email_is_refused(ada):
    with pytest.raises(ServiceError) as refused:
        add_user(actor=ada, username="noordeboer", password="password123", details=noor())
    assert refused.value.field == "password1"
    with pytest.raises(ServiceError) as refused:
        add_user(actor=ada, username="noor", password="paars fietsje 42", details=noor(email="geen-adres"))
    assert refused.value.field == "email"
    assert not User.objects.filter(username__in=["noor", "noordeboer"]).exists()


def test_changing_roles_keeps_staff_in_step(ada, alice):
    change_user(actor=ada, user=alice, details=noor(Role.COMMITTEE_MEMBER))
    alice = User.objects.get(pk=alice.pk)
    assert role_names(alice) == {Role.COMMITTEE_MEMBER} and not alice.is_staff
    assert alice.first_name == "Noor"


def test_the_last_active_administrator_is_never_lost(ada, alice):
    with pytest.raises(ServiceError) as refused:
        change_user(actor=ada, user=ada, details=noor(Role.RECRUITER))
    assert refused.value.code == "last_administrator" and refused.value.field == "roles"
    # An inactive administrator does not count as the one that remains.
    other = add_user(actor=ada, username="ben", password="paars fietsje 42", details=noor(Role.ADMINISTRATOR))
    set_user_active(actor=ada, user=other, active=False)
    with pytest.raises(ServiceError):
        change_user(actor=ada, user=ada, details=noor(Role.RECRUITER))
    set_user_active(actor=ada, user=other, active=True)
    change_user(actor=ada, user=ada, details=noor(Role.RECRUITER))
    assert role_names(User.objects.get(pk=ada.pk)) == {Role.RECRUITER}


def test_an_administrator_cannot_deactivate_themselves(ada):
    with pytest.raises(ServiceError) as refused:
        set_user_active(actor=ada, user=ada, active=False)
    assert refused.value.code == "self"
    assert User.objects.get(pk=ada.pk).is_active


def test_an_administrator_of_another_organisation_may_not_change_a_user(ada, mallory):
    with pytest.raises(Forbidden):
        set_user_active(actor=ada, user=mallory, active=False)
    assert User.objects.get(pk=mallory.pk).is_active
