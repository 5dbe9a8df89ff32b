"""Interview locations under Settings: listed, added, edited, deactivated, deleted only when unused."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regisseur.accounts.models import Organisation
from regisseur.interviews.models import Interview, LocationPreset
from tests.conftest import make_interview

pytestmark = pytest.mark.django_db

LIST = reverse("settings:location_list")
NEW = reverse("settings:location_create")


def location(organisation: Organisation, name: str = "Kantoor Utrecht", **extra: object) -> LocationPreset:
    extra.setdefault("location", "Catharijnesingel 80, Utrecht")
    return LocationPreset.objects.create(organisation=organisation, name=name, **extra)


def test_a_recruiter_adds_a_location_and_sees_it_listed_with_a_confirmation(client, alice):
    client.force_login(alice)
    response = client.post(
        NEW, {"name": "Kantoor Utrecht", "location": "Catharijnesingel 80\n3511 GM Utrecht"}, follow=True
    )
    page = response.content.decode()
    assert "Location saved." in page
    assert "Kantoor Utrecht" in page and "Catharijnesingel 80" in page
    saved = LocationPreset.objects.get()
    assert saved.organisation == alice.organisation and saved.is_active


def test_a_location_is_edited(client, alice, acme):
    place = location(acme)
    client.force_login(alice)
    url = reverse("settings:location_edit", args=[place.pk])
    assert "Catharijnesingel 80" in client.get(url).content.decode()
    response = client.post(url, {"name": "Kantoor Utrecht", "location": "Stationsplein 1, Utrecht"})
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.location == "Stationsplein 1, Utrecht"


def test_a_name_already_used_in_the_organisation_is_refused_beside_the_name(client, alice, acme):
    location(acme)
    client.force_login(alice)
    response = client.post(NEW, {"name": "kantoor utrecht", "location": "Elders"})
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["There is already a location named “kantoor utrecht”."]
    assert LocationPreset.objects.count() == 1


def test_another_organisation_may_use_the_same_name(client, alice, mallory, acme):
    location(acme)
    client.force_login(mallory)
    assert client.post(NEW, {"name": "Kantoor Utrecht", "location": "Elders"}).status_code == 302
    assert LocationPreset.objects.filter(organisation=mallory.organisation).count() == 1


def test_a_location_keeps_its_own_name_when_edited(client, alice, acme):
    place = location(acme)
    client.force_login(alice)
    url = reverse("settings:location_edit", args=[place.pk])
    assert client.post(url, {"name": "Kantoor Utrecht", "location": "Nieuw adres"}).status_code == 302


def test_missing_fields_are_named_beside_them(client, alice):
    client.force_login(alice)
    response = client.post(NEW, {"name": "", "location": ""})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "location"}
    assert 'id="id_name_errors"' in response.content.decode()


def test_a_location_is_deactivated_and_activated_again(client, alice, acme):
    place = location(acme)
    client.force_login(alice)
    url = reverse("settings:location_active", args=[place.pk])
    page = client.post(url, {"active": "0"}, follow=True).content.decode()
    assert "is deactivated" in page
    place.refresh_from_db()
    assert not place.is_active
    client.post(url, {"active": "1"})
    place.refresh_from_db()
    assert place.is_active


def test_an_unused_location_is_deleted_after_a_confirmation_page(client, alice, acme):
    place = location(acme)
    client.force_login(alice)
    url = reverse("settings:location_delete", args=[place.pk])
    confirmation = client.get(url).content.decode()
    assert "Delete the location “Kantoor Utrecht”?" in confirmation
    assert LocationPreset.objects.exists()
    page = client.post(url, follow=True).content.decode()
    assert "is deleted" in page
    assert not LocationPreset.objects.exists()


def test_a_location_that_interviews_use_cannot_be_deleted(client, alice, acme, application):
    place = location(acme)
    interview = make_interview(alice, application)
    Interview.objects.filter(pk=interview.pk).update(location_preset=place)
    client.force_login(alice)
    listing = client.get(LIST).content.decode()
    assert reverse("settings:location_delete", args=[place.pk]) not in listing
    response = client.post(reverse("settings:location_delete", args=[place.pk]))
    assert response.status_code == 200
    assert "cannot be deleted" in response.content.decode()
    assert LocationPreset.objects.filter(pk=place.pk).exists()


def test_another_organisations_location_is_not_found(client, alice, rival):
    theirs = location(rival)
    client.force_login(alice)
    for name in ("settings:location_edit", "settings:location_delete"):
        assert client.get(reverse(name, args=[theirs.pk])).status_code == 404
    assert client.post(reverse("settings:location_active", args=[theirs.pk]), {"active": "0"}).status_code == 404
    assert client.post(reverse("settings:location_delete", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.is_active
    assert "Kantoor Utrecht" not in client.get(LIST).content.decode()


def test_an_administrator_manages_locations_too(client, ada):
    client.force_login(ada)
    assert client.post(NEW, {"name": "Hal", "location": "Begane grond"}).status_code == 302


def test_a_hiring_manager_finds_no_location_pages(client, hank, acme):
    place = location(acme)
    client.force_login(hank)
    assert client.get(LIST).status_code == 404
    assert client.post(NEW, {"name": "Hal", "location": "Begane grond"}).status_code == 404
    assert client.post(reverse("settings:location_delete", args=[place.pk])).status_code == 404
    assert LocationPreset.objects.count() == 1


def test_the_list_reads_the_same_number_of_queries_for_many_locations(client, alice, acme, application):
    client.force_login(alice)
    location(acme, "Eerste")
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for index in range(15):
        place = location(acme, f"Locatie {index}")
        interview = make_interview(alice, application, duration_minutes=30 + index)
        Interview.objects.filter(pk=interview.pk).update(location_preset=place)
    with CaptureQueriesContext(connection) as many:
        page = client.get(LIST).content.decode()
    assert "16 locations" in page
    assert len(many) == len(few)
