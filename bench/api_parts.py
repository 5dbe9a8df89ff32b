"""Where the time of an API read goes, part by part, in this process (docs/performance.md).

Run by bench/run.py (`BENCH_ONLY=api_parts`) after the database is seeded. Each line is the
median of many runs, in microseconds:
- the whole request through Django's WSGI handler, no network: an empty view (middleware and
  URL resolving alone), the floor view, GET /api/v1/interviews/{id}, a page of 50;
- the API key: hashing it, resolving it from the database (key, user, roles) and from what the
  process remembers; the throttle's check from the database cache and remembered;
- the query: building it with its subqueries, copying the prepared one, compiling, running;
- the answer: one row made the contract's dict, written as JSON by orjson; and the way before
  issue 12 for comparison: the pydantic model built and dumped as django-ninja does.
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable
from typing import Any

from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import override_settings

from regisseur.accounts.models import User
from regisseur.api import auth
from regisseur.api.interview_reads import payload, prepared_rows, rows
from regisseur.api.interview_schemas import InterviewOut
from regisseur.api.models import ApiKey, hash_key
from regisseur.api.rendering import dumps
from regisseur.core import throttling
from regisseur.interviews.models import Interview

Report = Callable[..., None]


def _median_us(action: Callable[[], Any], runs: int = 300) -> float:
    for _ in range(20):
        action()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1e6)
    return statistics.median(timings)


def _line(name: str, value: float) -> None:
    shown = f"{value:8.1f}" if value < 10 else f"{value:8.0f}"
    print(f"PART {name:<52} {shown} µs", flush=True)


def bench_api_parts(recruiter: User) -> bool:
    _key, token = ApiKey.issue(user=recruiter, name="bench-parts")
    pk = (
        Interview.objects.filter(organisation_id=recruiter.organisation_id)
        .order_by("id")
        .values_list("id", flat=True)[5000]
    )
    handler = WSGIHandler()

    def request(path: str, query: str = "") -> Callable[[], None]:
        def call() -> None:
            environ = {
                "REQUEST_METHOD": "GET",
                "PATH_INFO": path,
                "QUERY_STRING": query,
                "SERVER_NAME": "127.0.0.1",
                "SERVER_PORT": "80",
                "HTTP_HOST": "127.0.0.1",
                "REMOTE_ADDR": "127.0.0.1",
                "HTTP_AUTHORIZATION": f"Bearer {token}",
                "wsgi.input": io.BytesIO(b""),
                "wsgi.url_scheme": "http",
            }
            statuses: list[str] = []
            b"".join(handler(environ, lambda status, headers: statuses.append(status)))
            assert statuses[0].startswith("200"), statuses

        return call

    with override_settings(ROOT_URLCONF="bench.urls"):
        _line("request: empty view (middleware, URLs)", _median_us(request("/bench/floor/nothing")))
        _line("request: floor view, one interview", _median_us(request(f"/bench/floor/interviews/{pk}")))
        _line("request: GET /api/v1/interviews/{id}", _median_us(request(f"/api/v1/interviews/{pk}")))
        _line("request: GET /api/v1/interviews (50 rows)", _median_us(request("/api/v1/interviews")))

    _line("key: sha256 of the key", _median_us(lambda: hash_key(token)))
    key_hash = hash_key(token)

    def look_up_afresh() -> None:
        auth.forget_known()
        auth._look_up(key_hash)

    _line("key: resolved from the database (key, user, roles)", _median_us(look_up_afresh))
    auth._look_up(key_hash)
    _line("key: resolved from what the process remembers", _median_us(lambda: auth._look_up(key_hash).user()))
    _line("throttle: checked in the database cache", _median_us(lambda: throttling.wait_seconds(auth.KEY_FAILURES, "")))
    _line("throttle: remembered", _median_us(lambda: auth._refused_for("192.0.2.1")))

    _line("query: built with its subqueries", _median_us(lambda: rows(Interview.objects.filter(pk=pk), memo=True)))
    _line("query: the prepared one copied and filtered", _median_us(lambda: prepared_rows(memo=True).filter(pk=pk)))
    prepared = prepared_rows(memo=True).filter(pk=pk)
    _line("query: compiled to SQL", _median_us(lambda: prepared.query.clone().sql_with_params()))
    _line("query: run and read (one interview)", _median_us(lambda: list(prepared_rows(memo=True).filter(pk=pk))))
    page = prepared_rows(memo=True).filter(organisation_id=recruiter.organisation_id).order_by("starts_at", "id")
    _line("query: run and read (50 interviews)", _median_us(lambda: list(page[:50])))
    _line(
        "query: the page's count",
        _median_us(lambda: Interview.objects.filter(organisation=recruiter.organisation_id).count()),
    )

    (row,) = list(prepared_rows(memo=True).filter(pk=pk))
    _line("answer: row to the contract's dict", _median_us(lambda: payload(row)))
    item = payload(row)
    _line("answer: dict to JSON (orjson)", _median_us(lambda: dumps(item)))
    _line(
        "answer before: pydantic model built and dumped",
        _median_us(lambda: InterviewOut(**item).model_dump(exclude_unset=True)),
    )
    print(f"(database: {connection.vendor})", flush=True)
    return True
