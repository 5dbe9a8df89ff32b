"""An organisation's interview locations and guidelines: saved with their checks (the settings pages)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from regisseur.core.errors import ServiceError
from regisseur.interviews.models import Guideline, Interview, LocationPreset


def _required(value: str, message: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ServiceError("required", message, field=field)
    return value


def save_location(location: LocationPreset) -> LocationPreset:
    """Create or change a location; its name is unique in the organisation (whatever the capitals)."""
    location.name = _required(location.name, _("The location needs a name."), "name")
    location.location = _required(location.location, _("Fill in the address or the instructions."), "location")
    taken = LocationPreset.objects.filter(organisation_id=location.organisation_id, name__iexact=location.name).exclude(
        pk=location.pk
    )
    if taken.exists():
        raise ServiceError(
            "duplicate",
            _("There is already a location named “%(name)s”.") % {"name": location.name},
            field="name",
        )
    location.save()
    return location


def location_in_use(location: LocationPreset) -> bool:
    return Interview.objects.filter(location_preset=location).exists()


def set_location_active(location: LocationPreset, *, active: bool) -> LocationPreset:
    """An inactive location stays on the interviews that have it, but is no longer offered when planning."""
    location.is_active = active
    location.save(update_fields=["is_active"])
    return location


def delete_location(location: LocationPreset) -> None:
    """Only a location no interview uses may go; the others can be deactivated."""
    if location_in_use(location):
        raise ServiceError("in_use", _("Interviews use this location, so it cannot be deleted. Deactivate it instead."))
    location.delete()


def save_guideline(guideline: Guideline) -> Guideline:
    guideline.title = _required(guideline.title, _("The guideline needs a title."), "title")
    guideline.body = _required(guideline.body, _("The guideline needs a text."), "body")
    guideline.save()
    return guideline


def delete_guideline(guideline: Guideline) -> None:
    """The interviews linked to the guideline keep everything else; only the link goes."""
    guideline.interviews.clear()
    guideline.delete()
