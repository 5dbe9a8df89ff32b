"""Forms of the checklist settings: the lines of one checklist, and a new line ticked by hand."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

MAX_LINES = 100


class ChecklistLineForm(forms.Form):
    code = forms.SlugField(max_length=40, widget=forms.HiddenInput)
    position = forms.IntegerField(
        label=pgettext_lazy("checklist line", "Position"),
        min_value=1,
        max_value=MAX_LINES,
        widget=forms.NumberInput(attrs={"class": "position"}),
    )
    label = forms.CharField(label=_("Text"), max_length=200, required=False)
    active = forms.BooleanField(label=_("In use"), required=False)

    def __init__(self, *args: Any, built_in: frozenset[str] = frozenset(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Built-in lines may be left empty: they show the standard text in each reader's language.
        self.built_in = built_in

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        data["label"] = (data.get("label") or "").strip()
        if "code" in data and not data["label"] and data["code"] not in self.built_in:
            self.add_error("label", _("Give this line a text."))
        return data


ChecklistLineFormSet = forms.formset_factory(
    ChecklistLineForm, extra=0, max_num=MAX_LINES, validate_max=True, absolute_max=MAX_LINES
)


class NewLineForm(forms.Form):
    label = forms.CharField(
        label=_("New line"),
        max_length=200,
        required=False,
        help_text=_("A line the recruiter ticks by hand; it is added at the end."),
    )
