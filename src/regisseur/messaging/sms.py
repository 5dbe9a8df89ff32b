"""Text messages (M4): the reminder's SMS, fitted to a few SMS parts and queued in the outbox.

An SMS part holds 160 characters of the GSM 03.38 alphabet (GSM-7), or 70 UTF-16
units (UCS-2) as soon as one character is outside it ("ë", "ł", an emoji). A longer
text is sent as one message that the gateway splits into parts of 153 or 67 (each
part carries a header telling the phone how to join them); every part is billed.

Fitting the reminder (documented in the README, "SMS"): typographic look-alikes
(’ “ ” – … and non-breaking spaces) are replaced by their GSM-7 twins, which are
always safe; beyond MAX_SEGMENTS parts the location is cut to its first part (before
the first comma), then the long values are shortened, then the location is left
out, and last the text is cut at a word with "..." — the confirm link always whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils import timezone

from regisseur.accounts.models import User
from regisseur.core.placeholders import fill_text
from regisseur.interviews.models import Interview
from regisseur.messaging.composition import Recipient, fit_name, placeholder_values
from regisseur.messaging.models import Channel, Message, MessageState, Purpose
from regisseur.messaging.texts import choose_template, new_message_id, standard_text
from regisseur.responses.models import CandidateLink
from regisseur.responses.services import SHORT_TOKEN_LENGTH, TOKEN_PLACEHOLDER, new_link, placeholder_path

# GSM 03.38: the default alphabet (one septet each) and its extension table, reached
# through an escape septet (two each).
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("\f^{}\\[~]|€")

GSM7_SINGLE, GSM7_PART = 160, 153
UCS2_SINGLE, UCS2_PART = 70, 67
# Longer reminders are shortened (see the module's docstring): two parts at most.
MAX_SEGMENTS = 2

# Characters word processors put in templates, with a GSM-7 equivalent nobody would miss.
LOOK_ALIKES = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "…": "...",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "•": "-",
    }
)


@dataclass(frozen=True)
class SmsSize:
    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2)
    segments: int


def is_gsm7(text: str) -> bool:
    return all(char in GSM7_BASIC or char in GSM7_EXTENSION for char in text)


def _pack(costs: list[int], single: int, part: int) -> int:
    """Parts needed when no character (escape pair, surrogate pair) may be split over two."""
    if sum(costs) <= single:
        return 1
    parts, used = 1, 0
    for cost in costs:
        if used + cost > part:
            parts, used = parts + 1, 0
        used += cost
    return parts


def sms_size(text: str) -> SmsSize:
    """How a gateway encodes `text` and in how many SMS parts it arrives."""
    if is_gsm7(text):
        costs = [2 if char in GSM7_EXTENSION else 1 for char in text]
        return SmsSize("GSM-7", sum(costs), _pack(costs, GSM7_SINGLE, GSM7_PART))
    costs = [2 if ord(char) > 0xFFFF else 1 for char in text]
    return SmsSize("UCS-2", sum(costs), _pack(costs, UCS2_SINGLE, UCS2_PART))


def _sendable(text: str) -> str:
    """`text` with the stored link's placeholder swapped for a token of the real length."""
    path = placeholder_path()
    return text.replace(path, path.replace(TOKEN_PLACEHOLDER, "x" * SHORT_TOKEN_LENGTH))


def message_size(message: Message) -> SmsSize:
    """The size of an SMS in the outbox as it will be sent (with its real link)."""
    return sms_size(_sendable(message.body_text))


def _fill(text: str, values: dict[str, str]) -> str:
    filled = " ".join(fill_text(text, values).split())
    # An empty value leaves ", ." or " ," behind ("at 10:00, {location}. See you"): tidy up.
    return re.sub(r"\s*,\s*(?=[.,;:!?]|$)", "", filled).strip()


def _shorten(value: str, limit: int) -> str:
    if len(value) <= limit:
        return value
    cut = value[: limit - 3].rsplit(" ", 1)[0] if " " in value[: limit - 3] else value[: limit - 3]
    return cut.rstrip(" ,.;:-") + "..."


