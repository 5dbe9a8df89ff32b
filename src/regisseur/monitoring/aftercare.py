"""After the interview (O4): the check-ins with both parties within the hour, and the completion.

The interview schedules its check-ins itself: each party's is due in
windows.check_in_due(ends_at) while the interview is not cancelled and not a no-show, so a
change of time moves it and a cancellation ends it without anything to undo. The sweep
(send_due_check_ins, run by the worker) writes one CheckIn row per party, in the same
transaction as the message it queues: a check-in is sent once, or marked missed once its
window has passed (a worker that was down), or cancelled (by a recruiter, or because there
is nobody to send it to). The board reads those rows (after_steps_late).
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regisseur.accounts.models import User
from regisseur.core.errors import ServiceError
from regisseur.interviews.models import MAX_DURATION_MINUTES, Interview, InterviewEvent, InterviewStatus
from regisseur.interviews.services import lock_for_sweep, record_event
from regisseur.messaging.composition import Recipient, compose, fit_name, placeholder_values
from regisseur.messaging.models import Audience, Channel, Message, MessageState, Purpose
from regisseur.messaging.services import queue_email, record_sent, schedule_delivery
from regisseur.messaging.sms import fit_sms
from regisseur.messaging.texts import default_profile, new_message_id, template_variant
from regisseur.monitoring.checklists import check_monitor
from regisseur.monitoring.day import run_of
from regisseur.monitoring.models import CheckIn, CheckInState, FollowUpAudience, InterviewRun
from regisseur.monitoring.ratings import issue_rating, rating_url, score_links_html, score_links_text
from regisseur.monitoring.windows import CHECK_IN_DELAY, Window, check_in_due
from regisseur.reminders.models import SMS_CHANNELS, Reminder

logger = logging.getLogger(__name__)

# Interviews that ended longer ago are not looked at any more: the sweep stays a small,
# indexed query however long the history grows (a worker down for a week marks nothing).
SWEEP_HORIZON = timedelta(days=7)
BATCH = 500
NOT_SENT_STATES = (InterviewStatus.CANCELLED, InterviewStatus.NO_SHOW)
PURPOSES = {FollowUpAudience.CANDIDATE: Purpose.CHECK_IN, FollowUpAudience.CLIENT: Purpose.CHECK_IN_CLIENT}
RATING_PLACEHOLDER = "{rating_link}"
# Stands for the rating links while composing; replaced by the five score links afterwards.
_MARKER = "RATINGLINKSGOHERE"

# Why a check-in was not sent, as a code in CheckIn.note (shown in the reader's language).
NOTE_LABELS = {
    "no_candidate": gettext_lazy("The interview has no candidate."),
    "no_address": gettext_lazy("The candidate has no email address or mobile number."),
    "no_client_contact": gettext_lazy("The client has no contact person with an email address."),
    "group_once": gettext_lazy("The client is asked once for the whole group interview."),
}


def _due_interviews(now: datetime) -> QuerySet[Interview]:
    """Interviews whose check-in window has begun (within the horizon) that still lack a party's row."""
    latest_end = now - CHECK_IN_DELAY
    earliest_end = now - SWEEP_HORIZON
    rows = CheckIn.objects.filter(interview=OuterRef("pk"))
    return (
        Interview.objects.filter(
            # The start bounds let the (starts_at, ends_at) index narrow the scan.
            starts_at__lt=latest_end,
            starts_at__gte=earliest_end - timedelta(minutes=MAX_DURATION_MINUTES),
            ends_at__lte=latest_end,
            ends_at__gt=earliest_end,
        )
        .exclude(status__in=NOT_SENT_STATES)
        .filter(
            ~Exists(rows.filter(audience=FollowUpAudience.CANDIDATE))
            | ~Exists(rows.filter(audience=FollowUpAudience.CLIENT))
        )
    )


def check_ins_need_sweep(*, now: datetime | None = None) -> bool:
    """A check-in due (or overdue without its row): the worker enqueues the sweep only then."""
    return _due_interviews(now or timezone.now()).exists()


