"""Exports (issue 9, item 5): the interviews overview, the candidate list and a vacancy's applications.

Each export is the page's rows with the page's filters, in CSV or Excel (.xlsx), read in a
fixed number of queries however many rows there are. Times are dd-mm-yyyy HH:MM in
Europe/Amsterdam; headers are in the user's language.

CSV is UTF-8 with a byte order mark, so that Excel reads the accents right. For Dutch users
the separator is a semicolon: Excel with Dutch regional settings expects ";" (the comma is
the decimal separator there) and puts a comma-separated file in one column. For English
users it is the comma. Text starting with =, +, -, @ gets a leading apostrophe in both
formats, so no cell is ever run as a formula (core.spreadsheets.guard).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from regisseur.core.phones import format_phone
from regisseur.core.spreadsheets import write_csv, write_xlsx
from regisseur.core.timezones import AMSTERDAM, to_zone
from regisseur.interviews import access, queries
from regisseur.web.forms.overview import OverviewFilterForm
from regisseur.web.forms.recruitment import ApplicationFilterForm, CandidateFilterForm

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _local(moment: datetime | None) -> datetime | None:
    return to_zone(moment, AMSTERDAM) if moment is not None else None


def csv_delimiter() -> str:
    """Semicolons for Dutch users (what Excel NL expects), commas otherwise."""
    return ";" if (get_language() or "").startswith("nl") else ","


def _download(request: HttpRequest, name: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> HttpResponse:
    kind = request.GET.get("format", "csv")
    stamp = timezone.localdate().isoformat()
    if kind == "xlsx":
        body, content_type, suffix = write_xlsx(headers, rows, title=name), XLSX_TYPE, "xlsx"
    elif kind == "csv":
        body, content_type, suffix = (
            write_csv(headers, rows, delimiter=csv_delimiter()),
            "text/csv; charset=utf-8",
            "csv",
        )
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{suffix}"'
    return response


@login_required
def interviews(request: HttpRequest) -> HttpResponse:
    """The interviews overview as filtered (the same form, so the same filters and the same rows)."""
    vacancies = access.vacancies_for_user(request.user).values_list("id", "title", "client__name")
    form = OverviewFilterForm(
        request.GET or None, vacancies=[(pk, f"{title} ({client})") for pk, title, client in vacancies]
    )
    # What the overview shows with these filters: upcoming by default, the past on its tab.
    rows = queries.interviews_for_overview(request.user, **form.filters())
    headers = [
        _("Date and time"),
        _("Duration (minutes)"),
        _("Candidate"),
        _("Vacancy"),
        _("Client"),
        _("Type"),
        _("Kind"),
        _("Interviewer"),
        _("Colleagues"),
        _("Location"),
        _("Status"),
        _("Confirmation"),
    ]
    return _download(
        request,
        "interviews",
        headers,
        (
            [
                _local(interview.starts_at),
                interview.duration_minutes,
                interview.application.candidate.full_name if interview.application else interview.round_name,
                interview.vacancy.title,
                interview.vacancy.client.name,
                interview.get_type_display(),
                interview.get_kind_display(),
                interview.interviewer,
                ", ".join(user.get_full_name() or user.username for user in interview.participants.all()),
                interview.location,
                interview.get_status_display(),
                interview.get_confirmation_status_display(),
            ]
            for interview in rows
        ),
    )


@login_required
def candidates(request: HttpRequest) -> HttpResponse:
    """The candidate list as searched."""
    form = CandidateFilterForm(request.GET)
    search = (form.cleaned_data.get("q") or "") if form.is_valid() else ""
    rows = access.candidate_rows_for_user(request.user, search=search)
    headers = [
        _("Last name"),
        _("First name"),
        _("Email"),
        _("Mobile number"),
        _("Language"),
        _("Applications"),
        _("Added on"),
    ]
    return _download(
        request,
        "candidates",
        headers,
        (
            [
                candidate.last_name,
                candidate.first_name,
                candidate.email,
                format_phone(candidate.mobile),
                candidate.get_language_display(),
                candidate.application_count,  # type: ignore[attr-defined]
                _local(candidate.created_at),
            ]
            for candidate in rows
        ),
    )


@login_required
def vacancy_applications(request: HttpRequest, pk: int) -> HttpResponse:
    """A vacancy's applications as filtered on its candidate overview."""
    vacancy = access.get_vacancy_for_user(request.user, pk)
    form = ApplicationFilterForm(request.GET)
    values = form.cleaned_data if form.is_valid() else {}
    rows = access.vacancy_application_rows(
        request.user, vacancy, stage=values.get("stage") or "", status=values.get("status") or ""
    )
    headers = [
        _("Last name"),
        _("First name"),
        _("Email"),
        _("Mobile number"),
        _("Stage"),
        _("Status"),
        _("Latest interview"),
        _("Applied on"),
    ]
    return _download(
        request,
        "applications",
        headers,
        (
            [
                application.candidate.last_name,
                application.candidate.first_name,
                application.candidate.email,
                format_phone(application.candidate.mobile),
                application.get_stage_display(),
                application.get_status_display(),
                _local(application.latest_interview.starts_at) if application.latest_interview else None,  # type: ignore[attr-defined]
                _local(application.created_at),
            ]
            for application in rows
        ),
    )
