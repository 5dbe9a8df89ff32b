"""The planning form takes dates and times as people type them (seed 003, P2), with a calendar and a time list."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from regisseur.interviews.models import Interview
from tests.conftest import make_application, make_interview, soon
from tests.interviews.test_views_planning import INVITE, plan_url, planning_data


def next_year() -> int:
    return timezone.now().year + 1


def last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() - 6) % 7)


@pytest.mark.parametrize("typed", ["9.30", "930", "9:30", "09:30", "0930"])
def test_the_time_is_read_as_dutch_planners_write_it(client, alice, application, typed):
    client.force_login(alice)
    data = planning_data(date=f"15-06-{next_year()}", time=typed)
    assert client.post(plan_url(application), data).status_code == 302
    # 9:30 in Amsterdam summer time is 7:30 UTC.
    assert Interview.objects.get().starts_at == datetime(next_year(), 6, 15, 7, 30, tzinfo=UTC)


def test_a_whole_hour_can_be_typed_as_one_number(client, alice, application):
    client.force_login(alice)
    assert client.post(plan_url(application), planning_data(date=f"15-06-{next_year()}", time="9")).status_code == 302
    assert Interview.objects.get().local_starts_at.strftime("%H:%M") == "09:00"


@pytest.mark.parametrize(
    "typed", ["15-06-{year}", "15/06/{year}", "15.06.{year}", "15-6-{year}", "{year}-06-15", "15.6.{year}"]
)
def test_the_date_is_read_day_first_in_every_usual_way(client, alice, application, typed):
    client.force_login(alice)
    data = planning_data(date=typed.format(year=next_year()), time="14.00")
    assert client.post(plan_url(application), data).status_code == 302
    assert Interview.objects.get().local_starts_at.strftime("%d-%m-%Y %H:%M") == f"15-06-{next_year()} 14:00"


@pytest.mark.parametrize(("typed", "words"), [("24:00", "no such time"), ("9:60", "no such time"), ("12.5", "9:30")])
def test_an_impossible_time_is_refused_beside_the_time_field(client, alice, application, typed, words):
    client.force_login(alice)
    response = client.post(plan_url(application), planning_data(time=typed))
    assert response.status_code == 200
    assert not Interview.objects.exists()
    errors = response.context["form"].errors["time"]
    assert any(words in error for error in errors)
    html = response.content.decode()
    assert 'id="id_time_errors"' in html
    assert f'value="{typed}"' in html


def test_the_refusal_is_in_dutch_for_a_dutch_recruiter(client, bob, application):
    client.force_login(bob)
    response = client.post(plan_url(application), planning_data(time="half tien"))
    assert "Typ de tijd in uren en minuten" in response.content.decode()


def test_a_time_the_clocks_skip_is_refused_with_the_reason(client, alice, application):
    day = last_sunday(next_year(), 3)
    client.force_login(alice)
    response = client.post(plan_url(application), planning_data(date=day.strftime("%d-%m-%Y"), time="2.30"))
    assert response.status_code == 200
    assert not Interview.objects.exists()
    [error] = response.context["form"].errors["time"]
    assert f"02:30 does not exist on {day:%d-%m-%Y} in Europe/Amsterdam" in error
    assert "clocks go forward" in error


def test_a_time_the_clocks_repeat_is_refused_with_the_reason(client, alice, application):
    day = last_sunday(next_year(), 10)
    client.force_login(alice)
    response = client.post(plan_url(application), planning_data(date=day.strftime("%d-%m-%Y"), time="0230"))
    assert response.status_code == 200
    [error] = response.context["form"].errors["time"]
    assert f"02:30 happens twice on {day:%d-%m-%Y}" in error


def test_an_hour_after_the_clock_change_is_planned_as_usual(client, alice, application):
    day = last_sunday(next_year(), 10)
    client.force_login(alice)
    response = client.post(plan_url(application), planning_data(date=day.strftime("%d-%m-%Y"), time="3:00"))
    assert response.status_code == 302
    # Back on winter time (UTC+1).
    assert Interview.objects.get().starts_at == datetime(day.year, day.month, day.day, 2, 0, tzinfo=UTC)


def test_the_form_offers_a_calendar_and_a_list_of_times(client, alice, application):
    client.force_login(alice)
    html = client.get(plan_url(application)).content.decode()
    assert 'type="text" name="date"' in html
    assert 'type="date"' not in html
    assert "data-datepicker" in html and 'placeholder="dd-mm-yyyy"' in html
    assert 'list="id_time_choices"' in html and '<datalist id="id_time_choices">' in html
    assert '<option value="09:30"></option>' in html
    assert "regisseur/datepicker.js" in html


def test_the_dutch_form_says_dd_mm_jjjj(client, bob, application):
    client.force_login(bob)
    html = client.get(plan_url(application)).content.decode()
    assert 'placeholder="dd-mm-jjjj"' in html
    assert 'data-label-open="Kies een datum in de kalender"' in html


def test_the_edit_form_shows_the_date_day_first_and_accepts_a_dotted_time(client, alice, application):
    interview = make_interview(alice, application, starts_at=soon(days=5, hour=10))
    client.force_login(alice)
    edit = reverse("interviews:edit", args=[interview.pk])
    html = client.get(edit).content.decode()
    day = soon(days=5).strftime("%d-%m-%Y")
    assert f'value="{day}"' in html and 'value="10:00"' in html
    response = client.post(edit, planning_data(soon(days=5, hour=10), time="11.15"))
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.local_starts_at.strftime("%d-%m-%Y %H:%M") == f"{day} 11:15"


def test_the_bulk_invitation_takes_the_same_typed_forms(client, alice, vacancy):
    first, second = make_application(vacancy, "Anna", "Een"), make_application(vacancy, "Bram", "Twee")
    client.force_login(alice)
    url = f"{INVITE}?" + "&".join(f"application={item.pk}" for item in (first, second))
    data = planning_data(date=f"15.6.{next_year()}", time="930", mode="each", spacing_minutes="45")
    assert client.post(url, data).status_code == 302
    starts = sorted(item.local_starts_at.strftime("%d-%m-%Y %H:%M") for item in Interview.objects.all())
    assert starts == [f"15-06-{next_year()} 09:30", f"15-06-{next_year()} 10:15"]