def send_due_check_ins(*, now: datetime | None = None) -> dict[str, int]:
    """Send every check-in that is due, once; mark missed the ones whose hour has passed.

    One transaction per interview, its row locked (others' sweeps skip it), so a check-in
    and its CheckIn row are written together or not at all. Harmless to run twice or at once.
    """
    now = now or timezone.now()
    counts: dict[str, int] = {}
    ids = list(_due_interviews(now).order_by("ends_at", "id").values_list("pk", flat=True)[:BATCH])
    for pk in ids:
        try:
            outcomes = check_in_interview(pk, now=now)
        except Exception:
            # One interview that cannot be handled must not stop the others; it is tried again next sweep.
            logger.exception("The check-ins of interview %s could not be handled; they are tried again.", pk)
            outcomes = ["failed"]
        for outcome in outcomes:
            counts[outcome] = counts.get(outcome, 0) + 1
    if counts.get(CheckInState.SENT):
        schedule_delivery()
    return counts


def check_in_interview(pk: int, *, now: datetime) -> list[str]:
    """The missing check-in rows of one interview, each with its message when it is sent."""
    try:
        with transaction.atomic():
            interview = lock_for_sweep(pk)
            # Locked by a change or another sweep: the next sweep looks again.
            if interview is None or interview.status in NOT_SENT_STATES:
                return []
            window = check_in_due(interview.ends_at)
            if now < window.starts:
                return []  # moved later since the sweep read it
            done = set(CheckIn.objects.filter(interview=interview).values_list("audience", flat=True))
            outcomes: list[str] = []
            messages: list[Message] = []
            for audience in (FollowUpAudience.CANDIDATE, FollowUpAudience.CLIENT):
                if audience in done:
                    continue
                if now >= window.ends:
                    CheckIn.objects.create(interview=interview, audience=audience, state=CheckInState.MISSED)
                    outcomes.append(CheckInState.MISSED)
                    continue
                message, why_not = _send(interview, audience)
                if message is None:
                    CheckIn.objects.create(
                        interview=interview, audience=audience, state=CheckInState.CANCELLED, note=why_not
                    )
                    outcomes.append("not_sent")
                else:
                    CheckIn.objects.create(
                        interview=interview, audience=audience, state=CheckInState.SENT, message=message
                    )
                    messages.append(message)
                    outcomes.append(CheckInState.SENT)
            if messages:
                record_sent(interview, None, messages)
            return outcomes
    except IntegrityError:
        return []  # another sweep wrote the row first (the unique constraint): nothing lost, nothing twice


def _send(interview: Interview, audience: str) -> tuple[Message | None, str]:
    if audience == FollowUpAudience.CANDIDATE:
        return _send_to_candidate(interview)
    return _send_to_client(interview)


def _send_to_candidate(interview: Interview) -> tuple[Message | None, str]:
    if interview.application is None:
        return None, "no_candidate"
    candidate = interview.application.candidate
    channel = Reminder.objects.filter(interview=interview).values_list("channel", flat=True).first()
    wants_sms = channel in SMS_CHANNELS and bool(candidate.mobile)
    recipient = Recipient(
        name=candidate.full_name,
        address=candidate.email,
        language=candidate.language,
        audience=Audience.CANDIDATE,
        candidate=candidate,
    )
    message_id = new_message_id()
    if wants_sms:
        _rating, token = issue_rating(
            interview=interview, audience=FollowUpAudience.CANDIDATE, candidate=candidate, short=True, seed=message_id
        )
        return _queue_sms(interview, recipient, token, message_id), ""
    if not candidate.email:
        return None, "no_address"
    _rating, token = issue_rating(
        interview=interview, audience=FollowUpAudience.CANDIDATE, candidate=candidate, seed=message_id
    )
    return _queue_email(interview, recipient, Purpose.CHECK_IN, token, message_id), ""


def _send_to_client(interview: Interview) -> tuple[Message | None, str]:
    if interview.group_id is not None:
        first = (
            Interview.objects.filter(group_id=interview.group_id)
            .exclude(status__in=NOT_SENT_STATES)
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        )
        if first is not None and first != interview.pk:
            return None, "group_once"
    contact = interview.vacancy.main_contact()
    if contact is None or not contact.email:
        return None, "no_client_contact"
    recipient = Recipient(
        name=contact.name,
        address=contact.email,
        language=interview.vacancy.language,
        audience=Audience.CLIENT,
        contact=contact,
    )
    message_id = new_message_id()
    _rating, token = issue_rating(
        interview=interview, audience=FollowUpAudience.CLIENT, contact=contact, seed=message_id
    )
    return _queue_email(interview, recipient, Purpose.CHECK_IN_CLIENT, token, message_id), ""


