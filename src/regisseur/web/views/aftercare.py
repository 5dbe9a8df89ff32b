"""Monitoring pages (seed 000): aftercare (O4) and the satisfaction links.

The "After the interview" page is for recruiters: the success checklist, both parties'
check-ins (state, due moment, cancel), the ratings received, the debrief and the
completion. The rating pages are public, reached by link without logging in, and as
guarded as the candidate's answer pages: a GET never records (mail scanners follow
links), the token never leaves in a Referer, no search engine keeps it, and it lives
under /r/ so that the logs mask it (core.logs).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from regisseur.actions.aftercare import (
    cancel_check_in,
    cancel_debrief,
    complete_interview,
    plan_debrief,
    rate_interview,
    reschedule_debrief,
)
from regisseur.actions.monitoring import tick_checklist_item
from regisseur.core import throttling
from regisseur.core.errors import ServiceError
from regisseur.core.timezones import AMSTERDAM, InvalidTimeZone, get_zone
from regisseur.interviews.access import get_interview_for_user
from regisseur.interviews.models import Interview
from regisseur.messaging.texts import default_profile
from regisseur.monitoring.aftercare import check_in_plans
from regisseur.monitoring.board import board_item
from regisseur.monitoring.models import Debrief, FollowUpAudience, Phase, Rating
from regisseur.monitoring.ratings import SCORE_LABELS, RatingState, resolve_rating
from regisseur.web.forms.aftercare import CompletionForm, DebriefForm, RatingForm
from regisseur.web.views.common import _actor, _require_recruiter
from regisseur.web.views.responses import CANDIDATE_PAGES, REFERRER_POLICY, Brand, candidate_csrf

# --- The recruiter's page -------------------------------------------------------------------------


def _recruiters_interview(request: HttpRequest, pk: int) -> Interview:
    interview = get_interview_for_user(request.user, pk)  # others' interviews: 404
    _require_recruiter(request)
    return interview


@login_required
def after(request: HttpRequest, pk: int) -> HttpResponse:
    interview = _recruiters_interview(request, pk)
    return _after_page(request, interview)


def _after_page(
    request: HttpRequest,
    interview: Interview,
    *,
    debrief_form: DebriefForm | None = None,
    completion_form: CompletionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    item = board_item(interview)
    run = item.run
    ratings = list(
        Rating.objects.filter(interview=interview).select_related("candidate", "contact").order_by("audience")
    )
    debriefs = list(
        Debrief.objects.filter(interview=interview).prefetch_related("participants", "contacts").order_by("starts_at")
    )
    if completion_form is None:
        initial = {"notes": run.completion_notes, "lessons": run.lessons} if run else {}
        completion_form = CompletionForm(initial=initial)
    context = {
        "section": "board",
        "interview": interview,
        "item": item,
        "run": run,
        "check_ins": check_in_plans(interview, item.check_ins),
        "ratings": ratings,
        "score_labels": SCORE_LABELS,
        "debriefs": debriefs,
        "debrief_form": debrief_form or DebriefForm(interview=interview),
        "completion_form": completion_form,
        "is_over": interview.ends_at <= timezone.now(),
    }
    return render(request, "monitoring/after.html", context, status=status)


def _back(interview: Interview, anchor: str = "") -> HttpResponse:
    url = reverse("monitoring:after", args=[interview.pk])
    return HttpResponseRedirect(f"{url}#{anchor}" if anchor else url)


@login_required
@require_POST
def tick(request: HttpRequest, pk: int) -> HttpResponse:
    interview = _recruiters_interview(request, pk)
    try:
        tick_checklist_item(
            actor=_actor(request),
            interview=interview,
            phase=Phase.AFTER,
            code=request.POST.get("code", ""),
            done=request.POST.get("done") == "1",
            note=request.POST.get("note", ""),
        )
    except ServiceError as error:
        messages.error(request, error.message)
    return _back(interview, "checklist")


@login_required
@require_POST
def check_in_cancel(request: HttpRequest, pk: int, audience: str) -> HttpResponse:
    interview = _recruiters_interview(request, pk)
    try:
        cancel_check_in(actor=_actor(request), interview=interview, audience=audience)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The check-in has been cancelled; it will not be sent."))
    return _back(interview, "check-ins")


@login_required
@require_POST
def debrief_plan(request: HttpRequest, pk: int) -> HttpResponse:
    interview = _recruiters_interview(request, pk)
    form = DebriefForm(request.POST, interview=interview)
    if form.is_valid():
        data = form.cleaned_data
        try:
            planned = plan_debrief(actor=_actor(request), interview=interview, **_debrief_choices(data))
        except ServiceError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            _report_debrief(request, planned.messages, planned.warnings)
            return _back(interview, "debrief")
    return _after_page(request, interview, debrief_form=form, status=400)


def _debrief_choices(data: dict[str, Any]) -> dict[str, Any]:
    """The debrief form's answers as the plan and reschedule actions take them."""
    return {
        "starts_at": data["starts_at"],
        "duration_minutes": data["duration_minutes"],
        "participants": list(data["participants"]),
        "contacts": list(data["contacts"]),
        "location": data["location"],
    }


