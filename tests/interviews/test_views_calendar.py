"""The day and week calendar (issue 9) through the HTTP client: who sees what, where, in which words."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from regisseur.interviews.models import Interview, InterviewGroup, InterviewStatus, LocationPreset
from regisseur.recruitment.models import Client, Vacancy
from tests.conftest import make_application

CALENDAR = reverse("interviews:calendar")


def put(vacancy: Vacancy, starts_at: datetime, *, name: str = "Sanne", people: tuple[Any, ...] = (), **fields: Any):
    """An interview stored as planned earlier (the calendar also shows the past)."""
    application = make_application(vacancy, name, "Bakker")
    minutes = fields.pop("duration_minutes", 60)
    interview = Interview.objects.create(
        organisation=vacancy.client.organisation,
        vacancy=vacancy,
        application=application,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes),
        duration_minutes=minutes,
        **fields,
    )
    interview.participants.set(people)
    return interview


def amsterdam(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour, minute), timezone.get_default_timezone())


def day_column(html: str, iso_day: str) -> str:
    """The HTML of one day's column of the grid."""
    match = re.search(rf'<section class="calendar-day[^"]*"[^>]*data-date="{iso_day}">(.*?)</section>', html, re.S)
    assert match, f"no column for {iso_day}"
    return match.group(1)


def show(client: Any, **params: Any) -> str:
    response = client.get(CALENDAR, params)
    assert response.status_code == 200
    return response.content.decode()


def test_my_week_shows_my_interviews_as_links_with_a_full_label(client, alice, vacancy):
    interview = put(vacancy, amsterdam(2026, 12, 2, 10, 30), people=(alice,), duration_minutes=45)
    client.force_login(alice)
    html = show(client, date="02-12-2026")
    column = day_column(html, "2026-12-02")
    assert f'href="/interviews/{interview.pk}/"' in column
    assert "10:30–11:15" in column
    assert "Sanne Bakker" in column
    assert "Bakker" in column and "Pending" in column
    assert "block-pending" in column
    assert "Wednesday 02-12-2026" in column
    assert "Week 49: 30-11-2026 to 06-12-2026" in html
    # 10:30 is 3.5 hours after 07:00: row 43 of five minutes; 45 minutes span 9 rows.
    assert "cluster r-43 s-9" in column


def test_another_organisations_interviews_never_show(client, alice, mallory, vacancy):
    rival_client = Client.objects.create(organisation=mallory.organisation, name="Rival client")
    rival_vacancy = Vacancy.objects.create(client=rival_client, title="Geheim", status="published")
    put(rival_vacancy, amsterdam(2026, 12, 2, 9), name="Verborgen", people=(mallory,))
    client.force_login(alice)
    for choice in ("mine", "everyone", f"user-{mallory.pk}"):
        html = show(client, date="02-12-2026", show=choice)
        assert "Verborgen" not in html
        assert "Geheim" not in html
    # Mallory's name is not among the colleagues to choose from either.
    assert "Mallory" not in show(client)


def test_a_colleagues_calendar_shows_their_interviews_and_plans_with_them(client, alice, bob, vacancy):
    put(vacancy, amsterdam(2026, 12, 2, 9), name="Voorbob", people=(bob,))
    put(vacancy, amsterdam(2026, 12, 2, 11), name="Vooralice", people=(alice,))
    client.force_login(alice)
    html = show(client, date="02-12-2026", show=f"user-{bob.pk}")
    assert "Voorbob" in html
    assert "Vooralice" not in html
    assert f"participant={bob.pk}" in html
    mine = show(client, date="02-12-2026")
    assert "Vooralice" in mine and "Voorbob" not in mine
    everyone = show(client, date="02-12-2026", show="everyone")
    assert "Vooralice" in everyone and "Voorbob" in everyone


def test_a_rooms_calendar_shows_what_is_planned_there(client, alice, vacancy):
    room = LocationPreset.objects.create(organisation=alice.organisation, name="Zaal 1", location="Kerkstraat 1")
    other = LocationPreset.objects.create(organisation=alice.organisation, name="Zaal 2", location="Kerkstraat 2")
    put(vacancy, amsterdam(2026, 12, 3, 9), name="Inzaaleen", location_preset=room)
    put(vacancy, amsterdam(2026, 12, 3, 9), name="Inzaaltwee", location_preset=other)
    client.force_login(alice)
    html = show(client, date="03-12-2026", show=f"room-{room.pk}")
    assert "Inzaaleen" in html
    assert "Inzaaltwee" not in html
    assert f"location_preset={room.pk}" in html


@pytest.mark.parametrize(
    ("before", "change", "after"),
    [((2026, 3, 27), (2026, 3, 29), (2026, 3, 30)), ((2026, 10, 24), (2026, 10, 25), (2026, 10, 26))],
)
def test_nine_oclock_shows_at_nine_on_both_sides_of_a_clock_change(client, alice, vacancy, before, change, after):
    for index, day in enumerate((before, change, after)):
        put(vacancy, amsterdam(*day, 9), name=f"Kandidaat{index}", people=(alice,))
    client.force_login(alice)
    week_of_change = show(client, date=f"{change[2]:02d}-{change[1]:02d}-{change[0]}")
    week_after = show(client, date=f"{after[2]:02d}-{after[1]:02d}-{after[0]}")
    for html, day in ((week_of_change, before), (week_of_change, change), (week_after, after)):
        column = day_column(html, f"{day[0]}-{day[1]:02d}-{day[2]:02d}")
        assert "09:00–10:00" in column
        assert "cluster r-25 s-12" in column  # 09:00 is two hours (24 rows) after 07:00
    # The Sunday of the change is the last day of its week, not the first of the next.
    assert "Kandidaat1" in week_of_change and "Kandidaat1" not in week_after
    assert "Kandidaat2" not in week_of_change


