"""Recruitment pages: vacancy list and record, candidate overview, workflow board, candidate and application records.

Every object comes through a get_*_for_user() (others' objects are 404) and
every change through one service; a refused change is shown next to its field.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regisseur.accounts.roles import is_recruiter
from regisseur.core.errors import ServiceError
from regisseur.core.phones import format_phone, normalise_mobile
from regisseur.interviews import access as queries
from regisseur.interviews.queries import candidate_duplicates
from regisseur.messaging.models import Message
from regisseur.recruitment import services
from regisseur.recruitment.models import (
    Application,
    ApplicationStage,
    ApplicationStatus,
    Candidate,
    DocumentKind,
    Vacancy,
)
from regisseur.web.forms.recruitment import (
    ApplicationCreateForm,
    ApplicationFilterForm,
    CandidateFilterForm,
    CandidateForm,
    MoveForm,
    StatusForm,
    VacancyFilterForm,
    VacancyForm,
    add_service_error,
)
from regisseur.web.views.common import _actor, _require_recruiter, safe_next
from regisseur.web.views.follow_ups import attach_follow_up_markers

PAGE_SIZE = 50


def _render(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """Render with `can_edit`: write actions are shown to recruiters only."""
    return render(request, f"recruitment/{template}", {"can_edit": is_recruiter(request.user), **context})


def _page(request: HttpRequest, rows: Any) -> dict[str, Any]:
    """One page of rows, and the filters as a query string for the page links."""
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {"page": page, "query": query.urlencode()}


def _with_phone(candidates: Any) -> None:
    """Mobile numbers as people read them (+31 6 12345678)."""
    for candidate in candidates:
        candidate.mobile_display = format_phone(candidate.mobile)


def _filters(form_class: type[Any], request: HttpRequest) -> dict[str, Any]:
    form = form_class(request.GET)
    values = form.cleaned_data if form.is_valid() else {}
    return {"form": form, **{name: values.get(name) or "" for name in form.fields}}


# Vacancies


def _portal_for_non_recruiters(request: HttpRequest) -> HttpResponse | None:
    """The lists of all vacancies and candidates are the recruiter's; the others have their portal (E5)."""
    return None if is_recruiter(request.user) else redirect("portal:home")


@login_required
def vacancy_list(request: HttpRequest) -> HttpResponse:
    if elsewhere := _portal_for_non_recruiters(request):
        return elsewhere
    filters = _filters(VacancyFilterForm, request)
    rows = queries.vacancy_rows_for_user(request.user, status=filters["status"], search=filters["q"])
    return _render(
        request,
        "vacancy_list.html",
        {"section": "vacancies", "filter_form": filters["form"], **_page(request, rows)},
    )


@login_required
def vacancy_create(request: HttpRequest) -> HttpResponse:
    _require_recruiter(request)
    form = VacancyForm(request.POST or None, user=request.user, initial={"status": "draft"})
    if form.is_valid():
        try:
            vacancy = services.create_vacancy(actor=_actor(request), **form.cleaned_data)
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Vacancy “%(title)s” created.") % {"title": vacancy.title})
            return redirect("recruitment:vacancy_detail", pk=vacancy.pk)
    return _render(request, "vacancy_form.html", {"section": "vacancies", "form": form})


@login_required
def vacancy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = queries.get_vacancy_for_user(request.user, pk)
    _require_recruiter(request)
    initial = {"title": vacancy.title, "hiring_manager": vacancy.hiring_manager, "language": vacancy.language}
    form = VacancyForm(
        request.POST or None, user=request.user, editing=True, initial=initial | {"status": vacancy.status}
    )
    if form.is_valid():
        try:
            services.update_vacancy(actor=_actor(request), vacancy=vacancy, changes=form.cleaned_data)
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Vacancy saved."))
            return redirect("recruitment:vacancy_detail", pk=vacancy.pk)
    return _render(request, "vacancy_form.html", {"section": "vacancies", "form": form, "vacancy": vacancy})


@login_required
def vacancy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = queries.get_vacancy_for_user(request.user, pk)
    context = {
        "section": "vacancies",
        "vacancy": vacancy,
        "tab": "record",
        "rounds": queries.vacancy_rounds(request.user, vacancy),
        "active_applications": list(queries.active_applications(request.user, vacancy)),
    }
    return _render(request, "vacancy_detail.html", context)


