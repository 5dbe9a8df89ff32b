"""The application record: status and stage, its interviews with their confirmation (R4, P1, P7)."""

from __future__ import annotations

from django.test import Client as HttpClient
from django.urls import reverse

from regisseur.accounts.models import User
from regisseur.interviews.models import ConfirmationStatus, Interview, InterviewKind
from regisseur.recruitment.models import Application, ApplicationStage, ApplicationStatus, Vacancy
from tests.conftest import make_interview, soon
from tests.recruitment.conftest import text


def test_the_record_shows_interviews_with_their_confirmation(
    as_alice: HttpClient, alice: User, application: Application
) -> None:
    starts_at = soon(days=4, hour=15)
    interview = make_interview(alice, application, starts_at=starts_at, location="Kerkstraat 1", interviewer="Ingrid")
    Interview.objects.filter(pk=interview.pk).update(confirmation_status=ConfirmationStatus.CONTACT_FOR_NEW_APPOINTMENT)

    page = text(as_alice.get(reverse("recruitment:application_detail", args=[application.pk])))

    assert "Sanne Bakker" in page
    assert f'href="{reverse("recruitment:vacancy_detail", args=[application.vacancy.pk])}">Bakker</a>' in page
    assert f'href="{reverse("interviews:detail", args=[interview.pk])}">{starts_at:%d-%m-%Y %H:%M}</a>' in page
    assert '<span class="badge badge-contact_for_new_appointment">Contact for new appointment</span>' in page
    assert "Kerkstraat 1" in page
    assert f"{reverse('interviews:plan')}?application={application.pk}&amp;from=application" in page
    assert f'action="{reverse("recruitment:application_status", args=[application.pk])}"' in page
    assert f'action="{reverse("recruitment:application_move", args=[application.pk])}"' in page


def test_a_recruiter_rejects_an_application(as_alice: HttpClient, application: Application) -> None:
    url = reverse("recruitment:application_status", args=[application.pk])

    response = as_alice.post(url, {"status": "rejected"})

    application.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == reverse("recruitment:application_detail", args=[application.pk])
    assert (application.status, application.stage) == (ApplicationStatus.REJECTED, ApplicationStage.CLOSED)
    page = text(as_alice.get(response["Location"]))
    assert "Status set to “Rejected”." in page
    assert reverse("interviews:plan") not in page  # only active applications get interviews


def test_an_unknown_status_is_refused_next_to_the_field(as_alice: HttpClient, application: Application) -> None:
    response = as_alice.post(reverse("recruitment:application_status", args=[application.pk]), {"status": "lost"})

    application.refresh_from_db()
    assert response.status_code == 200
    assert 'id="id_status_error"' in text(response)
    assert application.status == ApplicationStatus.ACTIVE


def test_the_stage_form_on_the_record_returns_to_the_record(as_alice: HttpClient, application: Application) -> None:
    record = reverse("recruitment:application_detail", args=[application.pk])
    page = text(as_alice.get(record))
    assert f'name="next" value="{record}"' in page

    response = as_alice.post(
        reverse("recruitment:application_move", args=[application.pk]), {"stage": "offer", "next": record}
    )

    application.refresh_from_db()
    assert response["Location"] == record
    assert application.stage == ApplicationStage.OFFER


def test_a_hiring_manager_reads_the_record_of_his_interview_but_cannot_change_it(
    as_hank: HttpClient, alice: User, hanks_vacancy: Vacancy, application: Application
) -> None:
    make_interview(alice, application, kind=InterviewKind.HIRING_MANAGER)
    record = reverse("recruitment:application_detail", args=[application.pk])

    page = text(as_hank.get(record))
    response = as_hank.post(reverse("recruitment:application_status", args=[application.pk]), {"status": "hired"})

    assert "Sanne Bakker" in page
    assert reverse("interviews:plan") not in page
    assert reverse("recruitment:application_status", args=[application.pk]) not in page
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACTIVE


def test_a_hiring_manager_cannot_open_applications_without_his_interviews(
    as_hank: HttpClient, hanks_vacancy: Vacancy, application: Application
) -> None:
    assert as_hank.get(reverse("recruitment:application_detail", args=[application.pk])).status_code == 404


def test_other_organisations_get_not_found(as_mallory: HttpClient, application: Application) -> None:
    assert as_mallory.get(reverse("recruitment:application_detail", args=[application.pk])).status_code == 404
    url = reverse("recruitment:application_status", args=[application.pk])
    assert as_mallory.post(url, {"status": "hired"}).status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACTIVE
