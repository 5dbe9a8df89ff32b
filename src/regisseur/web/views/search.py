"""The search page behind the top bar's box: candidates, vacancies, clients and interviews, grouped."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from regisseur.accounts.roles import is_recruiter
from regisseur.core.phones import format_phone
from regisseur.interviews.queries import SEARCH_MIN_LENGTH, search_for_user
from regisseur.web.forms.search import SearchForm


@login_required
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    text = form.cleaned_data["q"] if form.is_valid() else ""
    too_short = form.is_valid() and 0 < len(text) < SEARCH_MIN_LENGTH
    results = search_for_user(request.user, text) if form.is_valid() and not too_short and text else None
    if results is not None:
        for candidate in results.candidates.rows:
            candidate.mobile_display = format_phone(candidate.mobile)
    context = {
        "search_form": form,
        "search_text": text,
        "too_short": too_short,
        "min_length": SEARCH_MIN_LENGTH,
        "results": results,
        "sees_clients": is_recruiter(request.user),
    }
    return render(request, "interviews/search.html", context)
