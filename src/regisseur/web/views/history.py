"""The interview's history as people read it: who acted, and every change in their own language.

InterviewEvent.changes holds field names and stored values ({"preferred_mode": ["", "video"]});
nothing of that raw form may reach a page. One mapping gives every field name used in
`changes` its translated label, and choice values their translated labels, so that a Dutch
page says "Voorkeursvorm: — → Video" and an English one "Preferred mode: — → Video".
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regisseur.evaluation import care, scorecards
from regisseur.interviews.models import (
    CANCEL_REASON_LABELS,
    ConfirmationStatus,
    Interview,
    InterviewEvent,
    InterviewKind,
    InterviewStatus,
    InterviewType,
)
from regisseur.messaging.models import Purpose
from regisseur.monitoring import aftercare
from regisseur.monitoring.checklists import built_in_labels
from regisseur.monitoring.incidents import step_labels
from regisseur.monitoring.models import IncidentKind, InterviewRun, NoShowBy
from regisseur.recruitment.models import ApplicationStatus, InterviewMode
from regisseur.reminders.models import ReminderChannel
from regisseur.responses.models import CandidateAnswer, FollowUpKind

# The note of a "do not send email" choice (messaging.services.communicate).
NOT_SENT = "not_sent"


def _verbose(model: Any, name: str) -> Promise:
    return model._meta.get_field(name).verbose_name


def field_labels() -> dict[str, Any]:
    """Every field name used in InterviewEvent.changes, with its translated label."""
    interview_fields = [
        "vacancy",
        "application",
        "group",
        "round_name",
        "starts_at",
        "ends_at",
        "time_zone",
        "duration_minutes",
        "type",
        "kind",
        "location_preset",
        "location",
        "video_link",
        "reason",
        "interviewer",
        "participants",
        "committee_members",
        "guidelines",
        "memo",
        "report",
        "status",
        "confirmation_status",
        "cancel_reason",
    ]
    labels: dict[str, Any] = {name: _verbose(Interview, name) for name in interview_fields}
    labels.update(
        {
            "preferred_mode": _verbose(CandidateAnswer, "preferred_mode"),
            "preferred_times": _verbose(CandidateAnswer, "preferred_times"),
            "questions_in_advance": gettext_lazy("questions in advance"),
            "message": _verbose(CandidateAnswer, "message"),
            "application_status": gettext_lazy("application status"),
            "reminder": gettext_lazy("reminder"),
            "reminder_due": gettext_lazy("reminder due"),
            "to": gettext_lazy("sent to"),
            "purpose": gettext_lazy("message"),
            "follow_up": gettext_lazy("to do"),
            "started_at": _verbose(InterviewRun, "started_at"),
            "no_show_by": _verbose(InterviewRun, "no_show_by"),
            "checklist_item": gettext_lazy("checklist"),
            "incident": gettext_lazy("crisis playbook"),
            "incident_step": gettext_lazy("playbook step"),
            **aftercare.HISTORY_FIELDS,
            **care.HISTORY_FIELDS,
        }
    )
    return labels


PROGRESS = {"done": gettext_lazy("done"), "open": gettext_lazy("open"), "closed": gettext_lazy("closed")}
YES_NO = {"yes": gettext_lazy("Yes"), "no": gettext_lazy("No"), True: gettext_lazy("Yes"), False: gettext_lazy("No")}


def value_labels() -> dict[str, dict[Any, Any]]:
    """The translated label of each stored code, per field."""
    return {
        "type": dict(InterviewType.choices),
        "kind": dict(InterviewKind.choices),
        "status": dict(InterviewStatus.choices),
        "confirmation_status": dict(ConfirmationStatus.choices),
        "preferred_mode": dict(InterviewMode.choices),
        "questions_in_advance": YES_NO,
        "application_status": dict(ApplicationStatus.choices),
        "reminder": dict(ReminderChannel.choices),
        "purpose": dict(Purpose.choices),
        "follow_up": {**dict(FollowUpKind.choices), "done": gettext_lazy("done")},
        "cancel_reason": CANCEL_REASON_LABELS,
        "no_show_by": dict(NoShowBy.choices),
        "checklist_item": {**built_in_labels(), **PROGRESS},
        "incident": {**dict(IncidentKind.choices), **PROGRESS},
        "incident_step": {**step_labels(), **PROGRESS},
        # A group's number means nothing to people: in a group, or not.
        "group": {},
    }


def note_labels() -> dict[str, Any]:
    """Notes the system writes as codes (cancel reasons, message purposes), in the reader's language."""
    return {
        **CANCEL_REASON_LABELS,
        NOT_SENT: gettext_lazy("Not communicated (do not send email)."),
        **dict(Purpose.choices),
        **aftercare.HISTORY_NOTES,
        **care.HISTORY_NOTES,
        **scorecards.HISTORY_NOTES,
    }


def history_value(name: str, value: Any, values: dict[str, dict[Any, Any]] | None = None) -> str:
    """One stored value as shown: choices by their label, lists joined, nothing as a dash."""
    if name == "group":
        return str(YES_NO[True]) if value else str(YES_NO[False])
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    mapping = (values or value_labels()).get(name, {})
    if isinstance(value, bool):
        return str(YES_NO[value])
    return str(mapping.get(value, value))


def actor_label(event: InterviewEvent, candidate_name: str) -> str:
    """Who acted: the user by name, the candidate by name, or the system (a reminder, a sweep)."""
    if event.actor is not None:
        return str(event.actor)
    by_candidate = event.source == InterviewEvent.Source.CANDIDATE or (
        # Events recorded before `source` existed: an answer is always the candidate's.
        event.source == InterviewEvent.Source.USER
        and event.action in (InterviewEvent.Action.ANSWERED, InterviewEvent.Action.WITHDRAWN)
    )
    if by_candidate:
        if candidate_name:
            return _("%(name)s (candidate)") % {"name": candidate_name}
        return _("The candidate")
    return _("System")


def history_rows(events: list[InterviewEvent], *, candidate_name: str = "") -> list[dict[str, Any]]:
    """History rows (P3): the memo's values are never stored nor shown, only that it changed."""
    labels = field_labels()
    values = value_labels()
    notes = note_labels()
    rows = []
    for event in events:
        changes = []
        for name, stored in (event.changes or {}).items():
            before, after = (stored + [None, None])[:2] if isinstance(stored, list) else (None, stored)
            label = capfirst(str(labels.get(name, name.replace("_", " "))))
            if name == "memo":
                changes.append({"label": label, "memo": True})
            else:
                changes.append(
                    {
                        "label": label,
                        "before": history_value(name, before, values),
                        "after": history_value(name, after, values),
                    }
                )
        note = event.note
        if event.action != InterviewEvent.Action.ANSWERED and note in notes:
            note = str(notes[note])  # the candidate's own message is never taken for a code
        rows.append({"event": event, "actor": actor_label(event, candidate_name), "note": note, "changes": changes})
    return rows
