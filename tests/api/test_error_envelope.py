"""Every API error is the JSON envelope, whatever answered it: 404, 405, 413, 422 and 500 (issue 8, item 5).

A client that checks CSRF like a browser (`enforce_csrf_checks`) shows that the API's
bearer-key requests never meet Django's CSRF page, while the HTML pages keep their check.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from regisseur.recruitment.models import Client as ClientCompany
from tests.api.conftest import client_for

ENVELOPE_KEYS = {"code", "message", "field"}


def error_of(response: Any) -> dict[str, Any]:
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    body = json.loads(response.content)
    assert set(body) == {"error"} and set(body["error"]) >= ENVELOPE_KEYS
    return body["error"]


@pytest.fixture
def browser_like() -> Client:
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def bearer(alice: Any) -> dict[str, str]:
    return {"Authorization": f"Bearer {client_for(alice).key}"}


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete"])
def test_an_unknown_api_path_is_the_json_404_for_every_method(browser_like, bearer, method):
    response = browser_like.generic(method.upper(), "/api/v1/no-such-thing/", "{}", "application/json")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"
    with_key = browser_like.generic(method.upper(), "/api/v2/clients", "{}", "application/json", headers=bearer)
    assert (with_key.status_code, error_of(with_key)["code"]) == (404, "not_found")


def test_the_api_takes_a_bearer_key_without_a_csrf_token(browser_like, bearer):
    response = browser_like.post(
        "/api/v1/clients", data={"name": "Bakkerij"}, content_type="application/json", headers=bearer
    )
    assert response.status_code == 201
    assert ClientCompany.objects.filter(name="Bakkerij").exists()


def test_the_html_pages_keep_their_csrf_check(browser_like):
    response = browser_like.post("/login/", {"username": "alice", "password": "correct horse 1"})
    assert response.status_code == 403
    assert not response["Content-Type"].startswith("application/json")


def test_a_method_the_path_does_not_have_is_the_json_405_with_allow(browser_like, bearer):
    response = browser_like.delete("/api/v1/clients", headers=bearer)
    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"
    assert set(response["Allow"].replace(" ", "").split(",")) >= {"GET", "POST"}


def test_a_body_over_the_limit_is_the_json_413_and_nothing_is_stored(browser_like, bearer):
    body = json.dumps({"name": "x" * (10 * 1024 * 1024)})
    response = browser_like.post("/api/v1/clients", data=body, content_type="application/json", headers=bearer)
    assert response.status_code == 413
    error = error_of(response)
    assert error["code"] == "too_large" and "Traceback" not in error["message"]
    assert not ClientCompany.objects.exists()


def test_a_body_over_a_lower_limit_is_refused_as_well(browser_like, bearer, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = browser_like.post(
        "/api/v1/clients", data=json.dumps({"name": "x" * 2000}), content_type="application/json", headers=bearer
    )
    assert (response.status_code, error_of(response)["code"]) == (413, "too_large")
    small = browser_like.post(
        "/api/v1/clients", data=json.dumps({"name": "Bakkerij"}), content_type="application/json", headers=bearer
    )
    assert small.status_code == 201


def test_a_text_over_its_length_is_the_422_naming_the_field(browser_like, bearer):
    response = browser_like.post(
        "/api/v1/clients", data=json.dumps({"name": "x" * 201}), content_type="application/json", headers=bearer
    )
    assert response.status_code == 422
    error = error_of(response)
    assert (error["code"], error["field"]) == ("too_long", "name")


def test_an_unexpected_error_is_the_json_500_logged_without_a_traceback_for_the_client(browser_like, bearer, caplog):
    # A real fault, not a mock: the table the endpoint reads is gone (rolled back with the test).
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {ClientCompany._meta.db_table} RENAME TO gone_for_this_test")
    with caplog.at_level(logging.ERROR):
        response = browser_like.get("/api/v1/clients", headers=bearer)
    assert response.status_code == 500
    error = error_of(response)
    assert error["code"] == "server_error"
    assert b"Traceback" not in response.content and b"gone_for_this_test" not in response.content
    assert any(record.exc_info for record in caplog.records), "the operator finds the traceback in the log"
