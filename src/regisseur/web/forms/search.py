"""The top bar's search box, read from the query string."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

SEARCH_MAX_LENGTH = 100


class SearchForm(forms.Form):
    # CharField refuses NUL characters (PostgreSQL cannot store them in a query either).
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
