"""Satisfaction links (O4, O5): a one-click 1-5 rating with a comment, for the candidate and the client.

A rating link is issued with the check-in it travels in. Its token is random and only
its hash is stored (as the confirm link's); it expires RATING_VALID after it is issued.
A GET never records (mail scanners follow links): only posting the page does, and a
party may change their rating until the link expires, each change in the history.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regisseur.core.errors import ServiceError
from regisseur.interviews.models import Interview, InterviewEvent
from regisseur.interviews.services import record_event
from regisseur.monitoring.models import Rating
from regisseur.recruitment.models import Candidate, Contact
from regisseur.responses.services import TOKEN_PLACEHOLDER, hash_token, token_for

RATING_VALID = timedelta(days=14)
SCORES = (1, 2, 3, 4, 5)
SCORE_LABELS = {
    1: gettext_lazy("Very poor"),
    2: gettext_lazy("Poor"),
    3: gettext_lazy("Fair"),
    4: gettext_lazy("Good"),
    5: gettext_lazy("Excellent"),
}
MAX_COMMENT = 2000
# A text message has little room: its token has 128 bits, an email's 256.
SHORT_BYTES, LONG_BYTES = 16, 32


def rating_url(token: str, score: int | None = None) -> str:
    if score is None:
        return settings.BASE_URL + reverse("monitoring:rating", args=[token])
    return settings.BASE_URL + reverse("monitoring:rating_score", args=[token, score])


def issue_rating(
    *,
    interview: Interview,
    audience: str,
    candidate: Candidate | None = None,
    contact: Contact | None = None,
    short: bool = False,
    seed: str | None = None,
) -> tuple[Rating, str]:
    """A new rating link for one party of the interview; answers the row and the token for its address.

    With a `seed` (the Message-ID of the check-in that carries it) the token is derived from it
    like a confirm link's, and the answer is the placeholder: the stored message never holds a
    working link, delivery puts the token in (responses.services.personalise_link).
    """
    if seed is not None:
        token = token_for(seed, short=short)
        address_token = TOKEN_PLACEHOLDER
    else:
        token = secrets.token_urlsafe(SHORT_BYTES if short else LONG_BYTES)
        address_token = token
    rating = Rating.objects.create(
        interview=interview,
        audience=audience,
        candidate=candidate,
        contact=contact,
        token_hash=hash_token(token),
        expires_at=timezone.now() + RATING_VALID,
    )
    return rating, address_token


@dataclass
class RatingState:
    rating: Rating | None
    reason: str  # "", "unknown", "expired"

    @property
    def is_usable(self) -> bool:
        return self.rating is not None and not self.reason


def resolve_rating(token: str) -> RatingState:
    """What a token leads to; an expired link says so and offers nothing."""
    if not token or len(token) > 100:
        return RatingState(None, "unknown")
    rating = (
        Rating.objects.select_related(
            "interview__vacancy__client", "interview__organisation", "interview__application__candidate", "contact"
        )
        .filter(token_hash=hash_token(token))
        .first()
    )
    if rating is None:
        return RatingState(None, "unknown")
    if timezone.now() >= rating.expires_at:
        return RatingState(rating, "expired")
    return RatingState(rating, "")


@transaction.atomic
def record_rating(*, token: str, score: int, comment: str = "") -> Rating:
    """The party's score (1-5) and comment; changeable until the link expires, every change in the history."""
    state = resolve_rating(token)
    if state.rating is None or not state.is_usable:
        raise ServiceError("link_dead", _("This link no longer works."))
    if score not in SCORES:
        raise ServiceError("invalid_choice", _("Choose a score from 1 to 5."), field="score")
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT:
        raise ServiceError("too_long", _("A comment has at most 2000 characters."), field="comment")
    rating = Rating.objects.select_for_update().get(pk=state.rating.pk)
    if rating.score == score and rating.comment == comment:
        return rating  # the same answer posted twice: nothing changed
    changes: dict[str, list[object]] = {"rating": [rating.score, score]}
    if rating.comment != comment:
        changes["comment"] = [rating.comment, comment]
    rating.score, rating.comment, rating.answered_at = score, comment, timezone.now()
    rating.save(update_fields=["score", "comment", "answered_at"])
    # The note names the party (a code; the history shows it in the reader's words).
    record_event(
        rating.interview,
        None,
        InterviewEvent.Action.AFTERCARE,
        changes,
        note=f"rating_{rating.audience}",
        source=InterviewEvent.Source.CANDIDATE if rating.audience == "candidate" else InterviewEvent.Source.SYSTEM,
    )
    return rating


def score_links_text(token: str, language: str) -> str:
    """The five scores as lines of a plain-text email: "5 Excellent: https://…"."""
    with translation.override(language):
        return "\n".join(f"{score} {SCORE_LABELS[score]}: {rating_url(token, score)}" for score in reversed(SCORES))


def score_links_html(token: str, language: str) -> str:
    """The five scores as a row of buttons for an HTML email (inline styles: mail clients drop style sheets)."""
    style = (
        "display:inline-block;min-width:36px;margin:0 6px 6px 0;padding:8px 0;text-align:center;"
        "border-radius:4px;border:1px solid #1f4e79;color:#1f4e79;text-decoration:none;font-weight:bold;"
    )
    with translation.override(language):
        buttons = "".join(
            f'<a href="{escape(rating_url(token, score))}" title="{escape(str(SCORE_LABELS[score]))}" '
            f'style="{style}">{score}</a>'
            for score in SCORES
        )
        legend = escape(_("1 = very poor, 5 = excellent"))
    return f'{buttons}<br><span style="font-size:12px;color:#555555;">{legend}</span>'
