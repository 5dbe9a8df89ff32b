"""Background work of evaluation: the feedback reminders (issue 11, item 4)."""

from __future__ import annotations

from django_tasks import task

from regisseur.evaluation.feedback import send_due_feedback_reminders


@task()
def sweep_feedback_reminders() -> dict[str, int]:
    """Send the feedback reminders that are due, each once (the worker enqueues this only when there is work)."""
    return send_due_feedback_reminders()
