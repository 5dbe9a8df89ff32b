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

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext as _

from regisseur.core.errors import ConflictError
from regisseur.interviews.models import Interview, InterviewStatus

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


def _shared_filter(slot: Slot) -> Q:
    shared = Q()
    if slot.participants:
        shared |= Q(participants__in=[pk for pk, _name in slot.participants])
    if slot.candidates:
        shared |= Q(application__candidate_id__in=[pk for pk, _name in slot.candidates])
    if slot.location_preset_id:
        shared |= Q(location_preset_id=slot.location_preset_id)
    if slot.location.strip():
        shared |= Q(location__iexact=slot.location.strip())
    if slot.interviewer.strip():
        shared |= Q(interviewer__iexact=slot.interviewer.strip())
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


def slot_of(interview: Interview) -> Slot:
    """The slot an existing interview occupies (participants and candidate prefetched by the caller)."""
    candidate = interview.application.candidate if interview.application_id and interview.application else None
    return Slot(
        starts_at=interview.starts_at,
        ends_at=interview.ends_at,
        participants=tuple((user.pk, str(user)) for user in interview.participants.all()),
        candidates=((candidate.pk, candidate.full_name),) if candidate else (),
        location_preset_id=interview.location_preset_id,
        location=interview.location,
        interviewer=interview.interviewer,
    )


def find_conflicts(
    *,
    organisation_id: int,
    slots: Sequence[Slot],
    exclude_ids: Iterable[int] = (),
    exclude_group_id: int | None = None,
) -> list[Conflict]:
    """Existing interviews, and the new slots among themselves, that occupy the same resource at once."""
    conflicts: list[Conflict] = []
    excluded = set(exclude_ids)
    for index, slot in enumerate(slots):
        for other in slots[index + 1 :]:
            if slot.starts_at < other.ends_at and other.starts_at < slot.ends_at:
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
    if not slots:
        return conflicts
    window_start = min(slot.starts_at for slot in slots)
    window_end = max(slot.ends_at for slot in slots)
    shared = Q()
    for slot in slots:
        shared |= _shared_filter(slot)
    if not shared:
        return conflicts
    queryset = (
        Interview.objects.filter(organisation_id=organisation_id)
        .exclude(status=InterviewStatus.CANCELLED)
        .overlapping(window_start, window_end)
        .filter(shared)
        .distinct()
        .select_related("application__candidate", "vacancy", "location_preset")
        .prefetch_related("participants")
        .order_by("starts_at", "id")
    )
    if excluded:
        queryset = queryset.exclude(id__in=excluded)
    if exclude_group_id:
        queryset = queryset.exclude(group_id=exclude_group_id)
    for existing in queryset[: MAX_CONFLICTS * 2]:
        taken = slot_of(existing)
        for slot in slots:
            if slot.starts_at < taken.ends_at and taken.starts_at < slot.ends_at:
                for resource, name in _clashes(slot, taken):
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
