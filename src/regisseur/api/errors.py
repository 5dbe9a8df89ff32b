"""Every refusal as one envelope: {"error": {"code", "message", "field"}}."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError, ValidationError

from regisseur.api.schemas import ConflictOut
from regisseur.core.errors import ServiceError
from regisseur.interviews.conflicts import Conflict

if TYPE_CHECKING:
    from ninja import NinjaAPI


logger = logging.getLogger(__name__)

# The statuses every operation may answer with an error; declared in the OpenAPI document.
ERROR_STATUSES = (400, 401, 403, 404, 409, 422, 429)

# Pydantic error types that have their own code in the contract or in the services.
_CODES_BY_TYPE = {"string_too_long": "too_long"}
# Fields whose invalid values have their own code in the contract.
_CODES_BY_FIELD = {"reminder.days_before": "reminder_days_invalid"}


class ApiError(Exception):
    """A refusal decided in the API layer itself."""

    def __init__(
        self, status: int, code: str, message: str, *, field: str | None = None, retry_after: int | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.retry_after = retry_after  # seconds, sent as Retry-After (429)


def not_found(field: str | None = None) -> ApiError:
    return ApiError(404, "not_found", _("Not found."), field=field)


def envelope(code: str, message: str, field: str | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "field": field}}


def server_error_message() -> str:
    return _("Something went wrong on our side; it has been logged. Try again later.")


def error_response(
    api: NinjaAPI,
    request: HttpRequest,
    *,
    status: int,
    code: str,
    message: str,
    field: str | None = None,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    error: dict[str, Any] = {"code": code, "message": message, "field": field}
    error.update(extra or {})
    return api.create_response(request, {"error": error}, status=status)


def _conflicts(details: list[Conflict]) -> list[dict[str, Any]]:
    rows = []
    for conflict in details:
        interview_id = conflict.interview.pk if conflict.interview is not None else None
        rows.append(
            ConflictOut(
                resource=conflict.resource,  # type: ignore[arg-type]
                name=conflict.name,
                interview_id=interview_id,
                id=interview_id,
                starts_at=conflict.starts_at,
                ends_at=conflict.ends_at,
                planned_for=conflict.planned_for,
                reasons=conflict.reasons,
            ).model_dump()
        )
    return rows


def _field_name(location: tuple[Any, ...] | list[Any]) -> str | None:
    """`("body", "payload", "reminder", "days_before")` → `reminder.days_before`.

    The first item is the source (body, query, path); for a body the second is
    the view's parameter name, which callers never see.
    """
    parts = list(location)
    if parts and parts[0] == "body":
        parts = parts[2:]
    elif parts:
        parts = parts[1:]
    # Pydantic names the member of a union it tried ("int", "function-after[...]"); callers know the field.
    names = [str(part) for part in parts if isinstance(part, str | int) and "[" not in str(part)]
    names = [name for name in names if name not in {"int", "str", "list[int]", "datetime"}]
    return ".".join(names) or None


def install_handlers(api: NinjaAPI) -> None:
    def service_error(request: HttpRequest, error: ServiceError) -> HttpResponse:
        status = 404 if error.code == "not_found" else error.status
        extra = {"conflicts": _conflicts(error.details)} if error.code == "conflict" and error.details else None
        return error_response(
            api, request, status=status, code=error.code, message=error.message, field=error.field, extra=extra
        )

    def api_error(request: HttpRequest, error: ApiError) -> HttpResponse:
        response = error_response(
            api, request, status=error.status, code=error.code, message=error.message, field=error.field
        )
        if error.retry_after is not None:
            response["Retry-After"] = str(error.retry_after)
        return response

    def http_404(request: HttpRequest, error: Http404) -> HttpResponse:
        return error_response(api, request, status=404, code="not_found", message=_("Not found."))

    def validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
        first = error.errors[0] if error.errors else {}
        field = _field_name(first.get("loc", ()))
        code = _CODES_BY_FIELD.get(field or "") or _CODES_BY_TYPE.get(first.get("type", ""), "validation_error")
        message = str(first.get("msg") or _("Invalid input."))
        return error_response(api, request, status=422, code=code, message=message, field=field)

    def authentication_error(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
        response = error_response(
            api,
            request,
            status=401,
            code="unauthorized",
            message=_("Send a valid API key: Authorization: Bearer <key>."),
        )
        response["WWW-Authenticate"] = "Bearer"
        return response

    def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
        # Ninja raises HttpError(400) only when the body cannot be parsed.
        if error.status_code == 400:
            return error_response(
                api, request, status=400, code="invalid_json", message=_("The request body is not valid JSON.")
            )
        return error_response(api, request, status=error.status_code, code="error", message=str(error))

    def too_large(request: HttpRequest, error: RequestDataTooBig) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
        message = _("The request body is too large: at most %(size)d kB.") % {"size": limit // 1024}
        return error_response(api, request, status=413, code="too_large", message=message)

    def unexpected(request: HttpRequest, error: Exception) -> HttpResponse:
        # Logged with its traceback for the operator; the client gets the envelope, never the traceback.
        logger.exception("Unexpected error in %s %s", request.method, request.path, exc_info=error)
        return error_response(api, request, status=500, code="server_error", message=server_error_message())

    # Ninja's annotation wants handlers that also accept the class itself; these take instances only.
    handlers: list[tuple[type[Exception], Any]] = [
        (ServiceError, service_error),
        (ApiError, api_error),
        (Http404, http_404),
        (ValidationError, validation_error),
        (AuthenticationError, authentication_error),
        (HttpError, http_error),
        (RequestDataTooBig, too_large),
        (Exception, unexpected),
    ]
    for exception_class, handler in handlers:
        api.add_exception_handler(exception_class, handler)
