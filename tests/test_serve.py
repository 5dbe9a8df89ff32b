"""`regisseur serve`: gunicorn sized to the machine, keeping connections alive (issue 12)."""

from __future__ import annotations

import http.client
import importlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from regisseur import cli
from regisseur.config import gunicorn_settings


def test_two_workers_per_cpu_plus_one_at_most_sixteen():
    assert [gunicorn_settings.default_workers(cpus) for cpus in (1, 2, 4, 8, 32)] == [3, 5, 9, 16, 16]


def test_the_environment_chooses_workers_and_threads(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("GUNICORN_THREADS", "8")
    chosen = importlib.reload(gunicorn_settings)
    try:
        assert (chosen.workers, chosen.threads, chosen.worker_class, chosen.keepalive) == (3, 8, "gthread", 75)
    finally:
        monkeypatch.delenv("WEB_CONCURRENCY")
        monkeypatch.delenv("GUNICORN_THREADS")
        importlib.reload(gunicorn_settings)
    assert gunicorn_settings.workers == gunicorn_settings.default_workers(gunicorn_settings.cpu_count())


def test_the_cpu_count_is_the_processs_own(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1, 2}, raising=False)
    assert gunicorn_settings.cpu_count() == 3


@pytest.mark.parametrize(
    ("args", "binds"),
    [
        ([], ["0.0.0.0:8000"]),
        (["--bind", "127.0.0.1:9000"], ["127.0.0.1:9000"]),
        (["--bind=127.0.0.1:9000", "--workers", "2"], []),
    ],
)
def test_serve_binds_the_port_unless_told_otherwise(monkeypatch, args, binds):
    started: list[list[str]] = []
    monkeypatch.setattr(cli, "_setup", lambda: None)
    monkeypatch.setattr(os, "execv", lambda _program, argv: started.append(argv))
    cli.serve(args)
    (argv,) = started
    assert argv[argv.index("--config") + 1] == "python:regisseur.config.gunicorn_settings"
    assert [argv[i + 1] for i, arg in enumerate(argv) if arg == "--bind"] == binds
    assert argv[len(argv) - len(args) :] == args  # gunicorn's own options last, so they win


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_a_served_app_answers_many_requests_over_one_connection(tmp_path: Path):
    port = _free_port()
    environment = {
        **os.environ,
        "DEBUG": "1",
        "REGISSEUR_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "WEB_CONCURRENCY": "2",
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "regisseur.cli", "serve", "--bind", f"127.0.0.1:{port}"],
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        connection = None
        deadline = time.monotonic() + 60
        while connection is None:
            assert server.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "regisseur serve did not answer within a minute"
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                connection.request("GET", "/login/")
            except OSError:
                if connection is not None:
                    connection.close()
                connection = None
                time.sleep(0.2)
        first = connection.getresponse()
        first.read()
        opened = connection.sock
        statuses = [first.status]
        for _ in range(3):
            connection.request("GET", "/login/")
            answer = connection.getresponse()
            answer.read()
            statuses.append(answer.status)
            assert connection.sock is opened  # kept alive: no new connection
        assert statuses == [200] * 4
        connection.close()
        # The settings took effect: the threaded worker, as many workers as WEB_CONCURRENCY says.
        while log.read_text().count("Booting worker") < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "Using worker: gthread" in log.read_text()
        assert log.read_text().count("Booting worker") == 2
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
