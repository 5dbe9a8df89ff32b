"""Email backends of our own: Django's SMTP backend, made fast for a long outbox.

Delivery hands every backend a complete `EmailMultiAlternatives` (subject, text,
HTML, calendar part, attachment, headers), so any `EMAIL_BACKEND` works: console,
locmem, Django's SMTP backend, django-anymail's providers. `EMAIL_URL=smtp://…`
selects `FastSmtpBackend`, which sends the same email with less work per message.
"""

from __future__ import annotations

import re
import smtplib
import socket
import uuid
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.smtp import EmailBackend
from django.core.mail.message import sanitize_address


def render_mime(email: EmailMessage) -> bytes:
    """The email as an SMTP server receives it (CRLF line ends), as Django's SMTP backend renders it."""
    mime = email.message()
    for part in mime.walk():
        if part.is_multipart() and not part.get_boundary():
            # Python's generator otherwise compiles a regular expression per part to
            # pick a boundary absent from the text: a third of the rendering time.
            part.set_boundary(f"==regisseur-{uuid.uuid4().hex}")
    return bytes(mime.as_bytes(linesep="\r\n"))


_LEADING_DOT = re.compile(rb"(?m)^\.")


class FastSmtpBackend(EmailBackend):
    """Django's SMTP backend with one connection for the whole run and less work per message.

    - An email may carry `prerendered_mime`: its bytes exactly as `render_mime` gives
      them, rendered earlier (when the message was queued). They are sent as they are;
      every other backend ignores the attribute and reads subject, bodies and parts.
    - Otherwise the email is rendered with fixed boundaries (see render_mime).
    - Addresses are sanitised once per distinct address, not per message: parsing them
      again for every message doubled the time per message.
    - An email can be sent in two steps (`begin_message`, `finish_message`): everything
      short of the line that ends the data, then that line. The server accepts the email
      only at the second step, so the outbox can record the previous acceptance in
      between (see messaging.delivery); `abort_message` drops the connection instead,
      and a server discards an email whose data never ended (RFC 5321, 4.1.1.4).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._addresses: dict[tuple[str, str], str] = {}

    def _address(self, address: str, encoding: str) -> str:
        """The address for the envelope (MAIL FROM, RCPT TO), which needs only its addr-spec."""
        key = (address, encoding)
        if key not in self._addresses:
            if len(self._addresses) > 10_000:
                self._addresses.clear()
            _name, plain = parseaddr(address)
            if plain.isascii() and plain.count("@") == 1 and not set(plain) & set(" \r\n<>,;\"'"):
                self._addresses[key] = plain  # the common case, without Django's full parse
            else:
                self._addresses[key] = sanitize_address(address, encoding)
        return self._addresses[key]

    def open(self) -> bool | None:
        opened = super().open()
        if opened and self.connection is not None and self.connection.sock is not None:
            # The end of an email's data is a short line sent on its own (finish_message):
            # without this the kernel holds it back until the server acknowledges the rest,
            # which servers delay by up to 40 ms (Nagle's algorithm meeting delayed ACKs).
            self.connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return opened

    def _envelope(self, email_message: EmailMessage) -> tuple[str, list[str], bytes]:
        encoding = email_message.encoding or settings.DEFAULT_CHARSET
        raw = getattr(email_message, "prerendered_mime", None) or render_mime(email_message)
        return (
            self._address(email_message.from_email, encoding),
            [self._address(address, encoding) for address in email_message.recipients()],
            raw,
        )

    def begin_message(self, email_message: EmailMessage) -> None:
        """Send the email up to (not including) the end of its data; raise when the server refuses."""
        if not email_message.recipients():
            raise smtplib.SMTPRecipientsRefused({})
        if self.connection is None:
            self.open()
        smtp = self.connection
        assert smtp is not None
        sender, recipients, raw = self._envelope(email_message)
        smtp.ehlo_or_helo_if_needed()
        code, reply = smtp.mail(sender)
        if code != 250:
            smtp.rset()
            raise smtplib.SMTPSenderRefused(code, reply, sender)
        refused = {}
        for recipient in recipients:
            code, reply = smtp.rcpt(recipient)
            if code not in (250, 251):
                refused[recipient] = (code, reply)
        if len(refused) == len(recipients):
            smtp.rset()
            raise smtplib.SMTPRecipientsRefused(refused)
        code, reply = smtp.docmd("data")
        if code != 354:
            smtp.rset()
            raise smtplib.SMTPDataError(code, reply)
        data = _LEADING_DOT.sub(b"..", raw)  # dot-stuffing, as smtplib's data() does
        if not data.endswith(b"\r\n"):
            data += b"\r\n"
        smtp.send(data)

    def finish_message(self) -> None:
        """End the data begun by begin_message: the server accepts the email, or this raises."""
        smtp = self.connection
        assert smtp is not None
        smtp.send(b".\r\n")
        code, reply = smtp.getreply()
        if code != 250:
            raise smtplib.SMTPDataError(code, reply)

    def abort_message(self) -> None:
        """Drop the email begun by begin_message: close the connection before its data ends."""
        if self.connection is not None:
            try:
                self.connection.close()  # not quit(): QUIT would read as the data's next line
            finally:
                self.connection = None

    def _send(self, email_message: EmailMessage) -> bool:
        recipients = email_message.recipients()
        if not recipients:
            return False
        sender, addresses, raw = self._envelope(email_message)
        assert self.connection is not None
        try:
            self.connection.sendmail(sender, addresses, raw)
        except smtplib.SMTPException:
            if not self.fail_silently:
                raise
            return False
        return True
