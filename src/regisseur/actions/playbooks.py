"""The crisis playbooks' actions (O3): send a step's drafted messages, record the backup, pick a new time, shift.

Each is one atomic action: the messages, the moves and the step marked done (with who, when and
a note, in the interview's history) all happen, or none of them does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from regisseur.accounts.models import User
from regisseur.actions.changes import reschedule_interview
from regisseur.actions.communicating import communicate
from regisseur.core.errors import ServiceError
from regisseur.core.timezones import format_day_first
from regisseur.interviews.changes import SCOPE_GROUP, SCOPE_THIS
from regisseur.interviews.models import Interview
from regisseur.messaging.composition import Variant, default_purpose
from regisseur.messaging.models import Audience, Message
from regisseur.monitoring import incidents
from regisseur.monitoring.checklists import check_monitor
from regisseur.monitoring.incidents import step_definition
from regisseur.monitoring.models import Incident, IncidentKind, InterviewRun
from regisseur.monitoring.playbooks import (
    Draft,
    extra_values,
    later_interviews,
    record_backup,
    require_open,
    step_drafts,
)

# Edited texts per draft key: (subject, content with its signature).
Texts = Mapping[str, tuple[str, str]]


@dataclass
class Sent:
    incident: Incident
    messages: list[Message] = field(default_factory=list)
    # Who could not be written to, and why (the client has no email address).
    skipped: list[str] = field(default_factory=list)


@dataclass
class Moved:
    incident: Incident
    interviews: list[Interview] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)


def _locked_open(actor: User, incident: Incident) -> Incident:
    incident = Incident.objects.select_for_update().select_related("interview").get(pk=incident.pk)
    check_monitor(actor, incident.interview)
    require_open(incident)
    return incident


def _send_drafts(
    *, actor: User, incident: Incident, code: str, texts: Texts | None, values: Mapping[str, str]
) -> tuple[list[Message], list[str]]:
    definition = step_definition(incident.kind, code)
    if definition is None or not definition.purpose:
        raise ServiceError("not_found", _("This step sends no message."), field="code")
    drafts = step_drafts(incident, code, actor=actor)
    messages: list[Message] = []
    skipped = [f"{draft.audience_label}: {draft.unavailable}" for draft in drafts if draft.unavailable]
    for draft in drafts:
        if draft.unavailable:
            continue
        subject, body = (texts or {}).get(draft.key, (draft.subject, draft.body))
        messages += communicate(
            actor=actor,
            interviews=[draft.interview],
            audience=draft.audience,
            purpose=definition.purpose,
            variants={draft.language: Variant(subject=subject, body=body, template=draft.template)},
            include_confirm_link=False,
            extra_values=_values_for(incident, draft, values),
        )
    if not messages:
        raise ServiceError("audience_not_invited", " ".join(skipped) or _("There is nobody to send this message to."))
    return messages, skipped


def _values_for(incident: Incident, draft: Draft, values: Mapping[str, str]) -> dict[str, str]:
    return extra_values(
        incident,
        draft.language,
        situation=values.get("situation", ""),
        backup_platform=values.get("backup_platform", ""),
        phone_fallback=values.get("phone_fallback", ""),
    )


@transaction.atomic
def send_step_messages(
    *, actor: User, incident: Incident, code: str, texts: Texts | None = None, situation: str = "", note: str = ""
) -> Sent:
    """Send a step's drafted (and edited) messages, link them to the step and mark it done."""
    incident = _locked_open(actor, incident)
    messages, skipped = _send_drafts(
        actor=actor, incident=incident, code=code, texts=texts, values={"situation": situation}
    )
    incident = incidents.set_step(actor=actor, incident=incident, code=code, done=True, note=note, messages=messages)
    return Sent(incident, messages, skipped)


@transaction.atomic
def send_backup(
    *,
    actor: User,
    incident: Incident,
    backup_platform: str,
    phone_fallback: str = "",
    texts: Texts | None = None,
    note: str = "",
) -> Sent:
    """Technology problems: record the backup platform and phone on the interview and send them to both parties."""
    incident = _locked_open(actor, incident)
    if incident.kind != IncidentKind.TECHNICAL_PROBLEM:
        raise ServiceError("not_found", _("This playbook has no backup platform."), field="code")
    # The built-in texts name the phone: without one, the text must have been edited to leave it out.
    bodies = [body for _subject, body in texts.values()] if texts is not None else ["{phone_fallback}"]
    if not phone_fallback.strip() and any("{phone_fallback}" in body for body in bodies):
        raise ServiceError(
            "required",
            _("Give the phone number to fall back on, or take {phone_fallback} out of the messages."),
            field="phone_fallback",
        )
    run: InterviewRun = record_backup(
        interview=incident.interview, backup_platform=backup_platform, phone_fallback=phone_fallback
    )
    messages, skipped = _send_drafts(
        actor=actor,
        incident=incident,
        code="backup_platform",
        texts=texts,
        values={"backup_platform": run.backup_platform, "phone_fallback": run.phone_fallback},
    )
    incidents.set_step(
        actor=actor,
        incident=incident,
        code="backup_platform",
        done=True,
        note=note or run.backup_platform,
        messages=messages,
    )
    if run.phone_fallback:
        incidents.set_step(actor=actor, incident=incident, code="phone_fallback", done=True, note=run.phone_fallback)
    incident.refresh_from_db()
    return Sent(incident, messages, skipped)


