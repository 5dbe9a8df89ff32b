"""Confirm links (A3) and the candidate's answers (A1, A2)."""

from __future__ import annotations

import base64
import functools
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from regisseur.accounts.models import User
from regisseur.accounts.roles import is_recruiter
from regisseur.core.errors import Forbidden, ServiceError
from regisseur.interviews.models import ConfirmationStatus, Interview, InterviewEvent, InterviewStatus
from regisseur.interviews.services import record_event
from regisseur.recruitment.models import ApplicationStatus, InterviewMode
from regisseur.responses.models import CandidateAnswer, CandidateLink, Choice, FollowUp, FollowUpKind

CHOICE_TO_STATUS = {
    Choice.ACCEPT: ConfirmationStatus.ACCEPTED,
    Choice.DECLINE: ConfirmationStatus.NOT_ACCEPTED,
    Choice.NEW_APPOINTMENT: ConfirmationStatus.CONTACT_FOR_NEW_APPOINTMENT,
    Choice.WITHDRAW: ConfirmationStatus.NOT_APPLICABLE,
}


# Stands for the token in a stored message; delivery puts the real one in (see token_for).
TOKEN_PLACEHOLDER = "personal-link"  # noqa: S105 - a marker, not a secret


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def answer_url(token: str) -> str:
    return settings.BASE_URL + reverse("responses:answer", args=[token])


# A text message has little room: its link's token is 22 base64url characters (132 bits
# of an HMAC), still far beyond guessing, where an email's has 43 (256 bits).
SHORT_TOKEN_LENGTH = 22


def token_for(seed: str, *, short: bool = False) -> str:
    """The token of the link issued for `seed` (a message's Message-ID): 256 bits, derived with SECRET_KEY.

    Derived rather than stored, so that the outbox row waiting for the mail server
    (and the message log afterwards) never holds a working link: only its hash is
    in the database. Rotating SECRET_KEY kills links of messages not yet sent.
    `short` gives the SMS token (SHORT_TOKEN_LENGTH characters), under its own salt.
    """
    salt = "regisseur.responses.confirm-link" + (".short" if short else "")
    digest = salted_hmac(salt, seed, algorithm="sha256").digest()
    token = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    return token[:SHORT_TOKEN_LENGTH] if short else token


def issue_link(*, interview: Interview, seed: str | None = None, short: bool = False) -> str:
    """A new confirm link for the interview as it is now; the address goes into one message.

    With a `seed`, the token is derived from it (token_for) and the answer is the
    address with TOKEN_PLACEHOLDER, to be stored; personalise_link() at sending time
    puts the real token in. `short` issues the shorter token of a text message.
    """
    link, url = new_link(interview=interview, seed=seed, short=short)
    link.save(force_insert=True)
    return url


def new_link(*, interview: Interview, seed: str | None = None, short: bool = False) -> tuple[CandidateLink, str]:
    """issue_link without the write: the link's row, to be saved with its message, and its address.

    For a sweep that bulk-creates the rows of many messages in one transaction.
    """
    # 128 bits or more for a short link, 256 for an email's.
    token = token_for(seed, short=short) if seed is not None else secrets.token_urlsafe(16 if short else 32)
    link = CandidateLink(
        interview=interview,
        token_hash=hash_token(token),
        interview_version=interview.version,
        expires_at=interview.ends_at,
    )
    return link, answer_url(TOKEN_PLACEHOLDER if seed is not None else token)


@functools.cache
def _placeholder_path() -> str:
    return reverse("responses:answer", args=[TOKEN_PLACEHOLDER])


def placeholder_path() -> str:
    """The path of a link whose token is put in when the message is sent."""
    return _placeholder_path()


def real_path(seed: str, *, short: bool = False) -> str:
    return _placeholder_path().replace(TOKEN_PLACEHOLDER, token_for(seed, short=short))


