"""Changing a planned interview (P3): one interview, or every member of a group interview."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from regisseur.accounts.models import User
from regisseur.core.errors import ServiceError
from regisseur.core.timezones import format_day_first
from regisseur.interviews.conflicts import check_free
from regisseur.interviews.models import (
    ConfirmationStatus,
    Interview,
    InterviewEvent,
    InterviewStatus,
    InterviewType,
)
from regisseur.interviews.planning import VISIBLE_FIELDS, Planning, planning_of, validate_planning
from regisseur.interviews.services import check_changeable, display_value, record_event, slot_for

# What every member of a group interview shares; memo, report and round stay each candidate's own.
SHARED_SCALAR_FIELDS = (
    "starts_at",
    "duration_minutes",
    "time_zone",
    "type",
    "kind",
    "location_preset",
    "location",
    "video_link",
    "reason",
    "interviewer",
)
OWN_FIELDS = ("memo", "report", "round_name")
RELATION_FIELDS = ("participants", "committee_members", "guidelines")
GROUP_FIELDS = SHARED_SCALAR_FIELDS + RELATION_FIELDS
SCALAR_FIELDS = SHARED_SCALAR_FIELDS + OWN_FIELDS
SCOPE_GROUP = "group"
SCOPE_THIS = "this"


@dataclass
class Change:
    """What a change did: the interviews it touched, whether they moved, and whether people see it."""

    interviews: list[Interview] = field(default_factory=list)
    moved: bool = False
    visible: bool = False
    left_group: bool = False


def _members(interview: Interview, scope: str) -> list[Interview]:
    """The interviews a change applies to, locked: the whole group, or just this one."""
    if scope not in {SCOPE_GROUP, SCOPE_THIS}:
        raise ServiceError("invalid_choice", _("Choose the whole group or only this candidate."), field="scope")
    locked = Interview.objects.select_for_update(of=("self",)).select_related("application__candidate")
    if interview.group_id is None or scope == SCOPE_THIS:
        return [locked.get(pk=interview.pk)]
    members = list(locked.filter(group_id=interview.group_id).exclude(status=InterviewStatus.CANCELLED).order_by("pk"))
    # The one asked for first: its own memo and report come with the change.
    return sorted(members, key=lambda member: member.pk != interview.pk)


def _apply(actor: User, interview: Interview, new: Planning, names: Sequence[str]) -> dict[str, list[Any]]:
    """Write `names` of `new` onto `interview`; the history's before → after of what differed."""
    recorded: dict[str, list[Any]] = {}
    update_fields = []
    before_start = interview.starts_at
    for name in SCALAR_FIELDS:
        if name not in names:
            continue
        old, value = getattr(interview, name), getattr(new, name)
        if old != value:
            recorded[name] = [display_value(name, old, interview), display_value(name, value, interview)]
            setattr(interview, name, value)
            update_fields.append(name)
    for name in RELATION_FIELDS:
        if name not in names:
            continue
        items = list(getattr(new, name))
        if {item.pk for item in getattr(interview, name).all()} != {item.pk for item in items}:
            recorded[name] = [
                display_value(name, getattr(interview, name), interview),
                display_value(name, items, interview),
            ]
            getattr(interview, name).set(items)
    if not recorded:
        return recorded
    if "starts_at" in recorded or "time_zone" in recorded:
        # Both moments in the interview's (possibly new) zone.
        recorded["starts_at"] = [
            format_day_first(before_start, interview.time_zone),
            format_day_first(interview.starts_at, interview.time_zone),
        ]
    interview.ends_at = interview.starts_at + timedelta(minutes=interview.duration_minutes)
    moved = any(name in recorded for name in ("starts_at", "duration_minutes", "time_zone"))
    if any(name in recorded for name in VISIBLE_FIELDS):
        interview.version += 1
        update_fields.append("version")
    if moved and interview.confirmation_status not in {ConfirmationStatus.NOT_APPLICABLE, ConfirmationStatus.PENDING}:
        # A new moment needs a new answer from the candidate.
        recorded["confirmation_status"] = [interview.confirmation_status, ConfirmationStatus.PENDING]
        interview.confirmation_status = ConfirmationStatus.PENDING
        update_fields.append("confirmation_status")
    interview.save(update_fields=[*update_fields, "ends_at", "updated_at"])
    record_event(
        interview, actor, InterviewEvent.Action.RESCHEDULED if moved else InterviewEvent.Action.UPDATED, recorded
    )
    return recorded


@transaction.atomic
def change_interview(
    *, actor: User, interview: Interview, planning: Planning, scope: str = SCOPE_GROUP, force: bool = False
) -> Change:
    """Give an interview a new planning (P3); a group interview changes for every member unless scope is "this".

    With scope "this" a member of a group leaves it for an interview of their own.
    A new date, time, zone or duration is a reschedule: the candidate is asked again.
    """
    members = _members(interview, scope)
    target = members[0]
    check_changeable(actor, target)
    current = planning_of(target)
    new_preset = planning.location_preset
    if new_preset is not None and new_preset != current.location_preset and planning.location == current.location:
        # Choosing another preset fills the location, unless the planner also typed one.
        planning = dataclasses.replace(planning, location=new_preset.location)
    moved = (planning.starts_at, planning.duration_minutes, planning.time_zone) != (
        current.starts_at,
        current.duration_minutes,
        current.time_zone,
    )
    validate_planning(target.organisation_id, planning, check_past=planning.starts_at != current.starts_at)
    leaving = scope == SCOPE_THIS and target.group_id is not None
    people_changed = {user.pk for user in planning.participants} != {user.pk for user in current.participants}
    place_changed = (planning.location, planning.location_preset, planning.interviewer) != (
        current.location,
        current.location_preset,
        current.interviewer,
    )
    if moved or people_changed or place_changed or leaving:
        check_free(
            organisation_id=target.organisation_id,
            slots=[slot_for(planning, [member.application for member in members])],
            force=force,
            exclude_ids=[member.pk for member in members],
            exclude_group_id=None if leaving else target.group_id,
        )
    change = Change(moved=moved)
    if leaving:
        record_event(target, actor, InterviewEvent.Action.GROUP, {"group": [target.group_id, None]})
        target.group = None
        target.save(update_fields=["group", "updated_at"])
        if planning.type == InterviewType.GROUP:
            planning = dataclasses.replace(planning, type=InterviewType.IN_PERSON)
        change.left_group = True
    for index, member in enumerate(members):
        names = (*GROUP_FIELDS, *OWN_FIELDS) if index == 0 else GROUP_FIELDS
        recorded = _apply(actor, member, planning, names)
        if recorded or (index == 0 and leaving):
            change.interviews.append(member)
        if any(name in recorded for name in VISIBLE_FIELDS):
            change.visible = True
    if leaving:
        target.version += 1  # the candidate's invitation was for the group
        target.save(update_fields=["version", "updated_at"])
        change.visible = True
    return change
