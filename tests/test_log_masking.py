"""No answer-link token in any log line: a real `regisseur serve` through a whole answer flow.

Whoever reads the logs must not be able to answer or withdraw for a candidate. The server
runs with DEBUG on and everything logged at DEBUG level (the most talkative setting), its
access and error logs in files and its output captured; the flow opens the long and the
short link, answers, reads the thanks page with the link as Referer, opens the withdrawal
step, tries an unknown token and posts without a CSRF token (both logged by Django).
"""

from __future__ import annotations

import http.cookiejar
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from regisseur.core.logs import MaskTokens, mask_tokens

ROOT = Path(__file__).resolve().parent.parent

CREATE_INTERVIEW = """
from urllib.parse import urlsplit
from regisseur.accounts.models import Organisation, Role
from regisseur.accounts.services import create_user
from regisseur.recruitment.models import Client, Vacancy
from regisseur.responses.services import issue_link
from tests.conftest import make_application, make_interview
acme = Organisation.objects.create(name="Acme")
alice = create_user(language="en", username="alice", password="correct horse 1", organisation=acme,
                    role=Role.RECRUITER, first_name="Alice", last_name="de Vries", email="alice@acme.test")
vacancy = Vacancy.objects.create(client=Client.objects.create(organisation=acme, name="Jansen"), title="Bakker")
interview = make_interview(alice, make_application(vacancy, language="en"))
print("LONG", urlsplit(issue_link(interview=interview)).path.split("/")[2])
print("SHORT", urlsplit(issue_link(interview=interview, short=True)).path.split("/")[2])
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def environment(tmp_path: Path, port: int) -> dict[str, str]:
    variables = {
        key: value for key, value in os.environ.items() if key not in {"DJANGO_SETTINGS_MODULE", "REGISSEUR_TESTING"}
    }
    variables.update(
        {
            "DEBUG": "1",
            "LOG_LEVEL": "DEBUG",
            "PORT": str(port),
            "BASE_URL": f"http://127.0.0.1:{port}",
            "REGISSEUR_VAR_DIR": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "EMAIL_URL": "locmem://",
            "SMS_URL": "locmem://",
        }
    )
    return variables


def manage(variables: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "regisseur.cli", "manage", *args],
        env=variables,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def test_a_whole_answer_flow_leaves_no_token_in_any_log(tmp_path):
    port = free_port()
    variables = environment(tmp_path, port)
    setup_output = manage(variables, "migrate", "-v0") + manage(variables, "shell", "-c", CREATE_INTERVIEW)
    long_token = re.search(r"LONG (\S+)", setup_output).group(1)
    short_token = re.search(r"SHORT (\S+)", setup_output).group(1)
    access_log, error_log, output = tmp_path / "access.log", tmp_path / "error.log", tmp_path / "output.log"

    with output.open("w") as captured:
        server = subprocess.Popen(
            [sys.executable, "-m", "regisseur.cli", "serve", "--workers", "1", "--log-level", "debug"]
            + ["--access-logfile", str(access_log), "--error-logfile", str(error_log)],
            env=variables,
            cwd=ROOT,
            stdout=captured,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            opener = urllib.request.build_opener(
                urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirects()
            )

            def fetch(path: str, data: dict[str, str] | None = None, referer: str = "") -> tuple[int, str]:
                body = urllib.parse.urlencode(data).encode() if data is not None else None
                headers = {"Referer": referer} if referer else {}
                request = urllib.request.Request(base + path, data=body, headers=headers)  # noqa: S310 - http://127.0.0.1
                try:
                    with opener.open(request, timeout=10) as response:
                        return response.status, response.read().decode()
                except urllib.error.HTTPError as error:
                    return error.code, error.read().decode()

            deadline = time.monotonic() + 60
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    assert time.monotonic() < deadline, output.read_text()
                    assert server.poll() is None, output.read_text()
                    time.sleep(0.2)

            status, page = fetch(f"/r/{long_token}/")
            assert status == 200, page
            csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
            assert fetch(f"/r/{long_token}/", {"choice": "accept", "csrfmiddlewaretoken": csrf})[0] == 303
            assert fetch(f"/r/{long_token}/thanks/", referer=f"{base}/r/{long_token}/")[0] == 200
            assert fetch(f"/r/{short_token}/")[0] == 200
            assert fetch(f"/r/{short_token}/withdraw/")[0] == 200
            assert fetch(f"/r/{long_token}x/")[0] == 404  # "Not Found: /r/…" from django.request
            csrf_free = urllib.request.build_opener(NoRedirects())
            try:
                no_cookie = urllib.request.Request(f"{base}/r/{long_token}/", data=b"choice=accept")  # noqa: S310
                csrf_free.open(no_cookie, timeout=10)
            except urllib.error.HTTPError as error:
                assert error.code == 403  # "Forbidden (CSRF cookie not set.): /r/…" from django.security
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)

    logs = {path.name: path.read_text() for path in (access_log, error_log, output)}
    assert "/r/***/" in logs["access.log"] and "/r/***/thanks/" in logs["access.log"]  # requests were logged
    assert "Not Found: /r/***/" in logs["output.log"] + logs["error.log"]
    for name, text in logs.items():
        for token in (long_token, short_token, long_token[:16]):
            assert token not in text, f"{name} shows a token"


def test_the_filter_masks_messages_arguments_and_tracebacks():
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "Failed %s", ("/r/abcDEF-123_x/thanks/",), None)
    try:
        raise ValueError("while reading /r/abcDEF-123_x/")
    except ValueError:
        record.exc_info = sys.exc_info()

    MaskTokens().filter(record)
    text = logging.Formatter().format(record)

    assert "abcDEF-123_x" not in text
    assert "Failed /r/***/thanks/" in text and "while reading /r/***/" in text


def test_encoded_paths_in_a_query_string_are_masked_too():
    assert mask_tokens("GET /login/?next=%2Fr%2Fabc123%2F") == "GET /login/?next=%2Fr%2F***%2F"
    assert mask_tokens('"https://jobs.test/r/abc123/withdraw/"') == '"https://jobs.test/r/***/withdraw/"'


def test_the_console_handler_writes_to_the_stderr_of_the_moment(monkeypatch):
    """Logging configured while stderr was replaced (a captured test, a command run in-process)
    must not go on writing to that replacement once it is closed: every later record would be lost."""
    import io
    import logging
    import sys

    from regisseur.core.logs import StderrHandler

    handler = StderrHandler()
    logger = logging.getLogger("regisseur.tests.stderr")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        first, second = io.StringIO(), io.StringIO()
        monkeypatch.setattr(sys, "stderr", first)
        logger.warning("while captured")
        first.close()
        monkeypatch.setattr(sys, "stderr", second)
        logger.warning("after the capture ended")
        assert second.getvalue() == "after the capture ended\n"
    finally:
        logger.removeHandler(handler)
