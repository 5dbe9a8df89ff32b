"""The planning form filled in from an address: what the calendar's empty times link to (issue 9)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from regisseur.interviews.models import Interview, LocationPreset
from regisseur.recruitment.models import Client, Vacancy
from tests.conftest import make_application

PLAN = reverse("interviews:plan")


def checked_participants(html: str) -> list[str]:
    return re.findall(r'<input type="checkbox" name="participants" value="(\d+)"[^>]*checked', html)


def test_date_time_and_colleague_come_filled_in(client, alice, bob, application):
    client.force_login(alice)
    query = {"application": application.pk, "date": "2027-01-04", "time": "09:30", "participant": bob.pk}
    html = client.get(PLAN, query).content.decode()
    assert 'name="date" value="04-01-2027"' in html
    assert 'name="time" value="09:30"' in html
    assert checked_participants(html) == [str(bob.pk)]


def test_a_room_comes_filled_in_as_the_location(client, alice, application):
    room = LocationPreset.objects.create(organisation=alice.organisation, name="Zaal 1", location="Kerkstraat 1")
    client.force_login(alice)
    html = client.get(PLAN, {"application": application.pk, "location_preset": room.pk}).content.decode()
    assert re.search(rf'<option value="{room.pk}" selected>Zaal 1</option>', html)
    assert "Kerkstraat 1</textarea>" in html


@pytest.mark.parametrize(
    "bad",
    [
        {"date": "31-02-2027", "time": "25:99"},
        {"date": "x" * 5000, "time": "９:３０"},
        {"participant": "abc", "location_preset": "-1"},
        {"participant": "99999999999999999999999", "location_preset": "1e5"},
    ],
)
def test_bad_values_are_ignored(client, alice, application, bad):
    client.force_login(alice)
    response = client.get(PLAN, {"application": application.pk, **bad})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="date" value=' not in html or 'name="date" value=""' in html
    assert checked_participants(html) == []


def test_another_organisations_colleague_or_room_is_not_filled_in(client, alice, mallory, application):
    room = LocationPreset.objects.create(organisation=mallory.organisation, name="Elders", location="Geheim 1")
    client.force_login(alice)
    html = client.get(
        PLAN, {"application": application.pk, "participant": mallory.pk, "location_preset": room.pk}
    ).content.decode()
    assert "Geheim 1" not in html
    assert checked_participants(html) == []


def test_without_a_candidate_the_form_asks_for_one_first_and_carries_the_time(client, alice, mallory, vacancy):
    make_application(vacancy, "Tim", "de Wit")
    rival_client = Client.objects.create(organisation=mallory.organisation, name="Rival")
    rival_vacancy = Vacancy.objects.create(client=rival_client, title="Elders", status="published")
    make_application(rival_vacancy, "Verborgen", "Kandidaat")
    client.force_login(alice)
    response = client.get(PLAN, {"date": "2027-01-04", "time": "09:30", "participant": alice.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tim de Wit" in html
    assert "Verborgen" not in html and "Elders" not in html
    assert '<input type="hidden" name="time" value="09:30">' in html
    assert f'<input type="hidden" name="participant" value="{alice.pk}">' in html


def test_a_slot_planned_from_the_calendar_is_saved_at_that_moment(client, alice, bob, application):
    client.force_login(alice)
    url = f"{PLAN}?application={application.pk}&date=2027-01-04&time=09:30&participant={bob.pk}"
    form = client.get(url).content.decode()
    assert 'name="time" value="09:30"' in form
    data = {
        "date": "04-01-2027",
        "time": "09:30",
        "time_zone": "Europe/Amsterdam",
        "duration_minutes": "60",
        "type": "in_person",
        "kind": "recruiter",
        "participants": [str(bob.pk)],
        "force": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    interview = Interview.objects.get()
    assert interview.local_starts_at.strftime("%d-%m-%Y %H:%M") == "04-01-2027 09:30"
    assert list(interview.participants.all()) == [bob]


def test_the_hiring_manager_may_not_plan(client, hank):
    client.force_login(hank)
    assert client.get(PLAN, {"date": "2027-01-04"}).status_code == 403
