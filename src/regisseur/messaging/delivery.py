"""Delivering the outbox (C7): claim, send, record; retry with back-off; never twice.

A message is claimed by a conditional UPDATE (queued/failed and due → sending) that
only one worker can win, so two workers never send the same message. It is marked
sent right after the mail server accepted it. A worker that dies between the two
leaves the message "sending"; after CLAIM_TIMEOUT it is tried again (the Message-ID
stays the same, so a receiving server can recognise the repeat).
"""

from __future__ import annotations

import contextlib
import logging
from datetime import datetime, timedelta
from email.utils import formataddr
from typing import Any

from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.message import SafeMIMEText
from django.db.models import F, Min, Q
from django.utils import timezone

from regisseur.messaging.models import Channel, Message, MessageState

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
CLAIM_TIMEOUT = timedelta(minutes=10)
BATCH = 200


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8 … minutes after each failure, at most 6 hours."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 6 * 60))


class CalendarEmail(EmailMultiAlternatives):
    """An email whose calendar part is a text/calendar alternative with its METHOD (iMIP)."""

    def __init__(self, *args: object, calendar: str = "", method: str = "", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.calendar = calendar
        self.method = method

    def _create_alternatives(self, msg: Any) -> Any:
        msg = super()._create_alternatives(msg)  # type: ignore[misc]
        if self.calendar:
            part = SafeMIMEText(self.calendar, "calendar", "utf-8")
            part.set_param("method", self.method)
            msg.attach(part)
        return msg


def build_email(message: Message, connection: object = None) -> EmailMultiAlternatives:
    email = CalendarEmail(
        subject=message.subject,
        body=message.body_text,
        from_email=message.from_address,
        to=[formataddr((message.to_name, message.to_address)) if message.to_name else message.to_address],
        reply_to=[message.reply_to] if message.reply_to else None,
        headers={"Message-ID": message.message_id, "Auto-Submitted": "auto-generated"},
        connection=connection,
        calendar=message.calendar_ics,
        method=message.calendar_method,
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    if message.calendar_ics:
        email.attach("invite.ics", message.calendar_ics, f"application/ics; method={message.calendar_method}")
    return email


def _claim(message_id: int, now: datetime) -> bool:
    stale = now - CLAIM_TIMEOUT
    claimed = (
        Message.objects.filter(pk=message_id)
        .filter(
            Q(state__in=[MessageState.QUEUED, MessageState.FAILED], next_attempt_at__lte=now)
            | Q(state=MessageState.SENDING, claimed_at__lt=stale)
        )
        .update(state=MessageState.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )
    return claimed == 1


def _record_failure(message: Message, error: Exception, now: datetime) -> None:
    attempts = message.attempts
    give_up = attempts >= MAX_ATTEMPTS
    Message.objects.filter(pk=message.pk, state=MessageState.SENDING).update(
        state=MessageState.FAILED,
        last_error=f"{type(error).__name__}: {error}"[:2000],
        next_attempt_at=None if give_up else now + backoff(attempts),
        claimed_at=None,
    )
    logger.warning("message %s failed (attempt %s): %s", message.pk, attempts, error)


def deliver_due(*, now: datetime | None = None, limit: int = BATCH) -> dict[str, int]:
    """Send every due email message over one connection; returns counts by outcome."""
    now = now or timezone.now()
    stale = now - CLAIM_TIMEOUT
    due = list(
        Message.objects.filter(channel=Channel.EMAIL)
        .filter(
            Q(state__in=[MessageState.QUEUED, MessageState.FAILED], next_attempt_at__lte=now)
            | Q(state=MessageState.SENDING, claimed_at__lt=stale)
        )
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)[:limit]
    )
    counts = {"sent": 0, "failed": 0, "skipped": 0}
    connection = None
    try:
        for message_id in due:
            if not _claim(message_id, now):
                counts["skipped"] += 1  # another worker has it
                continue
            message = Message.objects.get(pk=message_id)
            try:
                if connection is None:
                    connection = get_connection(fail_silently=False)
                    connection.open()
                build_email(message, connection).send(fail_silently=False)
            except Exception as error:  # any failure of the mail server or network
                _record_failure(message, error, now)
                counts["failed"] += 1
                if connection is not None:
                    with contextlib.suppress(Exception):  # the connection is broken anyway
                        connection.close()
                    connection = None
                continue
            Message.objects.filter(pk=message_id).update(
                state=MessageState.SENT, sent_at=timezone.now(), next_attempt_at=None, last_error="", claimed_at=None
            )
            counts["sent"] += 1
    finally:
        if connection is not None:
            connection.close()
    return counts


def next_retry_at() -> datetime | None:
    """When the earliest failed message is due again, to wake the worker then."""
    result: datetime | None = Message.objects.filter(
        state=MessageState.FAILED, next_attempt_at__isnull=False
    ).aggregate(first=Min("next_attempt_at"))["first"]
    return result
