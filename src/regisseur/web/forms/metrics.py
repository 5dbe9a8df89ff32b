"""The filters above the metrics page (O5): a period and a grouping, named like the API's parameters."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from regisseur.core.errors import ServiceError
from regisseur.monitoring import metrics
from regisseur.web.forms.fields import DayField

GROUP_CHOICES = [
    (metrics.MONTH, _("Month")),
    (metrics.RECRUITER, _("Recruiter")),
    (metrics.CLIENT, _("Client")),
    (metrics.VACANCY, _("Vacancy")),
]


class MetricsFilterForm(forms.Form):
    """From, to (dd-mm-yyyy, both included) and what each table row is; errors beside their field.

    A filter that cannot be read is not applied: the page then shows the default (the last 12
    months, per month) with the errors beside the fields.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so the fields are made here, named as in the API.
        self.fields["from"] = DayField(label=_("First day"), required=False)
        self.fields["to"] = DayField(label=_("Last day"), required=False)
        self.fields["group_by"] = forms.ChoiceField(label=_("Per"), choices=GROUP_CHOICES, required=False)
        default = metrics.default_period()
        self.fields["from"].initial = default.first
        self.fields["to"].initial = default.last

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "from" in data and "to" in data:
            try:
                data["period"] = metrics.period_between(data["from"], data["to"])
            except ServiceError as error:
                self.add_error(error.field, error.message)
        return data

    @property
    def period(self) -> metrics.Period:
        if self.is_bound and self.is_valid():
            period: metrics.Period = self.cleaned_data["period"]
            return period
        return metrics.default_period()

    @property
    def group_by(self) -> str:
        if self.is_bound and self.is_valid():
            return str(self.cleaned_data.get("group_by") or metrics.MONTH)
        return metrics.MONTH

    def query(self) -> str:
        """The filters as applied, for the export link (empty when only the defaults apply)."""
        if not (self.is_bound and self.is_valid()):
            return ""
        return urlencode({name: self.data[name] for name in self.fields if self.data.get(name)})