@login_required
def vacancy_candidates(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = queries.get_vacancy_for_user(request.user, pk)
    filters = _filters(ApplicationFilterForm, request)
    rows = queries.vacancy_application_rows(request.user, vacancy, stage=filters["stage"], status=filters["status"])
    _with_phone(row.candidate for row in rows)
    context = {"section": "vacancies", "vacancy": vacancy, "tab": "candidates", "filter_form": filters["form"]}
    return _render(request, "vacancy_candidates.html", context | {"rows": rows, **_selection(request, rows)})


def _selection(request: HttpRequest, rows: list[Any]) -> dict[str, Any]:
    """ "Select all" and "Select none" as links (they work without JavaScript; selection.js does it in place)."""
    select_all = request.GET.get("select") == "all"
    others: list[tuple[str, str]] = [
        (name, str(value)) for name in request.GET if name != "select" for value in request.GET.getlist(name)
    ]
    return {
        "select_all": select_all,
        "selected_count": sum(1 for row in rows if row.status == ApplicationStatus.ACTIVE) if select_all else 0,
        "select_all_url": "?" + urlencode([*others, ("select", "all")]),
        "select_none_url": "?" + urlencode(others) if others else request.path,
    }


@login_required
def vacancy_board(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = queries.get_vacancy_for_user(request.user, pk)
    rows = queries.vacancy_application_rows(request.user, vacancy)
    columns = [
        {"stage": value, "label": label, "applications": [row for row in rows if row.stage == value]}
        for value, label in ApplicationStage.choices
    ]
    context = {"section": "vacancies", "vacancy": vacancy, "tab": "board", "columns": columns, "count": len(rows)}
    return _render(request, "vacancy_board.html", context | {"stages": ApplicationStage.choices})


# Candidates


@login_required
def candidate_list(request: HttpRequest) -> HttpResponse:
    if elsewhere := _portal_for_non_recruiters(request):
        return elsewhere
    filters = _filters(CandidateFilterForm, request)
    listing = _page(request, queries.candidate_rows_for_user(request.user, search=filters["q"]))
    listing["page"].object_list = list(listing["page"].object_list)
    _with_phone(listing["page"].object_list)
    return _render(request, "candidate_list.html", {"section": "candidates", "filter_form": filters["form"], **listing})


def _duplicates(request: HttpRequest, form: CandidateForm, candidate: Candidate | None) -> tuple[list[Candidate], str]:
    """Other candidates with the email or mobile number typed (on edit: only a changed one), and the confirm key.

    The key names what was checked, so "Create anyway" confirms these values and no others.
    """
    email = form.cleaned_data["email"].strip().lower()
    try:
        mobile = normalise_mobile(form.cleaned_data["mobile"])
    except ValidationError:
        mobile = ""  # the service refuses it and says why
    if candidate is not None:
        email = "" if email == candidate.email.lower() else email
        mobile = "" if mobile == candidate.mobile else mobile
    found = candidate_duplicates(request.user, email=email, mobile=mobile, exclude=candidate)
    for other in found:
        other.same_email = bool(email) and other.email.lower() == email  # type: ignore[attr-defined]
        other.same_mobile = bool(mobile) and other.mobile == mobile  # type: ignore[attr-defined]
        other.mobile_display = format_phone(other.mobile)  # type: ignore[attr-defined]
    return found, f"{email}|{mobile}"


def _candidate_form_page(request: HttpRequest, candidate: Candidate | None) -> HttpResponse:
    initial = {"language": "nl"}
    if candidate is not None:
        initial = {name: getattr(candidate, name) for name in CandidateForm.base_fields}
    form = CandidateForm(request.POST or None, initial=initial)
    duplicates: list[Candidate] = []
    duplicate_key = ""
    if form.is_valid():
        duplicates, duplicate_key = _duplicates(request, form, candidate)
        if duplicates and request.POST.get("confirm_duplicate") == duplicate_key:
            duplicates = []
    if form.is_valid() and not duplicates:
        try:
            if candidate is None:
                candidate = services.create_candidate(actor=_actor(request), **form.cleaned_data)
            else:
                services.update_candidate(actor=_actor(request), candidate=candidate, changes=form.cleaned_data)
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Candidate %(name)s saved.") % {"name": candidate.full_name})
            return redirect("recruitment:candidate_detail", pk=candidate.pk)
    context = {"section": "candidates", "form": form, "candidate": candidate}
    return _render(request, "candidate_form.html", context | {"duplicates": duplicates, "duplicate_key": duplicate_key})


@login_required
def candidate_create(request: HttpRequest) -> HttpResponse:
    _require_recruiter(request)
    return _candidate_form_page(request, None)


@login_required
def candidate_edit(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = queries.get_candidate_for_user(request.user, pk)
    _require_recruiter(request)
    return _candidate_form_page(request, candidate)


def _candidate_record(request: HttpRequest, candidate: Candidate, apply_form: ApplicationCreateForm) -> HttpResponse:
    interviews = list(queries.candidate_interviews(request.user, candidate))
    # The message log (C7) is the recruiters' business: every message to or about this candidate.
    message_log = (
        list(
            Message.objects.filter(organisation_id=candidate.organisation_id).filter(
                Q(candidate=candidate) | Q(interview__application__candidate=candidate)
            )
        )
        if is_recruiter(request.user)
        else []
    )
    context = {
        "message_log": message_log,
        "section": "candidates",
        "candidate": candidate,
        "mobile_display": format_phone(candidate.mobile),
        "applications": queries.candidate_applications(request.user, candidate),
        "interviews": interviews,
        "reports": [interview for interview in interviews if interview.report],
        "apply_form": apply_form,
        "documents": list(candidate.documents.all()),
        "document_kinds": DocumentKind.choices,
    }
    return _render(request, "candidate_detail.html", context)


@login_required
def candidate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = queries.get_candidate_for_user(request.user, pk)
    vacancies = queries.open_vacancies_for_candidate(request.user, candidate)
    return _candidate_record(request, candidate, ApplicationCreateForm(vacancies=vacancies))


@login_required
@require_POST
def application_create(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = queries.get_candidate_for_user(request.user, pk)
    _require_recruiter(request)
    # Any visible vacancy is accepted here so that the service explains a refusal
    # (closed, already on it); the select offers only the open ones.
    form = ApplicationCreateForm(request.POST, vacancies=queries.vacancies_for_user(request.user))
    if form.is_valid():
        try:
            vacancy: Vacancy = form.cleaned_data["vacancy"]
            services.create_application(actor=_actor(request), candidate=candidate, vacancy=vacancy)
        except ServiceError as error:
            add_service_error(form, error, fallback="vacancy")
        else:
            messages.success(request, _("Added to vacancy “%(title)s”.") % {"title": vacancy.title})
            return redirect("recruitment:candidate_detail", pk=candidate.pk)
    form.fields["vacancy"].queryset = queries.open_vacancies_for_candidate(request.user, candidate)  # type: ignore[attr-defined]
    return _candidate_record(request, candidate, form)


# Applications


def _application_record(
    request: HttpRequest, application: Application, status_form: StatusForm, move_form: MoveForm
) -> HttpResponse:
    interviews = list(queries.application_interviews(request.user, application))
    if is_recruiter(request.user):
        attach_follow_up_markers(interviews)
    context = {
        "section": "candidates",
        "application": application,
        "interviews": interviews,
        "status_form": status_form,
        "move_form": move_form,
    }
    return _render(request, "application_detail.html", context)


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = queries.get_application_for_user(request.user, pk)
    status_form = StatusForm(initial={"status": application.status})
    move_form = MoveForm(initial={"stage": application.stage, "next": request.path})
    return _application_record(request, application, status_form, move_form)


@login_required
@require_POST
def application_move(request: HttpRequest, pk: int) -> HttpResponse:
    application = queries.get_application_for_user(request.user, pk)
    _require_recruiter(request)
    form = MoveForm(request.POST)
    record_url = reverse("recruitment:application_detail", args=[application.pk])
    # The board's drag and drop (regisseur/board.js) asks for JSON and stays on the page.
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    if form.is_valid():
        try:
            services.move_application(actor=_actor(request), application=application, stage=form.cleaned_data["stage"])
        except ServiceError as error:
            if wants_json:
                return JsonResponse({"moved": False, "message": error.message}, status=409)
            messages.error(request, error.message)
        else:
            done = _("%(name)s moved to “%(stage)s”.") % {
                "name": application.candidate.full_name,
                "stage": application.get_stage_display(),
            }
            if wants_json:
                return JsonResponse({"moved": True, "stage": application.stage, "message": done})
            messages.success(request, done)
        return redirect(safe_next(request, form.cleaned_data["next"], record_url))
    if wants_json:
        return JsonResponse({"moved": False, "message": _("Choose one of the stages.")}, status=400)
    status_form = StatusForm(initial={"status": application.status})
    return _application_record(request, application, status_form, form)


@login_required
@require_POST
def application_status(request: HttpRequest, pk: int) -> HttpResponse:
    application = queries.get_application_for_user(request.user, pk)
    _require_recruiter(request)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.set_application_status(
                actor=_actor(request), application=application, status=form.cleaned_data["status"]
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Status set to “%(status)s”.") % {"status": application.get_status_display()})
            return redirect("recruitment:application_detail", pk=application.pk)
    move_form = MoveForm(initial={"stage": application.stage, "next": request.path})
    return _application_record(request, application, form, move_form)
