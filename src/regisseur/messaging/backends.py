"""Email backends of our own: Django's SMTP backend, made fast for a long outbox.

Delivery hands every backend a complete `EmailMultiAlternatives` (subject, text,
HTML, calendar part, attachment, headers), so any `EMAIL_BACKEND` works: console,
locmem, Django's SMTP backend, django-anymail's providers. `EMAIL_URL=smtp://…`
selects `FastSmtpBackend`, which sends the same email with less work per message.
"""

from __future__ import annotations

import smtplib
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


class FastSmtpBackend(EmailBackend):
    """Django's SMTP backend with one connection for the whole run and less work per message.

    - An email may carry `prerendered_mime`: its bytes exactly as `render_mime` gives
      them, rendered earlier (when the message was queued). They are sent as they are;
      every other backend ignores the attribute and reads subject, bodies and parts.
    - Otherwise the email is rendered with fixed boundaries (see render_mime).
    - Addresses are sanitised once per distinct address, not per message: parsing them
      again for every message doubled the time per message.
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

    def _send(self, email_message: EmailMessage) -> bool:
        recipients = email_message.recipients()
        if not recipients:
            return False
        encoding = email_message.encoding or settings.DEFAULT_CHARSET
        raw = getattr(email_message, "prerendered_mime", None) or render_mime(email_message)
        assert self.connection is not None
        try:
            self.connection.sendmail(
                self._address(email_message.from_email, encoding),
                [self._address(address, encoding) for address in recipients],
                raw,
            )
        except smtplib.SMTPException:
            if not self.fail_silently:
                raise
            return False
        return True
