"""The manager portal's form (E5): a time in which the user can take part in new interviews."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from regisseur.core.errors import ServiceError
from regisseur.evaluation.availability import MAX_NOTE
from regisseur.web.forms.fields import ClockField, DayField


class AvailabilityForm(forms.Form):
    day = DayField(label=_("Date"), help_text=_("Day first: dd-mm-yyyy."))
    starts = ClockField(label=_("From"), help_text=_("24-hour clock, for example 9:30 or 14.00."))
    ends = ClockField(label=_("Until"))
    note = forms.CharField(label=_("Note"), max_length=MAX_NOTE, required=False)

    def add_service_error(self, error: ServiceError) -> None:
        """Show a refused slot next to the input it is about, or at the top."""
        self.add_error(error.field if error.field in self.fields else None, error.message)
