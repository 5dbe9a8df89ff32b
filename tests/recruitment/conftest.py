"""Helpers for the recruitment page tests: signed-in browsers and query counting."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext

from regisseur.accounts.models import User
from regisseur.recruitment.models import Vacancy


def browser_for(user: User) -> HttpClient:
    """A browser signed in as `user`, in English so the assertions read the source texts."""
    browser = HttpClient()
    browser.force_login(user)
    browser.cookies["django_language"] = "en"
    return browser


@pytest.fixture
def as_alice(alice: User) -> HttpClient:
    return browser_for(alice)


@pytest.fixture
def as_hank(hank: User) -> HttpClient:
    return browser_for(hank)


@pytest.fixture
def as_cora(cora: User) -> HttpClient:
    return browser_for(cora)


@pytest.fixture
def as_mallory(mallory: User) -> HttpClient:
    return browser_for(mallory)


@pytest.fixture
def hanks_vacancy(hank: User, vacancy: Vacancy) -> Vacancy:
    """The `vacancy` fixture with Hank as its hiring manager."""
    vacancy.hiring_manager = hank.contact
    vacancy.save(update_fields=["hiring_manager"])
    return vacancy


def count_queries(get: Callable[[], Any]) -> int:
    """How many SQL queries one page view takes (the page must answer 200)."""
    with CaptureQueriesContext(connection) as captured:
        response = get()
    assert response.status_code == 200
    return len(captured.captured_queries)


def text(response: Any) -> str:
    return str(response.content.decode())
