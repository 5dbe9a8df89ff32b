"""The monitoring records in the admin: readable by staff, scoped to their organisation, changed by nobody."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from regisseur.actions.monitoring import open_incident, save_checklist, tick_checklist_item
from regisseur.monitoring.models import (
    CheckIn,
    ChecklistItem,
    ChecklistTick,
    Debrief,
    Incident,
    IncidentStep,
    InterviewRun,
    Rating,
)
from regisseur.recruitment.models import Client, Vacancy
from tests.conftest import make_application, make_interview

pytestmark = pytest.mark.django_db

MODELS = [ChecklistItem, ChecklistTick, InterviewRun, Incident, CheckIn, Debrief, Rating]


def changelist(model: type) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def change_page(obj: Any) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def records(actor: Any, interview: Any) -> dict[type, Any]:
    tick_checklist_item(actor=actor, interview=interview, phase="day_before", code="agenda", done=True)
    incident = open_incident(actor=actor, interview=interview, kind="technical_problem")
    now = timezone.now()
    return {
        ChecklistTick: ChecklistTick.objects.get(interview=interview),
        InterviewRun: InterviewRun.objects.create(interview=interview, no_show_by="candidate"),
        Incident: incident,
        CheckIn: CheckIn.objects.create(interview=interview, audience="candidate", state="sent"),
        Debrief: Debrief.objects.create(interview=interview, starts_at=now + timedelta(days=4)),
        Rating: Rating.objects.create(
            interview=interview, audience="candidate", token_hash=f"secret-hash-{interview.pk}", expires_at=now
        ),
    }


def test_every_monitoring_model_is_registered():
    assert all(admin.site.is_registered(model) for model in MODELS)


def test_staff_read_their_organisations_records_and_change_nothing(client, ada, alice, application, mallory, rival):
    own = records(alice, make_interview(alice, application))
    save_checklist(actor=ada, phase="after", entries=[("on_schedule", "Op tijd", True)])
    rival_vacancy = Vacancy.objects.create(client=Client.objects.create(organisation=rival, name="R"), title="R")
    theirs = records(mallory, make_interview(mallory, make_application(rival_vacancy, "Rita", "Rival")))
    client.force_login(alice)

    for model in MODELS:
        page = client.get(changelist(model))
        assert page.status_code == 200, model
        assert page.context["cl"].result_count == (
            len(ChecklistItem.objects.filter(organisation=alice.organisation)) if model is ChecklistItem else 1
        )
        assert client.get(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")).status_code == 403
    for model, row in own.items():
        page = client.get(change_page(row))
        assert page.status_code == 200
        assert not page.context["adminform"].form.fields, model
        assert client.get(change_page(theirs[model])).status_code == 404
    assert "secret-hash" not in client.get(change_page(own[Rating])).content.decode()
    steps = client.get(change_page(own[Incident])).content.decode()
    assert "backup_platform" in steps and IncidentStep.objects.filter(incident=own[Incident]).count() == 3


def _queries(client: Any, model: type) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(changelist(model)).status_code == 200
    return len(queries)


def test_the_changelists_do_not_run_a_query_per_row(client, alice, vacancy):
    records(alice, make_interview(alice, make_application(vacancy, "K0", "Test")))
    client.force_login(alice)
    one = {model: _queries(client, model) for model in MODELS}
    for number in range(1, 5):
        records(alice, make_interview(alice, make_application(vacancy, f"K{number}", "Test")))

    assert {model: _queries(client, model) for model in MODELS} == one


def test_a_hiring_manager_has_no_admin_access(client, hank):
    client.force_login(hank)

    assert client.get(changelist(Incident)).status_code == 302
