"""Answer links, long and short: 60 requests a minute per address, then a friendly page (429)."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import time_machine
from django.test import Client
from django.utils import timezone

from regisseur.responses.services import issue_link
from tests.conftest import make_interview
from tests.responses.conftest import link_path


def visitor(address: str = "203.0.113.7", language: str = "en") -> Client:
    browser = Client(REMOTE_ADDR=address)
    browser.cookies["django_language"] = language
    return browser


def test_sixty_requests_a_minute_are_served_and_the_next_gets_a_friendly_page(alice, application):
    path = link_path(make_interview(alice, application))
    browser = visitor()
    start = timezone.now().replace(second=0, microsecond=0)  # the start of a window

    with time_machine.travel(start, tick=False):
        served = [browser.get(path).status_code for _ in range(60)]
        refused = browser.get(path)

    assert served == [200] * 60
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "One moment, please" in page
    assert "regisseur/candidate.css" in page and "topbar" not in page  # the candidate's layout
    assert refused["Retry-After"] == "60"
    assert "no-store" in refused["Cache-Control"]


def test_guessing_tokens_counts_like_opening_a_real_one(alice, application):
    path = link_path(make_interview(alice, application))
    browser = visitor()
    start = timezone.now().replace(second=0, microsecond=0)

    with time_machine.travel(start, tick=False):
        for number in range(60):
            browser.get(f"/r/guess-{number}/")  # 404 each
        refused = browser.get(path)
        refused_post = browser.post("/r/guess/withdraw/", {"message": ""})

    assert refused.status_code == 429
    assert refused_post.status_code == 429
    assert visitor("198.51.100.1").get(path).status_code == 200  # another address is not affected


def test_short_links_are_counted_too(alice, application):
    short = urlsplit(issue_link(interview=make_interview(alice, application), short=True)).path
    browser = visitor()
    start = timezone.now().replace(second=0, microsecond=0)  # one window, however slow the machine

    with time_machine.travel(start, tick=False):
        served = [browser.get(short).status_code for _ in range(60)]
        refused = browser.get(short)

    assert served == [200] * 60
    assert refused.status_code == 429


def test_the_page_speaks_the_visitors_language(alice, application):
    browser = visitor(language="nl")
    for number in range(61):
        response = browser.get(f"/r/guess-{number}/")

    assert response.status_code == 429
    assert "Een moment geduld" in response.content.decode()


def test_the_next_minute_is_served_again(alice, application):
    path = link_path(make_interview(alice, application))
    browser = visitor()
    start = timezone.now().replace(second=0, microsecond=0)
    with time_machine.travel(start, tick=False):
        for _ in range(61):
            browser.get(path)
    with time_machine.travel(start + timedelta(minutes=1), tick=False):
        assert browser.get(path).status_code == 200
