"""Background work of monitoring: the check-ins after the interview (O4)."""

from __future__ import annotations

from django_tasks import task

from regisseur.monitoring.aftercare import send_due_check_ins


@task()
def sweep_check_ins() -> dict[str, int]:
    """Send the check-ins that are due, each once (the worker enqueues this only when there is work)."""
    return send_due_check_ins()
