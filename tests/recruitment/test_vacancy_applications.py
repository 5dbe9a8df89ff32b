"""The candidate overview of a vacancy (P5, P7) and its workflow board (R5, P1)."""

from __future__ import annotations

import re

from django.test import Client as HttpClient
from django.urls import reverse

from regisseur.accounts.models import User
from regisseur.interviews.models import ConfirmationStatus, Interview
from regisseur.recruitment.models import Application, ApplicationStage, Vacancy
from regisseur.recruitment.services import set_application_status
from tests.conftest import make_application, make_interview, soon
from tests.recruitment.conftest import count_queries, text


def make_applications(vacancy: Vacancy, alice: User, number: int, *, prefix: str) -> None:
    for index in range(number):
        application = make_application(vacancy, "Kim", f"{prefix}{index:02d}", mobile="+31612345678")
        make_interview(alice, application, starts_at=soon(days=2, hour=8 + index % 10))
        make_interview(alice, application, starts_at=soon(days=3, hour=8 + index % 10))


def test_the_overview_lists_all_applications_with_checkboxes_for_the_invite_action(
    as_alice: HttpClient, alice: User, vacancy: Vacancy, application: Application
) -> None:
    later = soon(days=6, hour=11)
    make_interview(alice, application, starts_at=soon(days=2))
    latest = make_interview(alice, application, starts_at=later)
    Interview.objects.filter(pk=latest.pk).update(confirmation_status=ConfirmationStatus.ACCEPTED)
    withdrawn = make_application(vacancy, "Piet", "Jansen")
    set_application_status(actor=alice, application=withdrawn, status="withdrawn")

    page = text(as_alice.get(reverse("recruitment:vacancy_candidates", args=[vacancy.pk])))

    assert f'<form method="get" action="{reverse("interviews:invite")}"' in page
    assert f'name="application" value="{application.pk}"' in page
    assert re.search(rf'name="application" value="{withdrawn.pk}" id="select-{withdrawn.pk}" disabled', page)
    assert "Invite for interview" in page
    assert ">Run</button>" in page
    assert f'href="{reverse("recruitment:candidate_detail", args=[application.candidate.pk])}">Sanne Bakker</a>' in page
    assert later.strftime("%d-%m-%Y %H:%M") in page
    assert '<span class="badge badge-accepted">Accepted</span>' in page
    assert '<span class="badge badge-withdrawn">Withdrawn</span>' in page
    assert "+31 6 12345678" in page
    assert "2 applications" in page


def test_the_overview_filters_by_stage_and_status(as_alice: HttpClient, alice: User, vacancy: Vacancy) -> None:
    make_application(vacancy, "Sanne", "Bakker")
    screening = make_application(vacancy, "Piet", "Jansen")
    Application.objects.filter(pk=screening.pk).update(stage=ApplicationStage.SCREENING)

    by_stage = text(as_alice.get(reverse("recruitment:vacancy_candidates", args=[vacancy.pk]), {"stage": "screening"}))
    by_status = text(as_alice.get(reverse("recruitment:vacancy_candidates", args=[vacancy.pk]), {"status": "hired"}))

    assert "Piet Jansen" in by_stage
    assert "Sanne Bakker" not in by_stage
    assert "No applications match these filters." in by_status


def test_the_overview_does_not_grow_in_queries_with_its_rows(
    as_alice: HttpClient, alice: User, vacancy: Vacancy
) -> None:
    url = reverse("recruitment:vacancy_candidates", args=[vacancy.pk])
    make_applications(vacancy, alice, 3, prefix="A")
    few = count_queries(lambda: as_alice.get(url))
    make_applications(vacancy, alice, 27, prefix="B")

    many = count_queries(lambda: as_alice.get(url))

    assert many == few


def test_a_committee_member_sees_only_the_applications_of_her_interviews(
    as_cora: HttpClient, alice: User, cora: User, vacancy: Vacancy, application: Application
) -> None:
    make_interview(alice, application, committee_members=[cora.contact])
    other = make_application(vacancy, "Piet", "Jansen")
    make_interview(alice, other, starts_at=soon(days=5))

    page = text(as_cora.get(reverse("recruitment:vacancy_candidates", args=[vacancy.pk])))

    assert "Sanne Bakker" in page
    assert "Piet Jansen" not in page
    assert 'name="application"' not in page


def test_the_board_shows_every_stage_in_order_with_cards(
    as_alice: HttpClient, alice: User, vacancy: Vacancy, application: Application
) -> None:
    waiting = make_application(vacancy, "Piet", "Jansen")
    Application.objects.filter(pk=waiting.pk).update(stage=ApplicationStage.PLAN_INTERVIEW)
    interview = make_interview(alice, application)

    page = text(as_alice.get(reverse("recruitment:vacancy_board", args=[vacancy.pk])))

    headings = re.findall(r'<h2 id="column-(\w+)">', page)
    assert headings == [value for value, _label in ApplicationStage.choices]
    assert "To plan interview" in page
    plan_column = page.split('id="column-plan_interview"')[1].split('id="column-interview"')[0]
    assert "Piet Jansen" in plan_column
    assert f"{reverse('interviews:plan')}?application={waiting.pk}&amp;from=board" in plan_column
    interview_column = page.split('id="column-interview"')[1].split('id="column-offer"')[0]
    assert "Sanne Bakker" in interview_column
    assert interview.local_starts_at.strftime("%d-%m-%Y %H:%M") in page
    assert '<span class="badge badge-pending">Pending</span>' in interview_column
    assert f'action="{reverse("recruitment:application_move", args=[waiting.pk])}"' in page


