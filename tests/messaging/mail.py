"""Reading what the SMTP test server received: the text, the HTML and the calendar event of each message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from icalendar import Calendar


@dataclass
class Received:
    to: str
    subject: str
    text: str
    html: str
    method: str
    event: Any  # the VEVENT, or None

    @property
    def attendees(self) -> list[str]:
        """The ATTENDEE addresses, lower-case, in order (duplicates kept: tests check there are none)."""
        if self.event is None:
            return []
        lines = self.event.get("ATTENDEE", [])
        lines = lines if isinstance(lines, list) else [lines]
        return [str(line).lower() for line in lines]

    def attendee(self, email: str) -> Any:
        lines = self.event.get("ATTENDEE", [])
        lines = lines if isinstance(lines, list) else [lines]
        [line] = [line for line in lines if str(line).lower() == f"mailto:{email}".lower()]
        return line

    @property
    def uid(self) -> str:
        return str(self.event["UID"])

    @property
    def sequence(self) -> int:
        return int(self.event["SEQUENCE"])


def read(message: Any) -> Received:
    text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    html_part = message.get_body(("html",))
    calendars = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    method, event = "", None
    if calendars:
        [part] = calendars
        content = part.get_content()
        parsed = Calendar.from_ical(content if isinstance(content, str) else content.decode())
        [event] = parsed.walk("VEVENT")
        method = str(parsed["METHOD"])
    return Received(
        to=str(message["To"]),
        subject=str(message["Subject"]),
        text=text,
        html=html_part.get_content() if html_part is not None else "",
        method=method,
        event=event,
    )


def received_by(smtp_server: Any, address: str) -> list[Received]:
    """Every message delivered to `address`, oldest first."""
    return [
        read(message)
        for message, (_sender, recipients) in zip(smtp_server.messages, smtp_server.envelopes, strict=True)
        if address.lower() in [recipient.lower() for recipient in recipients]
    ]
