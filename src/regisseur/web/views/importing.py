"""Candidate import (issue 9, item 5): upload, preview with every row's status, confirm, summary.

Nothing is written before the confirmation; the rows wait server-side (import_store).
Recruiters only: anybody else gets 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from regisseur.actions.importing import check_import_vacancy, import_candidates
from regisseur.core.errors import ServiceError
from regisseur.core.spreadsheets import SpreadsheetError, read_table
from regisseur.interviews import access
from regisseur.recruitment.importing import DUPLICATE, ERROR, FIELD_LABELS, NEW, Preview, preview, raw_rows
from regisseur.recruitment.models import Vacancy, VacancyStatus
from regisseur.web.forms.importing import MAX_ROWS, ImportConfirmForm, ImportUploadForm
from regisseur.web.views.common import _actor, _require_recruiter
from regisseur.web.views.import_store import discard_upload, load_upload, save_upload

SHOWN_PER_STATUS = 500  # rows listed per status on the preview; the counts are always complete
SUMMARY_KEY = "regisseur.import_summary"


def parse_upload(data: bytes) -> dict[str, Any]:
    """The uploaded file as raw rows and the headers it ignored; ServiceError when it cannot be imported."""
    try:
        table = read_table(data, max_rows=MAX_ROWS)
    except SpreadsheetError as error:
        raise ServiceError(error.code, error.message, field="file") from None
    if len(table) - 1 > MAX_ROWS:
        raise ServiceError(
            "too_many_rows",
            _("This file has more than %(limit)s rows; import at most 20,000 at a time.") % {"limit": "20,000"},
            field="file",
        )
    columns, rows = raw_rows(table)
    if not rows:
        raise ServiceError("empty", _("The file has a header row but no candidates."), field="file")
    return {"rows": rows, "ignored": columns.ignored}


def update_lines(post: Any, rows: list[dict[str, Any]]) -> set[int]:
    """The lines whose duplicate is to be updated: all, or those chosen per row (skipping is the default)."""
    choice = post.get("all_duplicates", "")
    if choice == "update":
        return {int(row["line"]) for row in rows}
    if choice == "skip":
        return set()
    return {int(row["line"]) for row in rows if post.get(f"row-{row['line']}") == "update"}


def _open_vacancies(request: HttpRequest) -> Any:
    return (
        access.vacancies_for_user(request.user)
        .exclude(status=VacancyStatus.CLOSED)
        .select_related("client")
        .order_by("title", "pk")
    )


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    _require_recruiter(request)
    initial = {"vacancy": request.GET.get("vacancy")} if request.GET.get("vacancy", "").isdigit() else {}
    form = ImportUploadForm(
        request.POST or None, request.FILES or None, vacancies=_open_vacancies(request), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        vacancy: Vacancy | None = form.cleaned_data["vacancy"]
        try:
            check_import_vacancy(_actor(request), vacancy)
            parsed = parse_upload(form.cleaned_data["file"].read())
        except ServiceError as error:
            form.add_error(error.field if error.field in form.fields else "file", error.message)
        else:
            payload = {"vacancy": vacancy.pk if vacancy else None, "filename": form.cleaned_data["file"].name[:200]}
            token = save_upload(user_id=_actor(request).pk, payload=payload | parsed)
            return redirect("recruitment:candidate_import_preview", token=token)
    return render(request, "recruitment/import_upload.html", {"section": "candidates", "form": form})


def _organisation_id(request: HttpRequest) -> int:
    organisation_id = _actor(request).organisation_id
    if organisation_id is None:  # recruiters always have one (OrganisationRequiredMiddleware)
        raise Http404
    return organisation_id


def _stored(request: HttpRequest, token: str) -> tuple[dict[str, Any], Vacancy | None]:
    stored = load_upload(user_id=_actor(request).pk, token=token)
    if stored is None:
        raise Http404
    vacancy = access.get_vacancy_for_user(request.user, stored["vacancy"]) if stored.get("vacancy") else None
    return stored, vacancy


def _sections(checked: Preview) -> list[dict[str, Any]]:
    titles = {ERROR: _("Rows with errors"), DUPLICATE: _("Duplicates"), NEW: _("New candidates")}
    sections: list[dict[str, Any]] = []
    for status in (ERROR, DUPLICATE, NEW):
        rows = [row for row in checked.rows if row.status == status]
        shown = rows[:SHOWN_PER_STATUS]
        hidden = len(rows) - len(shown)
        sections.append(
            {"status": status, "title": titles[status], "rows": shown, "total": len(rows), "hidden": hidden}
        )
    return sections


@login_required
def review(request: HttpRequest, token: str) -> HttpResponse:
    """Step 2: every row with its status; step 3 (POST): the import, then the summary."""
    _require_recruiter(request)
    stored, vacancy = _stored(request, token)
    form = ImportConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            summary = import_candidates(
                actor=_actor(request),
                rows=stored["rows"],
                update_lines=update_lines(request.POST, stored["rows"]),
                vacancy=vacancy,
            )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            discard_upload(token)
            request.session[SUMMARY_KEY] = summary.__dict__ | {"vacancy": vacancy.pk if vacancy else None}
            return redirect("recruitment:candidate_import_done")
    checked = preview(_organisation_id(request), stored["rows"])
    context = {
        "section": "candidates",
        "form": form,
        "stored": stored,
        "vacancy": vacancy,
        "sections": _sections(checked),
        "counts": {status: checked.count(status) for status in (NEW, DUPLICATE, ERROR)},
        "labels": [FIELD_LABELS[name] for name in ("first_name", "last_name", "email", "mobile", "language")],
    }
    return render(request, "recruitment/import_preview.html", context)


@login_required
def done(request: HttpRequest) -> HttpResponse:
    _require_recruiter(request)
    summary = request.session.get(SUMMARY_KEY)
    if summary is None:
        return redirect("recruitment:candidate_import")
    vacancy = access.vacancies_for_user(request.user).filter(pk=summary.get("vacancy")).first()
    return render(
        request, "recruitment/import_done.html", {"section": "candidates", "summary": summary, "vacancy": vacancy}
    )
