"""Answer-link tokens never reach a log: whoever reads the logs could otherwise answer or
withdraw for a candidate.

The token is the part after /r/ in a path (long links in emails, short ones in text
messages: both live under /r/). `MaskTokens` rewrites every record that passes through it,
message and traceback alike; settings.LOGGING puts it on Django's handler, and
config/gunicorn.py on gunicorn's access and error logs.
"""

from __future__ import annotations

import logging
import re
import sys
from typing import Any

# "/r/" as written, or percent-encoded inside a query string (?next=%2Fr%2F…).
TOKEN_IN_PATH = re.compile(r"(/r/|%2Fr%2F)([^/\s?#&\"'%]+)", re.IGNORECASE)
MASK = "***"


def mask_tokens(text: str) -> str:
    return TOKEN_IN_PATH.sub(rf"\g<1>{MASK}", text)


class MaskTokens(logging.Filter):
    """Rewrites the record in place (every later handler sees the masked text); never drops one."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_tokens(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            # Formatted here, once: Formatter.format() uses exc_text when it is set.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_tokens(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_tokens(record.stack_info)
        return True


class StderrHandler(logging.StreamHandler):
    """Writes each record to whatever `sys.stderr` is when the record is written.

    A plain StreamHandler keeps the stream it was made with. Configured again while
    something had replaced sys.stderr for a while (a test capturing output, a command run
    in-process), it would go on writing to that replacement after it was closed, and
    every later record would be lost.
    """

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        """The stream is always the current sys.stderr; what StreamHandler sets is ignored."""
