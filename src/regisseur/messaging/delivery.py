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
import queue
import smtplib
import threading
import uuid
from datetime import datetime, timedelta
from email.utils import formataddr
from typing import Any

from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.message import SafeMIMEText, sanitize_address
from django.db import transaction
from django.db.models import F, Min, Q
from django.utils import timezone
from django.utils.translation import gettext

from regisseur.interviews.models import Interview, InterviewStatus
from regisseur.messaging.models import Channel, Message, MessageState, Purpose
from regisseur.messaging.sms_backends import GatewayError, TextMessage, get_sms_backend
from regisseur.responses.services import personalise_link, placeholder_path, real_path

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


def build_email(message: Message, connection: object = None, *, personalise: bool = True) -> EmailMultiAlternatives:
    body_text, body_html, ics = message.body_text, message.body_html, message.calendar_ics
    if message.includes_confirm_link and personalise:
        # The database holds a placeholder address; only the email carries the token.
        body_text = personalise_link(body_text, seed=message.message_id)
        body_html = personalise_link(body_html, seed=message.message_id)
    email = CalendarEmail(
        subject=message.subject,
        body=body_text,
        from_email=message.from_address,
        to=[_recipient(message)],
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


def _record_failure(message: Message, error: Exception, now: datetime, *, retry: bool = True) -> None:
    attempts = message.attempts
    give_up = attempts >= MAX_ATTEMPTS or not retry
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


class _Prepared:
    """A message already rendered to bytes, as the email backends ask for it."""

    def __init__(self, raw: bytes) -> None:
        self.raw = raw

    def as_bytes(self, linesep: str = "\n") -> bytes:
        return self.raw

    def get_charset(self) -> None:
        return None


class PreparedEmail(EmailMultiAlternatives):
    """An email already rendered to bytes; the backend only has to hand it over."""

    def __init__(self, *, from_email: str, to: list[str], raw: bytes) -> None:
        super().__init__(from_email=from_email, to=to)
        self.prepared = _Prepared(raw)
        # The envelope, worked out here rather than in the sending thread (see _Sender).
        self.envelope_from = sanitize_address(from_email, "utf-8")
        self.envelope_to = [sanitize_address(address, "utf-8") for address in to]

    def message(self) -> Any:
        return self.prepared


def _render(email: EmailMultiAlternatives) -> bytes:
    mime = email.message()
    for part in mime.walk():
        if part.is_multipart() and not part.get_boundary():
            # Python's generator otherwise compiles a regular expression per part to
            # pick a boundary absent from the text: a third of the rendering time.
            part.set_boundary(f"==regisseur-{uuid.uuid4().hex}")
    return bytes(mime.as_bytes(linesep="\r\n"))


def render_for_outbox(message: Message) -> bytes | None:
    """The email as it will be sent, with the link's placeholder; None when sending must render.

    Rendering when queuing keeps the worker's work per message to handing bytes over.
    The placeholder is swapped for the token when sending, which needs it intact in
    the bytes: a text part the mail library chose to encode (quoted-printable for very
    long lines) might split it, so such a message is rendered again when sent.
    """
    raw = _render(build_email(message, personalise=False))
    if message.includes_confirm_link:
        expected = message.body_text.count(placeholder_path()) + message.body_html.count(placeholder_path())
        if raw.count(placeholder_path().encode()) != expected:
            return None
    return raw


def prepare(message: Message) -> PreparedEmail:
    """The message ready for the mail server, with the real confirm link when it has one."""
    if message.raw_mime:
        raw = bytes(message.raw_mime)
        if message.includes_confirm_link:
            raw = raw.replace(placeholder_path().encode(), real_path(message.message_id).encode())
    else:
        raw = _render(build_email(message))
    return PreparedEmail(from_email=message.from_address, to=[_recipient(message)], raw=raw)


def _recipient(message: Message) -> str:
    return formataddr((message.to_name, message.to_address)) if message.to_name else message.to_address


class _Sender(threading.Thread):
    """Hands rendered emails to the mail server while the worker renders the next ones.

    Rendering (Python's email package) is CPU work and sending mostly waits on the
    socket, so doing them side by side nearly halves the time per message. The
    thread touches no database: the worker records every outcome itself.
    """

    def __init__(self) -> None:
        super().__init__(name="regisseur-mail-sender", daemon=True)
        self.jobs: queue.Queue[tuple[int, PreparedEmail] | None] = queue.Queue(maxsize=CHUNK)
        self.results: queue.Queue[tuple[int, Exception | None]] = queue.Queue()
        self.connection: Any = None

    def run(self) -> None:
        while (job := self.jobs.get()) is not None:
            message_id, email = job
            try:
                if self.connection is None:
                    self.connection = get_connection(fail_silently=False)
                    self.connection.open()
                smtp = getattr(self.connection, "connection", None)
                if isinstance(smtp, smtplib.SMTP):
                    # Straight to the SMTP session: the backend's own path parses every
                    # address again, which doubled the time per message.
                    smtp.sendmail(email.envelope_from, email.envelope_to, email.prepared.raw)
                else:
                    self.connection.send_messages([email])
            except Exception as error:  # any failure of the mail server or network
                self._drop_connection()
                self.results.put((message_id, error))
            else:
                self.results.put((message_id, None))
        self._drop_connection()

    def _drop_connection(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(Exception):  # a broken connection may fail to close
                self.connection.close()
            self.connection = None


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
    if not due:
        return counts
    sender = _Sender()
    sender.start()
    try:
        for start in range(0, len(due), CHUNK):
            chunk = due[start : start + CHUNK]
            messages = {message.pk: message for message in _claim_chunk(chunk, now)}
            counts["skipped"] += len(chunk) - len(messages)  # another worker has them
            waiting = 0
            for message in messages.values():
                try:
                    email = prepare(message)
                except Exception as error:  # a message that cannot be rendered: keep it, say why
                    _record_failure(message, error, now)
                    counts["failed"] += 1
                    continue
                sender.jobs.put((message.pk, email))
                waiting += 1
            sent: list[int] = []
            try:
                for _ in range(waiting):
                    message_id, problem = sender.results.get()
                    if problem is None:
                        sent.append(message_id)
                    else:
                        _record_failure(messages[message_id], problem, now)
                        counts["failed"] += 1
            finally:
                _mark_sent(sent)
                counts["sent"] += len(sent)
    finally:
        sender.jobs.put(None)
        sender.join(timeout=60)
    return counts


# --- Text messages ---------------------------------------------------------------------------


def text_message_for(message: Message) -> TextMessage:
    """The SMS as the gateway gets it: with the message's own short confirm link."""
    body = message.body_text
    if message.includes_confirm_link:
        body = personalise_link(body, seed=message.message_id, short=True)
    return TextMessage(recipient=message.to_address, body=body, reference=message.message_id)


def _not_to_send(messages: list[Message], now: datetime) -> dict[int, str]:
    """Reminders whose interview was cancelled or has begun while they waited (M7): why not."""
    interview_ids = {message.interview_id for message in messages if message.purpose == Purpose.SMS_REMINDER}
    if not interview_ids:
        return {}
    interviews = {
        row["pk"]: row for row in Interview.objects.filter(pk__in=interview_ids).values("pk", "status", "starts_at")
    }
    reasons = {}
    for message in messages:
        interview = interviews.get(message.interview_id) if message.interview_id is not None else None
        if interview is None or message.purpose != Purpose.SMS_REMINDER:
            continue
        if interview["status"] == InterviewStatus.CANCELLED:
            reasons[message.pk] = gettext("The interview was cancelled.")
        elif interview["starts_at"] <= now:
            reasons[message.pk] = gettext("The interview had already begun.")
    return reasons


class NotSent(Exception):
    """A message that must not go out any more; the message log shows why."""


def deliver_due_sms(*, now: datetime | None = None, limit: int = BATCH) -> dict[str, int]:
    """Send every due text message through the SMS_URL backend; returns counts by outcome.

    The same outbox mechanics as email: claimed a chunk at a time (never by two
    workers), each marked sent as soon as the gateway accepted it, so a worker killed
    in the middle leaves at most one accepted text "sending" (sent again after
    CLAIM_TIMEOUT). Failures wait with back-off; a refused request or an unknown
    outcome is not retried by itself (see GatewayError).
    """
    now = now or timezone.now()
    due = list(
        Message.objects.filter(channel=Channel.SMS)
        .filter(_claimable(now))
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)[:limit]
    )
    counts = {"sent": 0, "failed": 0, "skipped": 0}
    if not due:
        return counts
    with get_sms_backend() as backend:
        for start in range(0, len(due), CHUNK):
            chunk = due[start : start + CHUNK]
            messages = _claim_chunk(chunk, now)
            counts["skipped"] += len(chunk) - len(messages)  # another worker has them
            stale = _not_to_send(messages, now)
            for message in messages:
                if message.pk in stale:
                    _record_failure(message, NotSent(stale[message.pk]), now, retry=False)
                    counts["failed"] += 1
                    continue
                try:
                    gateway_id = backend.send(text_message_for(message))
                except GatewayError as error:
                    _record_failure(message, error, now, retry=error.retry)
                    counts["failed"] += 1
                    continue
                _mark_sent([message.pk])
                counts["sent"] += 1
                logger.info("SMS %s accepted by the gateway as %r", message.message_id, gateway_id)
    return counts


def next_retry_at() -> datetime | None:
    """When the earliest failed message is due again, to wake the worker then."""
    result: datetime | None = Message.objects.filter(
        state=MessageState.FAILED, next_attempt_at__isnull=False
    ).aggregate(first=Min("next_attempt_at"))["first"]
    return result
