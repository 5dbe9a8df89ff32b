"""Crisis playbooks (O3): an incident per interview with the steps of seed 000 for its kind.

Each step is done or not, with who, when and a note; steps that contact someone name the
audience and the purpose of the message they draft (sent through the normal communicate
flow, linked to the step).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regisseur.accounts.models import User
from regisseur.core.errors import ServiceError
from regisseur.interviews.models import Interview, InterviewEvent
from regisseur.interviews.services import record_event
from regisseur.messaging.models import Audience, Message, Purpose
from regisseur.monitoring.checklists import check_monitor
from regisseur.monitoring.models import Incident, IncidentKind, IncidentStep


@dataclass(frozen=True)
class StepDefinition:
    code: str
    label: Any  # a lazy translation
    # The audiences a drafted message goes to, and its purpose; empty for steps without a message.
    audiences: tuple[str, ...] = ()
    purpose: str = ""
    # When the step should be done, from the interview's start and the incident's opening.
    due: Callable[[Interview, datetime], datetime] | None = None


def _tomorrow(_interview: Interview, opened_at: datetime) -> datetime:
    return opened_at + timedelta(days=1)


def _half_hour_before(interview: Interview, _opened_at: datetime) -> datetime:
    return interview.starts_at - timedelta(minutes=30)


def _within_two_days(_interview: Interview, opened_at: datetime) -> datetime:
    return opened_at + timedelta(hours=48)


PLAYBOOKS: dict[str, tuple[StepDefinition, ...]] = {
    IncidentKind.CANDIDATE_ILL: (
        StepDefinition(
            "inform_client",
            gettext_lazy("Inform the client at once of the situation and the options"),
            audiences=(Audience.CLIENT,),
            purpose=Purpose.ILL_TO_CLIENT,
        ),
        StepDefinition("propose_alternative", gettext_lazy("Propose an alternative candidate if one is ready")),
        StepDefinition("offer_new_times", gettext_lazy("Offer new times within 24-48 hours"), due=_within_two_days),
        StepDefinition(
            "follow_up_candidate", gettext_lazy("Follow up on the candidate's health or situation"), due=_tomorrow
        ),
    ),
    IncidentKind.CLIENT_CANCELLED: (
        StepDefinition(
            "inform_candidate",
            gettext_lazy("Inform the candidate at once, with context"),
            audiences=(Audience.CANDIDATE,),
            purpose=Purpose.CANCELLED_TO_CANDIDATE,
        ),
        StepDefinition("offer_new_times", gettext_lazy("Offer new times within 24-48 hours"), due=_within_two_days),
        StepDefinition(
            "verify_not_rejection", gettext_lazy("Verify with the client that the cancellation is not a rejection")
        ),
        StepDefinition(
            "keep_momentum",
            gettext_lazy("Keep momentum: plan the next contact (urgency, another format)"),
            due=_tomorrow,
        ),
    ),
    IncidentKind.TECHNICAL_PROBLEM: (
        StepDefinition(
            "backup_platform",
            gettext_lazy("Backup platform ready (Zoom, Teams, WhatsApp video) and sent to both parties"),
            audiences=(Audience.CANDIDATE, Audience.CLIENT),
            purpose=Purpose.TECH_BACKUP,
        ),
        StepDefinition("phone_fallback", gettext_lazy("Phone interview as the fallback")),
        StepDefinition("test_call", gettext_lazy("Test call 30 minutes before the start"), due=_half_hour_before),
    ),
    IncidentKind.OVERRUN: (
        StepDefinition("monitor_timing", gettext_lazy("Monitor the timing discreetly through the parties")),
        StepDefinition(
            "warn_waiting",
            gettext_lazy("Warn the people waiting of the delay"),
            audiences=(Audience.CANDIDATE,),
            purpose=Purpose.DELAY_NOTICE,
        ),
        StepDefinition("shift_later", gettext_lazy("Adjust the day's planning: shift the later interviews")),
        StepDefinition("inform_next", gettext_lazy("Make sure the next appointments are informed")),
    ),
}


def step_labels() -> dict[str, Any]:
    """Every playbook step's code with its label (for the history)."""
    return {step.code: step.label for steps in PLAYBOOKS.values() for step in steps}


_STEPS = {(kind, step.code): step for kind, steps in PLAYBOOKS.items() for step in steps}


def step_definition(kind: str, code: str) -> StepDefinition | None:
    return _STEPS.get((kind, code))


