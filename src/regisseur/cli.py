"""The `regisseur` command: run (web + worker), worker, manage."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

from regisseur.core.env import ConfigurationError

USAGE = """usage: regisseur COMMAND [ARGS]

commands:
  run       migrate, load demo data on an empty database, and serve the web app
            and a background worker on http://127.0.0.1:$PORT (Ctrl-C stops both)
  serve     serve the web app only (gunicorn; for production behind a proxy): workers and
            threads from the CPU count, keep-alive; gunicorn's options after it win
  worker    run the background worker (send messages, reminders)
  manage    any Django management command, e.g. `regisseur manage migrate`
"""


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regisseur.config.settings")
    try:
        import django

        django.setup()
    except ConfigurationError as error:
        print(f"regisseur: {error}", file=sys.stderr)
        raise SystemExit(2) from None


# gunicorn's logger that masks answer-link tokens in its access and error logs (config/gunicorn.py).
GUNICORN_LOGGER = "regisseur.config.gunicorn.MaskingLogger"

# Commands that neither serve nor sign anything may run without SECRET_KEY.
KEYLESS_COMMANDS = {"makemigrations", "showmigrations", "makemessages", "compilemessages", "help", "version"}


def manage(args: list[str]) -> None:
    if not args or args[0] in KEYLESS_COMMANDS:
        os.environ.setdefault("REGISSEUR_KEYLESS_COMMAND", "1")
    _setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["regisseur manage", *args])


def _prepare_demo() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo", if_empty=True)


def run() -> None:
    """Development and demo: web app and worker together, emails to the console."""
    os.environ.setdefault("DEBUG", "1")
    _setup()
    _prepare_demo()
    from django.conf import settings

    python = sys.executable
    base = [python, "-m", "regisseur.cli"]
    processes = [
        subprocess.Popen(
            [
                python,
                "-m",
                "gunicorn",
                "regisseur.config.wsgi:application",
                "--bind",
                f"127.0.0.1:{settings.PORT}",
                "--workers",
                "2",
                "--threads",
                "4",
                "--access-logfile",
                "-",
                "--logger-class",
                GUNICORN_LOGGER,
            ]
        ),
        subprocess.Popen([*base, "worker"]),
    ]
    print(f"Regisseur is running on http://127.0.0.1:{settings.PORT}/ (Ctrl-C stops it)", flush=True)

    def stop(*_: object) -> None:
        for process in processes:
            if process.poll() is None:
                process.terminate()
        deadline = time.monotonic() + 10
        for process in processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
        raise SystemExit(0)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    while True:
        for process in processes:
            if process.poll() is not None:
                print("regisseur: a process stopped; stopping the rest", file=sys.stderr)
                stop()
        time.sleep(0.5)


def serve(args: list[str]) -> None:
    """gunicorn with the settings in config/gunicorn_settings.py; its own options (args) win."""
    _setup()
    from django.conf import settings

    given_bind = any(arg in {"-b", "--bind"} or arg.startswith("--bind=") for arg in args)
    bind = [] if given_bind else ["--bind", f"0.0.0.0:{settings.PORT}"]
    os.execv(
        sys.executable,
        [
            sys.executable,
            "-m",
            "gunicorn",
            "regisseur.config.wsgi:application",
            "--config",
            "python:regisseur.config.gunicorn_settings",
            *bind,
            *args,
        ],
    )


def _keep_sweeping(interval: int) -> None:
    """Every `interval` seconds, even when nothing else happens: ask for the work that is due.

    Messages and reminders left "sending" by a worker that died, a mail server back
    after an outage, a request to deliver lost between a commit and its enqueueing:
    each sweep looks (a few indexed queries) and enqueues a task only when there is work.
    """
    import logging

    from django.db import connection

    from regisseur.evaluation.feedback import feedback_reminders_need_sweep
    from regisseur.evaluation.tasks import sweep_feedback_reminders
    from regisseur.messaging.tasks import sweep
    from regisseur.monitoring.aftercare import check_ins_need_sweep
    from regisseur.monitoring.tasks import sweep_check_ins
    from regisseur.reminders.services import reminders_need_sweep, send_due_reminders

    logger = logging.getLogger("regisseur.worker")
    while True:
        try:
            sweep()
            if reminders_need_sweep():
                send_due_reminders.enqueue()
            if check_ins_need_sweep():
                sweep_check_ins.enqueue()
            if feedback_reminders_need_sweep():
                sweep_feedback_reminders.enqueue()
        except Exception:  # a database that is away for a moment: try again next time
            logger.exception("The worker's sweep failed; it runs again in %s s.", interval)
        finally:
            connection.close()
        time.sleep(interval)


def worker(args: list[str]) -> None:
    """db_worker (django-tasks-db), with a thread that keeps the regular sweep going."""
    if {"-h", "--help"} & set(args):
        manage(["db_worker", *args])
        return
    _setup()
    from django.conf import settings
    from django.core.management import execute_from_command_line

    threading.Thread(
        target=_keep_sweeping, args=(settings.OUTBOX_SWEEP_SECONDS,), name="regisseur-sweep", daemon=True
    ).start()
    execute_from_command_line(["regisseur manage", "db_worker", *args])


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        print(USAGE)
        return
    command, rest = args[0], args[1:]
    if command == "run":
        run()
    elif command == "serve":
        serve(rest)
    elif command == "worker":
        worker(rest)
    elif command == "manage":
        manage(rest)
    else:
        print(f"regisseur: unknown command {command!r}\n\n{USAGE}", file=sys.stderr)
        raise SystemExit(2)


if __name__ == "__main__":
    main()
