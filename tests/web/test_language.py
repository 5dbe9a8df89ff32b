"""Dutch by default, English by choice; dates day-first in both."""

import pytest

from tests.conftest import make_interview


@pytest.fixture
def dutch_default(settings):
    settings.LANGUAGE_CODE = "nl"


def test_the_login_page_is_dutch_whatever_the_browser_prefers(client, dutch_default, db):
    response = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "nl"
    assert "Inloggen" in response.content.decode()


def test_a_dutch_recruiter_sees_dutch_pages(client, alice, application, dutch_default):
    alice.language = "nl"
    alice.save()
    make_interview(alice, application)
    client.force_login(alice)
    page = client.get("/interviews/").content.decode()
    assert "Gesprekken" in page
    assert "In afwachting" in page  # confirmation status pending


def test_the_language_switch_turns_the_pages_english_and_back(client, alice, application, dutch_default):
    alice.language = "nl"
    alice.save()
    make_interview(alice, application)
    client.force_login(alice)
    client.post("/i18n/setlang/", {"language": "en", "next": "/interviews/"})
    page = client.get("/interviews/").content.decode()
    assert "Pending" in page
    assert "In afwachting" not in page
    client.post("/i18n/setlang/", {"language": "nl", "next": "/interviews/"})
    assert "In afwachting" in client.get("/interviews/").content.decode()


def test_english_pages_keep_day_first_dates(client, alice, application):
    interview = make_interview(alice, application)
    client.force_login(alice)
    page = client.get("/interviews/").content.decode()
    local = interview.starts_at.astimezone(interview.local_starts_at.tzinfo)
    assert local.strftime("%d-%m-%Y %H:%M") in page
    assert local.strftime("%m/%d/%Y") not in page
