"""The answer page as the candidate reads it (A1-A3, C8): language, times, brand, privacy."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from django.test import Client

from regisseur.messaging.models import HtmlProfile
from tests.conftest import make_application, make_interview, soon
from tests.responses.conftest import link_path


def test_it_shows_the_interview_without_logging_in(client, alice, application):
    interview = make_interview(
        alice,
        application,
        starts_at=soon(days=4, hour=14),
        duration_minutes=45,
        type="in_person",
        location="Damrak 1, Amsterdam",
        interviewer="Jan Smit",
    )
    interview.participants.add(alice)

    response = client.get(link_path(interview))

    assert response.status_code == 200
    page = response.content.decode()
    local = interview.local_starts_at
    assert "Bakker" in page and "Bakkerij Jansen" in page
    assert f"{local:%d-%m-%Y}" in page  # day-first
    assert "14:00 – 14:45" in page
    assert "45 minutes" in page
    assert "In person" in page
    assert "Damrak 1, Amsterdam" in page
    assert "Jan Smit and Alice de Vries (recruiter)" in page  # everyone once, joined in their language
    assert "will let you know how it went and what the next step is" in page  # C8: what happens after
    for label in ("Yes, I will attend", "No, I cannot", "Plan a new appointment", "Withdraw my application"):
        assert label in page
    assert 'name="preferred_mode"' in page and 'name="wants_questions_in_advance"' in page
    assert 'name="preferred_times"' in page and 'name="message"' in page
    assert "csrfmiddlewaretoken" in page
    # The candidate page has no recruiter top bar and no login.
    assert "topbar" not in page and "Log out" not in page
    assert "regisseur/candidate.css" in page
    # Contact: the recruiter's reply address.
    assert "mailto:alice@acme.test" in page


def test_it_is_served_fresh_and_kept_out_of_search_engines(client, alice, application):
    response = client.get(link_path(make_interview(alice, application)))

    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    # Never a Referer with the token in it, to any site (the form still passes its CSRF
    # check with "Origin: null": below, and in a real browser in tests/e2e).
    assert response["Referrer-Policy"] == "no-referrer"


def csrf_token_of(response) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())
    assert found is not None
    return found.group(1)


def test_the_form_is_accepted_with_the_null_origin_that_no_referrer_makes_browsers_send(alice, application):
    path = link_path(make_interview(alice, application))
    browser = Client(enforce_csrf_checks=True)
    token = csrf_token_of(browser.get(path))

    response = browser.post(path, {"csrfmiddlewaretoken": token, "choice": "accept"}, HTTP_ORIGIN="null")

    assert response.status_code == 303
    assert response["Location"].endswith("/thanks/")


def test_the_form_is_refused_from_another_site_or_without_its_csrf_token(alice, application):
    path = link_path(make_interview(alice, application))
    browser = Client(enforce_csrf_checks=True)
    token = csrf_token_of(browser.get(path))

    from_elsewhere = browser.post(
        path, {"csrfmiddlewaretoken": token, "choice": "accept"}, HTTP_ORIGIN="https://evil.example"
    )
    without_token = browser.post(path, {"choice": "accept"}, HTTP_ORIGIN="null")

    assert from_elsewhere.status_code == 403
    assert without_token.status_code == 403
    assert browser.get(path).status_code == 200  # nothing was answered: the question still stands


def test_it_speaks_dutch_to_a_dutch_candidate_whatever_the_browser_says(client, alice, vacancy):
    dutch = make_application(vacancy, "Daan", "Visser", language="nl")
    interview = make_interview(alice, dutch, type="in_person")
    client.cookies["django_language"] = "en"

    response = client.get(link_path(interview), HTTP_ACCEPT_LANGUAGE="en")

    page = response.content.decode()
    assert response["Content-Language"] == "nl"
    assert '<html lang="nl">' in page
    assert "Datum" in page and "Duur" in page and "Persoonlijk" in page and "Geen voorkeur" in page
    assert "Naar de inhoud" in page


def test_it_speaks_english_to_an_english_candidate_in_a_dutch_office(client, alice, vacancy):
    english = make_application(vacancy, "Emma", "Brown", language="en")
    interview = make_interview(alice, english, type="in_person")
    client.cookies["django_language"] = "nl"

    response = client.get(link_path(interview))

    page = response.content.decode()
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in page
    assert "Date" in page and "In person" in page and "Persoonlijk" not in page


def test_it_writes_the_time_in_the_interviews_own_zone_and_names_it(client, alice, application):
    new_york = ZoneInfo("America/New_York")
    moment = soon(days=6)
    starts_at = datetime(moment.year, moment.month, moment.day, 9, 30, tzinfo=new_york)
    interview = make_interview(alice, application, starts_at=starts_at, time_zone="America/New_York")

    page = client.get(link_path(interview)).content.decode()

    assert f"{starts_at:%d-%m-%Y}" in page
    assert "09:30 – 10:30" in page
    assert "America/New_York" in page


def test_it_does_not_name_amsterdam(client, alice, application):
    page = client.get(link_path(make_interview(alice, application))).content.decode()

    assert "Europe/Amsterdam" not in page


def test_a_video_link_is_a_link(client, alice, application):
    interview = make_interview(alice, application, type="video", location="https://meet.example.test/bakker")

    page = client.get(link_path(interview)).content.decode()

    assert re.search(r'<a href="https://meet\.example\.test/bakker"[^>]*>https://meet\.example\.test/bakker</a>', page)


def test_it_never_shows_the_memo_or_the_report(client, alice, application):
    interview = make_interview(alice, application, memo="SECRET-MEMO", report="SECRET-REPORT")
    path = link_path(interview)

    pages = [client.get(path).content.decode()]
    client.post(path, {"choice": "accept"})
    pages.append(client.get(path + "thanks/").content.decode())
    pages.append(client.get(path + "withdraw/").content.decode())

    for page in pages:
        assert "SECRET-MEMO" not in page
        assert "SECRET-REPORT" not in page


def test_a_candidate_name_with_markup_is_escaped(client, alice, vacancy):
    hostile = make_application(
        vacancy, "<script>alert(1)</script>", "Hacker", email="hacker@example.test", language="en"
    )
    interview = make_interview(alice, hostile)

    page = client.get(link_path(interview)).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_it_wears_the_organisations_html_profile(client, alice, application):
    HtmlProfile.objects.create(
        organisation=alice.organisation,
        name="Acme",
        logo_url="https://acme.test/logo.png",
        primary_colour="#7a1f5c",
        footer="Acme Recruitment · Damrak 1",
        is_default=True,
    )

    page = client.get(link_path(make_interview(alice, application))).content.decode()

    assert "--brand: #7a1f5c" in page
    assert "--on-brand: #ffffff" in page
    assert 'src="https://acme.test/logo.png"' in page
    assert "Acme Recruitment · Damrak 1" in page


def test_a_light_brand_colour_gets_dark_text_on_its_buttons(client, alice, application):
    HtmlProfile.objects.create(organisation=alice.organisation, name="Sun", primary_colour="#ffd400", is_default=True)

    page = client.get(link_path(make_interview(alice, application))).content.decode()

    assert "--on-brand: #1c2430" in page  # white on yellow would fail WCAG AA
    assert "--link: #1c2430" in page


def test_the_form_needs_its_csrf_token(alice, application):
    browser = Client(enforce_csrf_checks=True)
    path = link_path(make_interview(alice, application))

    refused = browser.post(path, {"choice": "accept"})
    page = browser.get(path).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    accepted = browser.post(
        path, {"choice": "accept", "csrfmiddlewaretoken": token.group(1)}, HTTP_ORIGIN="http://testserver"
    )

    assert refused.status_code == 403
    assert accepted.status_code == 303
