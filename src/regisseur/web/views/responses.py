"""The candidate's answer pages, reached by link without logging in (A1-A3).

Every page is written in the candidate's own language (not the browser's) and in
the interview's own time zone, branded with the organisation's default HTML
profile. A dead link shows why in plain words, offers nothing and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import wraps
from typing import Any, cast

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import render
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from django.utils.decorators import decorator_from_middleware
from django.utils.text import capfirst
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from regisseur.actions.answering import answer_invitation
from regisseur.core import throttling
from regisseur.core.errors import ServiceError
from regisseur.core.timezones import AMSTERDAM, InvalidTimeZone, get_zone
from regisseur.interviews.models import Interview
from regisseur.messaging.attendees import attendees_of, described, group_candidates, joined, type_text
from regisseur.messaging.models import HtmlProfile
from regisseur.messaging.texts import default_profile
from regisseur.responses.models import CandidateAnswer, CandidateLink, Choice
from regisseur.responses.services import (
    LinkState,
    current_answer,
    resolve_link,
    withdrawal_through,
)
from regisseur.web.forms.responses import AnswerForm, WithdrawForm

# Requests per address to any answer link, short (SMS) or long: far more than a candidate
# ever needs, far too few to find a live token by guessing.
CANDIDATE_PAGES = throttling.Limit("candidate-pages", 60, timedelta(minutes=1))


class _CandidatePageCsrf(CsrfViewMiddleware):
    """Django's CSRF check for the candidate's pages, which send no Referer at all.

    Their Referrer-Policy is no-referrer (the address holds the key), under which a browser
    posts their forms with "Origin: null". That origin is let through here, and only here;
    the token check (cookie against form field) still applies, and the address itself is
    an unguessable key no page elsewhere knows.
    """

    def _origin_verified(self, request: HttpRequest) -> bool:
        # A private method of Django's, stable since 4.0 (absent from the type stubs).
        return request.META.get("HTTP_ORIGIN") == "null" or bool(super()._origin_verified(request))  # type: ignore[misc]


def candidate_csrf(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The candidate's own CSRF check (see _CandidatePageCsrf) in place of the site-wide one."""
    checked = cast(Callable[..., HttpResponse], decorator_from_middleware(_CandidatePageCsrf)(view))
    return csrf_exempt(checked)