def step_label(kind: str, code: str) -> str:
    definition = step_definition(kind, code)
    return str(definition.label) if definition else code


def open_incident_of(interview: Interview) -> Incident | None:
    return Incident.objects.filter(interview=interview, closed_at__isnull=True).order_by("-opened_at").first()


@transaction.atomic
def open_incident(
    *, actor: User, interview: Interview, kind: str, note: str = "", delay_minutes: int | None = None
) -> Incident:
    """Start a playbook: the incident with its steps, in the interview's history."""
    interview = Interview.objects.select_for_update(of=("self",)).get(pk=interview.pk)
    check_monitor(actor, interview)
    if kind not in IncidentKind.values:
        raise ServiceError(
            "invalid_choice",
            _("Choose candidate ill, client cancels, technology problems or overrun."),
            field="kind",
        )
    note = (note or "").strip()
    if len(note) > 1000:
        raise ServiceError("too_long", _("A note has at most 1000 characters."), field="note")
    if delay_minutes is not None and not 0 < delay_minutes <= 24 * 60:
        raise ServiceError("invalid", _("A delay lies between 1 minute and 24 hours."), field="delay_minutes")
    if kind == IncidentKind.OVERRUN and delay_minutes is None:
        raise ServiceError("required", _("Say how many minutes the interview runs late."), field="delay_minutes")
    if Incident.objects.filter(interview=interview, kind=kind, closed_at__isnull=True).exists():
        raise ServiceError("incident_open", _("This playbook is already open for this interview."), field="kind")
    now = timezone.now()
    incident = Incident.objects.create(
        interview=interview, kind=kind, note=note, delay_minutes=delay_minutes, opened_at=now, opened_by=actor
    )
    IncidentStep.objects.bulk_create(
        IncidentStep(
            incident=incident,
            code=step.code,
            position=position,
            due_at=step.due(interview, now) if step.due else None,
        )
        for position, step in enumerate(PLAYBOOKS[kind])
    )
    record_event(
        interview,
        actor,
        InterviewEvent.Action.INCIDENT,
        {"incident": ["", kind]},
        note=note,
    )
    return incident


def _locked(incident: Incident, actor: User) -> Incident:
    incident = Incident.objects.select_for_update().select_related("interview").get(pk=incident.pk)
    check_monitor(actor, incident.interview)
    if incident.closed_at is not None:
        raise ServiceError("incident_closed", _("This incident is closed."))
    return incident


@transaction.atomic
def set_step(
    *,
    actor: User,
    incident: Incident,
    code: str,
    done: bool,
    note: str = "",
    messages: list[Message] | None = None,
) -> Incident:
    """Mark a step done or not, with a note; messages sent for it are linked to it."""
    incident = _locked(incident, actor)
    step = IncidentStep.objects.filter(incident=incident, code=code).first()
    if step is None:
        raise ServiceError("not_found", _("Unknown step."), field="code")
    note = (note or "").strip()
    if len(note) > 1000:
        raise ServiceError("too_long", _("A note has at most 1000 characters."), field="note")
    was_done = step.done
    step.done = done
    if done and not was_done:
        step.done_by = actor
        step.done_at = timezone.now()
    elif not done:
        step.done_by = None
        step.done_at = None
    if note:
        step.note = note
    step.save()
    if messages:
        step.messages.add(*messages)
    if was_done != done or note:
        record_event(
            incident.interview,
            actor,
            InterviewEvent.Action.INCIDENT,
            {"incident_step": [code, "done" if done else "open"]},
            note=note,
        )
    return incident


@transaction.atomic
def close_incident(*, actor: User, incident: Incident, lessons: str) -> Incident:
    """Close an incident; it asks for the lessons learned (seed 000: problems noted for learning)."""
    incident = _locked(incident, actor)
    lessons = (lessons or "").strip()
    if not lessons:
        raise ServiceError("required", _("Write down what this incident taught."), field="lessons")
    if len(lessons) > 5000:
        raise ServiceError("too_long", _("Lessons have at most 5000 characters."), field="lessons")
    incident.closed_at = timezone.now()
    incident.closed_by = actor
    incident.lessons = lessons
    incident.save(update_fields=["closed_at", "closed_by", "lessons"])
    record_event(
        incident.interview,
        actor,
        InterviewEvent.Action.INCIDENT,
        {"incident": [incident.kind, "closed"]},
        note=lessons,
    )
    return incident
