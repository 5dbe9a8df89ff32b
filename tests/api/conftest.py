"""An API client per persona: every request carries that persona's real API key."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from regisseur.accounts.models import User
from regisseur.api.models import ApiKey


@dataclass
class Answer:
    status: int
    body: Any

    @property
    def error(self) -> dict[str, Any]:
        return self.body["error"]


class ApiClient:
    def __init__(self, key: str | None) -> None:
        self.client = Client()
        self.key = key

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}"} if self.key else {}

    def request(
        self, method: str, path: str, body: Any = None, *, raw: str | bytes | None = None, **query: Any
    ) -> Answer:
        data = raw if raw is not None else (json.dumps(body) if body is not None else "")
        response = self.client.generic(
            method,
            f"/api/v1{path}",
            data=data,
            content_type="application/json",
            headers=self._headers(),
            QUERY_STRING="&".join(f"{name}={value}" for name, value in query.items()),
        )
        assert response["Content-Type"].startswith("application/json"), response.content[:300]
        return Answer(response.status_code, json.loads(response.content))

    def get(self, path: str, **query: Any) -> Answer:
        return self.request("GET", path, **query)

    def post(self, path: str, body: Any = None, **kwargs: Any) -> Answer:
        return self.request("POST", path, body, **kwargs)

    def patch(self, path: str, body: Any = None, **kwargs: Any) -> Answer:
        return self.request("PATCH", path, body, **kwargs)


def client_for(user: User) -> ApiClient:
    _key, plain = ApiKey.issue(user=user, name="tests")
    return ApiClient(plain)


@pytest.fixture
def as_alice(alice: User) -> ApiClient:
    return client_for(alice)


@pytest.fixture
def as_mallory(mallory: User) -> ApiClient:
    return client_for(mallory)


@pytest.fixture
def as_hank(hank: User) -> ApiClient:
    return client_for(hank)


@pytest.fixture
def as_cora(cora: User) -> ApiClient:
    return client_for(cora)


@pytest.fixture
def anonymous(db: Any) -> ApiClient:
    return ApiClient(None)
