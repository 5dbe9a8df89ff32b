from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regisseur.accounts.models import Language, Organisation
from regisseur.core.placeholders import validate_template_text
from regisseur.interviews.models import Interview
from regisseur.recruitment.models import Candidate, Contact


class Purpose(models.TextChoices):
    INVITATION = "invitation", _("Invitation")
    CHANGE = "change", _("Change")
    CANCELLATION = "cancellation", _("Cancellation")
    MANAGER_CANCELLATION = "manager_cancellation", _("Cancellation to hiring manager")
    COMMITTEE_CANCELLATION = "committee_cancel", _("Cancellation to committee")
    COLLEAGUE_NOTICE = "colleague_notice", _("Notice to colleagues")
    COLLEAGUE_CANCELLATION = "colleague_cancel", _("Cancellation to colleagues")
    REMINDER = "reminder", _("Reminder")
    SMS_REMINDER = "sms_reminder", _("Reminder by SMS")
    MANAGER_NOTICE = "manager_notice", _("Notice to hiring manager")
    COMMITTEE_NOTICE = "committee_notice", _("Notice to committee")
    THANK_YOU = "thank_you", _("Thank-you")
    ANSWER_NOTICE = "answer_notice", _("Candidate's answer (to the recruiter)")
    # Monitoring the interview day (seed 000).
    ILL_TO_CLIENT = "ill_to_client", _("Candidate ill: to the client")
    CANCELLED_TO_CANDIDATE = "cancelled_to_cand", _("Client cancelled: to the candidate")
    TECH_BACKUP = "tech_backup", _("Backup platform")
    DELAY_NOTICE = "delay_notice", _("Delay notice")
    CHECK_IN = "check_in", _("Check-in after the interview")
    CHECK_IN_CLIENT = "check_in_client", _("Check-in after the interview (client)")
    DEBRIEF = "debrief", _("Debrief invitation")
    # Evaluation (issue 11): a participant who has not given feedback yet.
    FEEDBACK_REMINDER = "feedback_reminder", _("Feedback reminder")


class MessageTemplate(models.Model):
    """A "standard document" (C1): one purpose in one language, with {placeholders}."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="message_templates")
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.DUTCH)
    name = models.CharField(_("name"), max_length=120)
    subject = models.CharField(_("subject"), max_length=200, validators=[validate_template_text])
    body = models.TextField(_("content"), max_length=20000, validators=[validate_template_text])
    signature = models.TextField(_("signature"), max_length=2000, blank=True, validators=[validate_template_text])
    is_default = models.BooleanField(
        _("default"), default=False, help_text=_("Chosen first for this purpose and language.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")
        ordering = ["purpose", "language", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "purpose", "language", "name"], name="template_unique_name"
            ),
            models.UniqueConstraint(
                fields=["organisation", "purpose", "language"],
                condition=Q(is_default=True),
                name="one_default_template",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.language})"


colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a colour like #1f4e79."))


class HtmlProfile(models.Model):
    """A branded layout (C2) that wraps the HTML part of a message."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="html_profiles")
    name = models.CharField(_("name"), max_length=120)
    logo_url = models.URLField(_("logo address"), blank=True, help_text=_("An https address of the logo image."))
    primary_colour = models.CharField(_("main colour"), max_length=7, default="#1f4e79", validators=[colour])
    text_colour = models.CharField(_("text colour"), max_length=7, default="#1c2430", validators=[colour])
    background_colour = models.CharField(_("background colour"), max_length=7, default="#f4f6f8", validators=[colour])
    footer = models.TextField(_("footer"), max_length=2000, blank=True)
    is_default = models.BooleanField(_("default"), default=False)

    class Meta:
        verbose_name = _("HTML profile")
        verbose_name_plural = _("HTML profiles")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation"], condition=Q(is_default=True), name="one_default_profile"),
        ]

    def __str__(self) -> str:
        return self.name


class Audience(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    HIRING_MANAGER = "hiring_manager", _("Hiring manager")
    COMMITTEE = "committee", _("Selection committee")
    COLLEAGUES = "colleagues", _("Participating colleagues")
    RECRUITER = "recruiter", _("Recruiter")
    # The client's main contact for changes (seed 000), whatever the interview's kind.
    CLIENT = "client", _("Client contact")


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("SMS")


class MessageState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class MessageQuerySet(models.QuerySet["Message"]):
    def deliverable(self, now: object) -> MessageQuerySet:
        """Waiting for a (new) attempt whose time has come."""
        return self.filter(state__in=[MessageState.QUEUED, MessageState.FAILED], next_attempt_at__lte=now)


class Message(models.Model):
    """One message to one recipient: the outbox row (C7), written with its cause, delivered after."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="messages")
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, null=True, blank=True, related_name="messages")
    candidate = models.ForeignKey(Candidate, on_delete=models.SET_NULL, null=True, blank=True, related_name="messages")
    contact = models.ForeignKey(Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="messages")
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices, default=Channel.EMAIL)
    audience = models.CharField(_("audience"), max_length=16, choices=Audience.choices)
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.DUTCH)
    to_name = models.CharField(_("recipient"), max_length=200, blank=True)
    to_address = models.CharField(_("to"), max_length=254)
    from_address = models.CharField(_("from"), max_length=320)
    reply_to = models.CharField(_("reply to"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body_text = models.TextField(_("content"))
    body_html = models.TextField(blank=True)
    calendar_method = models.CharField(max_length=8, blank=True)  # REQUEST or CANCEL
    calendar_ics = models.TextField(blank=True)
    includes_confirm_link = models.BooleanField(default=False)
    # The email exactly as it will be handed to the mail server, rendered when queued
    # (with the confirm link's placeholder, never its token); empty: render when sending.
    raw_mime = models.BinaryField(null=True, blank=True, editable=False)
    # The interview's version the text was written for: a text message still waiting when
    # the interview changes is not sent with the old details (see delivery.why_not_to_send).
    interview_version = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # Stable across attempts, so a receiving server can recognise a repeated delivery.
    message_id = models.CharField(max_length=200, unique=True)
    state = models.CharField(_("state"), max_length=8, choices=MessageState.choices, default=MessageState.QUEUED)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="message_due")]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} → {self.to_address}"

    @property
    def public_state(self) -> str:
        """The API's state: a message being handed to the server is still queued."""
        return MessageState.QUEUED if self.state == MessageState.SENDING else self.state