def test_cancelled_interviews_are_left_out_and_a_group_shows_once(client, alice, vacancy):
    put(vacancy, amsterdam(2026, 12, 2, 9), name="Afgezegd", people=(alice,), status=InterviewStatus.CANCELLED)
    group = InterviewGroup.objects.create(organisation=alice.organisation)
    for name in ("Eerste", "Tweede", "Derde"):
        put(vacancy, amsterdam(2026, 12, 2, 14), name=name, people=(alice,), group=group)
    client.force_login(alice)
    html = show(client, date="02-12-2026")
    assert "Afgezegd" not in html
    assert html.count('class="block ') == 1
    assert "Group interview, 3 candidates" in html


def test_overlapping_interviews_stand_side_by_side(client, alice, vacancy):
    put(vacancy, amsterdam(2026, 12, 2, 9), name="Links", people=(alice,))
    put(vacancy, amsterdam(2026, 12, 2, 9, 30), name="Rechts", people=(alice,))
    put(vacancy, amsterdam(2026, 12, 2, 13), name="Alleen", people=(alice,))
    client.force_login(alice)
    column = day_column(show(client, date="02-12-2026"), "2026-12-02")
    assert re.search(r'class="block [^"]* c-1 w-1"[^>]*>.*?Links', column)
    assert re.search(r'class="block [^"]* c-2 w-1"[^>]*>.*?Rechts', column)
    assert re.search(r'class="block [^"]* c-1 w-1"[^>]*>.*?Alleen', column)


def test_the_hours_widen_for_an_early_interview(client, alice, vacancy):
    put(vacancy, amsterdam(2026, 12, 2, 6, 15), name="Vroeg", people=(alice,))
    client.force_login(alice)
    html = show(client, date="02-12-2026")
    assert ">06:00<" in html
    assert "cluster r-4 s-12" in day_column(html, "2026-12-02")


def test_the_day_view_has_every_half_hour_as_a_link_to_plan(client, alice, vacancy):
    client.force_login(alice)
    html = show(client, view="day", date="02-12-2026")
    column = day_column(html, "2026-12-02")
    assert column.count('<a class="slot') == 26  # 07:00 to 20:00
    assert f"/interviews/plan/?date=2026-12-02&amp;time=09%3A30&amp;participant={alice.pk}" in column
    assert "Plan an interview on Wednesday 02-12-2026 at 09:30" in column
    assert "Previous day" in html and "Next day" in html
    assert "?view=day&amp;date=2026-12-01&amp;show=mine" in html


def test_a_hiring_manager_sees_their_interviews_without_planning_links(client, alice, hank, manager, vacancy):
    put(vacancy, amsterdam(2026, 12, 2, 9), name="Metmanager", kind="hiring_manager")
    put(vacancy, amsterdam(2026, 12, 2, 11), name="Zondermanager", kind="recruiter")
    client.force_login(hank)
    html = show(client, date="02-12-2026", show="everyone")
    assert "Metmanager" in html
    assert "Zondermanager" not in html
    assert '<a class="slot' not in html


def test_a_bad_date_shows_the_current_week_and_says_so(client, alice):
    client.force_login(alice)
    for bad in ("31-02-2026", "morgen", "99999-01-01", "2026-13-01"):
        html = show(client, date=bad)
        assert "The current week is shown instead." in html
        assert f'data-date="{timezone.localdate().isoformat()}"' in html
    html = show(client, show="user-999999", view="month")
    assert "Select a valid choice" in html
    assert "My interviews" in html


def test_the_week_costs_the_same_queries_for_many_interviews(client, alice, bob, vacancy):
    client.force_login(alice)

    def queries_for_week() -> int:
        with CaptureQueriesContext(connection) as queries:
            show(client, date="02-12-2026", show="everyone")
        return len(queries)

    put(vacancy, amsterdam(2026, 12, 2, 9), name="Een", people=(alice, bob))
    few = queries_for_week()
    for number in range(30):
        put(vacancy, amsterdam(2026, 11, 30, 7) + timedelta(hours=number * 3), name=f"N{number}", people=(alice, bob))
    assert queries_for_week() == few


def test_dutch_labels_for_a_dutch_recruiter(client, bob, vacancy):
    put(vacancy, amsterdam(2026, 12, 2, 9), name="Noor", people=(bob,))
    client.force_login(bob)
    html = show(client, date="02-12-2026")
    assert "Agenda" in html
    assert "Week 49: 30-11-2026 t/m 06-12-2026" in html
    assert "woensdag 02-12-2026" in html
    assert ">wo 02-12<" in html
    assert "In afwachting" in html
    assert "Vorige week" in html and "Volgende week" in html
    assert "Plan een gesprek op woensdag 02-12-2026 om 09:30" in html


def test_the_top_bar_links_to_the_calendar(client, alice):
    client.force_login(alice)
    html = client.get(reverse("interviews:overview")).content.decode()
    assert f'href="{CALENDAR}"' in html
    assert "<span>Calendar</span></a>" in html


def test_today_is_marked(client, alice):
    client.force_login(alice)
    html = show(client)
    today = day_column(html, timezone.localdate().isoformat())
    assert 'class="today-mark"' in today
