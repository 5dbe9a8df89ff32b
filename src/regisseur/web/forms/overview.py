"""The filters above the interviews overview (P7, issue 9): each one in the URL, a bad one reported beside its field.

A filter that cannot be read is not applied: that field falls back to its default (so a bad
date shows today and the coming days, not every interview ever), the others keep working.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regisseur.core.timezones import local_to_utc
from regisseur.core.typed_input import format_day
from regisseur.interviews.models import ConfirmationStatus, InterviewStatus
from regisseur.interviews.queries import OVERVIEW_ORDERINGS
from regisseur.web.forms.fields import DayField

UPCOMING = "upcoming"
PAST = "past"
Day = date  # the form has a field called date
FILTER_NAMES = ("date", "vacancy", "status", "confirmation_status")


class OverviewFilterForm(forms.Form):
    """Filters above the interviews overview; an invalid filter is reported beside its field and not applied."""

    date = DayField(label=_("Date"), required=False)
    vacancy = forms.TypedChoiceField(label=_("Vacancy"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *InterviewStatus.choices])
    confirmation_status = forms.ChoiceField(
        label=_("Confirmation"), required=False, choices=[("", _("All")), *ConfirmationStatus.choices]
    )

    def __init__(self, *args: Any, vacancies: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        vacancy_field: Any = self.fields["vacancy"]
        vacancy_field.choices = [("", _("All")), *vacancies]

    @property
    def day(self) -> Day | None:
        self.is_valid()
        return getattr(self, "cleaned_data", {}).get("date")

    @property
    def period(self) -> str:
        """Upcoming (today onwards, the default) or past; a chosen day overrides both."""
        return PAST if self.data.get("when") == PAST and self.day is None else UPCOMING

    @property
    def sort(self) -> str:
        """The column to sort on: a known one from the URL, else by start (newest first for the past)."""
        wanted = str(self.data.get("sort") or "")
        if wanted in OVERVIEW_ORDERINGS:
            return wanted
        return "-starts" if self.period == PAST else "starts"

    def filters(self) -> dict[str, Any]:
        """The valid filters as keyword arguments for interviews_for_overview; the chosen day in the viewer's zone."""
        self.is_valid()
        data = self.cleaned_data
        result: dict[str, Any] = {
            "vacancy_id": data.get("vacancy"),
            "status": data.get("status") or "",
            "confirmation_status": data.get("confirmation_status") or "",
            "ordering": self.sort,
        }
        zone = timezone.get_current_timezone_name()
        day = self.day
        if day is not None:
            # Shown back day-first, also when it came in as yyyy-mm-dd (the "Today" link).
            if isinstance(self.data, QueryDict):
                shown = self.data.copy()
                shown["date"] = format_day(day)
                self.data = shown
            result["starts_from"] = local_to_utc(day, time(0, 0), zone)
            result["starts_before"] = local_to_utc(day + timedelta(days=1), time(0, 0), zone)
        elif self.period == PAST:
            result["starts_before"] = local_to_utc(timezone.localdate(), time(0, 0), zone)
        else:
            result["starts_from"] = local_to_utc(timezone.localdate(), time(0, 0), zone)
        return result

    def good_query(self) -> QueryDict:
        """The filters that were read, as the URL keeps them: the base of every link on the page."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        query = QueryDict(mutable=True)
        if self.day is not None:
            query["date"] = format_day(self.day)
        for name in FILTER_NAMES[1:]:
            if data.get(name) not in (None, ""):
                query[name] = str(data[name])
        if self.period == PAST:
            query["when"] = PAST
        if self.data.get("sort") in OVERVIEW_ORDERINGS:
            query["sort"] = str(self.data["sort"])
        return query
