"""Signing in: django-axes counts the failures and refuses a locked-out username or address."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' check, for sign-ins that come with a request.

    Every sign-in over the web (the login page, the admin's) passes the request. A call
    without one (a shell, a management command, `Client.login` in a test) is nobody
    guessing over the network, so there is no address to count and nothing to lock:
    the next backend decides, instead of django-axes refusing with an exception.
    """

    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> Any:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)
