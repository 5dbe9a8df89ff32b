"""The candidate's answer page, reached by link without logging in (A1-A3)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def answer(request: HttpRequest, token: str) -> HttpResponse:
    raise NotImplementedError  # TODO(#3): the answer page