def personalise_link(text: str, *, seed: str, short: bool = False) -> str:
    """`text` with the placeholder link replaced by the real one issued for `seed`."""
    placeholder = _placeholder_path()
    if placeholder not in text:
        return text
    return text.replace(placeholder, placeholder.replace(TOKEN_PLACEHOLDER, token_for(seed, short=short)))


@dataclass
class LinkState:
    link: CandidateLink | None
    is_usable: bool
    reason: str  # "", "unknown", "expired", "changed", "cancelled", "withdrawn"


def resolve_link(token: str) -> LinkState:
    """What a token leads to. Dead links say why, but offer nothing."""
    if not token or len(token) > 100:
        return LinkState(None, False, "unknown")
    link = (
        CandidateLink.objects.select_related(
            "interview__application__candidate", "interview__vacancy__client", "interview__organisation"
        )
        .filter(token_hash=hash_token(token))
        .first()
    )
    if link is None:
        return LinkState(None, False, "unknown")
    interview = link.interview
    # Withdrawing cancels the interview too: the withdrawal is what the candidate should read.
    if interview.application is None or interview.application.status == ApplicationStatus.WITHDRAWN:
        return LinkState(link, False, "withdrawn")
    if interview.status == InterviewStatus.CANCELLED:
        return LinkState(link, False, "cancelled")
    if link.interview_version != interview.version:
        return LinkState(link, False, "changed")
    if timezone.now() >= min(link.expires_at, interview.ends_at):
        return LinkState(link, False, "expired")
    return LinkState(link, True, "")


@transaction.atomic
def record_answer(
    *,
    token: str,
    choice: str,
    message: str = "",
    preferred_times: str = "",
    preferred_mode: str = "",
    wants_questions_in_advance: bool = False,
) -> tuple[CandidateAnswer, bool]:
    """The candidate's answer through a link: confirmation status, history and follow-ups.

    Answers (answer, False) when the same answer arrives twice (a form sent again).
    What the answer implies elsewhere (the recruiter told, a withdrawal carried out)
    is the action's: regisseur.actions.answering.
    """
    if choice not in Choice.values:
        raise ServiceError("invalid_choice", _("Choose one of the answers."), field="choice")
    if preferred_mode and preferred_mode not in InterviewMode.values:
        raise ServiceError("invalid_choice", _("Choose in person, video or phone."), field="preferred_mode")
    for field, text, limit in (("message", message, 2000), ("preferred_times", preferred_times, 1000)):
        if len(text) > limit:
            raise ServiceError("too_long", _("This text is too long."), field=field)
    state = resolve_link(token)
    if not state.is_usable or state.link is None:
        raise ServiceError("link_dead", _("This link no longer works."))
    # Lock the interview so that two answers at once are recorded one after the other.
    interview = Interview.objects.select_for_update().get(pk=state.link.interview_id)
    if interview.version != state.link.interview_version or interview.status == InterviewStatus.CANCELLED:
        raise ServiceError("link_dead", _("This link no longer works."))
    new_status = CHOICE_TO_STATUS[Choice(choice)]
    latest = interview.answers.first()
    if (
        latest is not None
        and latest.choice == choice
        and latest.message == message
        and latest.preferred_times == preferred_times
        and latest.preferred_mode == preferred_mode
        and latest.wants_questions_in_advance == wants_questions_in_advance
    ):
        return latest, False  # the same form sent twice: recorded once
    answer = CandidateAnswer.objects.create(
        interview=interview,
        link=state.link,
        choice=choice,
        message=message.strip(),
        preferred_times=preferred_times.strip(),
        preferred_mode=preferred_mode,
        wants_questions_in_advance=wants_questions_in_advance,
    )
    changes: dict[str, list[str]] = {}
    if interview.confirmation_status != new_status:
        changes["confirmation_status"] = [interview.confirmation_status, new_status]
        interview.confirmation_status = new_status
        interview.save(update_fields=["confirmation_status", "updated_at"])
    if preferred_mode:
        changes["preferred_mode"] = ["", preferred_mode]
    if wants_questions_in_advance:
        changes["questions_in_advance"] = ["", "yes"]
    if preferred_times.strip():
        changes["preferred_times"] = ["", preferred_times.strip()[:200]]
    application = interview.application
    assert application is not None  # resolve_link refused links without one
    if preferred_mode and application.candidate.preferred_mode != preferred_mode:
        application.candidate.preferred_mode = preferred_mode
        application.candidate.save(update_fields=["preferred_mode"])
    record_event(
        interview,
        None,
        InterviewEvent.Action.ANSWERED,
        changes,
        note=message[:500],
        source=InterviewEvent.Source.CANDIDATE,
    )
    _open_follow_ups(interview, answer)
    return answer, True


