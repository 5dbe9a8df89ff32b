"""The candidate import's upload form (issue 9, item 5): a file, and optionally the vacancy to apply to."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from regisseur.recruitment.models import Vacancy

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV or Excel (.xlsx), at most 5 MB and 20,000 rows. The first row names the columns."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx,text/csv"}),
    )
    vacancy: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Add to vacancy"),
        queryset=None,
        required=False,
        empty_label=_("No vacancy: only add the candidates"),
        help_text=_("Every imported or updated candidate gets an application on this vacancy, unless they have one."),
    )

    def __init__(self, *args: Any, vacancies: QuerySet[Vacancy], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["vacancy"].queryset = vacancies  # type: ignore[attr-defined]
        self.fields["vacancy"].label_from_instance = lambda vacancy: f"{vacancy.title} ({vacancy.client.name})"  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("This file is %(size).1f MB; at most 5 MB can be imported. Split it into smaller files."),
                params={"size": upload.size / 1024 / 1024},
                code="too_large",
            )
        return upload


class ImportConfirmForm(forms.Form):
    """What to do with the duplicates: one choice for all, or each row its own."""

    all_duplicates = forms.ChoiceField(
        label=_("Duplicates"),
        required=False,
        choices=[
            ("", _("As chosen per row")),
            ("skip", _("Skip all duplicates")),
            ("update", _("Update all duplicates")),
        ],
    )
