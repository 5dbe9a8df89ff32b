"""Background work for messages; run by `regisseur worker`."""

from __future__ import annotations

from django_tasks import task

from regisseur.messaging.delivery import BATCH, deliver_due, deliver_due_sms, next_retry_at


@task()
def deliver_outbox() -> dict[str, int]:
    """Deliver what is due; when failures wait for a retry, come back at that time.

    Running it twice is harmless: each message is claimed by one run only.
    """
    totals = {"sent": 0, "failed": 0, "skipped": 0}
    for deliver in (deliver_due, deliver_due_sms):  # email, then text messages
        while True:
            counts = deliver()
            for key, value in counts.items():
                totals[key] += value
            if sum(counts.values()) < BATCH:
                break
    retry_at = next_retry_at()
    if retry_at is not None:
        deliver_outbox.using(run_after=retry_at).enqueue()
    return totals
