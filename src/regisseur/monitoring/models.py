"""Monitoring the interview day (seed 000): checklists, the day itself, incidents, aftercare, satisfaction.

Every row here is a recorded fact with who and when; the metrics (O5) are computed from
these rows and the interview's history, never from counters.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regisseur.accounts.models import Organisation
from regisseur.interviews.models import Interview
from regisseur.messaging.models import Message
from regisseur.recruitment.models import Candidate, Contact


class Phase(models.TextChoices):
    DAY_BEFORE = "day_before", _("Day before")
    AFTER = "after", _("After the interview")


class ChecklistItem(models.Model):
    """One line of an organisation's checklist, as its administrators set it (O1, O4).

    An organisation without rows uses the built-in checklists (monitoring.checklists.DEFAULTS);
    the first edit copies those in. A built-in item keeps its code; its label, when left
    empty, is the built-in one in the reader's language.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="checklist_items")
    phase = models.CharField(_("checklist"), max_length=16, choices=Phase.choices)
    code = models.SlugField(_("code"), max_length=40)
    label = models.CharField(_("label"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["phase", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "phase", "code"], name="checklist_item_unique_code"),
        ]

    def __str__(self) -> str:
        return self.label or self.code


class ChecklistTick(models.Model):
    """An item ticked (or unticked) by hand for one interview, with who, when and a note."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="checklist_ticks")
    phase = models.CharField(max_length=16, choices=Phase.choices)
    code = models.SlugField(max_length=40)
    done = models.BooleanField(default=False)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    done_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("checklist tick")
        verbose_name_plural = _("checklist ticks")
        constraints = [
            models.UniqueConstraint(fields=["interview", "phase", "code"], name="checklist_tick_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.phase}/{self.code}: {self.done}"


class NoShowBy(models.TextChoices):
    CANDIDATE = "candidate", _("The candidate")
    INTERVIEWER = "interviewer", _("The interviewer")
    CLIENT = "client", _("The client")


class InterviewRun(models.Model):
    """What happened on the day of one interview and after it (O2, O4)."""

    interview = models.OneToOneField(Interview, on_delete=models.CASCADE, related_name="run")
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    no_show_by = models.CharField(_("no-show by"), max_length=16, choices=NoShowBy.choices, blank=True)
    outcome_reason = models.CharField(_("reason"), max_length=500, blank=True)
    # Technology problems (O3): recorded on the interview and sent to both parties.
    backup_platform = models.CharField(_("backup platform"), max_length=500, blank=True)
    phone_fallback = models.CharField(_("phone number to fall back on"), max_length=32, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    completion_notes = models.TextField(_("notes"), max_length=5000, blank=True)
    lessons = models.TextField(_("lessons learned"), max_length=5000, blank=True)

    class Meta:
        verbose_name = _("interview day")
        verbose_name_plural = _("interview days")

    def __str__(self) -> str:
        return f"run of interview {self.interview_id}"


class IncidentKind(models.TextChoices):
    CANDIDATE_ILL = "candidate_ill", _("Candidate ill or emergency")
    CLIENT_CANCELLED = "client_cancelled", _("Client cancels last-minute")
    TECHNICAL_PROBLEM = "technical_problem", _("Technology problems")
    OVERRUN = "overrun", _("Overrun or delay")


class Incident(models.Model):
    """A crisis on one interview, handled through the steps of its playbook (O3)."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="incidents")
    kind = models.CharField(_("what happened"), max_length=20, choices=IncidentKind.choices)
    note = models.CharField(_("note"), max_length=1000, blank=True)
    delay_minutes = models.PositiveSmallIntegerField(_("delay (minutes)"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    lessons = models.TextField(_("lessons learned"), max_length=5000, blank=True)

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-opened_at", "-id"]
        indexes = [models.Index(fields=["interview", "closed_at"], name="incident_open")]
        constraints = [
            models.CheckConstraint(
                condition=Q(delay_minutes__isnull=True) | Q(delay_minutes__lte=24 * 60), name="incident_delay_sane"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.opened_at:%Y-%m-%d %H:%M})"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class IncidentStep(models.Model):
    """One step of an incident's playbook: done or not, with who, when, a note and its messages."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="steps")
    code = models.SlugField(max_length=40)
    position = models.PositiveSmallIntegerField(default=0)
    done = models.BooleanField(default=False)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)
    # When the step should be done by (a test call 30 minutes before, a follow-up tomorrow).
    due_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("note"), max_length=1000, blank=True)
    messages = models.ManyToManyField(Message, blank=True, related_name="incident_steps")

    class Meta:
        verbose_name = _("incident step")
        verbose_name_plural = _("incident steps")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["incident", "code"], name="incident_step_unique")]

    def __str__(self) -> str:
        return self.code


class FollowUpAudience(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    CLIENT = "client", _("Client")


class CheckInState(models.TextChoices):
    SENT = "sent", _("Sent")
    CANCELLED = "cancelled", _("Cancelled")
    MISSED = "missed", _("Not sent in time")


class CheckIn(models.Model):
    """The check-in with one party within an hour of the end (O4).

    Scheduled by the interview itself (its end, while it is not cancelled or a no-show);
    a row is written when it is sent, cancelled by hand, or missed, and only once.
    """

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="check_ins")
    audience = models.CharField(max_length=16, choices=FollowUpAudience.choices)
    state = models.CharField(max_length=16, choices=CheckInState.choices)
    message = models.ForeignKey(Message, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    note = models.CharField(max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [models.UniqueConstraint(fields=["interview", "audience"], name="check_in_once")]

    def __str__(self) -> str:
        return f"{self.audience}: {self.state}"


class Debrief(models.Model):
    """The debrief appointment after an interview (O4): its own time, participants and invitation."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="debriefs")
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=30)
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Amsterdam")
    location = models.CharField(_("place, phone or video link"), max_length=500, blank=True)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("participating users"), blank=True, related_name="debriefs"
    )
    contacts = models.ManyToManyField(Contact, verbose_name=_("client contacts"), blank=True, related_name="debriefs")
    sequence = models.PositiveIntegerField(default=0)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("debrief")
        verbose_name_plural = _("debriefs")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5) & Q(duration_minutes__lte=480), name="debrief_duration_sane"
            ),
        ]

    def __str__(self) -> str:
        return f"debrief {self.starts_at:%Y-%m-%d %H:%M}"


class Rating(models.Model):
    """A satisfaction rating link for one party (candidate or client contact) and its answer.

    The token is random and stored hashed, like the confirm link, and expires.
    """

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="ratings")
    audience = models.CharField(max_length=16, choices=FollowUpAudience.choices)
    candidate = models.ForeignKey(Candidate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    contact = models.ForeignKey(Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    score = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("satisfaction rating")
        verbose_name_plural = _("satisfaction ratings")
        constraints = [
            models.UniqueConstraint(fields=["interview", "audience"], name="rating_once_per_party"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | (Q(score__gte=1) & Q(score__lte=5)), name="rating_score_range"
            ),
        ]
        indexes = [models.Index(fields=["answered_at"], name="rating_answered")]

    def __str__(self) -> str:
        return f"{self.audience}: {self.score}"
