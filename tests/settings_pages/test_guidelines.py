"""Interview guidelines under Settings: listed, added, edited, deleted after a confirmation."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regisseur.accounts.models import Organisation
from regisseur.interviews.models import Guideline
from tests.conftest import make_interview

pytestmark = pytest.mark.django_db

LIST = reverse("settings:guideline_list")
NEW = reverse("settings:guideline_create")


def guideline(organisation: Organisation, title: str = "STAR-methode") -> Guideline:
    return Guideline.objects.create(organisation=organisation, title=title, body="Situatie, Taak, Actie, Resultaat.")


def test_a_recruiter_adds_a_guideline_with_a_confirmation(client, alice):
    client.force_login(alice)
    page = client.post(NEW, {"title": "STAR-methode", "body": "Vraag naar situatie en taak."}, follow=True)
    text = page.content.decode()
    assert "Guideline saved." in text and "STAR-methode" in text
    assert Guideline.objects.get().organisation == alice.organisation


def test_a_guideline_is_edited(client, alice, acme):
    star = guideline(acme)
    client.force_login(alice)
    url = reverse("settings:guideline_edit", args=[star.pk])
    assert client.post(url, {"title": "STAR", "body": "Nieuwe tekst"}).status_code == 302
    star.refresh_from_db()
    assert (star.title, star.body) == ("STAR", "Nieuwe tekst")


def test_an_empty_title_and_text_are_named_beside_the_fields(client, alice):
    client.force_login(alice)
    response = client.post(NEW, {"title": "  ", "body": ""})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"title", "body"}
    assert not Guideline.objects.exists()


def test_deleting_a_guideline_asks_first_and_the_interviews_only_lose_the_link(client, alice, acme, application):
    star = guideline(acme)
    interview = make_interview(alice, application)
    interview.guidelines.add(star)
    client.force_login(alice)
    url = reverse("settings:guideline_delete", args=[star.pk])
    confirmation = client.get(url).content.decode()
    assert "1 interview links to this guideline" in confirmation
    page = client.post(url, follow=True).content.decode()
    assert "The guideline “STAR-methode” is deleted." in page
    assert not Guideline.objects.exists()
    interview.refresh_from_db()
    assert list(interview.guidelines.all()) == []


def test_another_organisations_guideline_is_not_found(client, alice, rival):
    theirs = guideline(rival)
    client.force_login(alice)
    assert client.get(reverse("settings:guideline_edit", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("settings:guideline_delete", args=[theirs.pk])).status_code == 404
    assert Guideline.objects.filter(pk=theirs.pk).exists()
    assert "STAR-methode" not in client.get(LIST).content.decode()


def test_a_hiring_manager_finds_no_guideline_pages(client, hank, acme):
    star = guideline(acme)
    client.force_login(hank)
    assert client.get(LIST).status_code == 404
    assert client.post(reverse("settings:guideline_delete", args=[star.pk])).status_code == 404
    assert Guideline.objects.exists()


def test_the_list_reads_the_same_number_of_queries_for_many_guidelines(client, alice, acme, application):
    client.force_login(alice)
    guideline(acme, "Eerste")
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    interview = make_interview(alice, application)
    for index in range(15):
        interview.guidelines.add(guideline(acme, f"Richtlijn {index}"))
    with CaptureQueriesContext(connection) as many:
        page = client.get(LIST).content.decode()
    assert "16 guidelines" in page
    assert len(many) == len(few)
