"""gunicorn's settings for `regisseur serve` (production, behind a proxy), from the machine's size.

- Worker processes: WEB_CONCURRENCY, or 2 per CPU this process may use, plus 1 (at most 16).
  Python runs one request at a time per process, so processes are what use the cores.
- Threads per worker: GUNICORN_THREADS, or 4: while one request waits for the database or the
  mail server, the others go on (gunicorn's gthread worker).
- Keep-alive: an idle connection stays open for 75 seconds, longer than the usual proxy or load
  balancer keeps its side open (60 s), so that a connection the proxy reuses is still there. A
  keep-alive connection waits in the worker's poller, not in a thread.
Anything given on the command line (`regisseur serve --workers 3`) or in GUNICORN_CMD_ARGS
wins over these. docs/performance.md says how these were chosen and measured.
"""

from __future__ import annotations

import os

from regisseur.core.env import env_int


def cpu_count() -> int:
    """The CPUs this process may run on (a container's or a task set's limit, not the machine's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def default_workers(cpus: int) -> int:
    return min(2 * cpus + 1, 16)


workers = env_int("WEB_CONCURRENCY", default_workers(cpu_count()), minimum=1, maximum=256)
threads = env_int("GUNICORN_THREADS", 4, minimum=1, maximum=64)
worker_class = "gthread"
keepalive = 75
logger_class = "regisseur.config.gunicorn.MaskingLogger"
