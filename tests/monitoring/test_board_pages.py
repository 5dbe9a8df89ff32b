"""The board and the interview's monitoring page as a recruiter uses them, without JavaScript."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from regisseur.accounts.models import User
from regisseur.core.typed_input import format_day
from regisseur.interviews.models import Interview, InterviewEvent, InterviewStatus
from regisseur.monitoring.models import ChecklistTick, InterviewRun
from regisseur.monitoring.windows import local_day
from regisseur.recruitment.models import Application, Vacancy
from tests.conftest import make_application, make_interview

pytestmark = pytest.mark.django_db


def board_url(day: Any, scope: str = "all") -> str:
    return reverse("monitoring:board") + f"?date={format_day(day)}&scope={scope}"


@pytest.fixture
def started_soon(alice: User, application: Application) -> Interview:
    """An interview that began ten minutes ago: inside its active window now."""
    now = timezone.now()
    interview = make_interview(alice, application, starts_at=now + timedelta(days=1))
    begin = now - timedelta(minutes=10)
    Interview.objects.filter(pk=interview.pk).update(starts_at=begin, ends_at=begin + timedelta(hours=1))
    interview.refresh_from_db()
    return interview


def test_the_board_of_today_shows_the_active_interview_and_refreshes_itself(
    client: Client, alice: User, started_soon: Interview
) -> None:
    client.force_login(alice)

    response = client.get(reverse("monitoring:board") + "?scope=all")

    page = response.content.decode()
    assert response.status_code == 200
    assert response["Refresh"] == "60"
    assert "Sanne Bakker" in page
    assert "Active now" in page
    assert "Not confirmed" in page and "Checklist open" in page


def test_another_day_does_not_refresh_and_a_bad_date_says_why(client: Client, alice: User) -> None:
    client.force_login(alice)
    tomorrow = timezone.localdate() + timedelta(days=5)

    other = client.get(board_url(tomorrow))
    bad = client.get(reverse("monitoring:board") + "?date=31-02-2026")

    assert other.status_code == 200 and "Refresh" not in other
    assert bad.status_code == 200
    assert "errorlist" in bad.content.decode()


def test_the_board_speaks_dutch(client: Client, alice: User, started_soon: Interview) -> None:
    User.objects.filter(pk=alice.pk).update(language="nl")
    client.force_login(alice)
    client.cookies["django_language"] = "nl"

    page = client.get(reverse("monitoring:board") + "?scope=all", HTTP_ACCEPT_LANGUAGE="nl").content.decode()

    assert "Gespreksdag" in page
    assert "Niet bevestigd" in page


def test_one_click_start_held_and_no_show(client: Client, alice: User, started_soon: Interview) -> None:
    client.force_login(alice)
    here = reverse("monitoring:board") + "?scope=all"

    started = client.post(reverse("monitoring:start", args=[started_soon.pk]), {"next": here})
    assert started.status_code == 302 and started["Location"] == here
    run = InterviewRun.objects.get(interview=started_soon)
    assert run.started_at is not None and run.started_by == alice

    refused = client.post(reverse("monitoring:outcome", args=[started_soon.pk]), {"status": "no_show"}, follow=True)
    assert "Say who did not show up" in refused.content.decode()
    started_soon.refresh_from_db()
    assert started_soon.status == InterviewStatus.PLANNED

    client.post(
        reverse("monitoring:outcome", args=[started_soon.pk]),
        {"status": "no_show", "no_show_by": "candidate", "reason": "Trein viel uit"},
    )
    started_soon.refresh_from_db()
    run.refresh_from_db()
    assert started_soon.status == InterviewStatus.NO_SHOW
    assert (run.no_show_by, run.outcome_reason) == ("candidate", "Trein viel uit")
    assert InterviewEvent.objects.filter(interview=started_soon, action="started").exists()


def test_ticking_the_day_before_checklist_records_who_and_a_note(
    client: Client, alice: User, application: Application
) -> None:
    interview = make_interview(alice, application)
    client.force_login(alice)

    client.post(
        reverse("monitoring:tick", args=[interview.pk, "day_before", "agenda"]),
        {"done": "1", "note": "Agenda met klant besproken"},
    )
    page = client.get(reverse("monitoring:interview", args=[interview.pk])).content.decode()
    automatic = client.post(
        reverse("monitoring:tick", args=[interview.pk, "day_before", "candidate_confirmed"]), {"done": "1"}, follow=True
    )

    tick = ChecklistTick.objects.get(interview=interview, code="agenda")
    assert tick.done and tick.done_by == alice and tick.note == "Agenda met klant besproken"
    assert "Agenda met klant besproken" in page and "Alice de Vries" in page
    assert "cannot be ticked by hand" in automatic.content.decode()
    assert not ChecklistTick.objects.filter(code="candidate_confirmed").exists()
    history = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    assert "Agenda and focus points confirmed" in history


def test_others_find_nothing(
    client: Client, alice: User, hank: User, mallory: User, vacancy: Vacancy, application: Application
) -> None:
    interview = make_interview(alice, application)

    client.force_login(hank)  # a hiring manager: the board is the recruiters'
    assert client.get(reverse("monitoring:board")).status_code == 404
    client.force_login(mallory)  # another organisation's recruiter
    assert client.get(reverse("monitoring:interview", args=[interview.pk])).status_code == 404
    assert client.post(reverse("monitoring:start", args=[interview.pk])).status_code == 404


def test_tomorrows_risks_are_listed_under_today(client: Client, alice: User, vacancy: Vacancy) -> None:
    tomorrow_start = timezone.localtime(timezone.now() + timedelta(days=1)).replace(hour=10, minute=0)
    risky = make_interview(alice, make_application(vacancy, "Morgen", "Risico"), starts_at=tomorrow_start)
    client.force_login(alice)

    page = client.get(board_url(local_day(timezone.now(), "Europe/Amsterdam"))).content.decode()

    assert "Tomorrow: interviews at risk" in page
    assert "Morgen Risico" in page
    assert risky.pk