def _tell_candidates(actor: User, interviews: Sequence[Interview]) -> list[Message]:
    """The change message to each moved interview's candidate, as the interview pages send it after a reschedule."""
    messages: list[Message] = []
    for interview in interviews:
        if interview.application_id is None:
            continue
        messages += communicate(
            actor=actor,
            interviews=[interview],
            audience=Audience.CANDIDATE,
            purpose=default_purpose(interview, Audience.CANDIDATE),
        )
    return messages


@transaction.atomic
def pick_new_time(*, actor: User, incident: Incident, starts_at: datetime, note: str = "") -> Moved:
    """Move the interview to an offered new time, tell the candidate, and mark "offer new times" done.

    A candidate who is ill moves alone (a group interview goes on without them); a client's
    cancellation moves the whole group. A busy time is refused with its conflicts, never forced.
    """
    incident = _locked_open(actor, incident)
    if step_definition(incident.kind, "offer_new_times") is None:
        raise ServiceError("not_found", _("This playbook offers no new times."), field="code")
    interview = incident.interview
    scope = SCOPE_THIS if incident.kind == IncidentKind.CANDIDATE_ILL and interview.group_id else SCOPE_GROUP
    changed = reschedule_interview(actor=actor, interview=interview, starts_at=starts_at, scope=scope)
    moved = [Interview.objects.get(pk=member.pk) for member in changed.change.interviews] or [
        Interview.objects.get(pk=interview.pk)
    ]
    messages = _tell_candidates(actor, moved)
    chosen = _("New time: %(moment)s") % {"moment": format_day_first(starts_at, interview.time_zone)}
    step_note = f"{chosen}. {note.strip()}" if note.strip() else chosen
    incident = incidents.set_step(
        actor=actor, incident=incident, code="offer_new_times", done=True, note=step_note, messages=messages
    )
    return Moved(incident, moved, messages)


@transaction.atomic
def shift_later_interviews(*, actor: User, incident: Incident, interview_ids: Sequence[int] | None = None) -> Moved:
    """Overrun: move the same people's later interviews of the day by the delay, and tell their candidates.

    Each goes through the reschedule action (calendars, reminders and messages follow); the
    latest first, so that back-to-back interviews do not run into each other. Anything busy
    refuses the whole shift with its conflicts: nothing is forced.
    """
    incident = _locked_open(actor, incident)
    if incident.kind != IncidentKind.OVERRUN or not incident.delay_minutes:
        raise ServiceError("not_found", _("Only an overrun shifts later interviews."), field="code")
    later = later_interviews(incident.interview)
    if interview_ids is not None:
        wanted = set(interview_ids)
        if not wanted or not wanted <= {other.pk for other in later}:
            raise ServiceError("not_found", _("Choose among the later interviews of the day."), field="interviews")
        later = [other for other in later if other.pk in wanted]
    if not later:
        raise ServiceError("not_found", _("There are no later interviews to shift."), field="interviews")
    delay = timedelta(minutes=incident.delay_minutes)
    moved: dict[int, Interview] = {}
    groups_done: set[int] = set()
    lines = []
    for other in sorted(later, key=lambda item: (item.starts_at, item.pk), reverse=True):
        if other.group_id is not None and other.group_id in groups_done:
            continue
        changed = reschedule_interview(actor=actor, interview=other, starts_at=other.starts_at + delay)
        if other.group_id is not None:
            groups_done.add(other.group_id)
        for member in changed.change.interviews:
            moved[member.pk] = member
        who = other.application.candidate.full_name if other.application else other.round_name
        lines.append(
            f"{who}: {format_day_first(other.starts_at, other.time_zone)} → "
            f"{format_day_first(other.starts_at + delay, other.time_zone)}"
        )
    shifted = [Interview.objects.get(pk=pk) for pk in sorted(moved, key=lambda pk: (moved[pk].starts_at, pk))]
    messages = _tell_candidates(actor, shifted)
    summary = "; ".join(reversed(lines))[:1000]
    incidents.set_step(actor=actor, incident=incident, code="shift_later", done=True, note=summary)
    if messages:
        incidents.set_step(actor=actor, incident=incident, code="inform_next", done=True, messages=messages)
    incident.refresh_from_db()
    return Moved(incident, shifted, messages)
