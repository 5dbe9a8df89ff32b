"""Reminders (seed 004, M1-M7): set, recompute on change, cancel, and send exactly once."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from regisseur.accounts.models import User
from regisseur.accounts.roles import has_sms_access, is_recruiter
from regisseur.core.errors import Forbidden, ServiceError
from regisseur.core.placeholders import check_template_text
from regisseur.core.reminders import REMINDER_DAYS, is_too_late, reminder_due_at
from regisseur.core.timezones import format_day_first
from regisseur.interviews.models import Interview, InterviewEvent, InterviewStatus
from regisseur.interviews.services import record_event
from regisseur.messaging.composition import Variant
from regisseur.messaging.models import Purpose
from regisseur.messaging.services import schedule_delivery
from regisseur.messaging.texts import template_variant
from regisseur.reminders.messages import Outbox, SweepTexts, queue_reminder_messages
from regisseur.reminders.models import (
    EMAIL_CHANNELS,
    SMS_CHANNELS,
    Reminder,
    ReminderChannel,
    ReminderState,
)

CLAIM_TIMEOUT = timedelta(minutes=10)
logger = logging.getLogger(__name__)


@dataclass
class Warning:
    code: str
    message: str


def due_at_for(interview: Interview, days_before: int) -> datetime:
    return reminder_due_at(
        starts_at=interview.starts_at,
        days_before=days_before,
        zone_name=settings.REMINDER_TIME_ZONE,
        send_time=settings.REMINDER_SEND_TIME,
    )


def _no_mobile(interview: Interview) -> bool:
    return interview.application is None or not interview.application.candidate.mobile


def validate_reminder(
    *, actor: User, interview: Interview, channel: str, days_before: int | None, texts: tuple[str, ...] = ()
) -> tuple[datetime | None, list[Warning]]:
    """The due time of a reminder as chosen, or a ServiceError with the contract's code."""
    if channel not in ReminderChannel.values:
        raise ServiceError("invalid_choice", _("Choose no reminder, email, SMS, or email and SMS."), field="reminder")
    if channel == ReminderChannel.NONE:
        return None, []
    if channel in SMS_CHANNELS and not has_sms_access(actor):
        raise ServiceError("sms_not_allowed", _("You have no access to text message reminders."), field="reminder")
    if days_before not in REMINDER_DAYS:
        raise ServiceError(
            "reminder_days_invalid",
            _("A reminder is sent 1, 2, 3, 5 or 7 days before the interview."),
            field="reminder_days",
        )
    for text in texts:
        problems = check_template_text(text)
        if problems:
            raise ServiceError("invalid_placeholder", " ".join(problems), field="reminder_body")
    assert days_before is not None
    due = due_at_for(interview, days_before)
    if is_too_late(due_at=due, now=timezone.now()):
        raise ServiceError(
            "reminder_too_late",
            _(
                "The interview is fewer than %(days)d days away: a reminder %(days)d days before would have "
                "been sent on %(due)s. Choose fewer days or no reminder."
            )
            % {"days": days_before, "due": format_day_first(due, settings.REMINDER_TIME_ZONE)},
            field="reminder_days",
        )
    warnings = []
    if channel in SMS_CHANNELS and _no_mobile(interview):
        warnings.append(
            Warning(
                "candidate_has_no_mobile",
                _("The candidate has no mobile number: the SMS reminder will be skipped."),
            )
        )
    return due, warnings


def _schedule_sweep(due_at: datetime) -> None:
    """Ask the worker to sweep at `due_at`, once the current transaction commits.

    A backend that cannot defer (one that runs tasks at once) is asked only when the
    moment has come; the worker's regular sweep (reminders_need_sweep) covers the rest,
    and also a request lost between a commit and its enqueueing.
    """

    def enqueue() -> None:
        if send_due_reminders.get_backend().supports_defer:
            send_due_reminders.using(run_after=due_at).enqueue()
        elif due_at <= timezone.now():
            send_due_reminders.enqueue()

    transaction.on_commit(enqueue)


def reminders_need_sweep(*, now: datetime | None = None) -> bool:
    """Reminders due, or claimed by a worker that died (older than CLAIM_TIMEOUT): sweep now."""
    now = now or timezone.now()
    return Reminder.objects.filter(
        Q(state=ReminderState.SCHEDULED, due_at__lte=now)
        | Q(state=ReminderState.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT)
    ).exists()


