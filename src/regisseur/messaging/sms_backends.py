"""SMS backends, chosen by SMS_URL like Django's email backends by EMAIL_URL.

    console://    prints each text message (development)
    locmem://     keeps them in `outbox`, a list in memory (tests)
    messagebird://ACCESSKEY@rest.messagebird.com?originator=Regisseur
    twilio://ACCOUNTSID:AUTHTOKEN@api.twilio.com?from=+3197010000000

A backend is used as a context manager around a batch: an HTTP gateway keeps one
connection open for it. `send()` answers the gateway's id for the message, or
raises GatewayError saying whether trying again later makes sense.
"""

from __future__ import annotations

import base64
import http.client
import json
import logging
import re
import select
import socket
import ssl
import sys
from dataclasses import dataclass
from types import TracebackType
from typing import Any, TextIO
from urllib.parse import quote, urlencode, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from regisseur.core.env import SmsGateway, parse_sms_url
from regisseur.messaging.sms import sms_size

logger = logging.getLogger(__name__)

E164 = re.compile(r"\+[1-9][0-9]{6,14}")


@dataclass(frozen=True)
class TextMessage:
    recipient: str  # E.164, as stored: +31612345678
    body: str
    reference: str = ""  # our Message-ID, for the logs


class GatewayError(Exception):
    """Sending failed. `retry`: whether the same request may be tried again later.

    False when the gateway refused the request itself (a wrong number) or when the
    outcome is unknown (no answer after the request went out): trying again could
    send the text twice. The message then stays failed for a person to look at.
    """

    def __init__(self, description: str, *, retry: bool = True) -> None:
        super().__init__(description)
        self.retry = retry


outbox: list[TextMessage] = []


class BaseSmsBackend:
    def __enter__(self) -> BaseSmsBackend:
        self.open()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def open(self) -> None:
        """Nothing to open by default; HTTP gateways connect at the first message."""

    def close(self) -> None:
        """Nothing to close by default."""

    def send(self, message: TextMessage) -> str:
        """Hand one text message over; answers the gateway's id for it."""
        if not E164.fullmatch(message.recipient):
            raise GatewayError(
                _("“%(number)s” is not a mobile number in international format.") % {"number": message.recipient},
                retry=False,
            )
        return self._send(message)

    def _send(self, message: TextMessage) -> str:
        raise NotImplementedError


class ConsoleBackend(BaseSmsBackend):
    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout

    def _send(self, message: TextMessage) -> str:
        size = sms_size(message.body)
        self.stream.write(
            f"SMS to {message.recipient} ({size.segments} part(s), {size.encoding})\n{message.body}\n{'-' * 40}\n"
        )
        self.stream.flush()
        return ""


class LocmemBackend(BaseSmsBackend):
    def _send(self, message: TextMessage) -> str:
        outbox.append(message)
        return f"locmem-{len(outbox)}"


def _is_dropped(sock: socket.socket) -> bool:
    """Whether an idle kept-alive connection was closed by the gateway (readable means EOF here)."""
    try:
        readable, _writable, _failed = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)


