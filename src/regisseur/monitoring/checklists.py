"""The day-before verification (O1) and the after-interview success checklist (O4).

An organisation's administrators choose the lines (ChecklistItem); an organisation that
never did uses the built-in ones below. Automatic lines follow the data and cannot be
ticked by hand; the others are ticked with who, when and a note (ChecklistTick).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regisseur.accounts.models import User
from regisseur.accounts.roles import is_administrator, is_recruiter
from regisseur.core.errors import Forbidden, ServiceError
from regisseur.interviews.models import ConfirmationStatus, Interview, InterviewEvent, InterviewType
from regisseur.interviews.services import record_event
from regisseur.monitoring.models import ChecklistItem, ChecklistTick, Phase
from regisseur.recruitment.models import Contact


@dataclass(frozen=True)
class BuiltIn:
    code: str
    label: Any  # a lazy translation
    automatic: bool = False


DEFAULTS: dict[str, tuple[BuiltIn, ...]] = {
    Phase.DAY_BEFORE: (
        BuiltIn("planning_confirmed", gettext_lazy("Time, place or video link and duration confirmed")),
        BuiltIn("candidate_confirmed", gettext_lazy("The candidate confirmed the interview"), automatic=True),
        BuiltIn(
            "participants_confirmed",
            gettext_lazy("Every participant confirmed, with name, role and contact details"),
        ),
        BuiltIn("practical_matters", gettext_lazy("Access, parking and the video platform arranged")),
        BuiltIn("video_link", gettext_lazy("The video link is in the planning"), automatic=True),
        BuiltIn("backup_contacts", gettext_lazy("Backup contact details of both parties at hand")),
        BuiltIn("agenda", gettext_lazy("Agenda and focus points confirmed")),
        BuiltIn("client_contact", gettext_lazy("The client's main contact for changes is known"), automatic=True),
        BuiltIn("candidate_mobile", gettext_lazy("The candidate's mobile number is known"), automatic=True),
        BuiltIn("mobile_checked", gettext_lazy("The candidate's mobile number confirmed and WhatsApp checked")),
        BuiltIn("escalation_plan", gettext_lazy("Internal escalation plan: who is available in an emergency")),
        BuiltIn("alternative_times", gettext_lazy("Alternative times ready in case of changes")),
    ),
    Phase.AFTER: (
        BuiltIn("on_schedule", gettext_lazy("The interview went as planned (timing, participants, agenda)")),
        BuiltIn("no_problems", gettext_lazy("No technical problems or miscommunication")),
        BuiltIn("both_satisfied", gettext_lazy("Both parties satisfied with the experience and the process")),
        BuiltIn("next_steps_clear", gettext_lazy("Next steps communicated and understood")),
        BuiltIn("feedback_timeline", gettext_lazy("Feedback timeline agreed and confirmed")),
    ),
}


def built_in_labels() -> dict[str, Any]:
    """Every built-in line's code with its label (for the history)."""
    return {item.code: item.label for items in DEFAULTS.values() for item in items}


AUTOMATIC_CODES = frozenset(item.code for items in DEFAULTS.values() for item in items if item.automatic)
_BUILT_IN = {(phase, item.code): item for phase, items in DEFAULTS.items() for item in items}


@dataclass(frozen=True)
class Line:
    """One line of an organisation's checklist."""

    code: str
    label: str
    automatic: bool


@dataclass
class ItemState:
    code: str
    label: str
    done: bool
    automatic: bool
    done_by: User | None = None
    done_at: datetime | None = None
    note: str = ""


@dataclass
class Checklist:
    phase: str
    items: list[ItemState]

    @property
    def done(self) -> int:
        return sum(1 for item in self.items if item.done)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def is_complete(self) -> bool:
        return self.done == self.total


def _label(phase: str, code: str, typed: str) -> str:
    if typed:
        return typed
    built_in = _BUILT_IN.get((phase, code))
    return str(built_in.label) if built_in else code


def lines(organisation_id: int, phase: str, *, rows: Iterable[ChecklistItem] | None = None) -> list[Line]:
    """The organisation's active lines for a phase, in order (the built-in ones when it set none)."""
    if rows is None:
        rows = ChecklistItem.objects.filter(organisation_id=organisation_id, phase=phase)
    chosen = [row for row in rows if row.phase == phase]
    if not chosen:
        return [Line(item.code, str(item.label), item.automatic) for item in DEFAULTS[phase]]
    return [
        Line(row.code, _label(phase, row.code, row.label), row.code in AUTOMATIC_CODES)
        for row in sorted(chosen, key=lambda row: (row.position, row.id))
        if row.is_active
    ]


def all_lines(organisation_id: int) -> dict[str, list[Line]]:
    """Both phases' lines in one query."""
    rows = list(ChecklistItem.objects.filter(organisation_id=organisation_id))
    return {phase: lines(organisation_id, phase, rows=rows) for phase in (Phase.DAY_BEFORE, Phase.AFTER)}


def with_facts(interviews: QuerySet[Interview]) -> QuerySet[Interview]:
    """Interviews with what the automatic lines read, in the same query."""
    contacts = Contact.objects.filter(client_id=OuterRef("vacancy__client_id"))
    return interviews.select_related("application__candidate", "vacancy").annotate(
        has_client_contact=Exists(contacts) | Q(vacancy__hiring_manager__isnull=False)
    )


def _has_client_contact(interview: Interview) -> bool:
    known = getattr(interview, "has_client_contact", None)
    if known is not None:
        return bool(known)
    return interview.vacancy.main_contact() is not None