@transaction.atomic
def set_reminder(
    *,
    actor: User,
    interview: Interview,
    channel: str,
    days_before: int | None = None,
    subject: str = "",
    body: str = "",
    signature: str = "",
) -> tuple[Reminder | None, list[Warning]]:
    """Choose the interview's reminder (M1-M6); "none" cancels an existing one."""
    if not is_recruiter(actor) or actor.organisation_id != interview.organisation_id:
        raise Forbidden(_("Only recruiters can set reminders."))
    if interview.status == InterviewStatus.CANCELLED:
        raise ServiceError("interview_cancelled", _("This interview has been cancelled."))
    due, warnings = validate_reminder(
        actor=actor, interview=interview, channel=channel, days_before=days_before, texts=(subject, body, signature)
    )
    existing = Reminder.objects.select_for_update().filter(interview=interview).first()
    if due is None:
        if existing is not None and existing.state == ReminderState.SCHEDULED:
            existing.state = ReminderState.CANCELLED
            existing.note = _("No reminder chosen.")
            existing.save(update_fields=["state", "note", "updated_at"])
        return existing, []
    assert days_before is not None
    values = {
        "channel": channel,
        "days_before": days_before,
        "subject": subject.strip(),
        "body": body.strip(),
        "signature": signature.strip(),
        "due_at": due,
        "state": ReminderState.SCHEDULED,
        "interview_version": interview.version,
        "sms_skipped_reason": warnings[0].message if warnings else "",
        "claimed_at": None,
        "sent_at": None,
        "note": "",
        "created_by": actor,
    }
    if existing is not None and existing.state in {ReminderState.SENT, ReminderState.SENDING}:
        raise ServiceError("reminder_sent", _("The reminder has already been sent."), field="reminder")
    if existing is None:
        reminder = Reminder.objects.create(interview=interview, **values)
    else:
        for name, value in values.items():
            setattr(existing, name, value)
        existing.save()
        reminder = existing
    record_event(
        interview,
        actor,
        InterviewEvent.Action.UPDATED,
        # Codes and day-first dates, not words: the history shows them in the reader's language.
        {
            "reminder": ["", reminder.channel],
            "reminder_due": ["", format_day_first(due, settings.REMINDER_TIME_ZONE)],
        },
    )
    _schedule_sweep(due)
    return reminder, warnings


def follow_interview(interview: Interview) -> None:
    """After a change or cancellation: move the reminder, or cancel it (M7).

    Called by the interview services inside their transaction. A reminder whose new
    moment has already passed is cancelled rather than sent late with new details.
    """
    reminder = Reminder.objects.select_for_update().filter(interview=interview).first()
    if reminder is None or reminder.state != ReminderState.SCHEDULED:
        return
    if interview.status == InterviewStatus.CANCELLED:
        reminder.state = ReminderState.CANCELLED
        reminder.note = _("The interview was cancelled.")
        reminder.save(update_fields=["state", "note", "updated_at"])
        return
    due = due_at_for(interview, reminder.days_before)
    reminder.interview_version = interview.version
    now = timezone.now()
    # A reminder whose moment stays the same keeps it even when that moment has just passed
    # (due, not yet sent: the sweep sends it with the new details); only a moment moved into
    # the past, or an interview that has begun, is too late.
    moved = due != reminder.due_at
    if is_too_late(due_at=due, now=now) and (moved or interview.starts_at <= now):
        reminder.state = ReminderState.CANCELLED
        reminder.note = _("After the change the interview is too close for this reminder.")
    else:
        reminder.due_at = due
        _schedule_sweep(due)
    reminder.save(update_fields=["state", "note", "due_at", "interview_version", "updated_at"])


