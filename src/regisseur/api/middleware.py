"""Every answer under /api/ that is an error is the JSON envelope, whatever produced it (issue 8).

The API's own refusals are enveloped by its exception handlers (api.errors). What
remains comes from outside the operations: a method the path does not have (405, from
the router), a body over DATA_UPLOAD_MAX_MEMORY_SIZE (413, refused here before it is
read), and whatever Django answers itself (a 500 page, a 400 for a malformed request).
This middleware, the outermost, gives those the envelope too; a client never has to
parse HTML, and never sees a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from regisseur.api.errors import envelope, server_error_message

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def too_large() -> JsonResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
    return JsonResponse(
        envelope(
            "too_large",
            _("The request body is too large: at most %(size)d kB.") % {"size": limit // 1024},
        ),
        status=413,
    )


def _generic(status: int) -> tuple[str, str]:
    if status == 404:
        return "not_found", _("Not found.")
    if status == 405:
        return "method_not_allowed", _("This method is not allowed here.")
    if status == 413:
        return "too_large", _("The request body is too large.")
    if status >= 500:
        return "server_error", server_error_message()
    return "bad_request", _("The request cannot be read.")


class ApiErrorEnvelopeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _is_api(request):
            return self.get_response(request)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and _declared_length(request) > limit:
            return too_large()
        response = self.get_response(request)
        if response.status_code < 400 or response.get("Content-Type", "").startswith("application/json"):
            return response
        code, message = _generic(response.status_code)
        enveloped = JsonResponse(envelope(code, message), status=response.status_code)
        if response.has_header("Allow"):
            enveloped["Allow"] = response["Allow"]
        return enveloped
