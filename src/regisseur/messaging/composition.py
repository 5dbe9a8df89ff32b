"""Turning a template and an interview into the words one recipient reads.

Pure of side effects: reads the database, writes nothing.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regisseur.accounts.models import User
from regisseur.core.fitting import fit_address, one_line, shorten
from regisseur.core.placeholders import (
    CONFIRMLINK,
    contains_confirmlink,
    fill_html,
    fill_text,
    find_placeholders,
    unmark,
)
from regisseur.core.timezones import AMSTERDAM, to_zone
from regisseur.interviews.models import Interview, InterviewType
from regisseur.messaging.attendees import (
    attendees_of,
    attendees_text,
    group_candidates,
    hosts_text,
    joined,
    type_text,
)
from regisseur.messaging.models import Audience, HtmlProfile, Message, MessageTemplate, Purpose
from regisseur.recruitment.models import Candidate, Contact

_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x1c-\x1e\x85]+")
# Text built from valid values is shortened to the column that stores it (see core.fitting).
NAME_LIMIT = Message._meta.get_field("to_name").max_length or 200
SUBJECT_LIMIT = Message._meta.get_field("subject").max_length or 300
FROM_LIMIT = Message._meta.get_field("from_address").max_length or 320
# An empty placeholder on a line of its own ({cancel_reason} without a reason) leaves no hole in the text.
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n){2,}")


@dataclass
class Recipient:
    name: str
    address: str
    language: str
    audience: str
    candidate: Candidate | None = None
    contact: Contact | None = None
    user: User | None = None
    wants_calendar: bool = False


@dataclass
class Variant:
    """What the planner chose or typed for one language: template, subject and content."""

    subject: str
    body: str
    signature: str = ""
    template: MessageTemplate | None = None


@dataclass
class Composed:
    recipient: Recipient
    subject: str
    body_text: str
    body_html: str
    includes_confirm_link: bool
    calendar_text: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def placeholder_values(
    interview: Interview, *, language: str, recruiter: User | None, audience: str = Audience.CANDIDATE
) -> dict[str, str]:
    """The values of every placeholder for one interview, written in `language`.

    Dates are day-first in the interview's own zone; the zone is named when it is not
    Amsterdam, so a candidate abroad reads the time they must be there. Everyone
    attending is named once with the role the candidate needs to know (see
    messaging.attendees). A video interview's location carries its link, so that every
    text saying "Where:" gives the way in. A group interview says so and how many take
    part; a candidate never reads the other candidates' names, the organisation's own
    people (hiring manager, committee, colleagues) do.
    """
    with translation.override(language):
        local = to_zone(interview.starts_at, interview.time_zone)
        clock = local.strftime("%H:%M")
        if interview.time_zone != AMSTERDAM:
            clock = f"{clock} ({interview.time_zone})"
        candidate = interview.application.candidate if interview.application else None
        in_group = group_candidates(interview) if interview.group_id is not None else []
        group_size = len(in_group)
        candidate_name = candidate.full_name if candidate else ""
        if audience != Audience.CANDIDATE and group_size > 1:
            candidate_name = joined([member.full_name for member in in_group])
        people = attendees_of(interview, recruiter=recruiter)
        reason = interview.cancel_reason_label
        return {
            "candidate_name": candidate_name,
            "candidate_first_name": candidate.first_name if candidate else "",
            "interview_date": local.strftime("%d-%m-%Y"),
            "interview_time": clock,
            "duration": ngettext("%(minutes)d minute", "%(minutes)d minutes", interview.duration_minutes)
            % {"minutes": interview.duration_minutes},
            "location": location_text(interview),
            "video_link": interview.video_link,
            "interview_type": type_text(interview, group_size=group_size, language=language),
            "interviewer": " ".join(interview.interviewer.split()) or hosts_text(people, language),
            "attendees": attendees_text(people, language),
            "vacancy_title": interview.vacancy.title,
            "client_name": interview.vacancy.client.name,
            "recruiter_name": str(recruiter) if recruiter else "",
            "recruiter_email": recruiter.email if recruiter else "",
            "recruiter_phone": "",
            "cancel_reason": _("Reason: %(reason)s") % {"reason": reason} if reason else "",
            # Filled by the monitoring playbooks and check-ins through `extra_values`.
            "situation": "",
            "delay": "",
            "backup_platform": "",
            "phone_fallback": "",
            "rating_link": "",
        }


def location_text(interview: Interview, *, with_link: bool = True) -> str:
    """Where: the place, and for a video interview its link on a line of its own (or the link alone)."""
    place = interview.location.strip()
    if not (with_link and interview.video_link and interview.type == InterviewType.VIDEO):
        return place
    return f"{place}\n{interview.video_link}" if place else interview.video_link


def confirm_paragraph(language: str) -> str:
    """Added before the signature when the planner asks for a link the content lacks (C4)."""
    with translation.override(language):
        return _("Please let us know whether you can attend:") + "\n{" + CONFIRMLINK + "}"


def confirm_button_label(language: str) -> str:
    with translation.override(language):
        return _("Answer the invitation")


def with_confirm_link(body: str, *, include: bool, language: str) -> tuple[str, bool]:
    """The content with a confirm link when asked for, and whether it has one."""
    if not include:
        # Without the option a typed {confirmlink} still works: the planner put it there.
        return body, contains_confirmlink(body)
    if contains_confirmlink(body):
        return body, True
    return f"{body.rstrip()}\n\n{confirm_paragraph(language)}", True


def compose(
    *,
    interview: Interview,
    recipient: Recipient,
    variant: Variant,
    include_confirm_link: bool,
    confirm_url: str | None,
    profile: HtmlProfile | None,
    recruiter: User | None,
    extra_values: dict[str, str] | None = None,
) -> Composed:
    values = placeholder_values(
        interview, language=recipient.language, recruiter=recruiter, audience=recipient.audience
    )
    values.update(extra_values or {})
    variant = with_missing_facts(interview, variant, values, language=recipient.language, audience=recipient.audience)
    if recipient.audience == Audience.CANDIDATE:
        body, has_link = with_confirm_link(variant.body, include=include_confirm_link, language=recipient.language)
    else:
        # Only the candidate answers through a link; others never get one.
        body, has_link = variant.body.replace("{" + CONFIRMLINK + "}", ""), False
    if has_link and confirm_url:
        values[CONFIRMLINK] = confirm_url
    else:
        values[CONFIRMLINK] = ""
    full_body = body if not variant.signature else f"{body.rstrip()}\n\n{variant.signature}"
    text = _BLANK_LINES.sub("\n\n", fill_text(full_body, values))
    inner_html = fill_html(full_body, values, confirm_label=confirm_button_label(recipient.language))
    html = render_to_string(
        "messaging/email.html",
        {
            "profile": profile,
            "content": inner_html,
            "language": recipient.language,
            "subject": fill_text(variant.subject, values),
        },
    )
    return Composed(
        recipient=recipient,
        # A line break in a header would be refused by the mail library at every attempt.
        subject=fit_subject(_LINE_BREAKS.sub(" ", fill_text(variant.subject, values))),
        body_text=text,
        body_html=html,
        includes_confirm_link=bool(has_link and confirm_url),
        calendar_text=_calendar_text(variant, values),
    )


def with_missing_facts(
    interview: Interview, variant: Variant, values: dict[str, str], *, language: str, audience: str
) -> Variant:
    """The variant with the facts its text lacks added at the end; `values` adjusted to match.

    An edited template, or a text the planner filled in on the communicate page, may lack
    what the reader must get whatever it says: the video link (which a location preset
    promises: "the link follows in the invitation"), that it is a group interview of so
    many candidates, and (for the organisation's own people) which candidates come. A fact
    is missing when neither its placeholder nor its filled-in words are in the text. A
    text with its own {video_link} gets the plain place as {location}, so the link is not
    given twice.
    """
    text = "\n".join((variant.subject, variant.body, variant.signature))
    used = set(find_placeholders(text))
    text = unmark(text)  # the filled-in words as the reader sees them
    if "video_link" in used:
        values["location"] = location_text(interview, with_link=False)
    in_group = group_candidates(interview) if interview.group_id is not None else []
    lines = []
    with translation.override(language):
        link_in_location = "location" in used and interview.type == InterviewType.VIDEO
        link_given = "video_link" in used or link_in_location or interview.video_link in text
        if interview.video_link and not link_given:
            lines.append(_("Video link: %(link)s") % {"link": "{video_link}"})
        if len(in_group) > 1 and "interview_type" not in used and values["interview_type"] not in text:
            lines.append(
                ngettext(
                    "This is a group interview with %(count)d candidate.",
                    "This is a group interview with %(count)d candidates.",
                    len(in_group),
                )
                % {"count": len(in_group)}
            )
        names_given = "candidate_name" in used or values["candidate_name"] in text
        if audience != Audience.CANDIDATE and len(in_group) > 1 and not names_given:
            # The organisation's own people may know who comes; their calendar event then says it too.
            lines.append(_("Candidates: %(names)s") % {"names": "{candidate_name}"})
    if not lines:
        return variant
    return dataclasses.replace(variant, body=variant.body.rstrip() + "\n\n" + "\n".join(lines))


def _calendar_text(variant: Variant, values: dict[str, str]) -> str:
    """The event's description: the message without its confirm link.

    A calendar keeps an event for months; the answer link belongs in the email only.
    """
    body = variant.body.replace("{" + CONFIRMLINK + "}", "")
    full = body if not variant.signature else f"{body.rstrip()}\n\n{variant.signature}"
    return _BLANK_LINES.sub("\n\n", fill_text(full, {**values, CONFIRMLINK: ""})).strip()


def fit_name(name: str) -> str:
    """A recipient's name as the message row stores it: one line, shortened to the column."""
    return shorten(one_line(name), NAME_LIMIT)


def fit_subject(subject: str) -> str:
    """A filled-in subject as the message row stores it: one line, cut at a word with "…" to the column."""
    return shorten(one_line(subject), SUBJECT_LIMIT)


def default_purpose(interview: Interview, audience: str) -> str:
    if audience == Audience.HIRING_MANAGER:
        return Purpose.MANAGER_NOTICE
    if audience == Audience.COMMITTEE:
        return Purpose.COMMITTEE_NOTICE
    if audience == Audience.COLLEAGUES:
        return Purpose.COLLEAGUE_NOTICE
    already_invited = interview.messages.filter(
        audience=Audience.CANDIDATE, purpose__in=[Purpose.INVITATION, Purpose.CHANGE]
    ).exists()
    return Purpose.CHANGE if already_invited else Purpose.INVITATION


def recipient_language(interview: Interview, audience: str, candidate: Candidate | None) -> str:
    """Candidates read their own language; managers and committees the vacancy's."""
    if audience == Audience.CANDIDATE and candidate is not None:
        return candidate.language
    return interview.vacancy.language


def sender(recruiter: User | None) -> tuple[str, str]:
    """From and Reply-To: the organisation's sending address, answers going to the recruiter."""
    name = str(recruiter) if recruiter else ""
    # A long name (first and last name may hold 150 characters each) is shortened to fit the row.
    from_address = fit_address(name, settings.DEFAULT_FROM_EMAIL, FROM_LIMIT)
    return from_address, (recruiter.email if recruiter and recruiter.email else "")
