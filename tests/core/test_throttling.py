"""The throttle's counting over the database cache that every process shares, and the client's address."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from typing import Any

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory

from regisseur.core import throttling
from tests.test_cli import run_cli

DATABASE_CACHE = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "regisseur_cache"}}
LIMIT = throttling.Limit("test", 3, timedelta(minutes=1))


@pytest.fixture
def database_cache(transactional_db: Any, settings: Any) -> None:
    """The production cache; `migrate` creates its table as it does for `make run`."""
    settings.CACHES = DATABASE_CACHE
    call_command("migrate", verbosity=0)
    caches["default"].clear()


def test_migrate_creates_the_cache_table_from_a_fresh_start(tmp_path):
    assert run_cli("manage", "migrate", "-v0", tmp_path=tmp_path).returncode == 0

    with sqlite3.connect(tmp_path / "db.sqlite3") as database:
        tables = {row[0] for row in database.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "regisseur_cache" in tables


def test_counts_live_in_the_database_so_every_process_sees_them(database_cache):
    answers = [throttling.hit(LIMIT, "203.0.113.7") for _ in range(4)]

    assert answers[:3] == [None, None, None]
    assert answers[3] is not None and 0 < answers[3] <= 60
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM regisseur_cache")
        assert cursor.fetchone()[0] == 1
    assert throttling.wait_seconds(LIMIT, "203.0.113.7") is not None
    assert throttling.wait_seconds(LIMIT, "198.51.100.1") is None


def test_the_address_is_remote_addr_without_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert throttling.client_ip(request) == "10.0.0.1"  # a client cannot choose its own address


def test_behind_our_proxy_the_address_it_saw_counts_not_what_the_client_sent(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    assert throttling.client_ip(request) == "203.0.113.7"


def test_behind_a_proxy_without_the_header_the_remote_address_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert throttling.client_ip(request) == "10.0.0.1"


def test_something_that_is_no_address_is_not_taken_for_one(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="unknown")
    assert throttling.client_ip(request) == "10.0.0.1"
    request.META.pop("REMOTE_ADDR")
    assert throttling.client_ip(request) == ""