def claim_due(*, now: datetime | None = None, limit: int = 5000) -> list[int]:
    """Claim due reminders atomically; two workers never get the same one.

    PostgreSQL skips rows another worker has locked; SQLite runs transactions
    IMMEDIATE (one writer at a time). A claim older than CLAIM_TIMEOUT (a worker died
    before sending) is claimed again: the message and the "sent" mark are written in
    one transaction, so nothing was sent for it.
    """
    now = now or timezone.now()
    with transaction.atomic():
        ids = list(
            Reminder.objects.select_for_update(skip_locked=True)
            .filter(state=ReminderState.SCHEDULED, due_at__lte=now)
            .order_by("due_at", "id")
            .values_list("id", flat=True)[:limit]
        )
        stale = list(
            Reminder.objects.select_for_update(skip_locked=True)
            .filter(state=ReminderState.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT)
            .values_list("id", flat=True)[:limit]
        )
        ids += stale
        if ids:
            Reminder.objects.filter(pk__in=ids).update(state=ReminderState.SENDING, claimed_at=now)
            # The retry is asked for with the claim (on its commit): the moments enqueued when
            # the reminders were set have passed. Should this process die before asking, the
            # worker's regular sweep finds the stale claims (reminders_need_sweep).
            _schedule_sweep(now + CLAIM_TIMEOUT + timedelta(seconds=1))
    return ids


# Reminders sent per transaction by the sweep: one commit, a few reads and a few bulk writes
# for the lot, and one request to deliver.
BATCH_SIZE = 100
_INTERVIEW_RELATIONS = ("application__candidate", "vacancy__client", "vacancy__hiring_manager", "created_by")


def _lock_interviews(interview_ids: list[int]) -> dict[int, Interview]:
    """The interviews locked, with what composing a reminder reads.

    `of` keeps the nullable joins out of FOR UPDATE, which PostgreSQL refuses. Locked in the
    order of their ids, so that two batches never wait for each other in a circle.
    """
    interviews = (
        Interview.objects.select_for_update(of=("self",))
        .select_related(*_INTERVIEW_RELATIONS)
        .prefetch_related("participants", "committee_members")
        .filter(pk__in=interview_ids)
        .order_by("pk")
    )
    return {interview.pk: interview for interview in interviews}


def _send_claimed(reminder: Reminder, interview: Interview, *, now: datetime, texts: SweepTexts, outbox: Outbox) -> str:
    """The one reminder logic, for send_reminder and the sweep's batches alike: the reminder and its
    interview are locked (interview first); a reminder to send adds its rows to `outbox`.

    The rare outcomes that write at once (cancelled, recomputed) do so in a savepoint of
    their own: should one fail, the batch around it goes on without a half-written row.
    """
    if reminder.state != ReminderState.SENDING:
        return "skipped"
    reminder.interview = interview
    if interview.status == InterviewStatus.CANCELLED or interview.application is None:
        with transaction.atomic():
            reminder.state = ReminderState.CANCELLED
            reminder.note = _("The interview was cancelled.")
            reminder.save(update_fields=["state", "note", "updated_at"])
        return "cancelled"
    if reminder.interview_version != interview.version:
        # Changed since the reminder was computed: never remind with stale details.
        with transaction.atomic():
            reminder.state = ReminderState.SCHEDULED
            reminder.save(update_fields=["state", "updated_at"])
            follow_interview(interview)
        return "recomputed"
    rows = queue_reminder_messages(
        interview=interview,
        reminder=reminder,
        email=reminder.channel in EMAIL_CHANNELS,
        sms=reminder.channel in SMS_CHANNELS,
        texts=texts,
    )
    reminder.state = ReminderState.SENT
    reminder.sent_at = now
    reminder.sms_skipped_reason = rows.sms_skipped or reminder.sms_skipped_reason
    reminder.updated_at = now  # Outbox.write updates the row without save(), which sets it (auto_now)
    outbox.add(reminder, rows)
    return "sent"


@transaction.atomic
def send_reminder(
    reminder_id: int,
    *,
    now: datetime | None = None,
    texts: SweepTexts | None = None,
    deliver: bool = True,
) -> str:
    """Queue the messages of one claimed reminder and mark it sent, in one transaction.

    `deliver=False` leaves asking the worker to deliver to the caller (the sweep's fallback
    asks once for its batch).
    """
    now = now or timezone.now()
    interview_id = Reminder.objects.filter(pk=reminder_id).values_list("interview_id", flat=True).first()
    if interview_id is None:
        return "skipped"
    # Lock the interview, then the reminder: the order the interview services use (a change
    # locks the interview, then follow_interview the reminder), so a change and a send never
    # deadlock, and the version compared is the committed one, not a snapshot taken before a
    # concurrent change committed.
    interview = _lock_interviews([interview_id])[interview_id]
    reminder = Reminder.objects.select_for_update(of=("self",)).select_related("created_by").get(pk=reminder_id)
    outbox = Outbox()
    outcome = _send_claimed(reminder, interview, now=now, texts=texts or SweepTexts(), outbox=outbox)
    outbox.write()
    if deliver and outbox.messages:
        schedule_delivery()
    return outcome