def throttled(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Over CANDIDATE_PAGES, a friendly "wait a moment" page (429) instead of the page asked for."""

    @wraps(view)
    def wrapper(request: HttpRequest, token: str) -> HttpResponse:
        wait = throttling.hit(CANDIDATE_PAGES, throttling.client_ip(request))
        if wait is None:
            return view(request, token)
        response = _page(request, None, "responses/throttled.html", {}, status=429)
        response["Retry-After"] = str(wait)
        return response

    return wrapper


@candidate_csrf
@never_cache
@throttled
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    state = resolve_link(token)
    if not state.is_usable or state.link is None:
        return _dead(request, state)
    link = state.link
    form = AnswerForm(request.POST if request.method == "POST" else None, initial=_initial(link))
    if form.is_valid():
        if form.cleaned_data["choice"] == Choice.WITHDRAW:
            return _see_other("responses:withdraw", token)  # nothing changes before the confirmation
        try:
            answer_invitation(token=token, **form.answer())
        except ServiceError as error:
            if error.code == "link_dead":
                return _dead(request, resolve_link(token))
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return _see_other("responses:thanks", token)
    context = {"token": token, "form": form, "current": current_answer(link)}
    return _page(request, link, "responses/answer.html", context, status=400 if form.errors else 200)


@candidate_csrf
@never_cache
@throttled
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, token: str) -> HttpResponse:
    """The "Are you sure?" step: only posting this page withdraws the application."""
    state = resolve_link(token)
    if state.link is not None and state.reason == "withdrawn" and withdrawal_through(state.link):
        return _see_other("responses:thanks", token)  # the confirmation sent twice
    if not state.is_usable or state.link is None:
        return _dead(request, state)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            answer_invitation(token=token, choice=Choice.WITHDRAW, message=form.cleaned_data["message"])
        except ServiceError as error:
            if error.code == "link_dead":
                return _dead(request, resolve_link(token))
            form.add_error(None, error.message)
        else:
            return _see_other("responses:thanks", token)
    return _page(
        request,
        state.link,
        "responses/withdraw.html",
        {"token": token, "form": form},
        status=400 if form.errors else 200,
    )


@never_cache
@throttled
@require_GET
def thanks(request: HttpRequest, token: str) -> HttpResponse:
    """The recorded answer and what happens next; also after withdrawing, through the same link."""
    state = resolve_link(token)
    recorded: CandidateAnswer | None = None
    if state.link is not None and state.is_usable:
        recorded = current_answer(state.link)
        if recorded is None:
            return _see_other("responses:answer", token)
    elif state.link is not None and state.reason == "withdrawn":
        recorded = withdrawal_through(state.link)
    if state.link is None or recorded is None:
        return _dead(request, state)
    return _page(request, state.link, "responses/thanks.html", {"token": token, "answer": recorded})


# --- Helpers --------------------------------------------------------------------------------

REFERRER_POLICY = "no-referrer"

# Human words for why a link is dead, and the status it answers with: 404 for a token we
# never issued (nothing to say about it), 410 Gone for a link that once worked.
DEAD_STATUS = {"unknown": 404, "expired": 410, "changed": 410, "cancelled": 410, "withdrawn": 410}


def _dead(request: HttpRequest, state: LinkState) -> HttpResponse:
    reason = state.reason if state.reason in DEAD_STATUS else "unknown"
    link = state.link if reason != "unknown" else None
    return _page(request, link, "responses/dead.html", {"reason": reason}, status=DEAD_STATUS[reason])


def _see_other(name: str, token: str) -> HttpResponse:
    response = HttpResponseRedirect(reverse(name, args=[token]))
    response.status_code = 303  # after a POST, the browser fetches the next page with GET
    return response


def _initial(link: CandidateLink) -> dict[str, Any]:
    """What the candidate chose last time, so that changing the answer keeps the preferences."""
    previous = current_answer(link)
    if previous is None:
        return {}
    return {
        "preferred_mode": previous.preferred_mode,
        "wants_questions_in_advance": previous.wants_questions_in_advance,
    }


def _page(
    request: HttpRequest,
    link: CandidateLink | None,
    template: str,
    context: dict[str, Any],
    status: int = 200,
) -> HttpResponse:
    """Render a candidate page in the candidate's language and the interview's time zone."""
    interview = link.interview if link is not None else None
    candidate = interview.application.candidate if interview and interview.application else None
    # Without a known link there is no candidate: the language chosen for the request.
    language = candidate.language if candidate else translation.get_language()
    profile = default_profile(interview.organisation_id) if interview else None
    zone = _zone(interview)
    with translation.override(language), timezone.override(zone):
        context = {
            **context,
            "interview": interview,
            "candidate": candidate,
            "facts": _facts(interview) if interview else None,
            "brand": Brand.of(profile),
            "organisation": interview.organisation if interview else None,
            "recruiter": interview.created_by if interview else None,
        }
        response = render(request, template, context, status=status)
    response.headers["Content-Language"] = language
    # The token in the address is a key: no search engine may keep it, and no site (the
    # logo's host, the video service, not even this one) reads it from a Referer. The
    # forms then come with "Origin: null": see _CandidatePageCsrf.
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Referrer-Policy"] = REFERRER_POLICY
    return response


def _zone(interview: Interview | None) -> Any:
    try:
        return get_zone(interview.time_zone if interview else AMSTERDAM)
    except InvalidTimeZone:
        return get_zone(AMSTERDAM)


@dataclass
class Facts:
    """The agreed arrangements as the candidate reads them (C8); never the memo or the report."""

    vacancy: str
    client: str
    day: str  # "Sunday 29-11-2026", on its own
    day_in_text: str  # the same inside a sentence ("zondag" in Dutch)
    times: str
    zone: str
    duration: str
    type: str
    type_value: str
    location: str
    people: list[str] = field(default_factory=list)
    video_link: str = ""
    group_size: int = 0

    @property
    def people_text(self) -> str:
        """ "A, B and C" in the active language."""
        return joined(self.people)


def _facts(interview: Interview) -> Facts:
    """Call with the candidate's language and the interview's zone active."""
    local = timezone.localtime(interview.starts_at)
    end = timezone.localtime(interview.ends_at)
    # Everyone they meet, each once and with their role; never the other candidates of a group.
    people = [described(attendee) for attendee in attendees_of(interview)]
    group_size = len(group_candidates(interview)) if interview.group_id is not None else 0
    return Facts(
        vacancy=interview.vacancy.title,
        client=interview.vacancy.client.name,
        # Day-first for everyone (seed 003), with the weekday in the candidate's language.
        day=f"{capfirst(dateformat.format(local, 'l'))} {local:%d-%m-%Y}",
        day_in_text=f"{dateformat.format(local, 'l')} {local:%d-%m-%Y}",
        times=f"{local:%H:%M} – {end:%H:%M}",
        zone="" if interview.time_zone == AMSTERDAM else interview.time_zone,
        duration=ngettext("%(minutes)d minute", "%(minutes)d minutes", interview.duration_minutes)
        % {"minutes": interview.duration_minutes},
        type=type_text(interview, group_size=group_size, language=translation.get_language()),
        type_value=interview.type,
        location=interview.location,
        people=people,
        video_link=interview.video_link,
        group_size=group_size,
    )


@dataclass
class Brand:
    """The HTML profile's colours, made safe to read (WCAG AA contrast) on the candidate's pages."""

    primary: str = "#1f4e79"
    on_primary: str = "#ffffff"
    link: str = "#1f4e79"
    text: str = "#1c2430"
    background: str = "#f4f6f8"
    logo_url: str = ""
    name: str = ""
    footer: str = ""

    @classmethod
    def of(cls, profile: HtmlProfile | None) -> Brand:
        brand = cls()
        if profile is None:
            return brand
        brand.primary = profile.primary_colour
        brand.name = profile.name
        brand.logo_url = profile.logo_url
        brand.footer = profile.footer
        brand.background = profile.background_colour
        # A light brand colour gets dark text on its buttons, and links fall back to the
        # text colour when the brand colour is too light to read on white.
        white, dark = "#ffffff", "#1c2430"
        brand.on_primary = white if _contrast(profile.primary_colour, white) >= 4.5 else dark
        if _contrast(profile.text_colour, white) >= 4.5:
            brand.text = profile.text_colour
        brand.link = profile.primary_colour if _contrast(profile.primary_colour, white) >= 4.5 else brand.text
        return brand


def _luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours (1 to 21)."""
    try:
        lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    except (ValueError, IndexError):
        return 1.0
    return (lighter + 0.05) / (darker + 0.05)
