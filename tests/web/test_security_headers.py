"""Production headers: a Content-Security-Policy without inline scripts, no caching of personal
pages, no token in a Referer, HSTS and an https redirect when the public address is https."""

from __future__ import annotations

import re
import secrets
from pathlib import Path

from django.test import Client

from regisseur.messaging.models import HtmlProfile
from tests.api.conftest import client_for
from tests.conftest import make_interview
from tests.responses.conftest import link_path
from tests.test_settings import start

SOURCE = Path(__file__).resolve().parents[2] / "src" / "regisseur"
# HTML emails are not web pages: mail programs need their inline styles.
EMAIL_TEMPLATES = {"messaging/email.html"}
INLINE = [
    r"<script(?![^>]*\bsrc=)(?![^>]*application/json)",  # a script without src (json_script data is inert)
    r"\son[a-z]+=",  # onclick=, onchange=, …
    r"\sstyle=",
    r"javascript:",
]


def policy(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def signed_in(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def test_every_page_has_a_policy_that_allows_no_inline_script(client, db):
    directives = policy(client.get("/login/"))

    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "style-src-attr" not in directives  # no style attributes either


def test_no_template_has_an_inline_script_handler_or_style_attribute():
    offending = []
    for path in SOURCE.glob("*/templates/**/*.html"):
        name = path.as_posix().split("/templates/", 1)[1]
        if name in EMAIL_TEMPLATES:
            continue
        text = path.read_text()
        for pattern in INLINE:
            if re.search(pattern, text):
                offending.append(f"{name}: {pattern}")
    assert offending == []


def test_the_candidate_page_brings_its_colours_in_a_style_block_with_the_nonce(client, alice, application):
    HtmlProfile.objects.create(
        organisation=alice.organisation,
        name="Acme",
        primary_colour="#7a1f5c",
        logo_url="https://cdn.acme.test/logo.png",
        is_default=True,
    )

    response = client.get(link_path(make_interview(alice, application)))

    page = response.content.decode()
    nonce = re.search(r'<style nonce="([^"]+)">body \{ --brand: #7a1f5c;', page)
    assert nonce is not None
    assert f"'nonce-{nonce.group(1)}'" in policy(response)["style-src"]
    assert " style=" not in page
    # Neither the logo's host nor any other site learns the token from a Referer.
    assert 'src="https://cdn.acme.test/logo.png" referrerpolicy="no-referrer"' in page
    assert response["Referrer-Policy"] == "no-referrer"


def test_only_pages_that_preview_an_email_allow_style_attributes(alice, application):
    interview = make_interview(alice, application)
    browser = signed_in(alice)

    preview = browser.get(f"/interviews/{interview.pk}/communicate/candidate/")
    overview = browser.get("/interviews/")

    assert preview.status_code == 200 and "email-frame" in preview.content.decode()
    assert policy(preview)["style-src-attr"] == ["'unsafe-inline'"]
    assert policy(preview)["script-src"] == ["'self'"]
    assert "style-src-attr" not in policy(overview)


def test_signed_in_pages_are_never_stored(alice, application):
    interview = make_interview(alice, application)
    browser = signed_in(alice)

    for path in ["/interviews/", f"/interviews/{interview.pk}/", "/candidates/", "/vacancies/"]:
        response = browser.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"], path
        assert "private" in response["Cache-Control"], path


def test_api_answers_are_never_stored(alice):
    response = client_for(alice).client.get(
        "/api/v1/clients", headers={"Authorization": f"Bearer {client_for(alice).key}"}
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_answer_pages_are_never_stored(client, alice, application):
    response = client.get(link_path(make_interview(alice, application)))
    assert "no-store" in response["Cache-Control"]


# --- https: decided by BASE_URL, in a fresh process that reads its settings -------------------

CHECK_HTTPS = """
from django.conf import settings
from django.test import Client
# An API path: it renders no template, so no collected static files are needed here.
plain = Client().get("/api/v1/clients")
secure = Client().get("/api/v1/clients", secure=True)
proxied = Client().get("/api/v1/clients", headers={"X-Forwarded-Proto": "https"})
print("redirect", plain.status_code, plain["Location"])
print("hsts", secure["Strict-Transport-Security"])
print("proxied", proxied.status_code)
print("cookies", settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE)
"""


def test_an_https_address_redirects_plain_http_and_sends_hsts(tmp_path):
    production = {"DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50), "BASE_URL": "https://jobs.example.com"}
    assert start(tmp_path, "migrate", "-v0", **production).returncode == 0

    result = start(tmp_path, "shell", "-c", CHECK_HTTPS, ALLOWED_HOSTS="testserver", **production)

    assert result.returncode == 0, result.stderr
    assert "redirect 301 https://testserver/api/v1/clients" in result.stdout
    assert "hsts max-age=31536000" in result.stdout
    assert "proxied 401" in result.stdout  # behind the proxy that ends TLS
    assert "cookies True True" in result.stdout


def test_an_https_address_passes_djangos_deployment_check(tmp_path):
    production = {"DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50), "BASE_URL": "https://jobs.example.com"}
    # The browser tests set this in the test process (tests/e2e/conftest.py); production has no such thing.
    result = start(tmp_path, "check", "--deploy", DJANGO_ALLOW_ASYNC_UNSAFE="<unset>", **production)

    assert result.returncode == 0, result.stderr
    warnings = set(re.findall(r"\(security\.(W\d+)\)", result.stdout + result.stderr))
    # Left to the operator, who knows the domain: HSTS for its subdomains, and the preload list.
    assert warnings <= {"W005", "W021"}


def test_a_plain_http_address_neither_redirects_nor_sends_hsts(client, db):
    response = client.get("/login/")
    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response
