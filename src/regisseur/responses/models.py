from __future__ import annotations

from django.conf import settings
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


class FollowUpKind(models.TextChoices):
    SEND_QUESTIONS = "send_questions", _("Send the questions in advance")
    NEW_APPOINTMENT = "new_appointment", _("Contact the candidate for a new appointment")
    CHANGE_MODE = "change_mode", _("Consider the candidate's preferred mode")
    READ_MESSAGE = "read_message", _("Answer the candidate's message")


class FollowUp(models.Model):
    """Something the recruiter must do because of a candidate's answer, until it is done (A2)."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="follow_ups")
    answer = models.ForeignKey(CandidateAnswer, on_delete=models.CASCADE, related_name="follow_ups")
    kind = models.CharField(_("to do"), max_length=20, choices=FollowUpKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["interview", "done_at"], name="followup_open")]

    def __str__(self) -> str:
        return self.get_kind_display()