def test_the_board_does_not_grow_in_queries_with_its_cards(as_alice: HttpClient, alice: User, vacancy: Vacancy) -> None:
    url = reverse("recruitment:vacancy_board", args=[vacancy.pk])
    make_applications(vacancy, alice, 3, prefix="A")
    few = count_queries(lambda: as_alice.get(url))
    make_applications(vacancy, alice, 27, prefix="B")

    many = count_queries(lambda: as_alice.get(url))

    assert many == few


def test_moving_a_card_changes_the_stage_and_returns_to_the_board(
    as_alice: HttpClient, vacancy: Vacancy, application: Application
) -> None:
    board = reverse("recruitment:vacancy_board", args=[vacancy.pk])

    response = as_alice.post(
        reverse("recruitment:application_move", args=[application.pk]), {"stage": "plan_interview", "next": board}
    )

    application.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == board
    assert application.stage == ApplicationStage.PLAN_INTERVIEW
    assert "moved to “To plan interview”" in text(as_alice.get(board))


def test_a_card_dropped_on_another_column_moves_with_a_json_answer_and_no_page_change(
    as_alice: HttpClient, application: Application
) -> None:
    url = reverse("recruitment:application_move", args=[application.pk])

    moved = as_alice.post(url, {"stage": "offer"}, HTTP_ACCEPT="application/json")
    unknown = as_alice.post(url, {"stage": "nowhere"}, HTTP_ACCEPT="application/json")

    assert moved.status_code == 200
    assert moved.json() == {"moved": True, "stage": "offer", "message": "Sanne Bakker moved to “Offer”."}
    assert unknown.status_code == 400 and unknown.json()["moved"] is False
    application.refresh_from_db()
    assert application.stage == ApplicationStage.OFFER


def test_moving_never_redirects_to_another_site(as_alice: HttpClient, application: Application) -> None:
    response = as_alice.post(
        reverse("recruitment:application_move", args=[application.pk]),
        {"stage": "offer", "next": "https://evil.example/"},
    )

    assert response["Location"] == reverse("recruitment:application_detail", args=[application.pk])


def test_an_unknown_stage_changes_nothing(as_alice: HttpClient, application: Application) -> None:
    response = as_alice.post(reverse("recruitment:application_move", args=[application.pk]), {"stage": "nowhere"})

    application.refresh_from_db()
    assert response.status_code == 200
    assert 'id="id_stage_error"' in text(response)
    assert application.stage == ApplicationStage.NEW


def test_only_recruiters_of_the_organisation_move_cards(
    as_mallory: HttpClient, as_hank: HttpClient, alice: User, hanks_vacancy: Vacancy, application: Application
) -> None:
    from regisseur.interviews.models import InterviewKind

    make_interview(alice, application, kind=InterviewKind.HIRING_MANAGER)
    url = reverse("recruitment:application_move", args=[application.pk])

    assert as_mallory.post(url, {"stage": "offer"}).status_code == 404
    assert as_hank.post(url, {"stage": "offer"}).status_code == 403
    application.refresh_from_db()
    assert application.stage == ApplicationStage.INTERVIEW
    board = text(as_hank.get(reverse("recruitment:vacancy_board", args=[hanks_vacancy.pk])))
    assert "Sanne Bakker" in board
    assert url not in board


def test_moving_is_a_post(as_alice: HttpClient, application: Application) -> None:
    assert as_alice.get(reverse("recruitment:application_move", args=[application.pk])).status_code == 405


def test_select_all_ticks_every_active_application_and_keeps_the_filters(
    as_alice: HttpClient, vacancy: Vacancy, application: Application
) -> None:
    other = make_application(vacancy, "Piet", "Jansen")
    gone = make_application(vacancy, "Kees", "Weg")
    set_application_status(actor=None, application=gone, status="withdrawn")
    url = reverse("recruitment:vacancy_candidates", args=[vacancy.pk])

    page = as_alice.get(url + "?status=active")
    ticked = as_alice.get(url + "?status=active&select=all")
    everyone = as_alice.get(url + "?select=all")

    assert page.context["select_all_url"] == "?status=active&select=all"
    assert ticked.context["select_none_url"] == "?status=active"
    for candidate in (application, other):
        assert f'value="{candidate.pk}" id="select-{candidate.pk}" checked' in text(ticked)
        assert f'value="{candidate.pk}" id="select-{candidate.pk}" checked' not in text(page)
    assert f'value="{gone.pk}" id="select-{gone.pk}" disabled' in text(everyone)  # never ticked
    assert "<span data-count>2</span> selected" in text(everyone)
