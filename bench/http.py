"""The API over real HTTP (issue 12), run by bench/run.py after Django is set up and the database seeded.

`regisseur serve` (gunicorn, with the settings it picks from the CPU count) is started on a free
loopback port against the benchmark's database, with bench/settings.py, which adds the floor
views of bench/floor.py. One client sends its requests one after another over one keep-alive
connection, as a script or an integration does; the operations take turns, so that whatever
else the machine does weighs on each alike. Figures are medians:
- api_get_interview_ms: GET /api/v1/interviews/{id} (a different interview each time);
  api_get_interview_new_connection_ms: the same over a new connection each time (no keep-alive);
- api_floor_ms: the floor view for the same interview; api_get_floor_ratio = the first ÷ this;
- api_list_20_ms: GET /api/v1/interviews?page_size=20; api_floor_list_20_ms: the floor view for
  the same 20 rows; api_list_20_floor_ratio = the first ÷ this;
- api_list_50_ms: GET /api/v1/interviews (the default page of 50);
- api_list_filtered_ms: GET /api/v1/interviews?date=... (a different day each time, within the
  three months the interviews span: about 55 of them a day);
- api_create_interview_ms_http: POST /api/v1/interviews;
The benchmark seeds an organisation of its own with 10,000 interviews, like the first one.
- api_list_growth_ratio: the filtered list once 90,000 interviews more (100,000 in all, spread
  like the first 10,000, so each day holds ten times as many) are in the table, ÷ with 10,000.

BENCH_HTTP_ROUNDS (default 300) sets the number of requests per read operation.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.utils import timezone

from regisseur.api.models import ApiKey
from regisseur.interviews.models import Interview
from regisseur.recruitment.models import Application

Report = Callable[..., None]
ROUNDS = int(os.environ.get("BENCH_HTTP_ROUNDS", "300"))
WARM_UP = 30
CREATES = 50
GROWTH = 90_000
ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Server:
    """`regisseur serve` in its own process group, on a loopback port."""

    def __init__(self) -> None:
        self.port = _free_port()
        command = shutil.which("regisseur", path=str(Path(sys.executable).parent))
        serve = [command] if command else [sys.executable, "-m", "regisseur.cli"]
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])),
            # As in production: no test mode, no debug, a secret of its own.
            "REGISSEUR_TESTING": "0",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(40),
            "BASE_URL": f"http://127.0.0.1:{self.port}",
        }
        self.process = subprocess.Popen(
            [*serve, "serve", "--bind", f"127.0.0.1:{self.port}"],
            env=environment,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )

    def wait_until_up(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                errors = self.process.stderr.read().decode(errors="replace") if self.process.stderr else ""
                raise RuntimeError(f"regisseur serve stopped: {errors[-2000:]}")
            try:
                probe = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                probe.request("GET", "/api/v1/clients")
                probe.getresponse().read()
                probe.close()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("regisseur serve did not answer within a minute")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, 15)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)
                self.process.wait()


class KeepAliveClient:
    """One HTTP/1.1 connection, kept open; every request is checked to have used it."""

    def __init__(self, port: int, token: str) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.headers = {"Authorization": f"Bearer {token}"}
        self.socket: Any = None
        self.reconnections = -1

    def request(self, method: str, path: str, body: Any = None, *, expect: int = 200) -> Any:
        headers = dict(self.headers)
        data = None
        if body is not None:
            data = json.dumps(body)
            headers["Content-Type"] = "application/json"
        self.connection.request(method, path, body=data, headers=headers)
        response = self.connection.getresponse()
        content = response.read()
        if self.connection.sock is not self.socket:
            self.socket = self.connection.sock
            self.reconnections += 1
        if response.status != expect:
            raise RuntimeError(f"{method} {path} answered {response.status}: {content[:300]!r}")
        return content


def _timed(action: Callable[[], Any]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def _interleaved(operations: dict[str, Callable[[int], Any]], rounds: int) -> dict[str, float]:
    """Each operation `rounds` times, taking turns; the median of each in milliseconds."""
    for run in range(WARM_UP):
        for operation in operations.values():
            operation(run)
    timings: dict[str, list[float]] = {name: [] for name in operations}
    for run in range(rounds):
        for name, operation in operations.items():
            timings[name].append(_timed(lambda operation=operation, run=run: operation(run)))  # type: ignore[misc]
    return {name: statistics.median(values) for name, values in timings.items()}


def _days() -> list[str]:
    """Days within the span the interviews cover, in the recruiter's zone (as the API reads `date`)."""
    today = timezone.localdate()
    rng = random.Random(12)
    return [(today + timedelta(days=rng.randint(-85, 85))).isoformat() for _ in range(64)]


