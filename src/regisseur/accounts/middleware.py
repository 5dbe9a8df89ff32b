"""Activate the signed-in user's time zone and (unless chosen otherwise) language."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation


class UserPreferencesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
            # The language cookie (the switch in the top bar) wins over the profile.
            if "django_language" not in request.COOKIES and user.language:
                translation.activate(user.language)
                request.LANGUAGE_CODE = user.language
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
