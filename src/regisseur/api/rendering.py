"""JSON answers written straight from dicts, for the hot reads (issue 12).

django-ninja validates what a view returns against its response schema and then encodes it;
for answers the code built from the database's rows itself (api.interview_reads) that is
work twice over. These views return the bytes themselves: orjson writes datetimes as the
contract does (UTC, with `Z`; every datetime here is aware and in UTC). The response schemas
stay on the operations for the OpenAPI document, and tests hold the answers to them.
"""

from __future__ import annotations

from typing import Any

import orjson
from django.http import HttpResponse

CONTENT_TYPE = "application/json; charset=utf-8"


def dumps(data: Any) -> bytes:
    return orjson.dumps(data, option=orjson.OPT_UTC_Z)


def json_response(data: Any, *, status: int = 200) -> HttpResponse:
    return HttpResponse(dumps(data), status=status, content_type=CONTENT_TYPE)
