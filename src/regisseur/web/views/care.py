"""Aftercare pages (seed 002, issue 11 item 6): the interview record's aftercare card and its actions,
and the candidate's page to read the written result and send corrections (public, by link).

The card's context comes from `care_context` (the interview record reads it). The result
page answers a GET without recording anything; only posting it records the corrections.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from regisseur.accounts.roles import is_recruiter
from regisseur.actions.care import (
    complete_follow_up,
    correct_result,
    mark_sensitive,
    send_result_for_review,
    set_result_review,
)
from regisseur.core import throttling
from regisseur.core.errors import ServiceError
from regisseur.core.timezones import AMSTERDAM, InvalidTimeZone, get_zone
from regisseur.evaluation.care import (
    MAX_CORRECTIONS,
    ResultState,
    read_care,
    resolve_result,
    result_url,
    uses_result_review,
)
from regisseur.evaluation.models import InterviewCare
from regisseur.interviews.access import get_interview_for_user
from regisseur.interviews.models import Interview, InterviewStatus
from regisseur.messaging.models import Audience, Message, Purpose
from regisseur.messaging.texts import default_profile
from regisseur.responses.services import TOKEN_PLACEHOLDER
from regisseur.web.views.common import _actor, _require_recruiter
from regisseur.web.views.responses import CANDIDATE_PAGES, REFERRER_POLICY, Brand, candidate_csrf

DEAD_STATUS = {"unknown": 404, "expired": 410}


def care_context(user: Any, interview: Interview, message_log: list[Message]) -> dict[str, Any]:
    """What the interview record shows of the aftercare: for the organisation's recruiters only."""
    if not is_recruiter(user) or interview.is_cancelled:
        return {}
    now = timezone.now()
    held = interview.ends_at <= now and interview.status != InterviewStatus.NO_SHOW
    care = read_care(interview)
    # The result for review travels under the same purpose; its link tells it apart.
    result_link = result_url(TOKEN_PLACEHOLDER)
    thank_you_sent = [
        message.created_at
        for message in message_log
        if message.purpose == Purpose.THANK_YOU
        and message.audience == Audience.CANDIDATE
        and result_link not in message.body_text
    ]
    follow_up_open = bool(care and care.sensitive and care.follow_up_done_at is None)
    return {
        "care": {
            "row": care,
            "held": held,
            "can_thank": held and interview.application_id is not None,
            "thank_you_sent": max(thank_you_sent) if thank_you_sent else None,
            "follow_up_open": follow_up_open,
            "follow_up_late": follow_up_open
            and care is not None
            and care.follow_up_due_at is not None
            and care.follow_up_due_at < now,
            "result_review": uses_result_review(interview.vacancy),
            "can_send_result": held and interview.application_id is not None,
        }
    }


def _back(interview: Interview) -> HttpResponse:
    return redirect(reverse("interviews:detail", args=[interview.pk]) + "#aftercare")


@login_required
@require_POST
def sensitive(request: HttpRequest, pk: int) -> HttpResponse:
    interview = get_interview_for_user(request.user, pk)
    _require_recruiter(request)
    try:
        mark_sensitive(actor=_actor(request), interview=interview, sensitive=request.POST.get("sensitive") == "1")
    except ServiceError as error:
        messages.error(request, error.message)
    return _back(interview)


@login_required
@require_POST
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    interview = get_interview_for_user(request.user, pk)
    _require_recruiter(request)
    try:
        complete_follow_up(actor=_actor(request), interview=interview, note=request.POST.get("note", ""))
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Aftercare follow-up done."))
    return _back(interview)


@login_required
@require_POST
def result_review_switch(request: HttpRequest, pk: int) -> HttpResponse:
    """The vacancy's switch, from the interview record of one of its interviews."""
    interview = get_interview_for_user(request.user, pk)
    _require_recruiter(request)
    try:
        set_result_review(actor=_actor(request), vacancy=interview.vacancy, enabled=request.POST.get("enabled") == "1")
    except ServiceError as error:
        messages.error(request, error.message)
    return _back(interview)


