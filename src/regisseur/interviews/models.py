from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regisseur.accounts.models import Organisation, validate_time_zone
from regisseur.recruitment.models import Application, Contact, Vacancy

MAX_DURATION_MINUTES = 8 * 60
# The reason recorded when the candidate withdrew through their link (API: cancel_reason); shown translated.
CANDIDATE_WITHDREW = "candidate_withdrew"
CANCEL_REASON_LABELS = {CANDIDATE_WITHDREW: _("Candidate withdrew")}


class LocationPreset(models.Model):
    """A configured interview location; choosing it fills the free-text location."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="location_presets")
    name = models.CharField(_("name"), max_length=120)
    location = models.TextField(
        _("location"), max_length=500, help_text=_("Address or instructions as sent to people.")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("interview location")
        verbose_name_plural = _("interview locations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Guideline(models.Model):
    """Interview guidance from the library, e.g. the STAR method."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="guidelines")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), max_length=20000)

    class Meta:
        verbose_name = _("guideline")
        verbose_name_plural = _("guidelines")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class InterviewType(models.TextChoices):
    PHONE = "phone", _("Phone")
    IN_PERSON = "in_person", _("In person")
    VIDEO = "video", _("Video")
    GROUP = "group", _("Group interview")


class InterviewKind(models.TextChoices):
    RECRUITER = "recruiter", _("With recruiter")
    HIRING_MANAGER = "hiring_manager", _("With hiring manager")
    BOTH = "both", _("With both")


class InterviewStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    NO_SHOW = "no_show", _("No-show")
    CANCELLED = "cancelled", _("Cancelled")


class ConfirmationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    CONTACT_FOR_NEW_APPOINTMENT = "contact_for_new_appointment", _("Contact for new appointment")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class InterviewGroup(models.Model):
    """Several candidates interviewed together: one interview row per candidate share a group."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="interview_groups")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("group interview")
        verbose_name_plural = _("group interviews")

    def __str__(self) -> str:
        return f"#{self.pk}"


class InterviewQuerySet(models.QuerySet["Interview"]):
    def active(self) -> InterviewQuerySet:
        return self.exclude(status=InterviewStatus.CANCELLED)

    def upcoming(self) -> InterviewQuerySet:
        return self.active().filter(ends_at__gt=timezone.now())

    def overlapping(self, starts_at: datetime, ends_at: datetime) -> InterviewQuerySet:
        return self.filter(starts_at__lt=ends_at, ends_at__gt=starts_at)


class Interview(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="interviews")
    vacancy = models.ForeignKey(Vacancy, verbose_name=_("vacancy"), on_delete=models.CASCADE, related_name="interviews")
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="interviews",
        null=True,
        blank=True,
        help_text=_("Empty for an interview round planned on the vacancy before candidates apply."),
    )
    group = models.ForeignKey(
        InterviewGroup,
        verbose_name=_("group interview"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interviews",
    )
    round_name = models.CharField(_("round"), max_length=120, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    # Stored (not only computed) so that overlap queries for conflicts use an index.
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Amsterdam", validators=[validate_time_zone]
    )
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"))
    type = models.CharField(
        _("interview type"), max_length=16, choices=InterviewType.choices, default=InterviewType.IN_PERSON
    )
    kind = models.CharField(_("kind"), max_length=16, choices=InterviewKind.choices, default=InterviewKind.RECRUITER)
    location_preset = models.ForeignKey(
        LocationPreset, verbose_name=_("interview location"), on_delete=models.SET_NULL, null=True, blank=True
    )
    location = models.TextField(_("location"), max_length=500, blank=True)
    video_link = models.URLField(
        _("video link"),
        max_length=500,
        blank=True,
        help_text=_("The meeting address for a video interview; sent in the invitation and the calendar event."),
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    interviewer = models.CharField(_("interviewer"), max_length=200, blank=True)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("participating users"), blank=True, related_name="interviews"
    )
    committee_members = models.ManyToManyField(
        Contact, verbose_name=_("selection committee members"), blank=True, related_name="committee_interviews"
    )
    guidelines = models.ManyToManyField(Guideline, verbose_name=_("guidelines"), blank=True, related_name="interviews")
    memo = models.TextField(
        _("memo"),
        max_length=5000,
        blank=True,
        help_text=_("Private: never shown to other participants or in any message."),
    )
    report = models.TextField(_("interview report"), max_length=20000, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=InterviewStatus.choices, default=InterviewStatus.PLANNED
    )
    confirmation_status = models.CharField(
        _("confirmation"), max_length=32, choices=ConfirmationStatus.choices, default=ConfirmationStatus.PENDING
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    # Grows with every change; candidate links and calendar invitations are bound to it.
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InterviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["organisation", "starts_at"], name="interview_org_start"),
            models.Index(fields=["starts_at", "ends_at"], name="interview_window"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5) & Q(duration_minutes__lte=MAX_DURATION_MINUTES),
                name="interview_duration_sane",
            ),
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="interview_ends_after_start"),
        ]

    def __str__(self) -> str:
        who = self.application.candidate.full_name if self.application_id and self.application else self.round_name
        return f"{who} – {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == InterviewStatus.CANCELLED

    @property
    def cancel_reason_label(self) -> str:
        """The reason for cancelling as people read it: a known code translated, else as typed."""
        return str(CANCEL_REASON_LABELS.get(self.cancel_reason, self.cancel_reason))

    @property
    def local_starts_at(self) -> datetime:
        """The start in the interview's own time zone."""
        import zoneinfo

        return self.starts_at.astimezone(zoneinfo.ZoneInfo(self.time_zone))

    @property
    def duration(self) -> timedelta:
        return timedelta(minutes=self.duration_minutes)


class InterviewEvent(models.Model):
    """The audit trail of an interview: who changed what, before and after (P3)."""

    class Action(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RESCHEDULED = "rescheduled", _("Rescheduled")
        UPDATED = "updated", _("Changed")
        CANCELLED = "cancelled", _("Cancelled")
        LINKED = "linked", _("Linked to application")
        STATUS = "status", _("Status changed")
        ANSWERED = "answered", _("Candidate answered")
        MESSAGE = "message", _("Message")
        WITHDRAWN = "withdrawn", _("Candidate withdrew")
        GROUP = "group", _("Group changed")
        STARTED = "started", _("Started")
        CHECKLIST = "checklist", _("Checklist")
        INCIDENT = "incident", _("Incident")
        AFTERCARE = "aftercare", _("After the interview")

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Source(models.TextChoices):
        USER = "user", _("User")
        CANDIDATE = "candidate", _("Candidate")
        SYSTEM = "system", _("System")

    action = models.CharField(max_length=16, choices=Action.choices)
    # Who acted when `actor` is empty: the candidate through a link, or the system (a reminder, a sweep).
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.USER)
    # {"field": [before, after]} with values as shown to people (strings, ISO datetimes).
    changes = models.JSONField(default=dict, blank=True)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("interview event")
        verbose_name_plural = _("interview events")
        ordering = ["-created_at", "-id"]
        # The history of one interview, and the metrics' "changed in the last day before it" (O5).
        indexes = [models.Index(fields=["interview", "created_at"], name="event_interview_time")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.created_at:%Y-%m-%d %H:%M}"
