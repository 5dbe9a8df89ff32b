"""Feedback reminders (issue 11, item 4): who still owes their evaluation of an interview, and the sweep.

Who gives feedback: the interview's participating users, the committee members with a
user, and the hiring manager's user when the interview is held with the hiring manager
(the people of interviews.access.participant_interview_q). Whoever has no submitted
current Evaluation is reminded one hour after the end, then each working day at 09:00
for up to five days (feedback_times). The sweep (send_due_feedback_reminders, run by the
worker) writes the participant's FeedbackReminder row in the same transaction as the
message it queues, with the interview locked: each moment is sent once; a moment missed
by a worker that was down is not made up twice (the next send covers all that passed).
Reminders stop once the feedback is submitted or the interview is cancelled or a no-show.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import escape

from regisseur.accounts.models import User
from regisseur.evaluation.feedback_times import FIRST_AFTER, LAST_WITHIN, reminder_moments
from regisseur.evaluation.models import Evaluation, FeedbackReminder
from regisseur.interviews.models import MAX_DURATION_MINUTES, Interview, InterviewKind, InterviewStatus
from regisseur.interviews.services import lock_for_sweep
from regisseur.messaging.composition import Recipient, compose
from regisseur.messaging.models import Audience, Message, Purpose
from regisseur.messaging.services import queue_email, record_sent, schedule_delivery
from regisseur.messaging.texts import default_profile, template_variant

logger = logging.getLogger(__name__)

NOT_SENT_STATES = (InterviewStatus.CANCELLED, InterviewStatus.NO_SHOW)
MANAGER_KINDS = (InterviewKind.HIRING_MANAGER, InterviewKind.BOTH)
# Feedback not given a day after the end is late on the monitoring board (feedback_late).
LATE_AFTER = timedelta(hours=24)
BATCH = 500


def _submitted(author: OuterRef) -> QuerySet[Evaluation]:
    """The submitted current evaluation of the outer interview (two levels out) by `author`."""
    return Evaluation.objects.filter(
        interview_id=OuterRef(OuterRef("pk")),
        author_id=author,
        is_current=True,
        submitted_at__isnull=False,
    )


def feedback_open() -> Any:
    """Interviews with someone who gives feedback and has not submitted it, as one filter (EXISTS subqueries)."""
    participants = Interview.participants.through.objects.filter(
        interview_id=OuterRef("pk"), user__is_active=True
    ).filter(~Exists(_submitted(OuterRef("user_id"))))
    committee = Interview.committee_members.through.objects.filter(
        interview_id=OuterRef("pk"), contact__user__isnull=False, contact__user__is_active=True
    ).filter(~Exists(_submitted(OuterRef("contact__user_id"))))
    manager = Evaluation.objects.filter(
        interview_id=OuterRef("pk"),
        author_id=OuterRef("vacancy__hiring_manager__user_id"),
        is_current=True,
        submitted_at__isnull=False,
    )
    return (
        Exists(participants)
        | Exists(committee)
        | (Q(kind__in=MANAGER_KINDS, vacancy__hiring_manager__user__is_active=True) & ~Exists(manager))
    )


def evaluators(interview: Interview) -> list[User]:
    """Everyone who gives feedback on the interview, once each, in id order."""
    ids: set[int] = set(interview.participants.values_list("id", flat=True))
    ids |= set(interview.committee_members.filter(user__isnull=False).values_list("user_id", flat=True))
    manager = interview.vacancy.hiring_manager
    if interview.kind in MANAGER_KINDS and manager is not None and manager.user_id is not None:
        ids.add(manager.user_id)
    return list(User.objects.filter(id__in=ids, is_active=True).order_by("id"))


def submitted_authors(interview: Interview) -> set[int]:
    return set(
        Evaluation.objects.filter(interview=interview, is_current=True, submitted_at__isnull=False).values_list(
            "author_id", flat=True
        )
    )


def _due_interviews(now: datetime) -> QuerySet[Interview]:
    """Interviews whose reminders have begun (within their horizon) with a reminder due or not yet planned."""
    latest_end = now - FIRST_AFTER
    earliest_end = now - LAST_WITHIN
    rows = FeedbackReminder.objects.filter(interview=OuterRef("pk"))
    return (
        Interview.objects.filter(
            starts_at__lt=latest_end,
            starts_at__gte=earliest_end - timedelta(minutes=MAX_DURATION_MINUTES),
            ends_at__lte=latest_end,
            ends_at__gt=earliest_end,
        )
        .exclude(status__in=NOT_SENT_STATES)
        .filter(Exists(rows.filter(next_due_at__lte=now)) | (~Exists(rows) & feedback_open()))
    )


def feedback_reminders_need_sweep(*, now: datetime | None = None) -> bool:
    """A feedback reminder due: the worker enqueues the sweep only then."""
    return _due_interviews(now or timezone.now()).exists()


def send_due_feedback_reminders(*, now: datetime | None = None) -> dict[str, int]:
    """Send every feedback reminder that is due, once; harmless to run twice or at once."""
    now = now or timezone.now()
    counts: dict[str, int] = {}
    ids = list(_due_interviews(now).order_by("ends_at", "id").values_list("pk", flat=True)[:BATCH])
    for pk in ids:
        try:
            outcomes = remind_interview(pk, now=now)
        except Exception:
            logger.exception("The feedback reminders of interview %s could not be handled; tried again.", pk)
            outcomes = ["failed"]
        for outcome in outcomes:
            counts[outcome] = counts.get(outcome, 0) + 1
    if counts.get("sent"):
        schedule_delivery()
    return counts


def remind_interview(pk: int, *, now: datetime) -> list[str]:
    """The due reminders of one interview, each with its row, in one transaction with the interview locked."""
    try:
        with transaction.atomic():
            interview = lock_for_sweep(pk)
            if interview is None or interview.status in NOT_SENT_STATES:
                return []
            moments = reminder_moments(interview.ends_at)
            passed = sum(1 for moment in moments if moment <= now)
            if passed == 0:
                return []
            upcoming = moments[passed] if passed < len(moments) else None
            done = submitted_authors(interview)
            rows = {row.user_id: row for row in FeedbackReminder.objects.filter(interview=interview)}
            outcomes: list[str] = []
            messages: list[Message] = []
            for user in evaluators(interview):
                row = rows.get(user.pk)
                if user.pk in done:
                    if row is not None and row.next_due_at is not None:
                        row.next_due_at = None
                        row.save(update_fields=["next_due_at"])
                        outcomes.append("stopped")
                    continue
                if row is None:
                    row = FeedbackReminder(interview=interview, user=user)
                elif row.next_due_at is None or row.next_due_at > now or row.sent_count >= passed:
                    continue
                if not user.email:
                    outcomes.append("no_address")
                    row.sent_count, row.next_due_at = passed, upcoming
                else:
                    messages.append(_queue(interview, user))
                    row.sent_count, row.last_sent_at, row.next_due_at = passed, now, upcoming
                    outcomes.append("sent")
                row.save()
            # Rows of people no longer giving feedback (removed from the interview) stop too.
            FeedbackReminder.objects.filter(interview=interview, next_due_at__isnull=False).exclude(
                user_id__in=[user.pk for user in evaluators(interview)]
            ).update(next_due_at=None)
            if messages:
                record_sent(interview, None, messages)
            return outcomes
    except IntegrityError:
        return []  # another sweep wrote the row first: nothing lost, nothing twice


def scorecard_url(interview: Interview) -> str:
    """Where the participant gives feedback: the scorecard page, else the interview record."""
    try:
        path = reverse("evaluation:scorecard", args=[interview.pk])
    except NoReverseMatch:
        path = reverse("interviews:detail", args=[interview.pk])
    return settings.BASE_URL + path


def _queue(interview: Interview, user: User) -> Message:
    language = user.language or "nl"
    recipient = Recipient(
        name=user.get_full_name() or user.username, address=user.email, language=language, audience=Audience.COLLEAGUES
    )
    actor = interview.created_by
    variant = template_variant(
        organisation_id=interview.organisation_id, purpose=Purpose.FEEDBACK_REMINDER, language=language
    )
    composed = compose(
        interview=interview,
        recipient=recipient,
        variant=variant,
        include_confirm_link=False,
        confirm_url=None,
        profile=default_profile(interview.organisation_id),
        recruiter=actor,
    )
    # The link is added after composing: templates have no placeholder for it, and it must be there.
    url = scorecard_url(interview)
    composed.body_text = f"{composed.body_text.rstrip()}\n\n{url}\n"
    composed.body_html = composed.body_html.replace(
        "</body>", f'<p><a href="{escape(url)}">{escape(url)}</a></p></body>', 1
    )
    return queue_email(
        interview=interview,
        composed=composed,
        purpose=Purpose.FEEDBACK_REMINDER,
        actor=actor,
        calendar_method="",
    )
