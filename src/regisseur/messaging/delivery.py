"""Delivering the outbox (C7): claim, send, record; retry with back-off; never twice.

A worker claims one message at a time (queued/failed and due → sending, a conditional
UPDATE only one worker can win), hands it to the configured email backend (or the SMS
gateway), and marks it sent in the very commit that follows the server's acceptance
(together with the claim of the next message). So at any moment a worker holds at most
one message "sending"; a worker killed after the server accepted it and before that
commit leaves that one message "sending", and it is sent again after CLAIM_TIMEOUT with
the same Message-ID, so a receiving server can recognise the repeat. Nothing else is
ever sent twice.

Stale claims are found by the worker's sweep (see `sweep_outbox`, run every
OUTBOX_SWEEP_SECONDS by `regisseur worker` even when nothing else happens), which also
asks a mail server that was down whether it is back, and then brings forward the
messages waiting out their back-off.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from email.utils import formataddr
from typing import Any, Protocol

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext

from regisseur.interviews.models import Interview, InterviewStatus
from regisseur.messaging.backends import render_mime
from regisseur.messaging.models import Channel, Message, MessageState, Purpose
from regisseur.messaging.sms_backends import GatewayError, TextMessage, get_sms_backend
from regisseur.responses.services import personalise_link, placeholder_path, real_path

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
# How long a claim may stay "sending" before another worker takes the message over
# (its worker died). Sending one message never takes this long: EMAIL_TIMEOUT is 20 s.
CLAIM_TIMEOUT = timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS)
BATCH = 200


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8 … minutes after each failure, at most 6 hours."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 6 * 60))


CALENDAR_CONTENT_TYPE = "text/calendar"


class CalendarEmail(EmailMultiAlternatives):
    """An email whose calendar is a text/calendar alternative with its METHOD (iMIP).

    The calendar is one of `alternatives` (so backends that build a provider's payload
    from them, such as django-anymail's, see it); its MIME part gets the `method`
    parameter calendar clients look for.
    """

    def __init__(self, *args: Any, method: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.method = method
        # The email as render_mime gives it, when rendered earlier: FastSmtpBackend sends
        # these bytes; every other backend ignores them.
        self.prerendered_mime: bytes | None = None

    def _create_mime_attachment(self, content: Any, mimetype: str) -> Any:
        part = super()._create_mime_attachment(content, mimetype)  # type: ignore[misc]
        if mimetype == CALENDAR_CONTENT_TYPE and self.method:
            part.set_param("method", self.method)
        return part


INVITE_FILENAME = "invite.ics"
INVITE_CONTENT_TYPE = "application/ics"


def attachments_of(message: Message) -> list[tuple[str, str]]:
    """(filename, content type) of each file attached to the email, as build_email attaches them."""
    return [(INVITE_FILENAME, INVITE_CONTENT_TYPE)] if message.calendar_ics else []


def build_email(message: Message, connection: object = None, *, personalise: bool = True) -> CalendarEmail:
    """The email of an outbox row, complete for any email backend, with its own confirm link."""
    body_text, body_html, ics = message.body_text, message.body_html, message.calendar_ics
    if personalise:
        # The database holds a placeholder address (a confirm link, a rating link); only the email carries the token.
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
        method=message.calendar_method,
    )
    if body_html:
        email.attach_alternative(body_html, "text/html")
    if ics:
        email.attach_alternative(ics, CALENDAR_CONTENT_TYPE)
        # Besides the iMIP alternative, a file for clients that only import attachments.
        email.attach(INVITE_FILENAME, ics, INVITE_CONTENT_TYPE)
    if personalise and message.raw_mime:
        raw = bytes(message.raw_mime)
        raw = raw.replace(placeholder_path().encode(), real_path(message.message_id).encode())
        email.prerendered_mime = raw
    return email


def render_for_outbox(message: Message) -> bytes | None:
    """The email as it will be sent, with the link's placeholder; None when sending must render.

    Rendering when queuing keeps the worker's work per message to handing bytes over
    (FastSmtpBackend sends them; other backends build their own from the email's parts).
    The placeholder is swapped for the token when sending, which needs it intact in
    the bytes: a text part the mail library chose to encode (quoted-printable for very
    long lines) might split it, so such a message is rendered again when sent.
    """
    raw = render_mime(build_email(message, personalise=False))
    expected = message.body_text.count(placeholder_path()) + message.body_html.count(placeholder_path())
    if raw.count(placeholder_path().encode()) != expected:
        return None
    return raw


def _recipient(message: Message) -> str:
    return formataddr((message.to_name, message.to_address)) if message.to_name else message.to_address


def _claimable(now: datetime) -> Q:
    """Due for an attempt, or claimed by a worker that has been silent for CLAIM_TIMEOUT."""
    return Q(state__in=[MessageState.QUEUED, MessageState.FAILED], next_attempt_at__lte=now) | Q(
        state=MessageState.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT
    )


def _due(channel: str, now: datetime, limit: int) -> list[Message]:
    return list(
        Message.objects.filter(channel=channel).filter(_claimable(now)).order_by("next_attempt_at", "id")[:limit]
    )


# One statement, so that marking the last message sent and claiming the next cost one round
# trip and one commit: %(sent)s (the accepted message, or NULL) becomes sent, %(next)s is
# claimed when it is claimable (due, or left "sending" since before %(stale)s).
_MARK_AND_CLAIM = f"""
UPDATE {Message._meta.db_table} SET
    state = CASE WHEN id = %(next)s THEN 'sending' ELSE 'sent' END,
    claimed_at = CASE WHEN id = %(next)s THEN %(at)s ELSE NULL END,
    attempts = CASE WHEN id = %(next)s THEN attempts + 1 ELSE attempts END,
    sent_at = CASE WHEN id = %(next)s THEN sent_at ELSE %(at)s END,
    next_attempt_at = CASE WHEN id = %(next)s THEN next_attempt_at ELSE NULL END,
    last_error = CASE WHEN id = %(next)s THEN last_error ELSE '' END
WHERE (id = %(sent)s AND state = 'sending')
   OR (id = %(next)s AND ((state IN ('queued', 'failed') AND next_attempt_at <= %(at)s)
                          OR (state = 'sending' AND claimed_at < %(stale)s)))
RETURNING id
"""  # noqa: S608 (our table's name)


def _mark_and_claim(sent: Message | None, claim: Message | None, now: datetime) -> bool:
    """Mark `sent` sent and take `claim` for this worker, in one commit; False when another
    worker has (or sent) `claim`.

    A conditional UPDATE: on PostgreSQL a second worker waits for the first one's commit
    and then finds the row no longer claimable; SQLite runs every transaction IMMEDIATE
    (see core.env), so writers take turns. Written in SQL: the ORM's building of these
    statements cost more than sending the message.
    """
    # The claim's own moment, not the run's: a long run must not leave claims that look
    # stale to another worker while they are being sent.
    now = _current(now)
    with connection.cursor() as cursor:
        cursor.execute(
            _MARK_AND_CLAIM,
            {
                "sent": sent.pk if sent is not None else None,
                "next": claim.pk if claim is not None else None,
                "at": connection.ops.adapt_datetimefield_value(now),
                "stale": connection.ops.adapt_datetimefield_value(now - CLAIM_TIMEOUT),
            },
        )
        changed = {row[0] for row in cursor.fetchall()}
    claimed = claim is not None and claim.pk in changed
    if claimed:
        assert claim is not None
        claim.state, claim.claimed_at, claim.attempts = MessageState.SENDING, now, claim.attempts + 1
    return claimed


def _claim(message: Message, now: datetime) -> bool:
    """Take the message for this worker; False when another worker has (or sent) it."""
    return _mark_and_claim(None, message, now)


def _mark_sent(message: Message) -> None:
    _mark_and_claim(message, None, timezone.now())


def _current(now: datetime) -> datetime:
    """The present moment of a run that started at `now` (which a test may set in the future)."""
    return max(now, timezone.now())


def _record_failure(message: Message, error: Exception, now: datetime, *, retry: bool = True) -> None:
    attempts = message.attempts
    give_up = attempts >= MAX_ATTEMPTS or not retry
    # claimed_at stays: the moment of this attempt (see bring_forward).
    Message.objects.filter(pk=message.pk, state=MessageState.SENDING).update(
        state=MessageState.FAILED,
        last_error=f"{type(error).__name__}: {error}"[:2000],
        next_attempt_at=None if give_up else now + backoff(attempts),
    )
    logger.warning("message %s failed (attempt %s): %s", message.pk, attempts, error)


def bring_forward(channel: str, now: datetime) -> int:
    """The messages waiting out a back-off since before `now`, due now: their server is back."""
    return (
        Message.objects.filter(channel=channel, state=MessageState.FAILED, next_attempt_at__gt=now)
        .filter(Q(claimed_at__lt=now) | Q(claimed_at__isnull=True))
        .update(next_attempt_at=now)
    )


class Transport(Protocol):
    """How the sender thread hands a message to a server, in two steps.

    `begin` does everything short of handing it over (an SMTP server gets the envelope and
    the data, all but the line that ends it), `finish` hands it over (the server accepts
    it, or this raises), `abort` takes back what `begin` started. Each raises when the
    server or the network fails.
    """

    def begin(self, job: Any) -> None: ...

    def finish(self) -> object: ...

    def abort(self) -> None: ...


class _InOneStep:
    """A transport for servers that take a message in one call: `finish` makes it."""

    def __init__(self, transmit: Callable[[Any], object]) -> None:
        self.transmit = transmit
        self.job: Any = None

    def begin(self, job: Any) -> None:
        self.job = job

    def finish(self) -> object:
        job, self.job = self.job, None
        return self.transmit(job)

    def abort(self) -> None:
        self.job = None


class _Gate:
    """Whether the sender may hand its begun message over: decided by the worker after its commit."""

    def __init__(self) -> None:
        self._decided = threading.Event()
        self.go = False

    def decide(self, go: bool) -> None:
        self.go = go
        self._decided.set()

    def wait(self) -> bool:
        self._decided.wait()
        return self.go


class _Sender(threading.Thread):
    """Sends one message at a time while the worker records the last one and prepares the next.

    Sending mostly waits on the network, preparing and recording is CPU and database work:
    side by side they take little more than sending alone. The sender begins a message
    (see Transport) as soon as the last one is handed over, and hands it over only when
    its gate opens: after the worker's commit that marked the last one sent and claimed
    this one. So a worker killed at any moment leaves at most one accepted message
    unmarked. The thread touches no database.
    """

    def __init__(self, transport: Transport) -> None:
        super().__init__(name="regisseur-sender", daemon=True)
        self.transport = transport
        self.jobs: queue.Queue[Any] = queue.Queue(maxsize=2)
        self.results: queue.Queue[tuple[object, Exception | None]] = queue.Queue(maxsize=2)

    def run(self) -> None:
        while (job := self.jobs.get()) is not _STOP:
            content, gate = job
            outcome: object = None
            error: Exception | None = None
            try:
                self.transport.begin(content)
            except Exception as failure:  # any failure of the server or the network
                error = failure
            go = gate.wait()
            if error is None and go:
                try:
                    outcome = self.transport.finish()
                except Exception as failure:
                    error = failure
            elif error is None:
                with contextlib.suppress(Exception):
                    self.transport.abort()
            self.results.put((outcome, error))


_STOP = object()


def _deliver(
    channel: str,
    messages: list[Message],
    now: datetime,
    prepare: Callable[[Message], Any],
    transport: Transport,
) -> dict[str, int]:
    """Claim, prepare, send and record each message in turn.

    `prepare(message)` builds what the transport sends (raising NotSent for a message that
    must not go). Three messages are at work at once: the current one is being handed
    over to the server; the next, already claimed, is begun by the sender; the one
    after is prepared by the worker. When the server has accepted the current one, one
    commit marks it sent and claims the one after; only then may the sender hand the
    next one over. So a worker killed at any moment leaves at most one accepted message
    unmarked (sent again, with the same Message-ID, after CLAIM_TIMEOUT), and at most
    one more claimed and not sent (sent after CLAIM_TIMEOUT).
    """
    counts = {"sent": 0, "failed": 0, "skipped": 0, "brought_forward": 0}
    sender = _Sender(transport)
    sender.start()
    current: Message | None = None  # handed over (its gate open), its outcome not yet known
    begun: tuple[Message, _Gate] | None = None  # claimed and begun, to be handed over after the next commit

    def outcome() -> Message | None:
        """Wait for the current message; answer it when it was accepted (to be marked sent)."""
        nonlocal current
        assert current is not None
        message, current = current, None
        _outcome, error = sender.results.get()
        if error is not None:
            _record_failure(message, error, now, retry=error.retry if isinstance(error, GatewayError) else True)
            counts["failed"] += 1
            return None
        counts["sent"] += 1
        return message

    def hand_over() -> None:
        """The last acceptance is recorded: the begun message may go."""
        nonlocal current, begun
        if begun is not None:
            (current, gate), begun = begun, None
            gate.decide(True)

    try:
        for message in messages:
            # Prepared while the current one is being sent (if another worker claims it, this was for nothing).
            problem: Exception | None = None
            try:
                job = prepare(message)
            except Exception as error:  # NotSent, or a message that cannot be rendered: keep it, say why
                problem = error
            accepted = outcome() if current is not None else None
            claimed = _mark_and_claim(accepted, message, now)
            hand_over()
            if not claimed:
                counts["skipped"] += 1  # another worker has it
            elif problem is not None:
                _record_failure(message, problem, now, retry=not isinstance(problem, NotSent))
                counts["failed"] += 1
            else:
                begun = (message, _Gate())
                sender.jobs.put((job, begun[1]))
        while current is not None or begun is not None:
            if current is not None and (accepted := outcome()) is not None:
                _mark_sent(accepted)
            hand_over()
    finally:
        if begun is not None:  # an error above: never handed over (its claim runs out)
            begun[1].decide(False)
        if current is not None:  # an error above while it was being sent: record it if the database lets us
            unrecorded = current
            try:
                if (accepted := outcome()) is not None:
                    _mark_sent(accepted)
            except Exception:
                logger.exception("message %s: its outcome could not be recorded", unrecorded.pk)
        sender.jobs.put(_STOP)
        sender.join(timeout=60)
    if counts["sent"]:
        counts["brought_forward"] = bring_forward(channel, now)
    return counts


@contextlib.contextmanager
def _commits_without_waiting_for_the_disk() -> Iterator[None]:
    """PostgreSQL: the outbox's commits (one per message) do not wait for the disk.

    A killed worker loses nothing committed (the server has it); only a crash of the
    database server itself could lose the last fraction of a second of marks, and a lost
    mark means the message is sent again with the same Message-ID. SQLite is set up so
    for every commit (see core.env). Inside a transaction (a test's) nothing changes.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


class _MailSession:
    """One connection of the configured email backend for a whole run, as a Transport.

    A backend that can send in two steps (FastSmtpBackend's begin_message and
    finish_message) is used so; any other gets the whole email in `finish`.
    """

    def __init__(self) -> None:
        self.connection: Any = None
        self.email: EmailMultiAlternatives | None = None

    def _open(self) -> Any:
        if self.connection is None:
            self.connection = get_connection(fail_silently=False)
            try:
                self.connection.open()
            except Exception:
                self.close()
                raise
        return self.connection

    def _in_two_steps(self) -> bool:
        return hasattr(self.connection, "begin_message")

    def begin(self, email: EmailMultiAlternatives) -> None:
        self._open()
        self.email = email
        if self._in_two_steps():
            try:
                self.connection.begin_message(email)
            except Exception:
                self.close()  # a broken connection is opened anew for the next message
                raise

    def finish(self) -> None:
        email, self.email = self.email, None
        assert email is not None
        try:
            if self._in_two_steps():
                self.connection.finish_message()
                return
            sent = self.connection.send_messages([email])
        except Exception:
            self.close()
            raise
        if sent != 1:
            raise NotAccepted(gettext("The mail server did not accept the message."))

    def abort(self) -> None:
        self.email = None
        if self._in_two_steps():
            self.connection.abort_message()
            self.connection = None

    def close(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(Exception):  # a broken connection may fail to close
                self.connection.close()
            self.connection = None


def deliver_due(*, now: datetime | None = None, limit: int = BATCH) -> dict[str, int]:
    """Send due email messages through EMAIL_BACKEND over one connection; counts by outcome."""
    now = now or timezone.now()
    messages = _due(Channel.EMAIL, now, limit)
    if not messages:
        return {"sent": 0, "failed": 0, "skipped": 0, "brought_forward": 0}
    session = _MailSession()
    try:
        with _commits_without_waiting_for_the_disk():
            return _deliver(Channel.EMAIL, messages, now, build_email, session)
    finally:
        session.close()


def mail_server_answers() -> bool:
    """Whether the configured mail server accepts a connection now.

    Only backends that really connect when opened (Django's SMTP backends answer True)
    can tell; for the others (an HTTP provider, the console) this answers False and
    waiting messages keep their back-off until another delivery succeeds.
    """
    connection = get_connection(fail_silently=False)
    try:
        return connection.open() is True
    except Exception:
        return False
    finally:
        with contextlib.suppress(Exception):
            connection.close()


# --- Text messages ---------------------------------------------------------------------------


def text_message_for(message: Message) -> TextMessage:
    """The SMS as the gateway gets it: with the message's own short confirm link."""
    # The stored text holds a placeholder for any link of the message's own (confirm, rating).
    body = personalise_link(message.body_text, seed=message.message_id, short=True)
    return TextMessage(recipient=message.to_address, body=body, reference=message.message_id)


def why_not_to_send(message: Message, now: datetime) -> str:
    """Why a text reminder must not go any more (M7), checked just before it goes; "" when it may.

    Its interview was cancelled, has begun, or was changed after the text was written
    (the text would carry the old details; the reminder's own sweep writes a new one).
    """
    if message.purpose != Purpose.SMS_REMINDER or message.interview_id is None:
        return ""
    interview = Interview.objects.filter(pk=message.interview_id).values("status", "starts_at", "version").first()
    if interview is None:
        return ""
    if interview["status"] == InterviewStatus.CANCELLED:
        return gettext("The interview was cancelled.")
    if interview["starts_at"] <= now:
        return gettext("The interview had already begun.")
    if message.interview_version is not None and message.interview_version != interview["version"]:
        return gettext("The interview was changed after this text was written; it was not sent with the old details.")
    return ""


class NotSent(Exception):
    """A message that must not go out any more; the message log shows why."""


class NotAccepted(Exception):
    """The email backend answered without sending (and without saying why)."""


def deliver_due_sms(*, now: datetime | None = None, limit: int = BATCH) -> dict[str, int]:
    """Send due text messages through the SMS_URL backend; returns counts by outcome.

    The same outbox mechanics as email (see the module's docstring). Failures wait
    with back-off; a refused request or an unknown outcome is not retried by itself
    (see GatewayError).
    """
    now = now or timezone.now()
    messages = _due(Channel.SMS, now, limit)
    if not messages:
        return {"sent": 0, "failed": 0, "skipped": 0, "brought_forward": 0}
    with get_sms_backend() as backend:

        def prepare(message: Message) -> TextMessage:
            if reason := why_not_to_send(message, now):
                raise NotSent(reason)
            return text_message_for(message)

        def transmit(text: TextMessage) -> object:
            gateway_id = backend.send(text)
            logger.info("SMS %s accepted by the gateway as %r", text.reference, gateway_id)
            return gateway_id

        return _deliver(Channel.SMS, messages, now, prepare, _InOneStep(transmit))


def next_retry_at() -> datetime | None:
    """When the earliest failed message is due again, to wake the worker then."""
    result: datetime | None = Message.objects.filter(
        state=MessageState.FAILED, next_attempt_at__isnull=False
    ).aggregate(first=Min("next_attempt_at"))["first"]
    return result


def sweep_outbox(*, now: datetime | None = None) -> bool:
    """The worker's regular look at the outbox: True when there is something to deliver now.

    Due messages and claims left "sending" by a worker that died (older than
    CLAIM_TIMEOUT) are delivered; emails waiting out a back-off are brought forward
    when the mail server answers again, so an outage adds at most one sweep interval.
    """
    now = now or timezone.now()
    if Message.objects.filter(_claimable(now)).exists():
        return True
    waiting = Message.objects.filter(channel=Channel.EMAIL, state=MessageState.FAILED, next_attempt_at__gt=now)
    if waiting.exists() and mail_server_answers():
        return bring_forward(Channel.EMAIL, now) > 0
    return False
