from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regisseur.interviews.models import Interview


class ReminderChannel(models.TextChoices):
    NONE = "none", _("No reminder")
    EMAIL = "email", _("Reminder by email")
    SMS = "sms", _("Reminder by SMS")
    EMAIL_SMS = "email_sms", _("Reminder by email and SMS")


SMS_CHANNELS = {ReminderChannel.SMS, ReminderChannel.EMAIL_SMS}
EMAIL_CHANNELS = {ReminderChannel.EMAIL, ReminderChannel.EMAIL_SMS}


class ReminderState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    CANCELLED = "cancelled", _("Cancelled")


class Reminder(models.Model):
    """One interview's reminder (M1-M7): a row with its due time, sent once by the sweep."""

    interview = models.OneToOneField(Interview, on_delete=models.CASCADE, related_name="reminder")
    channel = models.CharField(_("reminder"), max_length=10, choices=ReminderChannel.choices)
    days_before = models.PositiveSmallIntegerField(_("days before"))
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body = models.TextField(_("content"), max_length=20000, blank=True)
    signature = models.TextField(_("signature"), max_length=2000, blank=True)
    due_at = models.DateTimeField(_("due at"))
    state = models.CharField(_("state"), max_length=10, choices=ReminderState.choices, default=ReminderState.SCHEDULED)
    # The interview version the reminder was last computed for: a change recomputes it.
    interview_version = models.PositiveIntegerField()
    sms_skipped_reason = models.CharField(max_length=200, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        indexes = [
            # The sweep reads only scheduled rows that are due: O(due), not O(all).
            models.Index(fields=["due_at"], name="reminder_due", condition=Q(state="scheduled")),
            # Claims left by a worker that died: looked up on every sweep, rare.
            models.Index(fields=["claimed_at"], name="reminder_claimed", condition=Q(state="sending")),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(days_before__in=[1, 2, 3, 5, 7]), name="reminder_days_allowed"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} – {self.due_at:%Y-%m-%d %H:%M}"
