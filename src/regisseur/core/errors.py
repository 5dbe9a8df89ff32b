"""Errors raised by services, carrying the API contract's code and the form field."""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    """A refused change: `code` is the API contract's error code, `field` the input at fault."""

    status = 422

    def __init__(self, code: str, message: str, *, field: str | None = None, details: Any = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field
        self.details = details


class Forbidden(ServiceError):
    status = 403

    def __init__(self, message: str) -> None:
        super().__init__("forbidden", message)


class ConflictError(ServiceError):
    """The interview overlaps others; the caller may plan anyway with force."""

    status = 409
