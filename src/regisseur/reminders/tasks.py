"""The reminder sweep, run by `regisseur worker`."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from regisseur.reminders.services import CLAIM_TIMEOUT, claim_due, send_reminder, stale_claims_exist


@task()
def send_due_reminders() -> dict[str, int]:
    """Claim what is due and send each once; harmless to run twice or at once on many workers."""
    counts: dict[str, int] = {}
    while ids := claim_due():
        for reminder_id in ids:
            outcome = send_reminder(reminder_id)
            counts[outcome] = counts.get(outcome, 0) + 1
    # Each reminder's own moment was enqueued when it was set; only a claim left by a
    # worker that died needs another look later.
    if stale_claims_exist():
        send_due_reminders.using(run_after=timezone.now() + CLAIM_TIMEOUT).enqueue()
    return counts
