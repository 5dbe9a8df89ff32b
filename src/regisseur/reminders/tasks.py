"""The reminder sweep, run by `regisseur worker`."""

from __future__ import annotations

import logging

from django_tasks import task

from regisseur.reminders.services import claim_due, send_reminder

logger = logging.getLogger(__name__)


@task()
def send_due_reminders() -> dict[str, int]:
    """Claim what is due and send each once; harmless to run twice or at once on many workers."""
    counts: dict[str, int] = {}
    while ids := claim_due():
        for reminder_id in ids:
            try:
                outcome = send_reminder(reminder_id)
            except Exception:
                # One reminder that cannot be sent must not strand the rest of the claim: it
                # stays "sending" (its transaction rolled back) and is claimed again after
                # CLAIM_TIMEOUT by the retry sweep claim_due enqueued.
                logger.exception("Reminder %s could not be sent; it is retried later.", reminder_id)
                outcome = "failed"
            counts[outcome] = counts.get(outcome, 0) + 1
    # No follow-up is enqueued here: claim_due enqueues one with every claim, in the same
    # transaction, so even a worker that dies mid-sweep leaves its retry behind.
    return counts
