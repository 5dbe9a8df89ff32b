"""Availability of hiring managers and committee members for new interviews (E5), kept for scheduling.

A slot is a day with a from and an until time, typed in the user's own time zone and stored
in UTC. A user's slots never overlap, and none is added in the past.
"""

from __future__ import annotations

from datetime import date, time

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from regisseur.accounts.models import User
from regisseur.core.errors import ServiceError
from regisseur.core.timezones import local_to_utc
from regisseur.evaluation.models import Availability

MAX_NOTE = 200


def upcoming_availability(user: User) -> QuerySet[Availability]:
    """The user's slots that have not ended yet, in time order."""
    return Availability.objects.filter(user=user, ends_at__gt=timezone.now()).order_by("starts_at", "id")


def get_availability_for_user(user: User, pk: object) -> Availability:
    """One of the user's own slots; anybody else's is "not found"."""
    try:
        return Availability.objects.get(user=user, pk=int(str(pk)))
    except (ValueError, OverflowError, Availability.DoesNotExist):
        raise Http404 from None


def add_availability(*, user: User, day: date, starts: time, ends: time, note: str = "") -> Availability:
    """Add a slot in which the user can take part in new interviews; refused when it overlaps another."""
    starts_at = local_to_utc(day, starts, user.time_zone)
    ends_at = local_to_utc(day, ends, user.time_zone)
    if ends_at <= starts_at:
        raise ServiceError("invalid_period", _("The until time must be after the from time."), field="ends")
    if starts_at < timezone.now():
        raise ServiceError("in_the_past", _("This moment has passed; choose a time in the future."), field="starts")
    # The caller holds the user's row locked (actions.portal), so two requests cannot both pass this check.
    if Availability.objects.filter(user=user, starts_at__lt=ends_at, ends_at__gt=starts_at).exists():
        raise ServiceError(
            "overlap", _("This overlaps a time you already gave; change or remove that one first."), field="starts"
        )
    return Availability.objects.create(user=user, starts_at=starts_at, ends_at=ends_at, note=note.strip()[:MAX_NOTE])


def remove_availability(*, user: User, availability: Availability) -> None:
    """Remove one of the user's own slots."""
    if availability.user_id != user.pk:
        raise Http404
    availability.delete()
