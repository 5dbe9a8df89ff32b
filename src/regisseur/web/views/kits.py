"""Interview kit pages (seed 001, E1): the recruiters' editor per vacancy and the panel's printable kit.

The editor works without JavaScript: every competency and question is its own small form, and
each button (save, up, down, remove) writes the whole kit through the one `save_kit` action.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regisseur.accounts.models import User
from regisseur.accounts.roles import is_recruiter
from regisseur.actions import kits as actions
from regisseur.core.errors import ServiceError
from regisseur.evaluation import kits
from regisseur.evaluation.models import PhaseCode, Visibility
from regisseur.interviews.access import get_interview_for_user, get_vacancy_for_user
from regisseur.interviews.models import Guideline
from regisseur.recruitment.models import Vacancy
from regisseur.web.views.common import _actor

OPERATIONS = ("save", "up", "down", "remove")


def _recruiter_vacancy(request: HttpRequest, pk: int) -> tuple[User, Vacancy]:
    """The vacancy (others' are not found) and its recruiter: anybody else may read, not change."""
    actor = _actor(request)
    vacancy = get_vacancy_for_user(actor, pk)
    if not is_recruiter(actor):
        raise PermissionDenied
    return actor, vacancy


def _id(value: Any) -> int | None:
    """An id from a form: empty is none; anything else not an id matches no item (-1)."""
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        return -1
    return number if 0 < number <= kits.MAX_ID else -1


def _competency_rows(view: kits.KitView, error: dict[str, Any] | None) -> list[dict[str, Any]]:
    rows = []
    for competency in view.competencies:
        key = f"competency-{competency.pk}"
        anchors = kits.anchors_of(competency)
        name, description = competency.name, competency.description
        failed = error is not None and error["target"] == key
        if failed and error is not None:
            values = error["values"]
            name, description = values.get("name", ""), values.get("description", "")
            anchors = {level: values.get(f"anchor_{level}", "") for level in kits.ANCHOR_LEVELS}
        rows.append(
            {
                "competency": competency,
                "key": key,
                "name": name,
                "description": description,
                "anchors": list(anchors.items()),
                "error": error["message"] if failed and error else "",
            }
        )
    return rows


def _phase_rows(view: kits.KitView, error: dict[str, Any] | None) -> list[dict[str, Any]]:
    rows = []
    for phase in view.phases:
        questions = []
        for question in phase.questions:
            key = f"question-{question.pk}"
            failed = error is not None and error["target"] == key
            values = error["values"] if failed and error else {}
            questions.append(
                {
                    "question": question,
                    "key": key,
                    "text": values.get("text", question.text),
                    "competency_id": _id(values.get("competency")) if failed else question.competency_id,
                    "error": error["message"] if failed and error else "",
                }
            )
        new_key = f"new-question-{phase.code}"
        adding = error is not None and error["target"] == new_key
        rows.append(
            {
                "phase": phase,
                "questions": questions,
                "new_text": error["values"].get("text", "") if adding and error else "",
                "new_error": error["message"] if adding and error else "",
            }
        )
    return rows


def _editor(
    request: HttpRequest, actor: User, vacancy: Vacancy, *, error: dict[str, Any] | None = None
) -> HttpResponse:
    view = kits.read_kit(vacancy)
    guidelines = list(Guideline.objects.filter(organisation_id=vacancy.client.organisation_id).order_by("title", "id"))
    linked = {guideline.pk for guideline in view.guidelines}
    sources = list(kits.copy_sources_for_user(actor, exclude=vacancy))
    context = {
        "vacancy": vacancy,
        "view": view,
        "section": "vacancies",
        "tab": "kit",
        "can_edit": True,
        "competency_rows": _competency_rows(view, error),
        "phase_rows": _phase_rows(view, error),
        "guideline_rows": [(guideline, guideline.pk in linked) for guideline in guidelines],
        "visibility_choices": Visibility.choices,
        "vacancy_sources": [kit for kit in sources if kit.vacancy_id],
        "library_sources": [kit for kit in sources if not kit.vacancy_id],
        "error": error,
        "phase_choices": PhaseCode.choices,
    }
    return render(request, "evaluation/kit_edit.html", context, status=422 if error else 200)


def _refused(request: HttpRequest, actor: User, vacancy: Vacancy, refusal: ServiceError, target: str) -> HttpResponse:
    values = {name: request.POST.get(name, "") for name in request.POST if name != "csrfmiddlewaretoken"}
    return _editor(request, actor, vacancy, error={"target": target, "message": refusal.message, "values": values})


def _back(vacancy: Vacancy, anchor: str = "") -> HttpResponse:
    url = reverse("evaluation:kit", args=[vacancy.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


@login_required
def kit(request: HttpRequest, pk: int) -> HttpResponse:
    """Recruiters edit the vacancy's kit; anybody else who may see the vacancy reads it."""
    actor = _actor(request)
    vacancy = get_vacancy_for_user(actor, pk)
    if not is_recruiter(actor):
        return _reading(request, vacancy=vacancy, interview=None)
    return _editor(request, actor, vacancy)


def _reading(request: HttpRequest, *, vacancy: Vacancy, interview: Any) -> HttpResponse:
    view = kits.read_kit(vacancy)
    guidelines = list(view.guidelines)
    if interview is not None:
        own = {guideline.pk for guideline in guidelines}
        guidelines = [g for g in interview.guidelines.order_by("title", "id") if g.pk not in own] + guidelines
    context = {
        "vacancy": vacancy,
        "interview": interview,
        "view": view,
        "guidelines": guidelines,
        "section": "interviews" if interview is not None else "vacancies",
        "can_edit": is_recruiter(request.user),
    }
    return render(request, "evaluation/kit_read.html", context)


@login_required
def kit_read(request: HttpRequest, pk: int) -> HttpResponse:
    """The vacancy's kit as the panel reads it, for everyone who may see the vacancy."""
    return _reading(request, vacancy=get_vacancy_for_user(_actor(request), pk), interview=None)


@login_required
def interview_kit(request: HttpRequest, pk: int) -> HttpResponse:
    """The kit of the interview's vacancy, for everyone who may see the interview; it prints cleanly."""
    interview = get_interview_for_user(_actor(request), pk)
    return _reading(request, vacancy=interview.vacancy, interview=interview)


@login_required
@require_POST
def kit_settings(request: HttpRequest, pk: int) -> HttpResponse:
    actor, vacancy = _recruiter_vacancy(request, pk)
    structure = kits.input_of(kits.read_kit(vacancy))
    structure.visibility = request.POST.get("visibility", "")
    structure.guideline_ids = [_id(value) or -1 for value in request.POST.getlist("guidelines")]
    try:
        actions.save_kit(actor=actor, vacancy=vacancy, structure=structure)
    except ServiceError as refusal:
        return _refused(request, actor, vacancy, refusal, "settings")
    messages.success(request, _("The kit's settings are saved."))
    return _back(vacancy, "kit-settings")


def _competency_input(request: HttpRequest, pk: int | None) -> kits.CompetencyInput:
    return kits.CompetencyInput(
        id=pk,
        name=request.POST.get("name", ""),
        description=request.POST.get("description", ""),
        anchors={level: request.POST.get(f"anchor_{level}", "") for level in kits.ANCHOR_LEVELS},
    )


@login_required
@require_POST
def competency_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor, vacancy = _recruiter_vacancy(request, pk)
    structure = kits.input_of(kits.read_kit(vacancy))
    structure.competencies.append(_competency_input(request, None))
    try:
        actions.save_kit(actor=actor, vacancy=vacancy, structure=structure)
    except ServiceError as refusal:
        return _refused(request, actor, vacancy, refusal, "new-competency")
    messages.success(request, _("Competency added."))
    return _back(vacancy, "competencies")


def _moved(items: list[Any], index: int, operation: str) -> None:
    other = index - 1 if operation == "up" else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]


@login_required
@require_POST
def competency(request: HttpRequest, pk: int, competency_pk: int) -> HttpResponse:
    actor, vacancy = _recruiter_vacancy(request, pk)
    structure = kits.input_of(kits.read_kit(vacancy))
    index = next((i for i, item in enumerate(structure.competencies) if item.id == competency_pk), None)
    operation = request.POST.get("operation", "save")
    if index is None or operation not in OPERATIONS:
        raise Http404
    if operation == "save":
        structure.competencies[index] = _competency_input(request, competency_pk)
    elif operation == "remove":
        del structure.competencies[index]
        # Its questions stay, without the link.
        for questions in structure.phases.values():
            for question in questions:
                if question.competency_id == competency_pk:
                    question.competency_id = None
    else:
        _moved(structure.competencies, index, operation)
    try:
        actions.save_kit(actor=actor, vacancy=vacancy, structure=structure)
    except ServiceError as refusal:
        return _refused(request, actor, vacancy, refusal, f"competency-{competency_pk}")
    if operation == "remove":
        messages.success(request, _("Competency removed; its questions stay without a competency."))
        return _back(vacancy, "competencies")
    if operation == "save":
        messages.success(request, _("Competency saved."))
    return _back(vacancy, f"competency-{competency_pk}")


@login_required
@require_POST
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor, vacancy = _recruiter_vacancy(request, pk)
    phase = request.POST.get("phase", "")
    if phase not in kits.PHASES:
        raise Http404
    structure = kits.input_of(kits.read_kit(vacancy))
    structure.phases[phase].append(
        kits.QuestionInput(
            id=None, text=request.POST.get("text", ""), competency_id=_id(request.POST.get("competency"))
        )
    )
    try:
        actions.save_kit(actor=actor, vacancy=vacancy, structure=structure)
    except ServiceError as refusal:
        return _refused(request, actor, vacancy, refusal, f"new-question-{phase}")
    messages.success(request, _("Question added."))
    return _back(vacancy, f"phase-{phase}")


@login_required
@require_POST
def question(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    actor, vacancy = _recruiter_vacancy(request, pk)
    structure = kits.input_of(kits.read_kit(vacancy))
    found = next(
        (
            (code, i)
            for code, items in structure.phases.items()
            for i, item in enumerate(items)
            if item.id == question_pk
        ),
        None,
    )
    operation = request.POST.get("operation", "save")
    if found is None or operation not in OPERATIONS:
        raise Http404
    code, index = found
    items = structure.phases[code]
    if operation == "save":
        phase = request.POST.get("phase", code)
        edited = kits.QuestionInput(
            id=question_pk, text=request.POST.get("text", ""), competency_id=_id(request.POST.get("competency"))
        )
        if phase in kits.PHASES and phase != code:
            del items[index]
            structure.phases[phase].append(edited)
        else:
            items[index] = edited
    elif operation == "remove":
        del items[index]
    else:
        _moved(items, index, operation)
    try:
        actions.save_kit(actor=actor, vacancy=vacancy, structure=structure)
    except ServiceError as refusal:
        return _refused(request, actor, vacancy, refusal, f"question-{question_pk}")
    if operation == "remove":
        messages.success(request, _("Question removed."))
        return _back(vacancy, f"phase-{code}")
    if operation == "save":
        messages.success(request, _("Question saved."))
    return _back(vacancy, f"question-{question_pk}")


def _replaces_content(request: HttpRequest, vacancy: Vacancy) -> bool:
    """Replacing a kit with questions or competencies needs the recruiter's confirmation."""
    return kits.read_kit(vacancy).is_empty or request.POST.get("confirm") == "1"


@login_required
@require_POST
def kit_copy(request: HttpRequest, pk: int) -> HttpResponse:
    actor, vacancy = _recruiter_vacancy(request, pk)
    source = kits.get_copy_source_for_user(actor, _id(request.POST.get("source")) or 0)
    if not _replaces_content(request, vacancy):
        refusal = ServiceError("required", _("Confirm that the copy replaces this kit's questions and competencies."))
        return _refused(request, actor, vacancy, refusal, "copy")
    try:
        actions.copy_kit(actor=actor, source=source, vacancy=vacancy)
    except ServiceError as refusal:
        return _refused(request, actor, vacancy, refusal, "copy")
    messages.success(request, _("The kit “%(name)s” is copied into this vacancy's kit.") % {"name": str(source)})
    return _back(vacancy)


@login_required
@require_POST
def kit_standard(request: HttpRequest, pk: int) -> HttpResponse:
    actor, vacancy = _recruiter_vacancy(request, pk)
    if not _replaces_content(request, vacancy):
        refusal = ServiceError(
            "required", _("Confirm that the standard kit replaces this kit's questions and competencies.")
        )
        return _refused(request, actor, vacancy, refusal, "standard")
    actions.start_standard_kit(actor=actor, vacancy=vacancy)
    messages.success(request, _("The standard kit is in place: adjust its questions and competencies to the role."))
    return _back(vacancy)


@login_required
@require_POST
def kit_library(request: HttpRequest, pk: int) -> HttpResponse:
    actor, vacancy = _recruiter_vacancy(request, pk)
    own = kits.kit_of(vacancy)
    if own is None:
        raise Http404
    try:
        library = actions.save_as_library(actor=actor, kit=own, name=request.POST.get("name", ""))
    except ServiceError as refusal:
        return _refused(request, actor, vacancy, refusal, "library")
    messages.success(request, _("Saved in the library as “%(name)s”.") % {"name": library.name})
    return _back(vacancy)


# ---------------------------------------------------------------- the library


@login_required
def library(request: HttpRequest) -> HttpResponse:
    """The organisation's library kits: what each holds, renamed or removed here, copied from a vacancy's kit."""
    if not is_recruiter(request.user):
        raise Http404
    rows = (
        kits.library_kits_for_user(_actor(request))
        .annotate(
            competency_count=Count("competencies", distinct=True), question_count=Count("questions", distinct=True)
        )
        .select_related("updated_by")
        .order_by("name", "id")
    )
    return render(request, "evaluation/kit_library.html", {"section": "settings", "kits": list(rows)})


@login_required
@require_POST
def library_rename(request: HttpRequest, pk: int) -> HttpResponse:
    kit = kits.get_library_kit_for_user(_actor(request), pk)
    try:
        renamed = actions.rename_library_kit(actor=_actor(request), kit=kit, name=request.POST.get("name", ""))
    except ServiceError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The library kit is now called %(name)s.") % {"name": renamed.name})
    return redirect(reverse("evaluation:library"))


@login_required
@require_POST
def library_delete(request: HttpRequest, pk: int) -> HttpResponse:
    kit = kits.get_library_kit_for_user(_actor(request), pk)
    name = kit.name
    try:
        actions.delete_library_kit(actor=_actor(request), kit=kit)
    except ServiceError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("%(name)s is removed from the library.") % {"name": name})
    return redirect(reverse("evaluation:library"))


patterns: list[URLPattern] = [
    path("vacancies/<int:pk>/kit/", kit, name="kit"),
    path("vacancies/<int:pk>/kit/read/", kit_read, name="kit_read"),
    path("vacancies/<int:pk>/kit/settings/", kit_settings, name="kit_settings"),
    path("vacancies/<int:pk>/kit/competencies/", competency_add, name="kit_competency_add"),
    path("vacancies/<int:pk>/kit/competencies/<int:competency_pk>/", competency, name="kit_competency"),
    path("vacancies/<int:pk>/kit/questions/", question_add, name="kit_question_add"),
    path("vacancies/<int:pk>/kit/questions/<int:question_pk>/", question, name="kit_question"),
    path("vacancies/<int:pk>/kit/copy/", kit_copy, name="kit_copy"),
    path("vacancies/<int:pk>/kit/standard/", kit_standard, name="kit_standard"),
    path("vacancies/<int:pk>/kit/library/", kit_library, name="kit_library"),
    path("interviews/<int:pk>/kit/", interview_kit, name="interview_kit"),
    path("settings/kits/", library, name="library"),
    path("settings/kits/<int:pk>/rename/", library_rename, name="library_rename"),
    path("settings/kits/<int:pk>/delete/", library_delete, name="library_delete"),
]
