"""The bulk invitation's pages (P5) and the group interview's record, edit and cancel (issue 7, items 4-5).

The actions are tested in tests/services; here only what the pages translate: input to the
action's arguments, and its result or refusal to what the recruiter reads.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from regisseur.actions.communicating import communicate
from regisseur.actions.planning import plan_interviews
from regisseur.interviews import services
from regisseur.interviews.models import Interview, InterviewStatus
from regisseur.interviews.planning import Planning
from regisseur.messaging.models import Message
from regisseur.recruitment.models import Application, Vacancy
from tests.conftest import make_application, soon

INVITE = reverse("interviews:invite")
ELEVEN = soon(days=5, hour=11)


@pytest.fixture
def three(vacancy: Vacancy) -> list[Application]:
    return [
        make_application(vacancy, "Anna", "Eerst"),
        make_application(vacancy, "Bram", "Tweede"),
        make_application(vacancy, "Cees", "Derde"),
    ]


def invite_url(applications: list[Application]) -> str:
    return INVITE + "?" + "&".join(f"application={a.pk}" for a in applications)


def invitation(**extra: Any) -> dict[str, Any]:
    local = timezone.localtime(ELEVEN)
    data = {
        "mode": "each",
        "date": local.strftime("%d-%m-%Y"),
        "time": "11:00",
        "time_zone": "Europe/Amsterdam",
        "duration_minutes": "45",
        "type": "in_person",
        "kind": "recruiter",
        "location": "",
        "interviewer": "",
    }
    data.update(extra)
    return data


def flashes(response: Any) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def local_clock(interview: Interview) -> str:
    return timezone.localtime(interview.starts_at).strftime("%H:%M")


# --- The bulk form ------------------------------------------------------------------------------


def test_the_form_offers_minutes_between_starts_empty_meaning_the_duration(client, alice, three):
    client.force_login(alice)
    html = client.get(invite_url(three)).content.decode()
    assert 'name="spacing_minutes"' in html
    assert "Minutes between starts" in html
    assert "Empty: the duration, one after the other." in html


def test_left_empty_the_interviews_follow_each_other_at_11_00_11_45_and_12_30(client, alice, three):
    client.force_login(alice)
    response = client.post(invite_url(three), invitation(participants=[alice.pk], spacing_minutes=""))
    assert response.status_code == 302
    interviews = list(Interview.objects.order_by("starts_at"))
    assert [local_clock(i) for i in interviews] == ["11:00", "11:45", "12:30"]
    assert [i.application for i in interviews] == three


def test_the_spacing_typed_is_the_one_used(client, alice, three):
    client.force_login(alice)
    response = client.post(invite_url(three), invitation(spacing_minutes="60"))
    assert response.status_code == 302
    assert [local_clock(i) for i in Interview.objects.order_by("starts_at")] == ["11:00", "12:00", "13:00"]


def test_all_at_once_with_the_same_colleague_shows_who_is_busy_and_which_new_interviews_clash(client, alice, three):
    client.force_login(alice)
    response = client.post(invite_url(three), invitation(participants=[alice.pk], spacing_minutes="0"))
    assert response.status_code == 200
    assert not Interview.objects.exists()
    html = response.content.decode()
    assert "The new interviews clash 3 times" in html
    assert "New interviews with Anna Eerst and Bram Tweede" in html
    assert "New interviews with Bram Tweede and Cees Derde" in html
    assert html.count("Colleague needed in both at once: Alice de Vries") == 3
    # The times it would have given, shown under the spacing.
    assert "Start times: " in html
    assert html.count('<span class="nowrap">11:00 ') == 3
    assert 'name="force"' in html


def test_all_at_once_is_fine_with_different_people(client, alice, three):
    client.force_login(alice)
    response = client.post(invite_url(three), invitation(spacing_minutes="0"))
    assert response.status_code == 302
    assert [local_clock(i) for i in Interview.objects.all()] == ["11:00"] * 3


def test_bad_spacing_is_shown_at_the_field(client, alice, three):
    client.force_login(alice)
    response = client.post(invite_url(three), invitation(spacing_minutes="-5"))
    assert response.status_code == 200
    assert "spacing_minutes" in response.context["form"].errors
    assert not Interview.objects.exists()


def test_invite_with_nothing_ticked_stays_on_the_candidate_overview_as_filtered(client, alice, vacancy):
    client.force_login(alice)
    response = client.get(f"{INVITE}?vacancy={vacancy.pk}&status=active")
    assert response.status_code == 302
    assert response["Location"] == reverse("recruitment:vacancy_candidates", args=[vacancy.pk]) + "?status=active"
    assert flashes(response) == ["Tick at least one candidate, then choose “Invite for interview” again."]


def test_the_candidate_overview_sends_its_vacancy_with_the_invitation(client, alice, vacancy, three):
    client.force_login(alice)
    html = client.get(reverse("recruitment:vacancy_candidates", args=[vacancy.pk])).content.decode()
    assert f'<input type="hidden" name="vacancy" value="{vacancy.pk}">' in html


# --- Back from the email step -------------------------------------------------------------------


def plan_three(client: Any, three: list[Application]) -> list[Interview]:
    response = client.post(invite_url(three), invitation(spacing_minutes="45"))
    assert response.status_code == 302
    interviews = list(Interview.objects.order_by("starts_at"))
    assert response["Location"].endswith("&planned=1")
    return interviews


def back_url(interviews: list[Interview]) -> str:
    return reverse("interviews:invite_back") + "?" + "&".join(f"interview={i.pk}" for i in interviews)


def test_the_email_step_after_planning_goes_back_through_the_warning(client, alice, three):
    client.force_login(alice)
    interviews = plan_three(client, three)
    query = "&".join(f"interview={i.pk}" for i in interviews)
    html = client.get(reverse("messaging:communicate_bulk") + f"?{query}&planned=1").content.decode()
    assert f'href="{reverse("interviews:invite_back")}?{query.replace("&", "&amp;")}"' in html
    # Reached any other way (a group change), "Back" is the plain way back.
    html = client.get(reverse("messaging:communicate_bulk") + f"?{query}").content.decode()
    assert reverse("interviews:invite_back") not in html


def test_back_warns_that_the_interviews_exist_and_offers_both_ways(client, alice, vacancy, three):
    client.force_login(alice)
    interviews = plan_three(client, three)
    html = client.get(back_url(interviews)).content.decode()
    assert "The interviews have been planned already" in html
    assert "3 interviews were planned when you chose “Next”; nobody has been told yet." in html
    assert "Cancel these 3 interviews and change the planning" in html
    assert "Keep them and go to the candidate overview" in html
    assert reverse("recruitment:vacancy_candidates", args=[vacancy.pk]) in html


def test_cancelling_from_back_cancels_all_quietly_and_returns_to_the_form_as_it_was(client, alice, three):
    client.force_login(alice)
    interviews = plan_three(client, three)
    response = client.post(back_url(interviews))
    assert response.status_code == 302
    assert set(Interview.objects.values_list("status", flat=True)) == {InterviewStatus.CANCELLED}
    assert not Message.objects.exists()
    assert flashes(response)[-1] == "3 planned interviews have been cancelled; nobody had been told about them."
    # The form again, for the same candidates, filled in as before.
    form_page = client.get(response["Location"])
    assert form_page.context["applications"] == three
    form = form_page.context["form"]
    assert form.initial["time"].strftime("%H:%M") == "11:00"
    assert form.initial["duration_minutes"] == 45
    assert form.initial["mode"] == "each"
    assert form.initial["spacing_minutes"] == ""
    # Planning again now is no duplicate: the cancelled ones are out of the way.
    assert client.post(invite_url(three), invitation(spacing_minutes="45")).status_code == 302
    assert Interview.objects.exclude(status=InterviewStatus.CANCELLED).count() == 3


def test_submitting_the_same_invitation_again_shows_the_conflict_instead_of_planning_twice(client, alice, three):
    client.force_login(alice)
    plan_three(client, three)
    response = client.post(invite_url(three), invitation(spacing_minutes="45"))
    assert response.status_code == 200
    assert "Candidate already has an interview: Anna Eerst" in response.content.decode()
    assert Interview.objects.count() == 3


def test_an_interview_someone_was_told_about_is_kept(client, alice, three):
    client.force_login(alice)
    interviews = plan_three(client, three)
    communicate(actor=alice, interviews=interviews[:1], audience="candidate")
    html = client.get(back_url(interviews)).content.decode()
    assert "Cancel these 2 interviews" in html
    response = client.post(back_url(interviews))
    assert Interview.objects.get(pk=interviews[0].pk).status == InterviewStatus.PLANNED
    assert Interview.objects.filter(status=InterviewStatus.CANCELLED).count() == 2
    assert f"application={three[0].pk}" not in response["Location"]


def test_keeping_them_is_a_link_to_the_overview_that_changes_nothing(client, alice, vacancy, three):
    client.force_login(alice)
    plan_three(client, three)
    html = client.get(back_url(list(Interview.objects.all()))).content.decode()
    assert f'<a class="button" href="{reverse("recruitment:vacancy_candidates", args=[vacancy.pk])}">' in html
    assert set(Interview.objects.values_list("status", flat=True)) == {InterviewStatus.PLANNED}


# --- The group interview ------------------------------------------------------------------------


@pytest.fixture
def group(alice, three) -> list[Interview]:
    return plan_interviews(
        actor=alice,
        applications=three,
        planning=Planning(starts_at=ELEVEN, duration_minutes=90, participants=[alice], location="Damrak 1"),
        as_group=True,
    ).interviews


def test_the_group_record_lists_the_members_with_their_confirmation(client, alice, group):
    # A member cancelled on its own (as the domain service can): still listed, marked.
    services.cancel_interview(actor=alice, interview=group[2], reason="")
    client.force_login(alice)
    response = client.get(reverse("interviews:detail", args=[group[0].pk]))
    html = response.content.decode()
    assert "Group interview with 2 candidates" in html
    assert f'href="{reverse("interviews:detail", args=[group[1].pk])}">Bram Tweede</a>' in html
    assert f'href="{reverse("interviews:detail", args=[group[2].pk])}">Cees Derde</a>' in html
    assert "<strong>Anna Eerst</strong>" in html
    assert html.count('data-confirmation="pending"') >= 2
    assert '<span class="badge badge-cancelled">Cancelled</span>' in html


def test_a_single_interview_record_has_no_group_section(client, alice, three):
    interview = plan_interviews(
        actor=alice, applications=three[:1], planning=Planning(starts_at=ELEVEN, duration_minutes=45)
    ).interviews[0]
    client.force_login(alice)
    assert "Group interview with" not in client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()


def edit_data(interview: Interview, **extra: Any) -> dict[str, Any]:
    local = timezone.localtime(interview.starts_at)
    data = {
        "date": local.strftime("%d-%m-%Y"),
        "time": local.strftime("%H:%M"),
        "time_zone": interview.time_zone,
        "duration_minutes": str(interview.duration_minutes),
        "type": interview.type,
        "kind": interview.kind,
        "location": interview.location,
        "participants": [user.pk for user in interview.participants.all()],
    }
    data.update(extra)
    return data


def test_editing_a_member_asks_whole_group_or_only_this_candidate(client, alice, group):
    client.force_login(alice)
    html = client.get(reverse("interviews:edit", args=[group[0].pk])).content.decode()
    assert "The whole group (3 candidates)" in html
    assert "Only this candidate (takes them out of the group into an interview of their own)" in html
    response = client.post(reverse("interviews:edit", args=[group[0].pk]), edit_data(group[0], time="14:00"))
    assert response.status_code == 200
    assert "scope" in response.context["form"].errors
    assert local_clock(Interview.objects.get(pk=group[0].pk)) == "11:00"


def test_a_change_for_the_whole_group_moves_every_member(client, alice, group):
    client.force_login(alice)
    response = client.post(
        reverse("interviews:edit", args=[group[1].pk]), edit_data(group[1], time="14:00", scope="group")
    )
    assert response.status_code == 302
    assert [local_clock(i) for i in Interview.objects.order_by("pk")] == ["14:00"] * 3
    assert flashes(response) == ["The group interview has been rescheduled for 3 candidates."]


def test_a_change_for_only_this_candidate_takes_them_out_of_the_group(client, alice, group):
    client.force_login(alice)
    response = client.post(
        reverse("interviews:edit", args=[group[1].pk]), edit_data(group[1], time="14:00", scope="this")
    )
    assert response.status_code == 302
    moved = Interview.objects.get(pk=group[1].pk)
    assert moved.group_id is None
    assert local_clock(moved) == "14:00"
    assert [local_clock(i) for i in Interview.objects.filter(pk__in=[group[0].pk, group[2].pk])] == ["11:00"] * 2
    assert flashes(response) == ["Bram Tweede now has an interview of their own."]


def test_save_and_communicate_after_a_group_change_goes_to_every_changed_member(client, alice, group):
    client.force_login(alice)
    response = client.post(
        reverse("interviews:edit", args=[group[0].pk]),
        edit_data(group[0], location="Damrak 2", scope="group", communicate="1"),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("messaging:communicate_bulk") + "?" + "&".join(
        f"interview={i.pk}" for i in group
    )
    assert flashes(response) == ["The group interview has been changed for 3 candidates."]


def test_an_interview_of_ones_own_is_edited_without_the_question(client, alice, three):
    interview = plan_interviews(
        actor=alice, applications=three[:1], planning=Planning(starts_at=ELEVEN, duration_minutes=45)
    ).interviews[0]
    client.force_login(alice)
    html = client.get(reverse("interviews:edit", args=[interview.pk])).content.decode()
    assert 'name="scope"' not in html
    response = client.post(reverse("interviews:edit", args=[interview.pk]), edit_data(interview, time="15:00"))
    assert flashes(response) == ["The interview has been rescheduled."]


def test_cancelling_a_member_says_it_cancels_the_whole_group_and_does(client, alice, group):
    client.force_login(alice)
    html = client.get(reverse("interviews:cancel", args=[group[1].pk])).content.decode()
    assert "This cancels the group interview for all 3 candidates." in html
    response = client.post(reverse("interviews:cancel", args=[group[1].pk]), {"reason": "Vacature vervuld"})
    assert response.status_code == 302
    assert set(Interview.objects.values_list("status", flat=True)) == {InterviewStatus.CANCELLED}
    assert flashes(response) == ["The group interview has been cancelled for 3 candidates."]


def test_the_pages_speak_dutch(client, alice, group, three):
    client.force_login(alice)
    client.cookies["django_language"] = "nl"
    html = client.get(reverse("interviews:detail", args=[group[0].pk])).content.decode()
    assert "Groepsgesprek met 3 kandidaten" in html
    html = client.get(invite_url(three)).content.decode()
    assert "Minuten tussen de starttijden" in html
