"""The manager portal (E5): what a hiring manager or committee member does there."""

from __future__ import annotations

from datetime import date, time

from django.db import transaction

from regisseur.accounts.models import User
from regisseur.evaluation import availability
from regisseur.evaluation.models import Availability


@transaction.atomic
def add_availability(*, actor: User, day: date, starts: time, ends: time, note: str = "") -> Availability:
    """Give a time in which the actor can take part in new interviews."""
    # Lock the user's row: the overlap check and the insert happen as one, also on PostgreSQL.
    User.objects.select_for_update().filter(pk=actor.pk).first()
    return availability.add_availability(user=actor, day=day, starts=starts, ends=ends, note=note)


@transaction.atomic
def remove_availability(*, actor: User, slot: Availability) -> None:
    """Take back a time the actor gave."""
    availability.remove_availability(user=actor, availability=slot)
