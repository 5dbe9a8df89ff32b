"""Structured interviews and their evaluation (seeds 001, 002, 003; SPEC E1-E5).

A vacancy's interview kit holds the phases of seed 001 with their questions, the
competencies rated with a behavioural anchor per level, and the guidelines. Each
participant evaluates an interview on a scorecard; a submitted scorecard is locked, and an
edit after submission is a new version. The panel's decision on the application is kept
with its reasoning. Off-the-record notes belong to their author alone.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regisseur.accounts.models import Organisation
from regisseur.interviews.models import Guideline, Interview
from regisseur.recruitment.models import Application, Vacancy


class Visibility(models.TextChoices):
    ALWAYS = "always", _("Always")
    AFTER_OWN = "after_own", _("After submitting one's own")
    NEVER = "never", _("Never (recruiters only)")


class PhaseCode(models.TextChoices):
    """The phases of an interview in seed 001, in their order."""

    PREPARATION = "preparation", _("Preparation")
    OPENING = "opening", _("Opening")
    EXPERIENCE = "experience", _("Work experience")
    COMPETENCIES = "competencies", _("Skills and competencies")
    BEHAVIOURAL = "behavioural", _("Behavioural and situational questions")
    CANDIDATE_QUESTIONS = "candidate_questions", _("The candidate's questions")
    CLOSING = "closing", _("Closing")


class Kit(models.Model):
    """An interview kit: a vacancy's own (vacancy set) or one of the organisation's library (vacancy empty)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="interview_kits")
    vacancy = models.OneToOneField(
        Vacancy, on_delete=models.CASCADE, null=True, blank=True, related_name="kit", verbose_name=_("vacancy")
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    visibility = models.CharField(
        _("others' evaluations visible"), max_length=16, choices=Visibility.choices, default=Visibility.AFTER_OWN
    )
    guidelines = models.ManyToManyField(Guideline, verbose_name=_("guidelines"), blank=True, related_name="kits")
    # Per phase code a text the panel reads with it (what seed 001 lists under the phase); empty: the built-in one.
    phase_notes = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("interview kit")
        verbose_name_plural = _("interview kits")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name or (self.vacancy.title if self.vacancy_id and self.vacancy else f"kit {self.pk}")


class Competency(models.Model):
    """A competency the panel rates from 1 to 5, each level with its behavioural anchor."""

    kit = models.ForeignKey(Kit, on_delete=models.CASCADE, related_name="competencies")
    name = models.CharField(_("competency"), max_length=120)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    # {"1": "...", ..., "5": "..."}: what a rating of that level looks like.
    anchors = models.JSONField(_("behavioural anchors"), default=dict, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class KitQuestion(models.Model):
    """A question of the kit in one phase, optionally for one competency."""

    kit = models.ForeignKey(Kit, on_delete=models.CASCADE, related_name="questions")
    phase = models.CharField(_("phase"), max_length=24, choices=PhaseCode.choices)
    text = models.TextField(_("question"), max_length=1000)
    competency = models.ForeignKey(
        Competency, on_delete=models.SET_NULL, null=True, blank=True, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("interview question")
        verbose_name_plural = _("interview questions")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class Recommendation(models.TextChoices):
    STRONG_NO = "strong_no", _("Strong no")
    NO = "no", _("No")
    YES = "yes", _("Yes")
    STRONG_YES = "strong_yes", _("Strong yes")


class Evaluation(models.Model):
    """One participant's scorecard for one interview, in versions: a submitted version is never changed."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="evaluations")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="evaluations")
    version = models.PositiveIntegerField(default=1)
    # The version people read; older ones stay as the record of what was submitted before.
    is_current = models.BooleanField(default=True)
    # {"<competency id>": 1..5}
    ratings = models.JSONField(_("ratings"), default=dict, blank=True)
    strengths = models.TextField(_("strengths"), max_length=5000, blank=True)
    weaknesses = models.TextField(_("weaknesses"), max_length=5000, blank=True)
    recommendation = models.CharField(_("recommendation"), max_length=16, choices=Recommendation.choices, blank=True)
    candidate_questions = models.TextField(_("the candidate's questions"), max_length=5000, blank=True)
    questions_answered = models.BooleanField(_("the candidate's questions were answered"), default=False)
    next_steps_told = models.BooleanField(_("next steps and feedback timeline told"), default=False)
    # Seed 002: what was said off the record stays with its author, never in anything shared.
    off_record_notes = models.TextField(_("off-the-record notes"), max_length=5000, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["interview", "author", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["interview", "author", "version"], name="evaluation_version_unique"),
            models.UniqueConstraint(
                fields=["interview", "author"], condition=Q(is_current=True), name="evaluation_one_current"
            ),
        ]
        indexes = [models.Index(fields=["author", "submitted_at"], name="evaluation_author_open")]

    def __str__(self) -> str:
        return f"evaluation of interview {self.interview_id} by {self.author_id} v{self.version}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Decision(models.TextChoices):
    ADVANCE = "advance", _("Advance")
    REJECT = "reject", _("Reject")
    HOLD = "hold", _("Hold")


class PanelDecision(models.Model):
    """The panel's decision on an application after its review, with the reasoning (E3)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="panel_decisions")
    interview = models.ForeignKey(
        Interview, on_delete=models.SET_NULL, null=True, blank=True, related_name="panel_decisions"
    )
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices)
    reasoning = models.TextField(_("reasoning"), max_length=5000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("panel decision")
        verbose_name_plural = _("panel decisions")
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} ({self.decided_at:%Y-%m-%d})"


class Availability(models.Model):
    """When a hiring manager or committee member can take part in new interviews (E5), for scheduling."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="availability")
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("availability")
        verbose_name_plural = _("availability")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="availability_ends_after_start")
        ]
        indexes = [models.Index(fields=["user", "starts_at"], name="availability_user_start")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.starts_at:%Y-%m-%d %H:%M}"


class FeedbackReminder(models.Model):
    """The reminders one participant got for an interview they have not given feedback on yet (item 4).

    Written by the sweep in the same transaction as the message: a reminder moment is sent
    once. `next_due_at` empty: nothing more to send (all sent, feedback given, or not needed).
    """

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="feedback_reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_reminders")
    sent_count = models.PositiveSmallIntegerField(default=0)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    next_due_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("feedback reminder")
        verbose_name_plural = _("feedback reminders")
        ordering = ["interview", "user"]
        constraints = [
            models.UniqueConstraint(fields=["interview", "user"], name="feedback_reminder_unique"),
        ]
        indexes = [models.Index(fields=["next_due_at"], name="feedback_reminder_due")]

    def __str__(self) -> str:
        return f"feedback reminders of interview {self.interview_id} for {self.user_id}"


class VacancyCare(models.Model):
    """A vacancy's aftercare choices (seed 002): whether candidates review the written result."""

    vacancy = models.OneToOneField(Vacancy, on_delete=models.CASCADE, related_name="care")
    result_review = models.BooleanField(
        _("candidates review the written result"),
        default=False,
        help_text=_("After the interview the candidate reads the written result and may send corrections."),
    )

    class Meta:
        verbose_name = _("vacancy aftercare")
        verbose_name_plural = _("vacancy aftercare")

    def __str__(self) -> str:
        return f"aftercare of vacancy {self.vacancy_id}"


class ResultReviewState(models.TextChoices):
    NONE = "", _("Not sent")
    SENT = "sent", _("Sent for review")
    CORRECTED = "corrected", _("Corrections received")
    APPROVED = "approved", _("Approved without corrections")


class InterviewCare(models.Model):
    """An interview's aftercare (seed 002): the sensitive follow-up and the result the candidate reviews."""

    interview = models.OneToOneField(Interview, on_delete=models.CASCADE, related_name="care")
    sensitive = models.BooleanField(_("sensitive interview"), default=False)
    follow_up_due_at = models.DateTimeField(_("follow-up due"), null=True, blank=True)
    follow_up_done_at = models.DateTimeField(null=True, blank=True)
    follow_up_done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    follow_up_note = models.TextField(_("how the candidate experienced it"), max_length=5000, blank=True)
    result_review_state = models.CharField(
        _("result review"), max_length=16, choices=ResultReviewState.choices, default=ResultReviewState.NONE, blank=True
    )
    result_text = models.TextField(_("written result"), max_length=20000, blank=True)
    result_sent_at = models.DateTimeField(null=True, blank=True)
    # Only the hash of the link's token (derived from the Message-ID of the email that carries it).
    result_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    result_expires_at = models.DateTimeField(null=True, blank=True)
    corrections = models.TextField(_("corrections"), max_length=10000, blank=True)
    corrections_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("interview aftercare")
        verbose_name_plural = _("interview aftercare")

    def __str__(self) -> str:
        return f"aftercare of interview {self.interview_id}"