def _queue_email(interview: Interview, recipient: Recipient, purpose: str, token: str, message_id: str) -> Message:
    actor = interview.created_by
    variant = template_variant(organisation_id=interview.organisation_id, purpose=purpose, language=recipient.language)
    if RATING_PLACEHOLDER not in variant.body:
        # An edited template without the links still asks for the rating.
        variant.body = f"{variant.body.rstrip()}\n\n{RATING_PLACEHOLDER}"
    # After the interview its video link is of no use: the check-in does not repeat it.
    past = copy.copy(interview)
    past.video_link = ""
    composed = compose(
        interview=past,
        recipient=recipient,
        variant=variant,
        include_confirm_link=False,
        confirm_url=None,
        profile=default_profile(interview.organisation_id),
        recruiter=actor,
        extra_values={"rating_link": _MARKER},
    )
    composed.body_text = composed.body_text.replace(_MARKER, score_links_text(token, recipient.language))
    composed.body_html = composed.body_html.replace(_MARKER, score_links_html(token, recipient.language))
    return queue_email(
        interview=interview,
        composed=composed,
        purpose=purpose,
        actor=actor,
        calendar_method="",
        message_id=message_id,
    )


def _queue_sms(interview: Interview, recipient: Recipient, token: str, message_id: str) -> Message:
    """The check-in as a text message: the template up to its rating link, with one link to the rating page."""
    assert recipient.candidate is not None
    actor = interview.created_by
    variant = template_variant(
        organisation_id=interview.organisation_id, purpose=Purpose.CHECK_IN, language=recipient.language
    )
    body = variant.body
    if RATING_PLACEHOLDER in body:
        body = body[: body.index(RATING_PLACEHOLDER) + len(RATING_PLACEHOLDER)]
    else:
        body = f"{body.rstrip()} {RATING_PLACEHOLDER}"
    # fit_sms keeps its link whole at the place of {confirmlink}: the rating link takes that place.
    text = body.replace(RATING_PLACEHOLDER, "{confirmlink}")
    values = placeholder_values(interview, language=recipient.language, recruiter=actor)
    return Message.objects.create(
        organisation_id=interview.organisation_id,
        interview=interview,
        candidate=recipient.candidate,
        channel=Channel.SMS,
        audience=Audience.CANDIDATE,
        purpose=Purpose.CHECK_IN,
        language=recipient.language,
        to_name=fit_name(recipient.name),
        to_address=recipient.candidate.mobile,
        from_address="",
        body_text=fit_sms(text, values, link=rating_url(token)),
        includes_confirm_link=False,
        interview_version=interview.version,
        message_id=message_id,
        state=MessageState.QUEUED,
        next_attempt_at=timezone.now(),
        created_by=actor,
    )


# --- What a recruiter sees and does -----------------------------------------------------------------


@dataclass
class CheckInPlan:
    """One party's check-in as the aftercare page shows it."""

    audience: str
    window: Window
    state: str  # "scheduled", "not_planned" (interview cancelled or no-show), or a CheckInState
    row: CheckIn | None

    @property
    def label(self) -> str:
        return str(FollowUpAudience(self.audience).label)

    @property
    def can_cancel(self) -> bool:
        return self.state == "scheduled"

    @property
    def note_label(self) -> str:
        if self.row is None or not self.row.note:
            return ""
        return str(NOTE_LABELS.get(self.row.note, self.row.note))


def check_in_plans(interview: Interview, rows: list[CheckIn], *, now: datetime | None = None) -> list[CheckInPlan]:
    """Both parties' check-ins: sent, cancelled or missed as recorded, else scheduled (or not at all)."""
    now = now or timezone.now()
    window = check_in_due(interview.ends_at)
    by_audience = {row.audience: row for row in rows}
    plans = []
    for audience in (FollowUpAudience.CANDIDATE, FollowUpAudience.CLIENT):
        row = by_audience.get(audience)
        if row is not None:
            state = row.state
        elif interview.status in NOT_SENT_STATES:
            state = "not_planned"
        elif now >= window.ends:
            state = CheckInState.MISSED  # the sweep marks it so; beyond its horizon nobody will
        else:
            state = "scheduled"
        plans.append(CheckInPlan(audience=audience, window=window, state=state, row=row))
    return plans


