"""Delivering the outbox (C7): claim, send, record; retry with back-off; never twice.

Messages are claimed a chunk at a time in one transaction that only one worker can
win per message (queued/failed and due → sending), so two workers never send the
same message. They are marked sent once the chunk has been handed to the mail
server. A worker that dies in between leaves them "sending"; after CLAIM_TIMEOUT
they are tried again (the Message-ID stays the same, so a receiving server can
recognise the repeat).
"""

from __future__ import annotations

import contextlib
import logging
import re
from datetime import datetime, timedelta
from email.utils import formataddr
from typing import Any

from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.message import SafeMIMEText
from django.db import transaction
from django.db.models import F, Min, Q
from django.utils import timezone

from regisseur.messaging.models import Channel, Message, MessageState
from regisseur.responses.services import personalise_link

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
CLAIM_TIMEOUT = timedelta(minutes=10)
BATCH = 200
# Claimed together and marked sent together (see deliver_due).
CHUNK = 25


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


INVITE_FILENAME = "invite.ics"
INVITE_CONTENT_TYPE = "application/ics"


def attachments_of(message: Message) -> list[tuple[str, str]]:
    """(filename, content type) of each file attached to the email, as build_email attaches them."""
    return [(INVITE_FILENAME, INVITE_CONTENT_TYPE)] if message.calendar_ics else []


_FOLD = re.compile(r"\r\n[ \t]")


def _fold(line: str) -> str:
    """One content line folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    if len(line.encode()) <= 75:
        return line
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for character in line:
        width = len(character.encode())
        if size + width > (75 if not pieces else 74):
            pieces.append("".join(current))
            current, size = [], 0
        current.append(character)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def _personal_calendar(ics: str, seed: str) -> str:
    """The calendar with the real confirm link in its description.

    Its lines are folded, so the placeholder may be split: unfold, replace, fold again
    (string work; parsing and writing the calendar again costs ten times more).
    """
    lines = personalise_link(_FOLD.sub("", ics), seed=seed).split("\r\n")
    return "\r\n".join(_fold(line) for line in lines)


def build_email(message: Message, connection: object = None) -> EmailMultiAlternatives:
    body_text, body_html, ics = message.body_text, message.body_html, message.calendar_ics
    if message.includes_confirm_link:
        # The database holds a placeholder address; only the email carries the token.
        body_text = personalise_link(body_text, seed=message.message_id)
        body_html = personalise_link(body_html, seed=message.message_id)
        if ics:
            ics = _personal_calendar(ics, message.message_id)
    email = CalendarEmail(
        subject=message.subject,
        body=body_text,
        from_email=message.from_address,
        to=[formataddr((message.to_name, message.to_address)) if message.to_name else message.to_address],
        reply_to=[message.reply_to] if message.reply_to else None,
        headers={"Message-ID": message.message_id, "Auto-Submitted": "auto-generated"},
        connection=connection,
        calendar=ics,
        method=message.calendar_method,
    )
    if body_html:
        email.attach_alternative(body_html, "text/html")
    if ics:
        # Besides the iMIP alternative, a file for clients that only import attachments.
        email.attach(INVITE_FILENAME, ics, INVITE_CONTENT_TYPE)
    return email


def _claimable(now: datetime) -> Q:
    """Due for an attempt, or claimed by a worker that has been silent for CLAIM_TIMEOUT."""
    return Q(state__in=[MessageState.QUEUED, MessageState.FAILED], next_attempt_at__lte=now) | Q(
        state=MessageState.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT
    )


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


def _claim_chunk(message_ids: list[int], now: datetime) -> list[Message]:
    """Claim the messages no other worker has, in one transaction; answer them, loaded.

    Exclusive on both databases: PostgreSQL skips rows another worker holds locked
    (and their claim makes them unclaimable once it commits); SQLite runs every
    transaction IMMEDIATE (see config.env), so one worker at a time selects and marks.
    """
    with transaction.atomic():
        messages = list(
            Message.objects.select_for_update(skip_locked=True)
            .filter(pk__in=message_ids)
            .filter(_claimable(now))
            .order_by("next_attempt_at", "id")
        )
        if messages:
            Message.objects.filter(pk__in=[message.pk for message in messages]).update(
                state=MessageState.SENDING, claimed_at=now, attempts=F("attempts") + 1
            )
    for message in messages:
        message.state, message.claimed_at, message.attempts = MessageState.SENDING, now, message.attempts + 1
    return messages


def _mark_sent(message_ids: list[int]) -> None:
    if message_ids:
        Message.objects.filter(pk__in=message_ids, state=MessageState.SENDING).update(
            state=MessageState.SENT, sent_at=timezone.now(), next_attempt_at=None, last_error="", claimed_at=None
        )


def deliver_due(*, now: datetime | None = None, limit: int = BATCH) -> dict[str, int]:
    """Send every due email message over one connection; returns counts by outcome.

    Messages are claimed and marked sent per chunk of CHUNK: a worker killed in the
    middle of a chunk leaves at most that many sent messages "sending", to be sent
    again after CLAIM_TIMEOUT with the same Message-ID. Anything short of a kill
    (an exception, a stop) still marks what was sent.
    """
    now = now or timezone.now()
    due = list(
        Message.objects.filter(channel=Channel.EMAIL)
        .filter(_claimable(now))
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)[:limit]
    )
    counts = {"sent": 0, "failed": 0, "skipped": 0}
    connection = None
    try:
        for start in range(0, len(due), CHUNK):
            chunk = due[start : start + CHUNK]
            messages = _claim_chunk(chunk, now)
            counts["skipped"] += len(chunk) - len(messages)  # another worker has them
            sent: list[int] = []
            try:
                for message in messages:
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
                    sent.append(message.pk)
            finally:
                _mark_sent(sent)
                counts["sent"] += len(sent)
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
