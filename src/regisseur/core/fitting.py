"""Text built from valid values, made to fit the column that stores it (issue 8).

Every value a user types has its own limit, checked where it is typed. Text *built*
from several of them (a subject from a template and its placeholders, "first name last
name", a From header) can still be longer than its column: such text is shortened here,
at a word and with "…", rather than refused. It is a summary of what the message says in
full (the subject of an email whose content gives every detail, a display name next to
its address), and it is often written where nobody could shorten it by hand: a reminder
sent by the sweep, a cancellation sent as the interview ends.

Pure functions: no database, no settings.
"""

from __future__ import annotations

from email.utils import formataddr

ELLIPSIS = "…"


def one_line(text: str) -> str:
    """Whitespace (line breaks included) collapsed to single spaces: for headers and names."""
    return " ".join(str(text).split())


def shorten(text: str, limit: int) -> str:
    """`text` when it fits in `limit` characters; else cut at a word, with "…", to fit.

    A text without a space in its last part is cut inside its word (a long address, say).
    """
    if len(text) <= limit:
        return text
    if limit <= len(ELLIPSIS):
        return text[:limit]
    room = limit - len(ELLIPSIS)
    head = text[:room]
    # Cut at the last space, unless that would throw away more than half of what fits.
    if " " in head and text[room] != " ":
        at_word = head.rsplit(" ", 1)[0]
        if len(at_word) >= room // 2:
            head = at_word
    # Also no invisible word joiner left dangling (core.placeholders marks literal braces with one).
    return head.rstrip(" ,.;:-–\u2060") + ELLIPSIS


def fit_address(name: str, address: str, limit: int) -> str:
    """`"name" <address>` as a header holds it, in at most `limit` characters: the name shortened when needed.

    A name outside ASCII is encoded (RFC 2047), which can make it several times longer
    than it reads: the name is shortened until the encoded whole fits. Without room for
    any name, the address alone.
    """
    name = one_line(name)
    if not name:
        return address
    low, high = 0, len(name)
    best = address
    # The encoded length grows with the name: find the longest prefix that fits.
    while low <= high:
        middle = (low + high) // 2
        candidate = formataddr((shorten(name, middle), address)) if middle else address
        if len(candidate) <= limit:
            best, low = candidate, middle + 1
        else:
            high = middle - 1
    return best
