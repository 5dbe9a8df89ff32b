"""The floor: what Django itself needs to answer an interview, measured beside the API (bench/http.py).

Plain Django views, with no authentication, no permission check, no schema and no framework
above Django: one query for the same rows the API reads (from the same prepared query, as any
Django view may keep one), and the same JSON from them, written by Django's JsonResponse. The
API's time divided by this one is what its own layers cost (authentication, django-ninja,
checks), on any machine.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse

from regisseur.api.interview_reads import payload, prepared_rows
from regisseur.api.schemas import utc_text


class ContractEncoder(DjangoJSONEncoder):
    """Django's encoder, with datetimes as the contract writes them (microseconds kept, UTC, `Z`)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime):
            return utc_text(o)
        return super().default(o)


def nothing(request: HttpRequest) -> HttpResponse:
    """An empty answer: what the middleware and URL resolving cost alone (bench/api_parts.py)."""
    return HttpResponse(b"{}", content_type="application/json")


def interview(request: HttpRequest, pk: int) -> JsonResponse:
    found = list(prepared_rows(memo=True).filter(pk=pk))
    if not found:
        raise Http404
    return JsonResponse(payload(found[0]), encoder=ContractEncoder)


def interviews(request: HttpRequest) -> JsonResponse:
    """The first `page_size` interviews of the organisation `organisation`, by start (one query)."""
    size = int(request.GET.get("page_size", "20"))
    organisation = int(request.GET["organisation"])
    page = prepared_rows(memo=True).filter(organisation_id=organisation).order_by("starts_at", "id")[:size]
    return JsonResponse({"items": [payload(row) for row in page]}, encoder=ContractEncoder)