class HttpGatewayBackend(BaseSmsBackend):
    """A REST gateway over one kept-alive HTTP(S) connection per batch."""

    name = "the SMS gateway"
    timeout = 20

    def __init__(self, gateway: SmsGateway) -> None:
        self.gateway = gateway
        parts = urlsplit(gateway.base_url)
        self.is_https = parts.scheme == "https"
        self.host = parts.hostname or ""
        self.port = parts.port
        self.connection: http.client.HTTPConnection | None = None

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def _connect(self) -> http.client.HTTPConnection:
        connection = self.connection
        if connection is not None and (connection.sock is None or _is_dropped(connection.sock)):
            self.close()
            connection = None
        if connection is None:
            if self.is_https:
                connection = http.client.HTTPSConnection(
                    self.host, self.port, timeout=self.timeout, context=ssl.create_default_context()
                )
            else:
                connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                connection.connect()
            except OSError as error:  # refused, unknown host, TLS: nothing was sent
                raise GatewayError(
                    _("%(gateway)s cannot be reached: %(error)s") % {"gateway": self.name, "error": error}
                ) from error
            self.connection = connection
        return connection

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, Any]:
        """POST and answer (status, JSON answer or None)."""
        connection = self._connect()
        try:
            connection.request("POST", path, body=body, headers={**headers, "User-Agent": "Regisseur"})
        except (OSError, http.client.HTTPException) as error:
            # The request did not get out whole, so the gateway cannot have acted on it.
            self.close()
            raise GatewayError(
                _("%(gateway)s cannot be reached: %(error)s") % {"gateway": self.name, "error": error}
            ) from error
        try:
            response = connection.getresponse()
            raw = response.read()
        except (OSError, http.client.HTTPException) as error:
            self.close()
            raise GatewayError(
                _(
                    "%(gateway)s did not answer (%(error)s). The message may have been sent, so it is not "
                    "retried by itself: check with the candidate before retrying."
                )
                % {"gateway": self.name, "error": str(error) or type(error).__name__},
                retry=False,
            ) from error
        try:
            answer = json.loads(raw) if raw else None
        except ValueError:
            answer = None
        return response.status, answer

    def refused(self, status: int, description: str) -> GatewayError:
        # 400 and 422: the gateway refused this very request (a wrong number, say); the
        # same request would be refused again. Other statuses (401 and 402: credentials or
        # credit, fixed by a person; 429 and 5xx: the gateway's trouble) may pass later.
        return GatewayError(
            _("%(gateway)s answered %(status)d: %(description)s")
            % {"gateway": self.name, "status": status, "description": description},
            retry=status not in {400, 422},
        )


class MessageBirdBackend(HttpGatewayBackend):
    """MessageBird's (Bird's) SMS REST API: POST /messages, which joins long texts itself."""

    name = "MessageBird"

    def _send(self, message: TextMessage) -> str:
        payload = {
            "recipients": [message.recipient.removeprefix("+")],
            "originator": self.gateway.sender,
            "body": message.body,
            # Said rather than left to "auto", so the gateway encodes as sms_size() counted.
            "datacoding": "plain" if sms_size(message.body).encoding == "GSM-7" else "unicode",
        }
        status, answer = self.post(
            "/messages",
            json.dumps(payload, ensure_ascii=False).encode(),
            {
                "Authorization": f"AccessKey {self.gateway.username}",
                "Content-Type": "application/json; charset=utf-8",
                "Accept": "application/json",
            },
        )
        if 200 <= status < 300:
            if isinstance(answer, dict) and answer.get("id"):
                return str(answer["id"])
            # Accepted without an id: taken as sent, since sending again could double it.
            logger.warning("MessageBird accepted %s without an id: %r", message.reference, answer)
            return ""
        errors = answer.get("errors") if isinstance(answer, dict) else None
        if isinstance(errors, list) and errors and all(isinstance(error, dict) for error in errors):
            description = "; ".join(
                f"{error.get('description', '')} (code {error.get('code', '?')})" for error in errors
            )
        else:
            description = http.client.responses.get(status, "")
        raise self.refused(status, description)


class TwilioBackend(HttpGatewayBackend):
    """Twilio's Programmable Messaging: POST …/Accounts/<sid>/Messages.json, form-encoded."""

    name = "Twilio"

    def _send(self, message: TextMessage) -> str:
        fields = {"To": message.recipient, "Body": message.body}
        sender = self.gateway.sender
        fields["MessagingServiceSid" if sender.startswith("MG") else "From"] = sender
        credentials = base64.b64encode(f"{self.gateway.username}:{self.gateway.password}".encode()).decode()
        status, answer = self.post(
            f"/2010-04-01/Accounts/{quote(self.gateway.username)}/Messages.json",
            urlencode(fields).encode(),
            {
                "Authorization": f"Basic {credentials}",
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/json",
            },
        )
        if 200 <= status < 300:
            return str(answer.get("sid", "")) if isinstance(answer, dict) else ""
        if isinstance(answer, dict) and answer.get("message"):
            description = f"{answer['message']} (code {answer.get('code', '?')})"
        else:
            description = http.client.responses.get(status, "")
        raise self.refused(status, description)


def get_sms_backend(url: str | None = None) -> BaseSmsBackend:
    """The backend SMS_URL names (checked at start-up, see config.env.sms_url)."""
    gateway = parse_sms_url(url if url is not None else settings.SMS_URL)
    if gateway.kind == "console":
        return ConsoleBackend()
    if gateway.kind == "locmem":
        return LocmemBackend()
    if gateway.kind == "messagebird":
        return MessageBirdBackend(gateway)
    return TwilioBackend(gateway)
