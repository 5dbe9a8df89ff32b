"""{placeholder} fields in message templates (C1): which exist, checking, filling.

Pure functions: no database, no settings. HTML filling escapes every value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _

PLACEHOLDERS = (
    "candidate_name",
    "candidate_first_name",
    "interview_date",
    "interview_time",
    "duration",
    "location",
    "video_link",
    "interview_type",
    "interviewer",
    "attendees",
    "vacancy_title",
    "client_name",
    "recruiter_name",
    "recruiter_email",
    "recruiter_phone",
    "cancel_reason",
    # Filled by monitoring (seed 000) where they apply; empty elsewhere.
    "situation",
    "delay",
    "backup_platform",
    "phone_fallback",
    "rating_link",
    "confirmlink",
)
CONFIRMLINK = "confirmlink"
# A value filled in for editing (the communicate and cancel pages show the message filled
# in) is text, whatever braces it holds: "Room {A}", a candidate named "{location}". Each of
# its braces is marked with an invisible WORD JOINER (prefill_text), so that when the planner
# sends the text back, a marked brace is neither a placeholder nor an unclosed brace, and
# filling the text never reads a value as a placeholder: only the braces the planner typed
# are checked and filled. Filling removes the marks; the recipient reads the value as it is.
LITERAL_MARK = "\u2060"
_TOKEN = re.compile(r"(?<!\u2060)\{([^{}\s\u2060]*)\}")
_BRACE = re.compile(r"(?<!\u2060)[{}]")
_MARKED_BRACE = re.compile(r"\u2060(?=[{}])")
_HTML_MARKER = re.compile(r"\x00(\d+)\x00")
# A placeholder followed by a full stop, for a value that ends in one itself ("… bij {client_name}."
# with "Northwind Software B.V."): the sentence ends once, not in "B.V..".
_TOKEN_STOP = re.compile(r"((?<!\u2060)\{([^{}\s\u2060]*)\})\.")
# A line of a value that is a web address alone becomes a link in HTML (a video link, say).
_WEB_ADDRESS = re.compile(r"https?://\S+")


def find_placeholders(text: str) -> list[str]:
    """The names between braces, in order of appearance."""
    return [match.group(1) for match in _TOKEN.finditer(text or "")]


def check_template_text(text: str, *, known: Iterable[str] = PLACEHOLDERS) -> list[str]:
    """Problems with a template text, each naming the placeholder; empty when it is fine."""
    allowed = set(known)
    problems = []
    for name in dict.fromkeys(find_placeholders(text)):
        if name not in allowed:
            problems.append(_("Unknown placeholder {%(name)s}.") % {"name": name})
    leftover = _BRACE.search(_TOKEN.sub("", text or ""))
    if leftover:
        problems.append(_("A brace is not closed: write placeholders as {candidate_name}."))
    return problems


def validate_template_text(text: str) -> None:
    problems = check_template_text(text)
    if problems:
        raise ValidationError(problems, code="invalid_placeholder")


def contains_confirmlink(text: str) -> bool:
    return CONFIRMLINK in find_placeholders(text)


def one_full_stop(text: str, values: Mapping[str, str]) -> str:
    """The text without the full stop after a placeholder whose value already ends in one."""
    return _TOKEN_STOP.sub(
        lambda match: match.group(1) if str(values.get(match.group(2), "")).endswith(".") else match.group(0),
        text,
    )


def fill_text(text: str, values: Mapping[str, str]) -> str:
    """Plain text with known placeholders replaced; unknown ones are left as typed.

    One pass: a value is never read again as a placeholder.
    """
    text = one_full_stop(text or "", values)
    filled = _TOKEN.sub(lambda match: str(values.get(match.group(1), match.group(0))), text)
    return unmark(filled)


def prefill_text(text: str, values: Mapping[str, str]) -> str:
    """The text filled in for the planner to edit: the braces of every value marked as text (see LITERAL_MARK)."""
    return _TOKEN.sub(
        lambda match: mark_literal(str(values[match.group(1)])) if match.group(1) in values else match.group(0),
        one_full_stop(text or "", values),
    )


def mark_literal(value: str) -> str:
    """`value` with each brace marked, so that it is never read as (part of) a placeholder."""
    return value.replace("{", LITERAL_MARK + "{").replace("}", LITERAL_MARK + "}")


def unmark(text: str) -> str:
    """The text as the recipient reads it: the marks before literal braces removed."""
    return _MARKED_BRACE.sub("", text)


def fill_html(text: str, values: Mapping[str, str], *, confirm_label: str = "") -> str:
    """HTML paragraphs from plain template text: the text and every value escaped.

    The confirm link becomes a button-like link; everything else is text.
    """
    # Replace placeholders by markers first so escaping the text cannot touch them, then
    # every marker at once (one pass: a long text with many placeholders stays fast).
    names: list[str] = []

    def keep(match: re.Match[str]) -> str:
        names.append(match.group(1))
        return f"\x00{len(names) - 1}\x00"

    def value_html(match: re.Match[str]) -> str:
        name = names[int(match.group(1))]
        value = values.get(name)
        if value is None:
            return str(escape("{" + name + "}"))
        if name == CONFIRMLINK and not value:
            return ""  # no link for this recipient: no button leading nowhere
        if name == CONFIRMLINK:
            label = escape(confirm_label or value)
            return (
                f'<a href="{escape(value)}" style="display:inline-block;padding:10px 18px;'
                f'border-radius:4px;background:#1f4e79;color:#ffffff;text-decoration:none;">{label}</a>'
            )
        return "<br>".join(_html_line(line) for line in str(value).splitlines()) or ""

    text = one_full_stop((text or "").replace("\x00", ""), values)
    html = str(linebreaks(escape(unmark(_TOKEN.sub(keep, text)))))
    return _HTML_MARKER.sub(value_html, html)


def _html_line(line: str) -> str:
    if _WEB_ADDRESS.fullmatch(line.strip()):
        address = escape(line.strip())
        return f'<a href="{address}">{address}</a>'
    return str(escape(line))


def default_include_confirm_link(variants: Iterable[str]) -> bool:
    """Seed 004: tick "include a confirm link" unless every language variant already has {confirmlink}.

    One recipient is one variant; several recipients with several languages give one
    variant per language. No variant at all: ticked.
    """
    texts = list(variants)
    return not texts or not all(contains_confirmlink(text) for text in texts)
