"""Signing in: 10 failures for one username, or from one address, within 15 minutes lock it for 15 minutes."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.test import Client
from django.utils import timezone

WRONG = "not the password"
RIGHT = "correct horse 1"


def sign_in(username: str, password: str, *, address: str = "203.0.113.7", path: str = "/login/", language: str = "en"):
    browser = Client(REMOTE_ADDR=address)
    browser.cookies["django_language"] = language
    return browser.post(path, {"username": username, "password": password})


def test_nine_wrong_passwords_still_let_the_right_one_in(alice):
    for _ in range(9):
        assert sign_in("alice", WRONG).status_code == 200  # the form again, with its error
    assert sign_in("alice", RIGHT).status_code == 302


def test_the_tenth_wrong_password_locks_the_username_with_a_clear_page(alice):
    for _ in range(9):
        sign_in("alice", WRONG)

    locked = sign_in("alice", WRONG)
    after = sign_in("alice", RIGHT, address="198.51.100.1")  # even the right password, from anywhere

    for response in (locked, after):
        assert response.status_code == 429
        page = response.content.decode()
        assert "Logging in is paused" in page
        assert "paused for 15 minutes" in page
        assert "topbar" in page  # our own layout, not a bare error
        assert int(response["Retry-After"]) == 15 * 60
    assert "_auth_user_id" not in Client().session


def test_the_lockout_page_speaks_dutch(alice):
    for _ in range(10):
        sign_in("alice", WRONG)

    page = sign_in("alice", RIGHT, language="nl").content.decode()

    assert "Inloggen is gepauzeerd" in page


def test_ten_failures_from_one_address_lock_that_address_for_every_username(alice, bob):
    for number in range(10):
        sign_in(f"guess{number}", WRONG, address="203.0.113.9")

    assert sign_in("bob", RIGHT, address="203.0.113.9").status_code == 429
    assert sign_in("bob", RIGHT, address="198.51.100.2").status_code == 302


def test_the_admin_login_is_locked_too(ada):
    for _ in range(10):
        sign_in("ada", WRONG, path="/admin/login/")

    response = sign_in("ada", RIGHT, path="/admin/login/")

    assert response.status_code == 429
    assert "Logging in is paused" in response.content.decode()


def test_the_lock_lifts_after_fifteen_quiet_minutes(alice):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(10):
            sign_in("alice", WRONG)
        assert sign_in("alice", RIGHT).status_code == 429
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        assert sign_in("alice", RIGHT).status_code == 302


def test_failures_older_than_fifteen_minutes_do_not_count(alice):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(9):
            sign_in("alice", WRONG)
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        assert sign_in("alice", WRONG).status_code == 200
        assert sign_in("alice", RIGHT).status_code == 302
