"""Evaluation pages (seeds 001-003): one's scorecard for an interview (E2) and the panel review (E3).

The scorecard saves itself while typing (static/regisseur/scorecard.js posts the form and reads
a JSON answer); without script the Save button does the same. Submitting locks it; "Edit (new
version)" opens a new draft from the submitted one.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from regisseur.accounts.roles import is_recruiter
from regisseur.actions.evaluations import decide_application, save_evaluation, submit_evaluation
from regisseur.core.errors import ServiceError
from regisseur.evaluation import scorecards
from regisseur.evaluation.models import Decision, Evaluation, Recommendation
from regisseur.evaluation.rejection import rejection_text
from regisseur.interviews.access import get_interview_for_user
from regisseur.interviews.models import Interview
from regisseur.web.views.common import _actor, _require_recruiter
from regisseur.web.views.communicate import prefill_candidate_message

SAVE, SUBMIT = "save", "submit"


def _evaluators_interview(request: HttpRequest, pk: int) -> Interview:
    interview = get_interview_for_user(request.user, pk)  # others' interviews: 404
    if not scorecards.may_evaluate(_actor(request), interview):
        raise Http404
    return interview


def _posted_fields(data: Any, competencies: list[Any]) -> dict[str, Any]:
    """The scorecard as the form posts it: one radio group per competency, texts, ticks."""
    ratings = {str(c.pk): data.get(f"rating_{c.pk}") for c in competencies if data.get(f"rating_{c.pk}")}
    return {
        "ratings": ratings,
        **{name: data.get(name, "") for name in scorecards.TEXT_FIELDS},
        "recommendation": data.get("recommendation", ""),
        **{name: data.get(name) in {"on", "1", "true"} for name in scorecards.BOOLEAN_FIELDS},
    }


def _rows(competencies: list[Any], evaluation: Evaluation | None) -> list[dict[str, Any]]:
    ratings = evaluation.ratings if evaluation is not None else {}
    return [
        {
            "competency": competency,
            "chosen": ratings.get(str(competency.pk)),
            "levels": [(level, (competency.anchors or {}).get(str(level), "")) for level in scorecards.LEVELS],
        }
        for competency in competencies
    ]


@login_required
@require_http_methods(["GET", "POST"])
def scorecard(request: HttpRequest, pk: int) -> HttpResponse:
    interview = _evaluators_interview(request, pk)
    actor = _actor(request)
    competencies = scorecards.competencies_of(interview)
    error: ServiceError | None = None
    wants_json = request.headers.get("X-Autosave") == "1"
    if request.method == "POST":
        fields = _posted_fields(request.POST, competencies)
        try:
            if request.POST.get("action") == SUBMIT:
                saved = submit_evaluation(actor=actor, interview=interview, fields=fields)
            else:
                saved = save_evaluation(actor=actor, interview=interview, fields=fields)
        except ServiceError as refused:
            if wants_json:
                return JsonResponse({"saved": False, "field": refused.field, "message": refused.message}, status=422)
            error = refused
        else:
            if wants_json:
                return JsonResponse({"saved": True, "version": saved.version, "updated_at": saved.updated_at})
            messages.success(
                request, _("Your evaluation has been submitted.") if saved.is_submitted else _("Draft saved.")
            )
            return redirect("evaluation:scorecard", pk=interview.pk)
    evaluation = scorecards.current_evaluation(actor, interview)
    editing = evaluation is None or not evaluation.is_submitted or request.GET.get("edit") == "1"
    shown: Any = evaluation
    if error is not None:
        shown = Evaluation(interview=interview, author=actor, **_model_fields(request.POST, competencies))
    context = {
        "interview": interview,
        "evaluation": evaluation,
        "shown": shown,
        "rows": _rows(competencies, shown),
        "recommendations": Recommendation.choices,
        "editing": editing and not interview.is_cancelled,
        "error": error,
    }
    return render(request, "evaluation/scorecard.html", context, status=422 if error else 200)


def _model_fields(data: Any, competencies: list[Any]) -> dict[str, Any]:
    """What was typed, to show again with the error (ratings only where they are valid levels)."""
    fields = _posted_fields(data, competencies)
    levels = {str(level) for level in scorecards.LEVELS}
    fields["ratings"] = {key: int(value) for key, value in fields["ratings"].items() if value in levels}
    fields["recommendation"] = fields["recommendation"] if fields["recommendation"] in Recommendation.values else ""
    return fields


@login_required
def panel(request: HttpRequest, pk: int) -> HttpResponse:
    interview = _evaluators_interview(request, pk)
    view = scorecards.panel_view(_actor(request), interview)
    return render(request, "evaluation/panel.html", _panel_context(request, view))


def _panel_context(request: HttpRequest, view: scorecards.PanelView, **extra: Any) -> dict[str, Any]:
    flagged = {d.competency_id for d in view.discrepancies if d.competency_id is not None}
    return {
        "interview": view.interview,
        "view": view,
        "flagged": flagged,
        "is_recruiter": is_recruiter(request.user),
        "decisions": Decision.choices,
        **extra,
    }


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    interview = _evaluators_interview(request, pk)
    _require_recruiter(request)
    application = interview.application
    if application is None:
        raise Http404
    try:
        recorded = decide_application(
            actor=_actor(request),
            application=application,
            decision=str(request.POST.get("decision", "")),
            reasoning=str(request.POST.get("reasoning", "")),
            interview=interview,
        )
    except ServiceError as error:
        view = scorecards.panel_view(_actor(request), interview)
        context = _panel_context(request, view, error=error, posted=request.POST)
        return render(request, "evaluation/panel.html", context, status=422)
    messages.success(request, _("The panel's decision has been recorded."))
    if recorded.decision == Decision.REJECT:
        subject, body = rejection_text(interview)
        return redirect(prefill_candidate_message(request, interview, subject=subject, body=body))
    return redirect("evaluation:panel", pk=interview.pk)


patterns: list[URLPattern] = [
    path("interviews/<int:pk>/evaluation/", scorecard, name="scorecard"),
    path("interviews/<int:pk>/panel/", panel, name="panel"),
    path("interviews/<int:pk>/panel/decision/", decide, name="decide"),
]
