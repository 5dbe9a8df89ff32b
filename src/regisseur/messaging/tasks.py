"""Background work for messages; run by `regisseur worker`."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django_tasks import task

from regisseur.messaging.delivery import BATCH, deliver_due, deliver_due_sms, next_retry_at, sweep_outbox


@task()
def deliver_outbox() -> dict[str, int]:
    """Deliver what is due; when failures wait for a retry, come back at that time.

    Running it twice is harmless: each message is claimed by one run only.
    """
    totals = {"sent": 0, "failed": 0, "skipped": 0, "brought_forward": 0}
    for deliver in (deliver_due, deliver_due_sms):  # email, then text messages
        while True:
            counts = deliver()
            for key, value in counts.items():
                totals[key] += value
            # Messages brought forward (their server is back) are due now: go on.
            if counts["sent"] + counts["failed"] + counts["skipped"] < BATCH and not counts["brought_forward"]:
                break
    retry_at = next_retry_at()
    if retry_at is not None:
        enqueue_delivery(run_after=retry_at)
    return totals


def enqueue_delivery(*, run_after: datetime | None = None) -> None:
    """Ask the worker to deliver once the current transaction commits (at once outside one).

    On commit, so that a task queue outside the database never runs before the messages
    are there, and nothing is asked for by a transaction that rolls back. A backend that
    cannot defer (one that runs tasks at once) is asked to deliver at once: the worker's
    sweep comes back for what is not due yet.
    """

    def enqueue() -> None:
        if run_after is not None and deliver_outbox.get_backend().supports_defer:
            deliver_outbox.using(run_after=run_after).enqueue()
        elif run_after is None:
            deliver_outbox.enqueue()

    transaction.on_commit(enqueue)


def sweep() -> bool:
    """The worker's regular look at the outbox (see delivery.sweep_outbox); True when it asked to deliver."""
    if sweep_outbox():
        enqueue_delivery()
        return True
    return False
