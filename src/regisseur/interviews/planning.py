"""What a planner chooses (Planning) and the checks every plan or change passes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.utils import timezone
from django.utils.translation import gettext as _

from regisseur.accounts.models import User
from regisseur.accounts.roles import is_recruiter
from regisseur.core.errors import Forbidden, ServiceError
from regisseur.core.timezones import InvalidTimeZone, get_zone
from regisseur.interviews.models import (
    MAX_DURATION_MINUTES,
    Guideline,
    Interview,
    InterviewKind,
    InterviewType,
    LocationPreset,
)
from regisseur.recruitment.models import Contact

MIN_DURATION_MINUTES = 5
# Fields a candidate or participant sees: changing one invalidates links and invitations.
VISIBLE_FIELDS = (
    "starts_at",
    "duration_minutes",
    "time_zone",
    "type",
    "location",
    "video_link",
    "interviewer",
    "kind",
    "participants",
    "committee_members",
)
TEXT_LIMITS = {
    "location": 500,
    "reason": 200,
    "interviewer": 200,
    "memo": 5000,
    "report": 20000,
    "round_name": 120,
    "cancel_reason": 500,
    "video_link": 500,
}


@dataclass
class Planning:
    """What a planner chooses on the planning form or in the API."""

    starts_at: datetime
    duration_minutes: int
    time_zone: str = "Europe/Amsterdam"
    type: str = InterviewType.IN_PERSON
    kind: str = InterviewKind.RECRUITER
    location_preset: LocationPreset | None = None
    location: str = ""
    reason: str = ""
    interviewer: str = ""
    participants: Sequence[User] = field(default_factory=list)
    committee_members: Sequence[Contact] = field(default_factory=list)
    guidelines: Sequence[Guideline] = field(default_factory=list)
    memo: str = ""
    report: str = ""
    round_name: str = ""
    video_link: str = ""


def require_recruiter(actor: User) -> None:
    if not is_recruiter(actor):
        raise Forbidden(_("Only recruiters can plan or change interviews."))


def validate_time(*, starts_at: datetime, duration_minutes: Any, time_zone: str, check_past: bool) -> None:
    try:
        get_zone(time_zone)
    except InvalidTimeZone:
        raise ServiceError(
            "invalid_time_zone", _("Unknown time zone: %(zone)s") % {"zone": time_zone}, field="time_zone"
        ) from None
    if starts_at.tzinfo is None:
        raise ServiceError("invalid_datetime", _("The date and time need a time zone."), field="starts_at")
    if not isinstance(duration_minutes, int) or isinstance(duration_minutes, bool):
        raise ServiceError("invalid_duration", _("The duration must be a number of minutes."), field="duration_minutes")
    if not MIN_DURATION_MINUTES <= duration_minutes <= MAX_DURATION_MINUTES:
        raise ServiceError(
            "invalid_duration",
            _("The duration must be between %(low)d and %(high)d minutes.")
            % {"low": MIN_DURATION_MINUTES, "high": MAX_DURATION_MINUTES},
            field="duration_minutes",
        )
    if check_past and starts_at <= timezone.now():
        raise ServiceError("in_the_past", _("The interview cannot start in the past."), field="starts_at")
    if starts_at.year > timezone.now().year + 5:
        raise ServiceError("invalid_datetime", _("The date is too far in the future."), field="starts_at")


def validate_texts(values: dict[str, Any]) -> None:
    for name, limit in TEXT_LIMITS.items():
        value = values.get(name)
        if value is not None and len(value) > limit:
            raise ServiceError(
                "too_long",
                _("This text is too long: at most %(limit)d characters.") % {"limit": limit},
                field=name,
            )


def validate_relations(organisation_id: int, planning: Planning) -> None:
    """Everything linked must belong to the same organisation; the caller resolved the ids."""
    if planning.location_preset is not None and planning.location_preset.organisation_id != organisation_id:
        raise ServiceError("not_found", _("Unknown interview location."), field="location_preset")
    for user in planning.participants:
        if user.organisation_id != organisation_id or not user.is_active:
            raise ServiceError("not_found", _("Unknown participating user."), field="participants")
    for contact in planning.committee_members:
        if contact.client.organisation_id != organisation_id:
            raise ServiceError("not_found", _("Unknown committee member."), field="committee_members")
    for guideline in planning.guidelines:
        if guideline.organisation_id != organisation_id:
            raise ServiceError("not_found", _("Unknown guideline."), field="guidelines")
    if planning.type not in InterviewType.values:
        raise ServiceError("invalid_choice", _("Unknown interview type."), field="type")
    if planning.kind not in InterviewKind.values:
        raise ServiceError("invalid_choice", _("Unknown kind of interview."), field="kind")


def validate_video_link(link: str) -> None:
    if not link:
        return
    parts = urlsplit(link)
    if parts.scheme not in {"https", "http"} or not parts.netloc or any(char.isspace() for char in link):
        raise ServiceError(
            "invalid_url", _("Enter the meeting's web address, starting with https://."), field="video_link"
        )


def validate_planning(organisation_id: int, planning: Planning, *, check_past: bool) -> None:
    validate_time(
        starts_at=planning.starts_at,
        duration_minutes=planning.duration_minutes,
        time_zone=planning.time_zone,
        check_past=check_past,
    )
    validate_texts({name: getattr(planning, name) for name in TEXT_LIMITS if hasattr(planning, name)})
    validate_video_link(planning.video_link)
    validate_relations(organisation_id, planning)


def planning_of(interview: Interview) -> Planning:
    """The interview's current planning: the starting point of a change."""
    return Planning(
        starts_at=interview.starts_at,
        duration_minutes=interview.duration_minutes,
        time_zone=interview.time_zone,
        type=interview.type,
        kind=interview.kind,
        location_preset=interview.location_preset,
        location=interview.location,
        reason=interview.reason,
        interviewer=interview.interviewer,
        participants=list(interview.participants.all()),
        committee_members=list(interview.committee_members.select_related("client")),
        guidelines=list(interview.guidelines.all()),
        memo=interview.memo,
        report=interview.report,
        round_name=interview.round_name,
        video_link=interview.video_link,
    )


def resolve_many(model: Any, ids: Iterable[Any], *, organisation_id: int, field: str) -> list[Any]:
    """Objects for ids, all within the organisation; unknown or foreign ids are refused by name."""
    wanted = []
    for raw in ids:
        try:
            wanted.append(int(raw))
        except (TypeError, ValueError):
            raise ServiceError("not_found", _("Unknown id: %(id)s") % {"id": raw}, field=field) from None
    if not wanted:
        return []
    lookup = "client__organisation_id" if model is Contact else "organisation_id"
    queryset = model.objects.filter(pk__in=wanted, **{lookup: organisation_id})
    if model is Contact:
        queryset = queryset.select_related("client")
    found = {item.pk: item for item in queryset}
    missing = [pk for pk in wanted if pk not in found]
    if missing:
        raise ServiceError("not_found", _("Unknown id: %(id)s") % {"id": missing[0]}, field=field)
    return [found[pk] for pk in dict.fromkeys(wanted)]