def _open_follow_ups(interview: Interview, answer: CandidateAnswer) -> None:
    """What the recruiter must now do (A2): shown on the interview until ticked off."""
    kinds = []
    if answer.wants_questions_in_advance and answer.choice != Choice.WITHDRAW:
        kinds.append(FollowUpKind.SEND_QUESTIONS)
    if answer.choice == Choice.NEW_APPOINTMENT:
        kinds.append(FollowUpKind.NEW_APPOINTMENT)
    still_on = answer.choice in {Choice.ACCEPT, Choice.NEW_APPOINTMENT}
    if still_on and answer.preferred_mode and answer.preferred_mode != _mode_of(interview.type):
        kinds.append(FollowUpKind.CHANGE_MODE)
    if answer.message and answer.choice != Choice.WITHDRAW:
        kinds.append(FollowUpKind.READ_MESSAGE)
    open_kinds = set(FollowUp.objects.filter(interview=interview, done_at__isnull=True).values_list("kind", flat=True))
    FollowUp.objects.bulk_create(
        [FollowUp(interview=interview, answer=answer, kind=kind) for kind in kinds if kind not in open_kinds]
    )


def _mode_of(interview_type: str) -> str:
    return {"phone": InterviewMode.PHONE, "video": InterviewMode.VIDEO}.get(interview_type, InterviewMode.IN_PERSON)


@transaction.atomic
def complete_follow_up(*, actor: User, follow_up: FollowUp) -> FollowUp:
    """The recruiter did what the candidate's answer asked (sent the questions, called back)."""
    if not is_recruiter(actor) or actor.organisation_id != follow_up.interview.organisation_id:
        raise Forbidden(_("Only recruiters can tick off follow-ups."))
    # Locked and read again: two recruiters ticking it off at once record it once.
    current = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    follow_up.done_at, follow_up.done_by_id = current.done_at, current.done_by_id
    if follow_up.done_at is None:
        follow_up.done_at = timezone.now()
        follow_up.done_by = actor
        follow_up.save(update_fields=["done_at", "done_by"])
        record_event(
            follow_up.interview,
            actor,
            InterviewEvent.Action.UPDATED,
            # Codes, not words: the history shows them in the reader's language.
            {"follow_up": [follow_up.kind, "done"]},
        )
    return follow_up


# --- Reads for the candidate's pages ------------------------------------------------------


def current_answer(link: CandidateLink) -> CandidateAnswer | None:
    """The candidate's latest answer to the interview as it is now.

    Answers given to an earlier version (before a reschedule) no longer count: the
    candidate is asked again, through the new link that came with the change.
    """
    return (
        CandidateAnswer.objects.filter(interview_id=link.interview_id, link__interview_version=link.interview_version)
        .order_by("-created_at", "-id")
        .first()
    )


def withdrawal_through(link: CandidateLink) -> CandidateAnswer | None:
    """The withdrawal made through this very link, if the candidate withdrew with it."""
    return link.answers.filter(choice=Choice.WITHDRAW).order_by("-created_at", "-id").first()
