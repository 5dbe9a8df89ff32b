"""The interview record: details, history (P3), edit and reschedule, cancel, outcome, link (P4)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from regisseur.actions.cancelling import cancel_interview
from regisseur.interviews.models import (
    ConfirmationStatus,
    Guideline,
    Interview,
    InterviewEvent,
    InterviewKind,
    InterviewStatus,
)
from regisseur.recruitment.models import Contact
from tests.conftest import change_fields, make_application, make_interview, soon


def url(name: str, interview: Interview) -> str:
    return reverse(f"interviews:{name}", args=[interview.pk])


def edit_data(interview: Interview, **changes: Any) -> dict[str, Any]:
    local = interview.local_starts_at
    data: dict[str, Any] = {
        "date": local.strftime("%d-%m-%Y"),
        "time": local.strftime("%H:%M"),
        "time_zone": interview.time_zone,
        "duration_minutes": interview.duration_minutes,
        "type": interview.type,
        "kind": interview.kind,
        "location": interview.location,
        "reason": interview.reason,
        "interviewer": interview.interviewer,
        "memo": interview.memo,
        "report": interview.report,
        "participants": [user.pk for user in interview.participants.all()],
        "guidelines": [guideline.pk for guideline in interview.guidelines.all()],
        "committee_members": [contact.pk for contact in interview.committee_members.all()],
        "location_preset": interview.location_preset_id or "",
    }
    data.update(changes)
    return data


def make_past(interview: Interview) -> None:
    starts_at = timezone.now() - timedelta(hours=2)
    Interview.objects.filter(pk=interview.pk).update(starts_at=starts_at, ends_at=starts_at + timedelta(hours=1))


@pytest.fixture
def interview(alice: Any, application: Any) -> Interview:
    guideline = Guideline.objects.create(organisation=alice.organisation, title="STAR-methode", body="Vraag door.")
    return make_interview(
        alice,
        application,
        starts_at=soon(days=4, hour=9),
        interviewer="Jan Smit",
        location="Damrak 1",
        reason="Kennismaking",
        memo="Geheime notitie",
        report="Sterk in teamwerk",
        guidelines=[guideline],
        participants=[alice],
    )


def test_the_record_shows_everything_to_a_recruiter(client, alice, interview):
    client.force_login(alice)
    response = client.get(url("detail", interview))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sanne Bakker" in html
    assert soon(days=4, hour=9).strftime("%d-%m-%Y 09:00") in html
    for text in ("Jan Smit", "Damrak 1", "Kennismaking", "Geheime notitie", "Sterk in teamwerk", "Vraag door."):
        assert text in html
    assert "badge-planned" in html and "badge-pending" in html
    assert url("edit", interview) in html
    assert url("cancel", interview) in html
    assert url("outcome", interview) not in html  # not started yet
    assert reverse("recruitment:application_detail", args=[interview.application_id]) in html


def test_a_hiring_manager_sees_his_interview_without_memo_or_actions(client, alice, hank, interview, vacancy):
    vacancy.hiring_manager = Contact.objects.get(user=hank)
    vacancy.save()
    Interview.objects.filter(pk=interview.pk).update(kind=InterviewKind.BOTH)
    client.force_login(hank)
    response = client.get(url("detail", interview))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sanne Bakker" in html and "Vraag door." in html
    assert "Geheime notitie" not in html
    assert url("edit", interview) not in html and url("cancel", interview) not in html


def test_a_hiring_manager_does_not_see_interviews_without_him(client, hank, interview):
    client.force_login(hank)
    assert client.get(url("detail", interview)).status_code == 404


def test_other_organisations_get_not_found_everywhere(client, mallory, interview, application):
    client.force_login(mallory)
    for name in ("detail", "edit", "cancel"):
        assert client.get(url(name, interview)).status_code == 404
    for name in ("edit", "cancel", "outcome", "link"):
        assert client.post(url(name, interview), {"status": "held", "application": application.pk}).status_code == 404
    assert client.get("/interviews/99999999999999999999/").status_code == 404
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.PLANNED


def test_the_edit_form_is_prefilled_day_first(client, alice, interview):
    client.force_login(alice)
    html = client.get(url("edit", interview)).content.decode()
    local = interview.local_starts_at
    assert f'value="{local.strftime("%d-%m-%Y")}"' in html
    assert 'value="09:00"' in html
    assert "Geheime notitie" in html


def test_rescheduling_is_recorded_with_before_and_after(client, alice, interview):
    client.force_login(alice)
    new_moment = soon(days=6, hour=15)
    response = client.post(
        url("edit", interview), edit_data(interview, date=new_moment.strftime("%d-%m-%Y"), time="15:30")
    )
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["The interview has been rescheduled."]
    interview.refresh_from_db()
    assert timezone.localtime(interview.starts_at) == new_moment.replace(minute=30)
    event = interview.events.first()
    assert event is not None and event.action == InterviewEvent.Action.RESCHEDULED
    assert set(event.changes) == {"starts_at"}
    html = client.get(url("detail", interview)).content.decode()
    before = soon(days=4, hour=9).strftime("%d-%m-%Y 09:00")
    after = new_moment.strftime("%d-%m-%Y 15:30")
    assert f'<span class="before">{before}</span>' in html
    assert f'<span class="after">{after}</span>' in html
    assert "Rescheduled" in html or "Verplaatst" in html
    assert "Alice de Vries" in html


def test_only_changed_fields_are_saved_and_shown(client, alice, interview):
    client.force_login(alice)
    client.post(url("edit", interview), edit_data(interview, reason="Tweede gesprek", type="phone"))
    event = interview.events.first()
    assert event is not None
    assert set(event.changes) == {"reason", "type"}
    html = client.get(url("detail", interview)).content.decode()
    assert '<span class="before">Kennismaking</span>' in html
    assert '<span class="after">Tweede gesprek</span>' in html


def test_the_memos_text_never_appears_in_the_history(client, alice, interview):
    client.force_login(alice)
    client.post(url("edit", interview), edit_data(interview, memo="Nieuwe geheime tekst"))
    html = client.get(url("detail", interview)).content.decode()
    assert "memo changed" in html
    history = html[html.index('id="history-title"') :]
    assert "Geheime notitie" not in history
    assert "Nieuwe geheime tekst" not in history


def test_an_untouched_location_follows_a_newly_chosen_preset(client, alice, interview):
    from regisseur.interviews.models import LocationPreset

    preset = LocationPreset.objects.create(organisation=alice.organisation, name="Zuid", location="Zuidas 5")
    client.force_login(alice)
    client.post(url("edit", interview), edit_data(interview, location_preset=preset.pk))
    interview.refresh_from_db()
    assert interview.location == "Zuidas 5"


def test_an_edit_that_conflicts_is_shown_first_then_saved_anyway(client, alice, interview, vacancy):
    other = make_application(vacancy, "Piet", "Jansen")
    make_interview(alice, other, starts_at=soon(days=6, hour=15), participants=[alice])
    client.force_login(alice)
    data = edit_data(interview, date=soon(days=6).strftime("%d-%m-%Y"), time="15:00")
    response = client.post(url("edit", interview), data)
    assert response.status_code == 200
    assert "Piet Jansen" in response.content.decode()
    interview.refresh_from_db()
    assert timezone.localtime(interview.starts_at).hour == 9
    assert client.post(url("edit", interview), {**data, "force": "1"}).status_code == 302
    interview.refresh_from_db()
    assert timezone.localtime(interview.starts_at).hour == 15


def test_a_past_interview_keeps_its_moment_while_the_report_is_written(client, alice, interview):
    make_past(interview)
    interview.refresh_from_db()
    client.force_login(alice)
    response = client.post(url("edit", interview), edit_data(interview, report="Goed gesprek"))
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.report == "Goed gesprek"


def test_moving_into_the_past_is_refused(client, alice, interview):
    client.force_login(alice)
    response = client.post(url("edit", interview), edit_data(interview, date="01-01-2020"))
    assert response.status_code == 200
    assert "date" in response.context["form"].errors


def test_a_cancelled_interview_cannot_be_edited(client, alice, interview):
    cancel_interview(actor=alice, interview=interview, reason="Klant zegt af")
    client.force_login(alice)
    for response in (client.get(url("edit", interview)), client.post(url("edit", interview), edit_data(interview))):
        assert response.status_code == 302
        assert "This interview has been cancelled and cannot be changed." in [
            str(m) for m in get_messages(response.wsgi_request)
        ]
    html = client.get(url("detail", interview)).content.decode()
    assert "Klant zegt af" in html
    assert url("edit", interview) not in html


def test_cancelling_asks_for_confirmation_and_a_reason(client, alice, interview):
    client.force_login(alice)
    page = client.get(url("cancel", interview))
    assert page.status_code == 200
    assert 'name="reason"' in page.content.decode()
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.PLANNED
    response = client.post(url("cancel", interview), {"reason": "Kandidaat ziek"})
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.CANCELLED
    assert interview.cancel_reason == "Kandidaat ziek"


def test_an_overlong_cancel_reason_is_refused(client, alice, interview):
    client.force_login(alice)
    response = client.post(url("cancel", interview), {"reason": "x" * 501})
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.PLANNED


def test_a_started_interview_can_be_marked_held_or_no_show(client, alice, interview):
    make_past(interview)
    client.force_login(alice)
    assert url("outcome", interview) in client.get(url("detail", interview)).content.decode()
    client.post(url("outcome", interview), {"status": "no_show"})
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.NO_SHOW
    client.post(url("outcome", interview), {"status": "held"})
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.HELD


def test_a_future_interview_cannot_be_marked_held(client, alice, interview):
    client.force_login(alice)
    response = client.post(url("outcome", interview), {"status": "held"})
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["The interview has not started yet."]
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.PLANNED


def test_outcome_only_by_post(client, alice, interview):
    client.force_login(alice)
    assert client.get(url("outcome", interview)).status_code == 405


@pytest.mark.parametrize("name", ["edit", "cancel", "outcome", "link"])
def test_participants_may_not_change_the_interview(client, alice, cora, interview, name, application):
    change_fields(actor=alice, interview=interview, changes={"committee_members": [Contact.objects.get(user=cora)]})
    client.force_login(cora)
    assert client.get(url("detail", interview)).status_code == 200
    response = client.post(url(name, interview), {"status": "held", "reason": "x", "application": application.pk})
    assert response.status_code == 403
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.PLANNED


def test_an_application_is_linked_to_a_round_planned_on_the_vacancy(client, alice, vacancy, application):
    client.force_login(alice)
    client.post(
        f"{reverse('interviews:plan')}?vacancy={vacancy.pk}",
        {
            "round_name": "Eerste ronde",
            "date": soon(days=5).strftime("%d-%m-%Y"),
            "time": "10:00",
            "time_zone": "Europe/Amsterdam",
            "duration_minutes": "30",
            "type": "in_person",
            "kind": "recruiter",
        },
    )
    round_ = Interview.objects.get()
    html = client.get(url("detail", round_)).content.decode()
    assert "Eerste ronde" in html
    assert url("link", round_) in html and "Sanne Bakker" in html
    response = client.post(url("link", round_), {"application": application.pk})
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.application == application
    assert round_.confirmation_status == ConfirmationStatus.PENDING


def test_someone_elses_application_cannot_be_linked(client, alice, mallory, vacancy, rival):
    from regisseur.recruitment.models import Client, Vacancy

    foreign_vacancy = Vacancy.objects.create(client=Client.objects.create(organisation=rival, name="R"), title="R")
    foreign = make_application(foreign_vacancy, "Vreemde", "Eend")
    client.force_login(alice)
    client.post(
        f"{reverse('interviews:plan')}?vacancy={vacancy.pk}",
        {
            "round_name": "Ronde",
            "date": soon(days=5).strftime("%d-%m-%Y"),
            "time": "10:00",
            "time_zone": "Europe/Amsterdam",
            "duration_minutes": "30",
            "type": "in_person",
            "kind": "recruiter",
        },
    )
    round_ = Interview.objects.get()
    assert client.post(url("link", round_), {"application": foreign.pk}).status_code == 404
    response = client.post(url("link", round_), {})
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.application is None