def _cut_text(text: str, link: str) -> str:
    """The text cut at a word (with "...") to fit MAX_SEGMENTS, the link kept whole at its end."""
    rest = text.replace(link, " ").strip() if link else text
    words = rest.split()
    while words:
        candidate = " ".join(words).rstrip(" ,.;:-") + "..."
        if link:
            candidate += " " + link
        if sms_size(_sendable(candidate)).segments <= MAX_SEGMENTS:
            return candidate
        words.pop()
    return link or text[:GSM7_SINGLE]


def fit_sms(text: str, values: dict[str, str], *, link: str = "") -> str:
    """The SMS text from the template `text` and its values, fitted to MAX_SEGMENTS (see above).

    `link` is the confirm link's address (with its placeholder token): put where the
    template says {confirmlink}, or at the end when the template does not say.
    """
    text = text.translate(LOOK_ALIKES)
    values = {name: " ".join(str(value).translate(LOOK_ALIKES).split()) for name, value in values.items()}
    values["confirmlink"] = link
    if link and "{confirmlink}" not in text:
        text = text.rstrip() + " {confirmlink}"

    def fits(candidate: str) -> bool:
        return sms_size(_sendable(candidate)).segments <= MAX_SEGMENTS

    body = _fill(text, values)
    if fits(body):
        return body
    steps = [
        ("location", lambda value: re.split(r"[,\n]", value, maxsplit=1)[0].strip()),
        ("vacancy_title", lambda value: _shorten(value, 40)),
        ("interviewer", lambda value: _shorten(value, 30)),
        ("client_name", lambda value: _shorten(value, 30)),
        ("location", lambda value: ""),
    ]
    for name, shorten in steps:
        if values.get(name):
            values[name] = shorten(values[name])
            body = _fill(text, values)
            if fits(body):
                return body
    return _cut_text(body, link)


def wants_confirm_link(text: str) -> bool:
    return "{confirmlink}" in text


def queue_sms_reminder(
    *, interview: Interview, recipient: Recipient, actor: User | None, include_confirm_link: bool | None = None
) -> Message:
    """The reminder text for the candidate's mobile, from the SMS template of their language.

    A short confirm link goes in when the template has {confirmlink}, or when
    `include_confirm_link` asks for it (then at the end of the text); the stored row
    holds the link's placeholder, delivery puts the message's own token in.
    """
    message, link = sms_reminder_message(
        interview=interview,
        recipient=recipient,
        actor=actor,
        text=sms_reminder_text(organisation_id=interview.organisation_id, language=recipient.language),
        include_confirm_link=include_confirm_link,
    )
    if link is not None:
        link.save(force_insert=True)
    message.save(force_insert=True)
    return message


def sms_reminder_text(*, organisation_id: int, language: str) -> str:
    """The organisation's SMS reminder template in a language, else the standard text."""
    template = choose_template(organisation_id=organisation_id, purpose=Purpose.SMS_REMINDER, language=language)
    return template.body if template is not None else standard_text(Purpose.SMS_REMINDER, language)[2]


def sms_reminder_message(
    *,
    interview: Interview,
    recipient: Recipient,
    actor: User | None,
    text: str,
    include_confirm_link: bool | None = None,
) -> tuple[Message, CandidateLink | None]:
    """queue_sms_reminder without the writes, from the template's `text`: the outbox row and its
    link's row, for a caller that bulk-creates many in the transaction that caused them."""
    if include_confirm_link is None:
        include_confirm_link = wants_confirm_link(text)
    message_id = new_message_id()
    link_row, link = new_link(interview=interview, seed=message_id, short=True) if include_confirm_link else (None, "")
    values = placeholder_values(interview, language=recipient.language, recruiter=actor)
    assert recipient.candidate is not None
    message = Message(
        organisation_id=interview.organisation_id,
        interview=interview,
        candidate=recipient.candidate,
        channel=Channel.SMS,
        audience=recipient.audience,
        purpose=Purpose.SMS_REMINDER,
        language=recipient.language,
        to_name=fit_name(recipient.name),
        to_address=recipient.candidate.mobile,
        from_address="",
        body_text=fit_sms(text, values, link=link),
        includes_confirm_link=bool(link),
        interview_version=interview.version,
        message_id=message_id,
        state=MessageState.QUEUED,
        next_attempt_at=timezone.now(),
        created_by=actor,
    )
    return message, link_row
