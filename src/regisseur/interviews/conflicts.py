"""Conflicts (P6): who or what is busy at a time, checked under locks so that no two plans double-book.

A check and the insert that follows it are one critical section per resource: the
planning services first take a transaction-scoped lock on every resource they will
check (each participating user, candidate, location and free-text interviewer), in
one fixed order, then look for overlaps, then write. A second request for the same
resource waits for the first to commit and then sees its interview.

PostgreSQL gets advisory transaction locks (released at commit or rollback). SQLite
runs every transaction IMMEDIATE (settings), so writers are already one at a time.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext as _

from regisseur.core.errors import ConflictError
from regisseur.interviews.models import MAX_DURATION_MINUTES, Interview, InterviewStatus

PARTICIPANT = "participant"
CANDIDATE = "candidate"
LOCATION = "location"
INTERVIEWER = "interviewer"
RESOURCES = (PARTICIPANT, CANDIDATE, LOCATION, INTERVIEWER)
# An answer lists at most this many clashes: enough to act on, bounded for a bulk request.
MAX_CONFLICTS = 100


@dataclass(frozen=True)
class Slot:
    """One interview to be planned (or moved): its time and everything it occupies."""

    starts_at: datetime
    ends_at: datetime
    participants: tuple[tuple[int, str], ...] = ()  # (user id, name)
    candidates: tuple[tuple[int, str], ...] = ()  # (candidate id, name)
    location_preset_id: int | None = None
    location: str = ""
    interviewer: str = ""
    label: str = ""  # how a clash within a batch names this interview (the candidate)


@dataclass
class Conflict:
    """One busy resource: `name` is who or what, `interview` the existing interview (None within a batch)."""

    resource: str
    name: str
    starts_at: datetime
    ends_at: datetime
    interview: Interview | None = None
    planned_for: str = ""  # the new interview that clashes, when several are planned at once
    other_planned: str = ""  # within a batch: the other new interview it clashes with
    reasons: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.reasons = [self.resource]


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def _lock_key(organisation_id: int, resource: str, value: object) -> int:
    digest = hashlib.blake2b(f"{organisation_id}:{resource}:{value}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def lock_resources(organisation_id: int, slots: Sequence[Slot]) -> None:
    """Take the lock of every resource the slots occupy, in one fixed order (no deadlocks)."""
    if connection.vendor != "postgresql":
        return
    keys: set[int] = set()
    for slot in slots:
        keys.update(_lock_key(organisation_id, PARTICIPANT, pk) for pk, _name in slot.participants)
        keys.update(_lock_key(organisation_id, CANDIDATE, pk) for pk, _name in slot.candidates)
        if slot.location_preset_id:
            keys.add(_lock_key(organisation_id, "preset", slot.location_preset_id))
        if slot.location.strip():
            keys.add(_lock_key(organisation_id, LOCATION, _normal(slot.location)))
        if slot.interviewer.strip():
            keys.add(_lock_key(organisation_id, INTERVIEWER, _normal(slot.interviewer)))
    if not keys:
        return
    with connection.cursor() as cursor:
        # One statement; the ordered subquery makes every transaction take its locks in the same order.
        cursor.execute(
            "SELECT count(pg_advisory_xact_lock(key)) FROM (SELECT unnest(%s::bigint[]) AS key ORDER BY 1) AS keys",
            [sorted(keys)],
        )


def _longest_word(text: str) -> str:
    return max(text.split(), key=len)


def _shared_filter(slots: Sequence[Slot]) -> Q:
    """Interviews that may occupy a resource of any slot: a superset, narrowed by _clashes.

    Free texts compare with spaces collapsed and case ignored, which SQL cannot say in both
    databases; the query asks for the text's longest word, Python compares the whole.
    """
    people = {pk for slot in slots for pk, _name in slot.participants}
    candidates = {pk for slot in slots for pk, _name in slot.candidates}
    presets = {slot.location_preset_id for slot in slots if slot.location_preset_id}
    places = {_longest_word(slot.location) for slot in slots if slot.location.strip()}
    interviewers = {_longest_word(slot.interviewer) for slot in slots if slot.interviewer.strip()}
    shared = Q()
    if people:
        through = Interview.participants.through.objects.filter(user_id__in=sorted(people))
        shared |= Q(id__in=through.values("interview_id"))
    if candidates:
        shared |= Q(application__candidate_id__in=sorted(candidates))
    if presets:
        shared |= Q(location_preset_id__in=sorted(presets))
    for word in sorted(places):
        shared |= Q(location__icontains=word)
    for word in sorted(interviewers):
        shared |= Q(interviewer__icontains=word)
    return shared


def _clashes(slot: Slot, other: Slot) -> list[tuple[str, str]]:
    """What `slot` and `other` both occupy: (resource, name) pairs."""
    found = []
    other_people = {pk for pk, _name in other.participants}
    found += [(PARTICIPANT, name) for pk, name in slot.participants if pk in other_people]
    other_candidates = {pk for pk, _name in other.candidates}
    found += [(CANDIDATE, name) for pk, name in slot.candidates if pk in other_candidates]
    same_preset = slot.location_preset_id and slot.location_preset_id == other.location_preset_id
    same_text = slot.location.strip() and _normal(slot.location) == _normal(other.location)
    if same_preset or same_text:
        found.append((LOCATION, slot.location.strip() or other.location.strip()))
    if slot.interviewer.strip() and _normal(slot.interviewer) == _normal(other.interviewer):
        found.append((INTERVIEWER, slot.interviewer.strip()))
    return found


def _within_batch(slots: Sequence[Slot]) -> list[Conflict]:
    """The new slots among themselves: each pair that overlaps and shares a resource."""
    conflicts: list[Conflict] = []
    ordered = sorted(slots, key=lambda slot: slot.starts_at)
    for index, slot in enumerate(ordered):
        for other in ordered[index + 1 :]:
            if other.starts_at >= slot.ends_at:
                break  # sorted by start: no later slot overlaps this one
            for resource, name in _clashes(slot, other):
                conflicts.append(
                    Conflict(
                        resource,
                        name,
                        other.starts_at,
                        other.ends_at,
                        planned_for=slot.label,
                        other_planned=other.label,
                    )
                )
            if len(conflicts) >= MAX_CONFLICTS:
                return conflicts
    return conflicts


def _taken_slots(
    organisation_id: int, slots: Sequence[Slot], exclude_ids: set[int], exclude_group_id: int | None
) -> dict[int, Slot]:
    """What existing interviews in the batch's window occupy, by interview id: two light queries."""
    shared = _shared_filter(slots)
    if not shared:
        return {}
    window_start = min(slot.starts_at for slot in slots)
    queryset = (
        Interview.objects.filter(organisation_id=organisation_id)
        .exclude(status=InterviewStatus.CANCELLED)
        .overlapping(window_start, max(slot.ends_at for slot in slots))
        # No interview lasts longer: a lower bound on the start lets the index read only the window
        # (`ends_at > start` alone cannot, and every earlier interview would be read).
        .filter(starts_at__gt=window_start - timedelta(minutes=MAX_DURATION_MINUTES))
        .filter(shared)
    )
    if exclude_ids:
        queryset = queryset.exclude(id__in=sorted(exclude_ids))
    if exclude_group_id:
        queryset = queryset.exclude(group_id=exclude_group_id)
    rows = queryset.values_list(
        "id", "starts_at", "ends_at", "location_preset_id", "location", "interviewer", "application__candidate_id"
    )
    taken = {
        pk: Slot(
            starts_at=starts_at,
            ends_at=ends_at,
            candidates=((candidate_id, ""),) if candidate_id else (),
            location_preset_id=preset_id,
            location=location,
            interviewer=interviewer,
        )
        for pk, starts_at, ends_at, preset_id, location, interviewer, candidate_id in rows
    }
    people = {pk for slot in slots for pk, _name in slot.participants}
    if taken and people:
        busy: dict[int, list[tuple[int, str]]] = {}
        pairs = Interview.participants.through.objects.filter(
            interview_id__in=sorted(taken), user_id__in=sorted(people)
        )
        for interview_id, user_id in pairs.values_list("interview_id", "user_id"):
            busy.setdefault(interview_id, []).append((user_id, ""))
        for pk, users in busy.items():
            taken[pk] = dataclasses.replace(taken[pk], participants=tuple(users))
    return taken


