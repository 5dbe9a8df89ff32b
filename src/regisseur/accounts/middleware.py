"""Activate the viewer's language and time zone; keep users without an organisation out of the planning.

Language: the switch in the top bar (a cookie) wins, then the signed-in user's
profile, then Dutch (LANGUAGE_CODE). The browser's Accept-Language is ignored on
purpose: a Dutch recruitment office is Dutch by default, whatever the browser says.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers

from regisseur.accounts.roles import NO_ORGANISATION_MESSAGE, has_organisation

SUPPORTED = {code for code, _name in settings.LANGUAGES}


def choose_language(request: HttpRequest) -> str:
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if chosen in SUPPORTED:
        return chosen
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.language in SUPPORTED:
        return str(user.language)
    return str(settings.LANGUAGE_CODE)


class UserPreferencesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = choose_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        try:
            response = self.get_response(request)
        finally:
            # Neither outlives the request: the thread's next work (another request, a test,
            # a task run in the same process) starts from the defaults.
            timezone.deactivate()
            translation.deactivate()
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


# Pages that need no organisation: the admin site (the operator's own), the API (it answers
# in its own format), the candidate's answer pages, and signing in and out.
OPEN_NAMESPACES = {"admin", "api-v1", "responses"}
OPEN_URL_NAMES = {"login", "logout", "set_language"}


class OrganisationRequiredMiddleware:
    """A signed-in user without an organisation (the operator's superuser) gets a page that says
    whom to sign in as, instead of empty lists and refusals without a reason."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or has_organisation(user):
            return None
        match = request.resolver_match
        if match is None or request.path_info.startswith("/api/"):
            return None
        if OPEN_NAMESPACES & set(match.namespaces) or match.url_name in OPEN_URL_NAMES:
            return None
        return render(request, "web/no_organisation.html", {"message": NO_ORGANISATION_MESSAGE}, status=403)


class PrivatePagesMiddleware:
    """Nothing shown to a signed-in user (or an API key's user) is kept by a browser or proxy.

    These pages hold candidates' personal data; `no-store` keeps them out of the browser's
    cache and history on a shared computer, after signing out too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
