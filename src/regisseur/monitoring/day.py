"""The interview day itself (O2): started, held, no-show, and who did not show up."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regisseur.accounts.models import User
from regisseur.core.errors import ServiceError
from regisseur.core.timezones import format_day_first
from regisseur.interviews import services as interview_services
from regisseur.interviews.models import Interview, InterviewEvent, InterviewStatus
from regisseur.interviews.services import check_changeable, record_event
from regisseur.monitoring.models import InterviewRun, NoShowBy

# A start is recorded from shortly before the planned start; not days ahead, not in the future.
EARLIEST_START = timedelta(hours=1)
CLOCK_SKEW = timedelta(minutes=5)


def run_of(interview: Interview, *, lock: bool = False) -> InterviewRun:
    """The interview's day record, made when first needed."""
    rows = InterviewRun.objects.select_for_update() if lock else InterviewRun.objects
    run = rows.filter(interview=interview).first()
    if run is None:
        run, _made = InterviewRun.objects.get_or_create(interview=interview)
    return run


@transaction.atomic
def start_interview(*, actor: User, interview: Interview, at: datetime | None = None) -> Interview:
    """Record that the interview started (the moment counts for the on-time start rate, O5)."""
    interview = Interview.objects.select_for_update(of=("self",)).get(pk=interview.pk)
    check_changeable(actor, interview)
    now = timezone.now()
    at = at or now
    if at.tzinfo is None:
        raise ServiceError("invalid", _("Give the moment with its offset."), field="at")
    if at > now + CLOCK_SKEW:
        raise ServiceError("in_the_future", _("An interview cannot start later than now."), field="at")
    if at < interview.starts_at - EARLIEST_START:
        raise ServiceError("not_started", _("That is more than an hour before the planned start."), field="at")
    if interview.status == InterviewStatus.NO_SHOW:
        raise ServiceError("invalid_state", _("This interview was recorded as a no-show."), field="status")
    run = run_of(interview, lock=True)
    if run.started_at is not None:
        raise ServiceError("already_started", _("This interview has already started."), field="at")
    run.started_at = at
    run.started_by = actor
    run.save(update_fields=["started_at", "started_by"])
    record_event(
        interview,
        actor,
        InterviewEvent.Action.STARTED,
        {"started_at": ["", format_day_first(at, interview.time_zone)]},
    )
    return interview


@transaction.atomic
def record_day_outcome(
    *, actor: User, interview: Interview, status: str, no_show_by: str = "", reason: str = ""
) -> Interview:
    """Held or no-show, and for a no-show who stayed away and why (the history keeps it)."""
    reason = (reason or "").strip()
    if len(reason) > 500:
        raise ServiceError("too_long", _("A reason has at most 500 characters."), field="reason")
    if status not in (InterviewStatus.HELD, InterviewStatus.NO_SHOW):
        raise ServiceError("invalid_choice", _("Choose held or no-show."), field="status")
    if status == InterviewStatus.NO_SHOW and no_show_by not in NoShowBy.values:
        raise ServiceError(
            "required", _("Say who did not show up: the candidate, the interviewer or the client."), field="no_show_by"
        )
    if status == InterviewStatus.HELD and no_show_by:
        raise ServiceError("invalid", _("Only a no-show has someone who did not show up."), field="no_show_by")
    changed = interview_services.record_outcome(actor=actor, interview=interview, status=status)
    run = run_of(changed, lock=True)
    before = (run.no_show_by, run.outcome_reason)
    run.no_show_by = no_show_by
    run.outcome_reason = reason
    run.save(update_fields=["no_show_by", "outcome_reason"])
    if before != (no_show_by, reason) and (no_show_by or reason):
        record_event(
            changed,
            actor,
            InterviewEvent.Action.STATUS,
            {"no_show_by": [before[0], no_show_by]} if no_show_by != before[0] else {},
            note=reason,
        )
    return changed


def no_show_label(code: str) -> str:
    return str(NoShowBy(code).label) if code in NoShowBy.values else ""


def is_started(interview: Interview) -> bool:
    run = getattr(interview, "run", None)
    return bool(run and run.started_at)