def automatic_state(code: str, interview: Interview) -> bool | None:
    """Whether an automatic line is met by the data; None where it does not apply to this interview."""
    candidate = interview.application.candidate if interview.application_id and interview.application else None
    if code == "candidate_confirmed":
        if interview.confirmation_status == ConfirmationStatus.NOT_APPLICABLE:
            return None
        return interview.confirmation_status == ConfirmationStatus.ACCEPTED
    if code == "video_link":
        if interview.type != InterviewType.VIDEO:
            return None
        return bool(interview.video_link)
    if code == "candidate_mobile":
        if candidate is None:
            return None
        return bool(candidate.mobile)
    if code == "client_contact":
        return _has_client_contact(interview)
    return None


def checklist_of(
    interview: Interview,
    phase: str,
    *,
    chosen: Sequence[Line] | None = None,
    ticks: Iterable[ChecklistTick] | None = None,
) -> Checklist:
    """One interview's checklist: its lines with what is done, by whom and when.

    Pass `chosen` and `ticks` (read for many interviews at once) to read nothing here.
    """
    if chosen is None:
        chosen = lines(interview.organisation_id, phase)
    if ticks is None:
        ticks = ChecklistTick.objects.filter(interview=interview, phase=phase).select_related("done_by")
    by_code = {tick.code: tick for tick in ticks if tick.phase == phase and tick.interview_id == interview.pk}
    items = []
    for line in chosen:
        if line.automatic:
            state = automatic_state(line.code, interview)
            if state is None:
                continue
            items.append(ItemState(line.code, line.label, state, True))
            continue
        tick = by_code.get(line.code)
        if tick is None:
            items.append(ItemState(line.code, line.label, False, False))
        else:
            items.append(ItemState(line.code, line.label, tick.done, False, tick.done_by, tick.done_at, tick.note))
    return Checklist(phase, items)


def check_monitor(actor: User, interview: Interview) -> None:
    """Monitoring is the recruiters' work: others are refused, other organisations' interviews unknown."""
    if actor.organisation_id != interview.organisation_id:
        raise ServiceError("not_found", _("Unknown interview."))
    if not is_recruiter(actor):
        raise Forbidden(_("Only recruiters monitor interviews."))


@transaction.atomic
def tick(*, actor: User, interview: Interview, phase: str, code: str, done: bool, note: str = "") -> Checklist:
    """Tick (or untick) a line by hand; the history records it with the line's label."""
    check_monitor(actor, interview)
    if phase not in (Phase.DAY_BEFORE, Phase.AFTER):
        raise ServiceError("not_found", _("Unknown checklist."), field="phase")
    chosen = lines(interview.organisation_id, phase)
    line = next((line for line in chosen if line.code == code), None)
    if line is None:
        raise ServiceError("not_found", _("Unknown checklist item."), field="code")
    if line.automatic:
        raise ServiceError(
            "automatic_item", _("This item follows the interview's data and cannot be ticked by hand."), field="code"
        )
    note = (note or "").strip()
    if len(note) > 500:
        raise ServiceError("too_long", _("A note has at most 500 characters."), field="note")
    Interview.objects.select_for_update().filter(pk=interview.pk).first()
    row = ChecklistTick.objects.filter(interview=interview, phase=phase, code=code).first()
    was_done = bool(row and row.done)
    if row is None:
        row = ChecklistTick(interview=interview, phase=phase, code=code)
    row.done = done
    row.done_by = actor if done else None
    row.done_at = timezone.now() if done else None
    row.note = note
    row.save()
    if was_done != done or note:
        # The label is stored as shown now; the history shows it as written, with the state in words.
        record_event(
            interview,
            actor,
            InterviewEvent.Action.CHECKLIST,
            # A built-in line by its code (shown in the reader's language), one of the organisation's own by its label.
            {"checklist_item": [code if (phase, code) in _BUILT_IN else line.label, "done" if done else "open"]},
            note=note,
        )
    return checklist_of(interview, phase, chosen=chosen)


def can_edit_checklists(user: Any) -> bool:
    return is_administrator(user)


@transaction.atomic
def save_lines(*, actor: User, phase: str, entries: Sequence[tuple[str, str, bool]]) -> list[Line]:
    """An administrator's checklist for a phase: (code, label, active) in order.

    Built-in codes keep their meaning (an automatic line stays automatic); a new code is a
    line ticked by hand. Lines left out are kept inactive, so old ticks keep their label.
    """
    if not is_administrator(actor) or actor.organisation_id is None:
        raise Forbidden(_("Only administrators change the checklists."))
    if phase not in (Phase.DAY_BEFORE, Phase.AFTER):
        raise ServiceError("not_found", _("Unknown checklist."), field="phase")
    organisation_id = actor.organisation_id
    existing = {row.code: row for row in ChecklistItem.objects.filter(organisation_id=organisation_id, phase=phase)}
    if not existing:
        for position, item in enumerate(DEFAULTS[phase]):
            existing[item.code] = ChecklistItem.objects.create(
                organisation_id=organisation_id, phase=phase, code=item.code, position=position
            )
    seen = set()
    for position, (code, label, active) in enumerate(entries):
        if code in seen:
            raise ServiceError("duplicate", _("Each line has its own code."), field="code")
        seen.add(code)
        if len(label) > 200:
            raise ServiceError("too_long", _("A label has at most 200 characters."), field="label")
        row = existing.get(code) or ChecklistItem(organisation_id=organisation_id, phase=phase, code=code)
        if not label and (phase, code) not in _BUILT_IN:
            raise ServiceError("required", _("Give the new line a label."), field="label")
        row.label = label if label != _label(phase, code, "") else ""
        row.position = position
        row.is_active = active
        row.save()
    for code, row in existing.items():
        if code not in seen and row.is_active:
            row.is_active = False
            row.save(update_fields=["is_active"])
    return lines(organisation_id, phase)
