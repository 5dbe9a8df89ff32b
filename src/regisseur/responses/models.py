from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from regisseur.interviews.models import Interview
from regisseur.recruitment.models import InterviewMode


class CandidateLink(models.Model):
    """A confirm link (A3): random, stored hashed, bound to one version of one interview."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="candidate_links")
    token_hash = models.CharField(max_length=64, unique=True)
    interview_version = models.PositiveIntegerField()
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("confirm link")
        verbose_name_plural = _("confirm links")

    def __str__(self) -> str:
        return f"link for interview {self.interview_id} v{self.interview_version}"


class Choice(models.TextChoices):
    ACCEPT = "accept", _("Yes, I will attend")
    DECLINE = "decline", _("No, I cannot")
    NEW_APPOINTMENT = "new_appointment", _("Plan a new appointment")
    WITHDRAW = "withdraw", _("Withdraw my application")


class CandidateAnswer(models.Model):
    """What the candidate answered through a link (A1, A2)."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="answers")
    link = models.ForeignKey(CandidateLink, on_delete=models.SET_NULL, null=True, related_name="answers")
    choice = models.CharField(_("answer"), max_length=20, choices=Choice.choices)
    message = models.TextField(_("message"), max_length=2000, blank=True)
    preferred_times = models.TextField(_("preferred times"), max_length=1000, blank=True)
    preferred_mode = models.CharField(_("preferred mode"), max_length=16, choices=InterviewMode.choices, blank=True)
    wants_questions_in_advance = models.BooleanField(_("wants the questions in advance"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("candidate answer")
        verbose_name_plural = _("candidate answers")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.get_choice_display()