@transaction.atomic
def send_reminders(
    reminder_ids: list[int], *, now: datetime | None = None, texts: SweepTexts | None = None
) -> list[str]:
    """Queue the messages of a batch of claimed reminders and mark them sent, in one transaction.

    The same per-reminder logic as send_reminder (_send_claimed), with the reads done once
    for the batch and the rows bulk-created at its end; one request to deliver, on commit.
    A reminder that fails is left "sending" (retried after CLAIM_TIMEOUT) and the others go
    on; a failure of the batch's own reads or writes rolls all of it back (the caller then
    sends its reminders one by one). Answers each reminder's outcome, in order.
    """
    now = now or timezone.now()
    texts = texts or SweepTexts()
    interview_ids = dict(Reminder.objects.filter(pk__in=reminder_ids).values_list("id", "interview_id"))
    interviews = _lock_interviews(sorted(set(interview_ids.values())))
    reminders = {
        reminder.pk: reminder
        for reminder in Reminder.objects.select_for_update(of=("self",))
        .select_related("created_by")
        .filter(pk__in=reminder_ids)
        .order_by("pk")
    }
    outbox = Outbox()
    outcomes = []
    for reminder_id in reminder_ids:
        reminder = reminders.get(reminder_id)
        interview = interviews.get(interview_ids.get(reminder_id, 0))
        if reminder is None or interview is None:
            outcomes.append("skipped")
            continue
        try:
            outcomes.append(_send_claimed(reminder, interview, now=now, texts=texts, outbox=outbox))
        except Exception:
            # One reminder that cannot be sent must not strand the rest of the batch: it wrote
            # nothing (its rows join the outbox only when all are composed) and stays "sending",
            # claimed again after CLAIM_TIMEOUT by the retry sweep claim_due enqueued.
            logger.exception("Reminder %s could not be sent; it is retried later.", reminder_id)
            outcomes.append("failed")
    outbox.write()
    if outbox.messages:
        schedule_delivery()
    return outcomes


def default_email_texts(*, organisation_id: int, language: str) -> Variant:
    """The subject, content and signature a reminder without its own is sent with (M4): the
    organisation's reminder template in that language, else the standard text."""
    return template_variant(organisation_id=organisation_id, purpose=Purpose.REMINDER, language=language)


@task()
def send_due_reminders() -> dict[str, int]:
    """Claim what is due and send each once; harmless to run twice or at once on many workers."""
    counts: dict[str, int] = {}
    texts = SweepTexts()
    while ids := claim_due():
        for start in range(0, len(ids), BATCH_SIZE):
            for outcome in _send_batch(ids[start : start + BATCH_SIZE], texts=texts):
                counts[outcome] = counts.get(outcome, 0) + 1
    # No follow-up is enqueued here: claim_due enqueues one with every claim, in the same
    # transaction, so even a worker that dies mid-sweep leaves its retry behind.
    return counts


def _send_batch(reminder_ids: list[int], *, texts: SweepTexts) -> list[str]:
    """One batch in one transaction; should the batch itself fail, its reminders one by one."""
    try:
        return send_reminders(reminder_ids, texts=texts)
    except Exception:
        logger.exception("A batch of %d reminders failed; they are sent one by one.", len(reminder_ids))
    outcomes = []
    for reminder_id in reminder_ids:
        try:
            outcomes.append(send_reminder(reminder_id, texts=texts, deliver=False))
        except Exception:
            # Left "sending" (its transaction rolled back): retried after CLAIM_TIMEOUT.
            logger.exception("Reminder %s could not be sent; it is retried later.", reminder_id)
            outcomes.append("failed")
    if "sent" in outcomes:
        # One request to deliver for the batch; a worker that dies before it leaves the
        # messages to the outbox sweep, within OUTBOX_SWEEP_SECONDS.
        schedule_delivery()
    return outcomes