def find_conflicts(
    *,
    organisation_id: int,
    slots: Sequence[Slot],
    exclude_ids: Iterable[int] = (),
    exclude_group_id: int | None = None,
) -> list[Conflict]:
    """Existing interviews, and the new slots among themselves, that occupy the same resource at once.

    A constant number of queries for any number of slots: the existing interviews of the batch's
    whole window that share a resource are read once, and matched against each slot here.
    """
    conflicts = _within_batch(slots)
    if not slots or len(conflicts) >= MAX_CONFLICTS:
        return conflicts[:MAX_CONFLICTS]
    taken = _taken_slots(organisation_id, slots, set(exclude_ids), exclude_group_id)
    ordered = sorted(slots, key=lambda slot: slot.starts_at)
    starts = [slot.starts_at for slot in ordered]
    longest = max((slot.ends_at - slot.starts_at for slot in ordered), default=timedelta(0))
    found: list[tuple[int, Slot, str, str]] = []  # (interview id, new slot, resource, name)
    for pk, other in sorted(taken.items(), key=lambda item: (item[1].starts_at, item[0])):
        # Only slots starting before `other` ends, and not more than the longest slot before it starts.
        first = bisect.bisect_right(starts, other.starts_at - longest)
        last = bisect.bisect_left(starts, other.ends_at)
        for slot in ordered[first:last]:
            if slot.starts_at < other.ends_at and other.starts_at < slot.ends_at:
                found += [(pk, slot, resource, name) for resource, name in _clashes(slot, other)]
        if len(conflicts) + len(found) >= MAX_CONFLICTS:
            break
    if not found:
        return conflicts
    interviews = (
        Interview.objects.filter(id__in={pk for pk, *_rest in found})
        .select_related("application__candidate", "vacancy", "location_preset")
        .in_bulk()
    )
    for pk, slot, resource, name in found:
        existing = interviews[pk]
        conflicts.append(
            Conflict(
                resource,
                name,
                existing.starts_at,
                existing.ends_at,
                interview=existing,
                planned_for=slot.label if len(slots) > 1 else "",
            )
        )
    return conflicts[:MAX_CONFLICTS]


def check_free(
    *,
    organisation_id: int,
    slots: Sequence[Slot],
    force: bool,
    exclude_ids: Iterable[int] = (),
    exclude_group_id: int | None = None,
) -> None:
    """Lock what the slots occupy, then refuse (ConflictError) when anything is busy, unless forced."""
    lock_resources(organisation_id, slots)
    if force:
        return
    conflicts = find_conflicts(
        organisation_id=organisation_id, slots=slots, exclude_ids=exclude_ids, exclude_group_id=exclude_group_id
    )
    if conflicts:
        busy = sorted({conflict.name for conflict in conflicts})
        raise ConflictError(
            "conflict",
            _("Already busy at this time: %(names)s.") % {"names": ", ".join(busy)},
            field="starts_at",
            details=conflicts,
        )
