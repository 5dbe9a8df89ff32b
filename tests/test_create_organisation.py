"""`regisseur manage create_organisation`: a fresh production installation starts with it.

The first test is the operator's whole first day, as real processes on a fresh
database with DEBUG off: migrate, collect the static files, create the organisation
(password on stdin), open the API, serve; then its user logs in through the web and
plans an interview through the API.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime, timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from regisseur.accounts.models import Organisation, User

PASSWORD = "a long enough passphrase"
REGISSEUR = str(Path(sys.executable).parent / "regisseur")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Installation:
    """A production-like installation in a temporary directory, driven through `regisseur`."""

    def __init__(self, directory: Path) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.environment = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{directory / 'regisseur.sqlite3'}",
            "REGISSEUR_VAR_DIR": str(directory),
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DEBUG": "0",
            "BASE_URL": self.base_url,
            "PORT": str(self.port),
            "EMAIL_URL": "console://",
        }
        for name in ["REGISSEUR_TESTING", "DJANGO_SETTINGS_MODULE"]:
            self.environment.pop(name, None)

    def manage(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [REGISSEUR, "manage", *args],
            env=self.environment,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )

    def serve(self) -> subprocess.Popen[bytes]:
        server = subprocess.Popen(
            [REGISSEUR, "serve", "--workers", "1"],
            env=self.environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            self._wait_until_it_answers(server)
        except BaseException:
            server.terminate()
            server.wait(timeout=30)
            raise
        return server

    def _wait_until_it_answers(self, server: subprocess.Popen[bytes]) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert server.poll() is None, "regisseur serve stopped"
            try:
                with urllib.request.urlopen(f"{self.base_url}/login/", timeout=2):  # noqa: S310 (loopback)
                    return
            except OSError:  # refused, reset or timed out while gunicorn starts
                time.sleep(0.2)
        raise AssertionError("regisseur serve did not answer within 60 seconds")


class Browser:
    """Just enough of a browser: cookies and forms."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def open(self, path: str, form: dict[str, str] | None = None) -> tuple[int, str, str]:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        try:
            with self.opener.open(f"{self.base_url}{path}", data=data, timeout=10) as response:
                return response.status, response.url, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.url, error.read().decode()

    def log_in(self, username: str, password: str) -> tuple[int, str, str]:
        _status, _url, page = self.open("/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, page[:500]
        form = {"csrfmiddlewaretoken": token.group(1), "username": username, "password": password}
        return self.open("/login/", form)


def call_api(base_url: str, key: str, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    request = urllib.request.Request(  # noqa: S310 (loopback)
        f"{base_url}/api/v1{path}",
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_a_fresh_installation_starts_with_an_organisation_whose_user_plans_at_once(tmp_path):
    installation = Installation(tmp_path)
    for step in [("migrate", "--noinput", "-v0"), ("collectstatic", "--noinput", "-v0")]:
        result = installation.manage(*step)
        assert result.returncode == 0, result.stderr

    created = installation.manage(
        "create_organisation", "Acme Recruitment", "--admin", "anna", "--email", "anna@acme.test", "--password-stdin",
        stdin=PASSWORD + "\n",
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    # Dutch, the product's default language, with the next steps spelled out.
    assert "De organisatie “Acme Recruitment” is aangemaakt" in created.stdout
    assert "recruiter en beheerder, met sms-toegang" in created.stdout
    assert f"{installation.base_url}/login/ als anna" in created.stdout
    assert "regisseur manage create_api_key anna" in created.stdout
    assert "changepassword" not in created.stdout
    issued = installation.manage("create_api_key", "anna")
    assert issued.returncode == 0, issued.stderr
    key = issued.stdout.strip()

    server = installation.serve()
    try:
        browser = Browser(installation.base_url)
        assert browser.log_in("anna", "wrong password")[1].endswith("/login/")
        status, url, page = browser.log_in("anna", PASSWORD)
        assert (status, urllib.parse.urlsplit(url).path) == (200, "/interviews/")
        assert "anna" in page

        def api(method: str, path: str, body: Any = None) -> Any:
            status, answer = call_api(installation.base_url, key, method, path, body)
            assert status in {200, 201}, answer
            return answer

        me = api("GET", "/me")
        assert (me["roles"], me["sms_access"], me["organisation"]["name"]) == (
            ["recruiter", "administrator"],
            True,
            "Acme Recruitment",
        )
        client = api("POST", "/clients", {"name": "Bakkerij Jansen"})
        vacancy = api("POST", "/vacancies", {"title": "Bakker", "client_id": client["id"]})
        candidate = api(
            "POST",
            "/candidates",
            {"first_name": "Sanne", "last_name": "de Boer", "email": "sanne@example.test", "mobile": "06 12345678"},
        )
        application = api("POST", "/applications", {"candidate_id": candidate["id"], "vacancy_id": vacancy["id"]})
        starts_at = (datetime.now(UTC) + timedelta(days=10)).replace(hour=9, minute=0, second=0, microsecond=0)
        status, interview = call_api(
            installation.base_url,
            key,
            "POST",
            "/interviews",
            {
                "application_id": application["id"],
                "starts_at": starts_at.isoformat(),
                "duration_minutes": 45,
                "reminder": {"channel": "sms", "days_before": 2},
            },
        )
        assert status == 201, interview
        assert (interview["status"], interview["reminder"]["channel"]) == ("planned", "sms")
        assert browser.open(f"/interviews/{interview['id']}/")[0] == 200
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_refused_password_creates_nothing_and_says_why(tmp_path):
    installation = Installation(tmp_path)
    assert installation.manage("migrate", "--noinput", "-v0").returncode == 0
    refused = installation.manage(
        "create_organisation", "Acme", "--admin", "anna", "--email", "anna@acme.test", "--password-stdin",
        stdin="kort\n",
    )  # fmt: skip
    assert refused.returncode != 0
    # Django's own message (its Dutch catalogue lags behind Django 5.2's wording).
    assert "te kort" in refused.stderr or "too short" in refused.stderr
    assert "Traceback" not in refused.stderr
    # Nothing was created: the user does not exist.
    missing = installation.manage("create_api_key", "anna")
    assert missing.returncode != 0
    assert "anna" in missing.stderr


# The command's other answers, in process (English: tests read English).


def create(*args: str, stdin: str | None = None) -> str:
    output = StringIO()
    options: dict[str, Any] = {"stdout": output}
    if stdin is not None:
        options["stdin"] = StringIO(stdin)
    # Other tests may leave Dutch active in this thread; a command speaks the active language.
    with translation.override("en"):
        call_command("create_organisation", *args, **options)
    return output.getvalue()


def test_without_a_password_it_says_how_to_set_one(db):
    output = create("Acme Recruitment", "--admin", "anna", "--email", "anna@acme.test", "--language", "en")
    assert "Set a password: regisseur manage changepassword anna" in output
    user = User.objects.get(username="anna")
    assert not user.has_usable_password()
    assert user.language == "en"


def test_an_empty_line_on_stdin_is_refused(db):
    with pytest.raises(CommandError, match="No password on stdin"):
        create("Acme", "--admin", "anna", "--email", "anna@acme.test", "--password-stdin", stdin="\n")
    assert not Organisation.objects.exists()


def test_only_the_first_line_of_stdin_is_the_password(db):
    create("Acme", "--admin", "anna", "--email", "anna@acme.test", "--password-stdin", stdin=PASSWORD + "\nmore\n")
    assert User.objects.get(username="anna").check_password(PASSWORD)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["  ", "--admin", "anna", "--email", "anna@acme.test"], "The organisation needs a name."),
        (["Acme", "--admin", "anna", "--email", "not-an-address"], "“not-an-address” is not a valid email address."),
        (["Acme", "--admin", "an na", "--email", "anna@acme.test"], "Enter a valid username."),
    ],
)
def test_invalid_input_is_refused_with_a_clear_message(db, args, message):
    with pytest.raises(CommandError) as refused:
        create(*args)
    assert message in str(refused.value)
    assert not Organisation.objects.exists()


def test_a_taken_username_is_refused(db, alice):
    with pytest.raises(CommandError, match=r"The username “alice” is taken\."):
        create("Other", "--admin", "alice", "--email", "alice@other.test")
    assert Organisation.objects.count() == 1
