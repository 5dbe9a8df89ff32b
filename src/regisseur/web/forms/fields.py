"""Date and time fields as people type them (seed 003, P2), with a calendar and a list of times to pick from.

A date is a text field, not the browser's date input: Chromium shows that one in the
browser's locale (mm/dd/yyyy for American users), the seed wants dd-mm-yyyy for everyone.
datepicker.js adds a calendar button next to every field marked data-datepicker;
without JavaScript the typed date works the same.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regisseur.core.typed_input import TypedInputError, format_clock, format_day, parse_clock, parse_day

# The times offered in the list (every quarter of an hour); any other minute can still be typed.
CLOCK_CHOICES = [f"{hour:02d}:{minute:02d}" for hour in range(24) for minute in (0, 15, 30, 45)]


class DayInput(forms.TextInput):
    """A dd-mm-yyyy text box that datepicker.js turns into a text box with a calendar."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {"inputmode": "numeric", "autocomplete": "off", "size": 12, "data-datepicker": ""}
        super().__init__({**base, **(attrs or {})})

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        # Evaluated per render, so in the language of the request.
        context["widget"]["attrs"].update(
            {
                "placeholder": _("dd-mm-yyyy"),
                "data-label-open": _("Choose a date from the calendar"),
                "data-label-previous": _("Previous month"),
                "data-label-next": _("Next month"),
                "data-label-close": _("Close the calendar"),
            }
        )
        return context

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, datetime):
            return format_day(value.date())
        if isinstance(value, date):
            return format_day(value)
        return super().format_value(value)


class ClockInput(forms.TextInput):
    """An HH:MM text box with a list of quarter hours to pick from (a <datalist>, no script needed)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {"inputmode": "numeric", "autocomplete": "off", "size": 6}
        super().__init__({**base, **(attrs or {})})

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["placeholder"] = _("HH:MM")
        widget_attrs["list"] = f"{widget_attrs.get('id') or name}_choices"
        return context

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> Any:
        box = super().render(name, value, attrs, renderer)
        list_id = f"{(attrs or {}).get('id') or name}_choices"
        options = format_html_join("", '<option value="{}"></option>', ((choice,) for choice in CLOCK_CHOICES))
        return format_html('{}<datalist id="{}">{}</datalist>', box, list_id, options)

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, time):
            return format_clock(value)
        return super().format_value(value)


class DayField(forms.Field):
    """A calendar day typed day-first (core.typed_input.parse_day); the error in the user's language."""

    widget = DayInput
    default_error_messages = {"invalid": gettext_lazy("Type the date as dd-mm-yyyy, for example 07-12-2026.")}

    def to_python(self, value: Any) -> date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return parse_day(str(value))
        except TypedInputError as error:
            raise forms.ValidationError(error.message, code=error.code) from None


class ClockField(forms.Field):
    """A time of day as planners type it: 9:30, 9.30, 09:30, 0930, 930 or 9 (core.typed_input.parse_clock)."""

    widget = ClockInput

    def to_python(self, value: Any) -> time | None:
        if value in self.empty_values:
            return None
        if isinstance(value, time):
            return value
        try:
            return parse_clock(str(value))
        except TypedInputError as error:
            raise forms.ValidationError(error.message, code=error.code) from None
