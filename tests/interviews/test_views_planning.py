"""The one planning form (P1, P2, P4, P6) and the bulk invitation (P5) through the HTTP client."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from regisseur.accounts.models import Role
from regisseur.accounts.services import create_user
from regisseur.interviews.models import Guideline, Interview, InterviewGroup, InterviewType, LocationPreset
from regisseur.recruitment.models import Application, ApplicationStage, ApplicationStatus, Client, Contact, Vacancy
from tests.conftest import make_application, make_interview, soon

PLAN = reverse("interviews:plan")
INVITE = reverse("interviews:invite")


def planning_data(moment: datetime | None = None, **extra: Any) -> dict[str, Any]:
    local = timezone.localtime(moment or soon(days=5, hour=11))
    data = {
        "date": local.strftime("%d-%m-%Y"),
        "time": local.strftime("%H:%M"),
        "time_zone": "Europe/Amsterdam",
        "duration_minutes": "45",
        "type": "video",
        "kind": "recruiter",
        "location": "",
        "reason": "Eerste kennismaking",
        "interviewer": "Jan Smit",
    }
    data.update(extra)
    return data


def plan_url(application: Application, origin: str = "candidate") -> str:
    return f"{PLAN}?application={application.pk}&from={origin}"


@pytest.mark.parametrize(
    ("origin", "back"),
    [
        ("board", "recruitment:vacancy_board"),
        ("candidate", "recruitment:candidate_detail"),
        ("application", "recruitment:application_detail"),
        ("vacancy", "recruitment:vacancy_detail"),
    ],
)
def test_all_four_starting_points_lead_to_the_same_form_with_the_right_way_back(
    client, alice, application, origin, back
):
    client.force_login(alice)
    response = client.get(plan_url(application, origin))
    assert response.status_code == 200
    assert response.templates[0].name == "interviews/plan.html"
    target = {
        "recruitment:vacancy_board": application.vacancy_id,
        "recruitment:candidate_detail": application.candidate_id,
        "recruitment:application_detail": application.pk,
        "recruitment:vacancy_detail": application.vacancy_id,
    }[back]
    assert response.context["back_url"] == reverse(back, args=[target])
    html = response.content.decode()
    for name in ("date", "time", "time_zone", "duration_minutes", "location_preset", "location", "reason"):
        assert f'name="{name}"' in html
    for name in ("type", "kind", "interviewer", "participants", "guidelines", "memo", "report", "committee_members"):
        assert f'name="{name}"' in html or name in ("participants", "guidelines", "committee_members")
    assert 'name="round_name"' not in html
    assert '<option value="Europe/Amsterdam" selected>' in html


def test_planning_saves_the_interview_and_opens_it(client, alice, application, client_company):
    guideline = Guideline.objects.create(organisation=alice.organisation, title="STAR-methode", body="Situatie...")
    member = Contact.objects.create(client=client_company, name="Cees Commissie", email="c@jansen.test")
    client.force_login(alice)
    data = planning_data(participants=[alice.pk], guidelines=[guideline.pk], committee_members=[member.pk])
    data["memo"] = "Let op salarisindicatie"
    response = client.post(plan_url(application), data)
    interview = Interview.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("interviews:detail", args=[interview.pk])
    assert timezone.localtime(interview.starts_at) == soon(days=5, hour=11)
    assert interview.duration_minutes == 45
    assert interview.type == InterviewType.VIDEO
    assert interview.interviewer == "Jan Smit"
    assert list(interview.participants.all()) == [alice]
    assert list(interview.guidelines.all()) == [guideline]
    assert list(interview.committee_members.all()) == [member]
    assert interview.memo == "Let op salarisindicatie"
    application.refresh_from_db()
    assert application.stage == ApplicationStage.INTERVIEW
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["The interview has been planned."]


def test_the_time_typed_is_the_clock_time_in_the_chosen_zone(client, alice, application):
    year = timezone.now().year + 1
    client.force_login(alice)
    data = planning_data(date=f"15-06-{year}", time="10:00", time_zone="America/New_York")
    assert client.post(plan_url(application), data).status_code == 302
    interview = Interview.objects.get()
    assert interview.starts_at == datetime(year, 6, 15, 14, 0, tzinfo=UTC)
    assert interview.time_zone == "America/New_York"
    detail = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    assert f"15-06-{year} 16:00" in detail
    assert "(10:00 America/New_York)" in detail


def test_a_preset_fills_an_empty_location(client, alice, application):
    preset = LocationPreset.objects.create(organisation=alice.organisation, name="Hoofdkantoor", location="Damrak 1")
    client.force_login(alice)
    page = client.get(plan_url(application)).content.decode()
    assert "Damrak 1" in page  # for the small script that fills the field
    client.post(plan_url(application), planning_data(location_preset=preset.pk))
    interview = Interview.objects.get()
    assert interview.location == "Damrak 1"
    assert interview.location_preset == preset


def test_a_typed_location_wins_over_the_preset(client, alice, application):
    preset = LocationPreset.objects.create(organisation=alice.organisation, name="Hoofdkantoor", location="Damrak 1")
    client.force_login(alice)
    client.post(plan_url(application), planning_data(location_preset=preset.pk, location="Zaal 3"))
    assert Interview.objects.get().location == "Zaal 3"


def foreign_ids(rival: Any) -> dict[str, int]:
    stranger = create_user(username="stranger", password="x" * 12, organisation=rival, role=Role.RECRUITER)
    other_client = Client.objects.create(organisation=rival, name="Rival client")
    return {
        "participants": stranger.pk,
        "guidelines": Guideline.objects.create(organisation=rival, title="Geheim", body="...").pk,
        "committee_members": Contact.objects.create(client=other_client, name="Vreemd", email="v@x.test").pk,
        "location_preset": LocationPreset.objects.create(organisation=rival, name="Elders", location="Elders").pk,
    }


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"date": "01-01-2020"}, "date"),
        ({"date": "31-02-2027"}, "date"),
        ({"date": "morgen"}, "date"),
        ({"date": ""}, "date"),
        ({"time": "25:00"}, "time"),
        ({"time": "10:60"}, "time"),
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone"),
        ({"duration_minutes": "0"}, "duration_minutes"),
        ({"duration_minutes": "-5"}, "duration_minutes"),
        ({"duration_minutes": "99999"}, "duration_minutes"),
        ({"duration_minutes": "een uur"}, "duration_minutes"),
        ({"type": "carrier_pigeon"}, "type"),
        ({"kind": "everyone"}, "kind"),
        ({"reason": "x" * 201}, "reason"),
        ({"interviewer": "x" * 201}, "interviewer"),
        ({"location": "x" * 501}, "location"),
        ({"memo": "x" * 5001}, "memo"),
        ({"participants": ["999999"]}, "participants"),
        ({"guidelines": ["abc"]}, "guidelines"),
    ],
)
def test_bad_input_is_refused_next_to_the_field_and_kept(client, alice, application, changes, field):
    client.force_login(alice)
    data = planning_data(**changes)
    response = client.post(plan_url(application), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Interview.objects.exists()
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert f'href="#id_{field}' in html or field in ("participants", "guidelines")
    kept = changes[field]
    if isinstance(kept, str) and len(kept) < 100:
        assert f'value="{kept}"' in html or f">{kept}<" in html or kept == "" or field in ("type", "kind", "time_zone")


@pytest.mark.parametrize("field", ["participants", "guidelines", "committee_members", "location_preset"])
def test_someone_elses_ids_are_refused(client, alice, application, rival, field):
    foreign = foreign_ids(rival)
    client.force_login(alice)
    response = client.post(plan_url(application), planning_data(**{field: foreign[field]}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Interview.objects.exists()


def test_a_service_refusal_is_shown_on_the_form(client, alice, application):
    application.status = ApplicationStatus.WITHDRAWN
    application.save()
    client.force_login(alice)
    response = client.post(plan_url(application), planning_data())
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Interview.objects.exists()


def test_conflicts_are_shown_before_saving_and_plan_anyway_saves(client, alice, application, vacancy):
    other = make_application(vacancy, "Piet", "Jansen")
    busy = make_interview(alice, other, starts_at=soon(days=5, hour=11), participants=[alice])
    client.force_login(alice)
    data = planning_data(participants=[alice.pk])
    response = client.post(plan_url(application), data)
    assert response.status_code == 200
    assert Interview.objects.count() == 1
    html = response.content.decode()
    assert "Piet Jansen" in html
    assert timezone.localtime(busy.starts_at).strftime("%d-%m-%Y %H:%M") in html
    assert "Colleague busy: Alice de Vries" in html
    assert 'name="force" value="1"' in html
    assert 'value="Jan Smit"' in html  # the input is kept
    response = client.post(plan_url(application), {**data, "force": "1"})
    assert response.status_code == 302
    assert Interview.objects.count() == 2


def test_the_candidate_and_the_location_can_be_the_conflict(client, alice, application):
    make_interview(alice, application, starts_at=soon(days=5, hour=11), location="Zaal 3")
    client.force_login(alice)
    response = client.post(plan_url(application), planning_data(location="zaal 3"))
    html = response.content.decode()
    assert "Candidate already has an interview: Sanne Bakker" in html
    assert "Location taken: zaal 3" in html


def test_a_round_is_planned_on_the_vacancy_without_candidate(client, alice, vacancy):
    client.force_login(alice)
    url = f"{PLAN}?vacancy={vacancy.pk}&from=vacancy"
    page = client.get(url)
    assert 'name="round_name"' in page.content.decode()
    assert page.context["back_url"] == reverse("recruitment:vacancy_detail", args=[vacancy.pk])
    response = client.post(url, planning_data(round_name="Eerste ronde"))
    interview = Interview.objects.get()
    assert response.status_code == 302
    assert interview.application is None
    assert interview.vacancy == vacancy
    assert interview.round_name == "Eerste ronde"


def test_a_round_needs_a_name(client, alice, vacancy):
    client.force_login(alice)
    response = client.post(f"{PLAN}?vacancy={vacancy.pk}", planning_data())
    assert "round_name" in response.context["form"].errors


def test_other_organisations_get_not_found(client, mallory, application, vacancy):
    client.force_login(mallory)
    assert client.get(plan_url(application)).status_code == 404
    assert client.post(plan_url(application), planning_data()).status_code == 404
    assert client.get(f"{PLAN}?vacancy={vacancy.pk}").status_code == 404
    assert client.get(f"{PLAN}?application=abc").status_code == 404
    # Without a candidate or vacancy the form first asks for one: none of another organisation's.
    chooser = client.get(PLAN).content.decode()
    assert "There is no open vacancy to plan an interview for yet." in chooser
    assert "Sanne Bakker" not in chooser
    assert not Interview.objects.exists()


@pytest.mark.parametrize("persona", ["hank", "cora"])
def test_only_recruiters_may_plan(client, application, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(plan_url(application)).status_code == 403
    assert client.post(plan_url(application), planning_data()).status_code == 403
    assert not Interview.objects.exists()


# --- Bulk invitation (P5) -------------------------------------------------------------------------


@pytest.fixture
def two(vacancy: Vacancy) -> list[Application]:
    return [make_application(vacancy, "Anna", "Eerst"), make_application(vacancy, "Bram", "Tweede")]


def invite_url(applications: list[Application]) -> str:
    return INVITE + "?" + "&".join(f"application={a.pk}" for a in applications)


def test_the_invitation_shows_the_selected_candidates_and_the_planning_fields(client, alice, two):
    client.force_login(alice)
    response = client.get(invite_url(two))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Anna Eerst" in html and "Bram Tweede" in html
    assert 'name="mode"' in html and 'name="date"' in html and 'name="duration_minutes"' in html


def test_the_invitation_has_one_next_button_and_no_separate_communicate_button(client, alice, two):
    client.force_login(alice)
    html = client.get(invite_url(two)).content.decode()
    assert '<button type="submit" class="button primary">Next</button>' in html
    assert 'name="communicate"' not in html


def test_inviting_plans_one_interview_each_and_continues_to_the_invitation_email(client, alice, two):
    client.force_login(alice)
    # One after the other: the same interviewer cannot be in both at once.
    response = client.post(invite_url(two), planning_data(mode="each", spacing_minutes="45"))
    assert response.status_code == 302
    interviews = list(Interview.objects.order_by("id"))
    # Seed 004, step 6: the email is checked and sent (or not) on the bulk communicate page.
    assert response["Location"] == reverse("messaging:communicate_bulk") + "?" + "&".join(
        [f"interview={i.pk}" for i in interviews] + ["planned=1"]
    )
    assert len(interviews) == 2
    assert [i.starts_at for i in interviews] == [soon(days=5, hour=11), soon(days=5, hour=11) + timedelta(minutes=45)]
    assert {i.application_id for i in interviews} == {a.pk for a in two}
    assert all(i.group_id is None for i in interviews)
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["2 interviews planned."]


def test_inviting_as_a_group_plans_one_group_interview(client, alice, two):
    client.force_login(alice)
    response = client.post(invite_url(two), planning_data(mode="group"))
    assert response.status_code == 302
    assert InterviewGroup.objects.count() == 1
    assert set(Interview.objects.values_list("type", flat=True)) == {InterviewType.GROUP}
    assert Interview.objects.filter(group__isnull=False).count() == 2


def test_an_invitation_with_bad_input_changes_nothing(client, alice, two):
    client.force_login(alice)
    response = client.post(invite_url(two), planning_data(mode="group", time="25:00"))
    assert response.status_code == 200
    assert "time" in response.context["form"].errors
    assert not Interview.objects.exists()


def test_an_invitation_shows_conflicts_and_can_go_ahead(client, alice, two):
    make_interview(alice, two[0], starts_at=soon(days=5, hour=11))
    client.force_login(alice)
    response = client.post(invite_url(two), planning_data(mode="each"))
    assert response.status_code == 200
    assert response.context["conflicts"]
    assert Interview.objects.count() == 1
    response = client.post(invite_url(two), planning_data(mode="each", force="1"))
    assert response.status_code == 302
    assert Interview.objects.count() == 3


def test_someone_elses_applications_cannot_be_invited(client, alice, mallory, two):
    client.force_login(mallory)
    assert client.get(invite_url(two)).status_code == 404
    client.force_login(alice)
    assert client.get(INVITE + "?application=x").status_code == 404
    assert client.get(INVITE + f"?application={two[0].pk}&application=99999999").status_code == 404
    assert client.get(INVITE + "?application=99999999999999999999999").status_code == 404


def test_an_invitation_without_candidates_goes_back_with_a_message(client, alice):
    client.force_login(alice)
    response = client.get(INVITE)
    assert response.status_code == 302
    assert response["Location"] == reverse("recruitment:vacancy_list")


def test_candidates_from_two_vacancies_are_refused(client, alice, two, client_company):
    other = make_application(Vacancy.objects.create(client=client_company, title="Kok"), "Cas", "Kok")
    client.force_login(alice)
    response = client.post(invite_url([*two, other]), planning_data(mode="each"))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Interview.objects.exists()


def test_only_recruiters_may_invite(client, hank, two):
    client.force_login(hank)
    assert client.get(invite_url(two)).status_code == 403
    assert client.post(invite_url(two), planning_data()).status_code == 403


def test_planned_twice_in_a_row_needs_no_second_thought(client, alice, application):
    """An edit without changes is harmless (guards the `changes` computation)."""
    interview = make_interview(alice, application, starts_at=soon(days=5, hour=11))
    client.force_login(alice)
    edit = reverse("interviews:edit", args=[interview.pk])
    form = client.get(edit).context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, [])}
    data["date"] = form.initial["date"].strftime("%d-%m-%Y")
    data["time"] = form.initial["time"].strftime("%H:%M")
    response = client.post(edit, data)
    assert response.status_code == 302
    assert interview.events.count() == 1
    assert timedelta(0) == Interview.objects.get().starts_at - interview.starts_at