@login_required
@require_POST
def send_result(request: HttpRequest, pk: int) -> HttpResponse:
    interview = get_interview_for_user(request.user, pk)
    _require_recruiter(request)
    try:
        send_result_for_review(actor=_actor(request), interview=interview, text=request.POST.get("result_text", ""))
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The written result was queued for sending to the candidate."))
    return _back(interview)


# --- The candidate's result page (public, by link) ---------------------------------------------------


class CorrectionsForm(forms.Form):
    corrections = forms.CharField(
        label=gettext_lazy("Your corrections and additions"),
        required=False,
        max_length=MAX_CORRECTIONS,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("Leave empty and send to tell us the result is right as it is."),
    )


def _throttled(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, token: str) -> HttpResponse:
        wait = throttling.hit(CANDIDATE_PAGES, throttling.client_ip(request))
        if wait is None:
            return view(request, token)
        response = _candidate_page(request, None, "responses/throttled.html", {}, status=429)
        response["Retry-After"] = str(wait)
        return response

    return wrapper


@candidate_csrf
@never_cache
@_throttled
@require_http_methods(["GET", "POST"])
def result_review(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows the written result; only POST records the corrections."""
    state = resolve_result(token)
    if state.care is None or not state.is_usable:
        return _dead(request, state)
    care = state.care
    if request.method == "POST":
        form = CorrectionsForm(request.POST)
        if form.is_valid():
            try:
                correct_result(token=token, corrections=form.cleaned_data["corrections"])
            except ServiceError as error:
                if error.code == "link_dead":
                    return _dead(request, resolve_result(token))
                form.add_error("corrections" if error.field == "corrections" else None, error.message)
            else:
                response = HttpResponseRedirect(reverse("evaluation:result_thanks", args=[token]))
                response.status_code = 303
                return response
    else:
        form = CorrectionsForm(initial={"corrections": care.corrections})
    context = {"token": token, "form": form}
    return _candidate_page(request, care, "evaluation/result_review.html", context, status=400 if form.errors else 200)


@never_cache
@_throttled
@require_http_methods(["GET"])
def result_thanks(request: HttpRequest, token: str) -> HttpResponse:
    state = resolve_result(token)
    if state.care is None or not state.is_usable:
        return _dead(request, state)
    return _candidate_page(request, state.care, "evaluation/result_thanks.html", {"token": token})


def _dead(request: HttpRequest, state: ResultState) -> HttpResponse:
    reason = state.reason if state.reason in DEAD_STATUS else "unknown"
    care = state.care if reason != "unknown" else None
    return _candidate_page(request, care, "evaluation/result_dead.html", {"reason": reason}, status=DEAD_STATUS[reason])


def _candidate_page(
    request: HttpRequest, care: InterviewCare | None, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    """A candidate's page in their own language, with the organisation's brand."""
    interview = care.interview if care is not None else None
    candidate = interview.application.candidate if interview and interview.application else None
    language = candidate.language if candidate else translation.get_language()
    profile = default_profile(interview.organisation_id) if interview else None
    try:
        zone = get_zone(interview.time_zone if interview else AMSTERDAM)
    except InvalidTimeZone:
        zone = get_zone(AMSTERDAM)
    with translation.override(language), timezone.override(zone):
        context = {
            **context,
            "care": care,
            "interview": interview,
            "name": candidate.first_name if candidate else "",
            "brand": Brand.of(profile),
            "organisation": interview.organisation if interview else None,
        }
        response = render(request, template, context, status=status)
    response.headers["Content-Language"] = language
    # The token in the address is a key: no Referer carries it and no search engine keeps it.
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Referrer-Policy"] = REFERRER_POLICY
    return response


patterns: list[URLPattern] = [
    path("interviews/<int:pk>/care/sensitive/", sensitive, name="care_sensitive"),
    path("interviews/<int:pk>/care/follow-up/", follow_up, name="care_follow_up"),
    path("interviews/<int:pk>/care/result-review/", result_review_switch, name="care_result_switch"),
    path("interviews/<int:pk>/care/result/", send_result, name="care_send_result"),
    # Under /r/ like the answer links: the logs mask the token that follows it (core.logs).
    path("r/<str:token>/result/", result_review, name="result_review"),
    path("r/<str:token>/result/thanks/", result_thanks, name="result_thanks"),
]
