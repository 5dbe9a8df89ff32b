"""Crisis playbooks (O3): an incident's steps per kind, done with who and when, closed with lessons."""

from __future__ import annotations

from datetime import timedelta

import pytest

from regisseur.accounts.models import User
from regisseur.actions.monitoring import close_incident, open_incident, set_incident_step
from regisseur.core.errors import ServiceError
from regisseur.interviews.models import InterviewEvent
from regisseur.monitoring.incidents import PLAYBOOKS
from regisseur.recruitment.models import Application
from tests.conftest import make_interview

pytestmark = pytest.mark.django_db


def test_each_kind_opens_with_the_steps_of_seed_000(alice: User, application: Application) -> None:
    interview = make_interview(alice, application)
    expected = {
        "candidate_ill": ["inform_client", "propose_alternative", "offer_new_times", "follow_up_candidate"],
        "client_cancelled": ["inform_candidate", "offer_new_times", "verify_not_rejection", "keep_momentum"],
        "technical_problem": ["backup_platform", "phone_fallback", "test_call"],
        "overrun": ["monitor_timing", "warn_waiting", "shift_later", "inform_next"],
    }
    assert {kind: [step.code for step in steps] for kind, steps in PLAYBOOKS.items()} == expected
    for kind, codes in expected.items():
        incident = open_incident(actor=alice, interview=interview, kind=kind, note="x", delay_minutes=20)
        assert [step.code for step in incident.steps.all()] == codes
        assert not any(step.done for step in incident.steps.all())
    test_call = interview.incidents.get(kind="technical_problem").steps.get(code="test_call")
    assert test_call.due_at == interview.starts_at - timedelta(minutes=30)


def test_a_step_is_done_with_who_when_and_a_note_and_the_history_keeps_it(
    alice: User, application: Application
) -> None:
    interview = make_interview(alice, application)
    incident = open_incident(actor=alice, interview=interview, kind="client_cancelled", note="Klant ziek")

    set_incident_step(actor=alice, incident=incident, code="verify_not_rejection", done=True, note="Geen afwijzing")

    step = incident.steps.get(code="verify_not_rejection")
    assert step.done and step.done_by == alice and step.done_at is not None and step.note == "Geen afwijzing"
    events = InterviewEvent.objects.filter(interview=interview, action="incident")
    assert [event.changes for event in events] == [
        {"incident_step": ["verify_not_rejection", "done"]},
        {"incident": ["", "client_cancelled"]},
    ]


def test_closing_asks_for_lessons_and_a_closed_incident_stays_closed(alice: User, application: Application) -> None:
    interview = make_interview(alice, application)
    incident = open_incident(actor=alice, interview=interview, kind="technical_problem")

    with pytest.raises(ServiceError) as missing:
        close_incident(actor=alice, incident=incident, lessons="  ")
    closed = close_incident(actor=alice, incident=incident, lessons="Altijd een telefoonnummer vooraf vragen")
    with pytest.raises(ServiceError) as after:
        set_incident_step(actor=alice, incident=incident, code="test_call", done=True)

    assert missing.value.code == "required" and missing.value.field == "lessons"
    assert closed.closed_at is not None and closed.closed_by == alice
    assert after.value.code == "incident_closed"


def test_overrun_needs_its_delay_and_one_open_playbook_per_kind(alice: User, application: Application) -> None:
    interview = make_interview(alice, application)

    with pytest.raises(ServiceError) as no_delay:
        open_incident(actor=alice, interview=interview, kind="overrun")
    open_incident(actor=alice, interview=interview, kind="overrun", delay_minutes=15)
    with pytest.raises(ServiceError) as twice:
        open_incident(actor=alice, interview=interview, kind="overrun", delay_minutes=15)
    with pytest.raises(ServiceError) as unknown:
        open_incident(actor=alice, interview=interview, kind="flood")

    assert no_delay.value.field == "delay_minutes"
    assert twice.value.code == "incident_open"
    assert unknown.value.code == "invalid_choice"


def test_only_the_organisations_recruiters_handle_incidents(
    alice: User, hank: User, mallory: User, application: Application
) -> None:
    interview = make_interview(alice, application)

    with pytest.raises(ServiceError) as manager:
        open_incident(actor=hank, interview=interview, kind="candidate_ill")
    with pytest.raises(ServiceError) as stranger:
        open_incident(actor=mallory, interview=interview, kind="candidate_ill")

    assert manager.value.status == 403
    assert stranger.value.code == "not_found"