def _report_debrief(request: HttpRequest, sent: list[Any], warnings: list[str]) -> None:
    names = ", ".join(dict.fromkeys(message.to_name or message.to_address for message in sent))
    messages.success(request, _("Debrief invitation queued for sending to %(recipients)s.") % {"recipients": names})
    for warning in warnings:
        messages.warning(request, warning)


def _debrief_of(interview: Interview, debrief_pk: int) -> Debrief:
    debrief = Debrief.objects.filter(pk=debrief_pk, interview=interview).first()
    if debrief is None:
        raise Http404
    return debrief


@login_required
@require_http_methods(["GET", "POST"])
def debrief_change(request: HttpRequest, pk: int, debrief_pk: int) -> HttpResponse:
    interview = _recruiters_interview(request, pk)
    debrief = _debrief_of(interview, debrief_pk)
    if debrief.cancelled_at is not None:
        messages.error(request, _("This debrief has been cancelled."))
        return _back(interview, "debrief")
    form = DebriefForm(request.POST or None, interview=interview, debrief=debrief)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            planned = reschedule_debrief(actor=_actor(request), debrief=debrief, **_debrief_choices(data))
        except ServiceError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            _report_debrief(request, planned.messages, planned.warnings)
            return _back(interview, "debrief")
    context = {"section": "board", "interview": interview, "debrief": debrief, "form": form}
    return render(request, "monitoring/debrief_change.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def debrief_cancel(request: HttpRequest, pk: int, debrief_pk: int) -> HttpResponse:
    interview = _recruiters_interview(request, pk)
    debrief = _debrief_of(interview, debrief_pk)
    try:
        cancel_debrief(actor=_actor(request), debrief=debrief)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The debrief has been cancelled; everyone invited is told."))
    return _back(interview, "debrief")


@login_required
@require_POST
def complete(request: HttpRequest, pk: int) -> HttpResponse:
    interview = _recruiters_interview(request, pk)
    form = CompletionForm(request.POST)
    if form.is_valid():
        try:
            complete_interview(
                actor=_actor(request),
                interview=interview,
                notes=form.cleaned_data["notes"],
                lessons=form.cleaned_data["lessons"],
            )
        except ServiceError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The completion has been logged."))
            return _back(interview, "completion")
    return _after_page(request, interview, completion_form=form, status=400)


# --- The rating pages (public, by link) -------------------------------------------------------------

DEAD_STATUS = {"unknown": 404, "expired": 410}


def _throttled(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Over the candidate pages' limit, a friendly "wait a moment" page (429)."""

    @wraps(view)
    def wrapper(request: HttpRequest, token: str, **kwargs: Any) -> HttpResponse:
        wait = throttling.hit(CANDIDATE_PAGES, throttling.client_ip(request))
        if wait is None:
            return view(request, token, **kwargs)
        response = _rating_page(request, None, "responses/throttled.html", {}, status=429)
        response["Retry-After"] = str(wait)
        return response

    return wrapper


@candidate_csrf
@never_cache
@_throttled
@require_http_methods(["GET", "POST"])
def rating(request: HttpRequest, token: str, score: int | None = None) -> HttpResponse:
    """GET shows the page (with the score clicked in the email chosen); only POST records."""
    state = resolve_rating(token)
    if state.rating is None or not state.is_usable:
        return _dead(request, state)
    current = state.rating
    if request.method == "POST":
        form = RatingForm(request.POST)
        if form.is_valid():
            try:
                rate_interview(token=token, score=form.cleaned_data["score"], comment=form.cleaned_data["comment"])
            except ServiceError as error:
                if error.code == "link_dead":
                    return _dead(request, resolve_rating(token))
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                response = HttpResponseRedirect(reverse("monitoring:rating_thanks", args=[token]))
                response.status_code = 303
                return response
    else:
        chosen = score if score in SCORE_LABELS else current.score
        form = RatingForm(initial={"score": chosen, "comment": current.comment})
    context = {"token": token, "form": form, "rating": current}
    return _rating_page(request, current, "monitoring/rating.html", context, status=400 if form.errors else 200)


@never_cache
@_throttled
@require_http_methods(["GET"])
def rating_thanks(request: HttpRequest, token: str) -> HttpResponse:
    state = resolve_rating(token)
    if state.rating is None or not state.is_usable:
        return _dead(request, state)
    if state.rating.score is None:
        return redirect("monitoring:rating", token=token)
    context = {"token": token, "rating": state.rating}
    return _rating_page(request, state.rating, "monitoring/rating_thanks.html", context)


def _dead(request: HttpRequest, state: RatingState) -> HttpResponse:
    reason = state.reason if state.reason in DEAD_STATUS else "unknown"
    rating = state.rating if reason != "unknown" else None
    return _rating_page(request, rating, "monitoring/rating_dead.html", {"reason": reason}, status=DEAD_STATUS[reason])


def _rating_page(
    request: HttpRequest, rating: Rating | None, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    """A rating page in the party's language: the candidate's own, the vacancy's for the client."""
    interview = rating.interview if rating is not None else None
    candidate = interview.application.candidate if interview and interview.application else None
    if rating is not None and interview is not None:
        is_candidate = rating.audience == FollowUpAudience.CANDIDATE and candidate is not None
        language = candidate.language if is_candidate and candidate else interview.vacancy.language
    else:
        language = translation.get_language()
    profile = default_profile(interview.organisation_id) if interview else None
    try:
        zone = get_zone(interview.time_zone if interview else AMSTERDAM)
    except InvalidTimeZone:
        zone = get_zone(AMSTERDAM)
    with translation.override(language), timezone.override(zone):
        context = {
            **context,
            "interview": interview,
            "is_candidate": rating is not None and rating.audience == FollowUpAudience.CANDIDATE,
            "name": _first_name(rating),
            "brand": Brand.of(profile),
            "organisation": interview.organisation if interview else None,
            "recruiter": interview.created_by if interview else None,
            "score_labels": SCORE_LABELS,
        }
        response = render(request, template, context, status=status)
    response.headers["Content-Language"] = language
    # The token in the address is a key: no Referer carries it and no search engine keeps it.
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Referrer-Policy"] = REFERRER_POLICY
    return response


def _first_name(rating: Rating | None) -> str:
    if rating is None:
        return ""
    if rating.audience == FollowUpAudience.CANDIDATE and rating.candidate is not None:
        return rating.candidate.first_name
    if rating.contact is not None:
        return rating.contact.name
    return ""


patterns: list[URLPattern] = [
    path("monitoring/interviews/<int:pk>/after/", after, name="after"),
    path("monitoring/interviews/<int:pk>/after/tick/", tick, name="after_tick"),
    path(
        "monitoring/interviews/<int:pk>/after/check-ins/<str:audience>/cancel/",
        check_in_cancel,
        name="check_in_cancel",
    ),
    path("monitoring/interviews/<int:pk>/after/debriefs/", debrief_plan, name="debrief_plan"),
    path("monitoring/interviews/<int:pk>/after/debriefs/<int:debrief_pk>/", debrief_change, name="debrief_change"),
    path(
        "monitoring/interviews/<int:pk>/after/debriefs/<int:debrief_pk>/cancel/",
        debrief_cancel,
        name="debrief_cancel",
    ),
    path("monitoring/interviews/<int:pk>/after/complete/", complete, name="after_complete"),
    # Under /r/ like the answer links: the logs mask the token that follows it (core.logs).
    path("r/<str:token>/rating/", rating, name="rating"),
    path("r/<str:token>/rating/<int:score>/", rating, name="rating_score"),
    path("r/<str:token>/rating/thanks/", rating_thanks, name="rating_thanks"),
]