@transaction.atomic
def cancel_check_in(*, actor: User, interview: Interview, audience: str) -> CheckIn:
    """A recruiter calls off one party's check-in before it goes; refused once it was sent."""
    check_monitor(actor, interview)
    if audience not in FollowUpAudience.values:
        raise ServiceError("invalid_choice", _("Choose the candidate or the client."), field="audience")
    # The sweep locks the interview too: the check-in is either sent before this or never.
    Interview.objects.select_for_update(of=("self",)).filter(pk=interview.pk).first()
    row = CheckIn.objects.filter(interview=interview, audience=audience).first()
    if row is not None and row.state == CheckInState.CANCELLED:
        return row
    if row is not None and row.state == CheckInState.SENT:
        raise ServiceError("already_sent", _("This check-in has already been sent."))
    if row is not None:
        raise ServiceError("already_missed", _("This check-in was not sent in time; it can no longer be cancelled."))
    row = CheckIn.objects.create(interview=interview, audience=audience, state=CheckInState.CANCELLED, decided_by=actor)
    record_event(interview, actor, InterviewEvent.Action.AFTERCARE, {}, note=f"check_in_cancelled_{audience}")
    return row


@transaction.atomic
def complete_interview(*, actor: User, interview: Interview, notes: str, lessons: str) -> InterviewRun:
    """Log the interview as completed, with notes and the lessons learned (problems, challenges, successes)."""
    check_monitor(actor, interview)
    interview = Interview.objects.select_for_update(of=("self",)).get(pk=interview.pk)
    if interview.status == InterviewStatus.CANCELLED:
        raise ServiceError("interview_cancelled", _("This interview has been cancelled."))
    if interview.starts_at > timezone.now():
        raise ServiceError("not_started", _("An interview is completed after it has taken place."))
    notes, lessons = (notes or "").strip(), (lessons or "").strip()
    limit = InterviewRun._meta.get_field("completion_notes").max_length or 5000
    for name, text in (("notes", notes), ("lessons", lessons)):
        if len(text) > limit:
            raise ServiceError("too_long", _("At most %(limit)d characters.") % {"limit": limit}, field=name)
    run = run_of(interview, lock=True)
    changes = {}
    if run.completion_notes != notes:
        changes["completion_notes"] = [run.completion_notes, notes]
    if run.lessons != lessons:
        changes["lessons"] = [run.lessons, lessons]
    first_time = run.completed_at is None
    if first_time:
        run.completed_at, run.completed_by = timezone.now(), actor
    run.completion_notes, run.lessons = notes, lessons
    run.save(update_fields=["completed_at", "completed_by", "completion_notes", "lessons"])
    if first_time or changes:
        record_event(interview, actor, InterviewEvent.Action.AFTERCARE, changes, note="completed" if first_time else "")
    return run


def is_completed(run: InterviewRun | None) -> bool:
    return run is not None and run.completed_at is not None


# How the interview's history shows what aftercare records (web.views.history reads these).
HISTORY_NOTES = {
    "completed": gettext_lazy("Interview completed."),
    "debrief_planned": gettext_lazy("Debrief planned."),
    "debrief_changed": gettext_lazy("Debrief changed."),
    "debrief_cancelled": gettext_lazy("Debrief cancelled."),
    "rating_candidate": gettext_lazy("Rated by the candidate."),
    "rating_client": gettext_lazy("Rated by the client."),
    "check_in_cancelled_candidate": gettext_lazy("Check-in with the candidate cancelled."),
    "check_in_cancelled_client": gettext_lazy("Check-in with the client cancelled."),
}
HISTORY_FIELDS = {
    "rating": gettext_lazy("rating"),
    "comment": gettext_lazy("comment"),
    "debrief": gettext_lazy("debrief"),
    "completion_notes": gettext_lazy("notes"),
    "lessons": gettext_lazy("lessons learned"),
}
