"""Guessing API keys: after 10 wrong keys from one address in 15 minutes, that address gets 429."""

from __future__ import annotations

import json
from datetime import timedelta

import time_machine
from django.test import Client
from django.utils import timezone

from regisseur.api.models import ApiKey


def call(key: str, *, address: str = "203.0.113.7"):
    return Client(REMOTE_ADDR=address).get("/api/v1/clients", headers={"Authorization": f"Bearer {key}"})


def test_ten_wrong_keys_are_each_just_unauthorized(db):
    assert [call(f"rgs_guess-{number}").status_code for number in range(10)] == [401] * 10


def test_the_eleventh_try_answers_429_in_the_error_envelope_with_retry_after(alice):
    _key, plain = ApiKey.issue(user=alice, name="tests")
    for number in range(10):
        call(f"rgs_guess-{number}")

    refused = call(plain)  # the right key too: guessing must not go on until it finds one

    assert refused.status_code == 429
    assert refused["Content-Type"].startswith("application/json")
    error = json.loads(refused.content)["error"]
    assert error["code"] == "too_many_requests"
    assert error["field"] is None
    assert "Try again in" in error["message"]
    assert 0 < int(refused["Retry-After"]) <= 15 * 60


def test_another_address_is_not_affected(alice):
    _key, plain = ApiKey.issue(user=alice, name="tests")
    for number in range(10):
        call(f"rgs_guess-{number}", address="203.0.113.7")

    assert call(plain, address="198.51.100.1").status_code == 200


def test_right_keys_do_not_count(alice):
    _key, plain = ApiKey.issue(user=alice, name="tests")
    assert all(call(plain).status_code == 200 for _ in range(15))
    assert call("rgs_guess").status_code == 401


def test_the_address_may_try_again_in_the_next_window(alice):
    _key, plain = ApiKey.issue(user=alice, name="tests")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for number in range(10):
            call(f"rgs_guess-{number}")
        wait = int(call(plain)["Retry-After"])
    with time_machine.travel(start + timedelta(seconds=wait + 1), tick=False):
        assert call(plain).status_code == 200