def bench_http(report: Report) -> bool:
    from bench.run import add_interviews, as_autovacuum_keeps_it, seed

    # An organisation of its own, with the 10,000 interviews the goals speak of, whatever the
    # benches before this one added to the first.
    recruiter = seed("http")
    _key, token = ApiKey.issue(user=recruiter, name="bench-http")
    ids = list(
        Interview.objects.filter(organisation_id=recruiter.organisation_id)
        .order_by("?")
        .values_list("id", flat=True)[:500]
    )
    days = _days()
    organisation = recruiter.organisation_id
    server = Server()
    try:
        server.wait_until_up()
        client = KeepAliveClient(server.port, token)

        def get(run: int) -> None:
            client.request("GET", f"/api/v1/interviews/{ids[run % len(ids)]}")

        def floor(run: int) -> None:
            client.request("GET", f"/bench/floor/interviews/{ids[run % len(ids)]}")

        def list_20(_run: int) -> None:
            client.request("GET", "/api/v1/interviews?page_size=20")

        def floor_20(_run: int) -> None:
            client.request("GET", f"/bench/floor/interviews?page_size=20&organisation={organisation}")

        def list_50(_run: int) -> None:
            client.request("GET", "/api/v1/interviews")

        def filtered(run: int) -> None:
            client.request("GET", f"/api/v1/interviews?date={days[run % len(days)]}")

        api = json.loads(client.request("GET", f"/api/v1/interviews/{ids[0]}"))
        bare = json.loads(client.request("GET", f"/bench/floor/interviews/{ids[0]}"))
        if api != bare:
            print(f"BENCH http failed: the floor answers other JSON than the API:\n{api}\n{bare}")
            return False
        medians = _interleaved(
            {
                "get": get,
                "floor": floor,
                "list_20": list_20,
                "floor_20": floor_20,
                "list_50": list_50,
                "filtered": filtered,
            },
            ROUNDS,
        )
        creates = _bench_creates(client, organisation)
        fresh = _bench_new_connections(server.port, token, ids)
        if client.reconnections:
            print(f"BENCH http failed: the client had to connect {client.reconnections} more times (no keep-alive)")
            return False
        report("api_get_interview_ms", medians["get"], "ms", goal=4.5)
        report("api_get_interview_new_connection_ms", fresh, "ms", goal=None)
        report("api_floor_ms", medians["floor"], "ms", goal=None)
        report("api_get_floor_ratio", medians["get"] / medians["floor"], "ratio", goal=1.5)
        report("api_list_20_ms", medians["list_20"], "ms", goal=None)
        report("api_floor_list_20_ms", medians["floor_20"], "ms", goal=None)
        report("api_list_20_floor_ratio", medians["list_20"] / medians["floor_20"], "ratio", goal=2)
        report("api_list_50_ms", medians["list_50"], "ms", goal=5.5)
        report("api_list_filtered_ms", medians["filtered"], "ms", goal=5.5)
        report("api_create_interview_ms_http", creates, "ms", goal=11.5)

        started = time.perf_counter()
        add_interviews(recruiter, GROWTH, random.Random(90_000))
        as_autovacuum_keeps_it()
        total = Interview.objects.filter(organisation_id=organisation).count()
        print(f"added {GROWTH} interviews ({total} in all) in {time.perf_counter() - started:.1f} s", flush=True)
        grown = _interleaved({"filtered": filtered}, ROUNDS)["filtered"]
        print(f"api_list_filtered_ms with {total} interviews: {grown:.2f} ms", flush=True)
        report("api_list_growth_ratio", grown / medians["filtered"], "ratio", goal=1.2)
        return True
    finally:
        server.stop()


def _bench_new_connections(port: int, token: str, ids: list[int]) -> float:
    """GET one interview over a new connection each time: what a client without keep-alive pays."""

    def get(run: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request(
            "GET",
            f"/api/v1/interviews/{ids[run % len(ids)]}",
            headers={"Authorization": f"Bearer {token}", "Connection": "close"},
        )
        response = connection.getresponse()
        response.read()
        connection.close()
        if response.status != 200:
            raise RuntimeError(f"GET answered {response.status}")

    for run in range(WARM_UP):
        get(run)
    return statistics.median(_timed(lambda run=run: get(run)) for run in range(ROUNDS // 3))  # type: ignore[misc]


def _bench_creates(client: KeepAliveClient, organisation: int | None) -> float:
    """POST /interviews for applications with nothing planned 200 days ahead: no conflicts."""
    mine = Application.objects.filter(vacancy__client__organisation_id=organisation)
    application_ids = list(mine.order_by("-id").values_list("id", flat=True)[: CREATES + 5])
    base = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=200)

    def post(run: int) -> None:
        body = {
            "application_id": application_ids[run],
            "starts_at": (base + timedelta(hours=run)).isoformat(),
            "duration_minutes": 60,
            "type": "video",
            "interviewer": "Bench Recruiter",
        }
        client.request("POST", "/api/v1/interviews", body, expect=201)

    for run in range(5):  # warm-up
        post(CREATES + run)
    return statistics.median(_timed(lambda run=run: post(run)) for run in range(CREATES))  # type: ignore[misc]
