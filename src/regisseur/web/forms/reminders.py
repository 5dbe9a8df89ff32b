"""The reminder part of the planning form and of the bulk invitation (seed 004, M1-M6).

A separate form, rendered inside the planning form's <form>, so that the planning
form stays about the interview and the reminder choice is parsed in one place.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from regisseur.accounts.models import User
from regisseur.accounts.roles import has_sms_access
from regisseur.actions.planning import ReminderChoice
from regisseur.core.errors import ServiceError
from regisseur.core.reminders import REMINDER_DAYS
from regisseur.reminders.models import SMS_CHANNELS, Reminder, ReminderChannel, ReminderState

# The seed's wording (step 7): what the planner chooses, not what the row is called.
CHANNEL_LABELS = {
    ReminderChannel.NONE: _("Do not send a reminder"),
    ReminderChannel.EMAIL: _("Send a reminder by email"),
    ReminderChannel.SMS: _("Send a reminder by SMS"),
    ReminderChannel.EMAIL_SMS: _("Send a reminder by email and SMS"),
}
DEFAULT_DAYS = 1


def current_choice(reminder: Reminder | None) -> ReminderChoice:
    """The reminder an interview has now; a cancelled one counts as none."""
    if reminder is None or reminder.state == ReminderState.CANCELLED:
        return ReminderChoice(ReminderChannel.NONE)
    return ReminderChoice(
        channel=reminder.channel,
        days_before=reminder.days_before,
        subject=reminder.subject,
        body=reminder.body,
        signature=reminder.signature,
    )


class ReminderForm(forms.Form):
    """Channel, days before, and for an email reminder its own subject, content and signature (M1, M2, M4)."""

    # Not required: a form sent without the reminder part (an older page, a script) plans without one.
    reminder = forms.ChoiceField(
        label=_("Reminder"), widget=forms.RadioSelect, initial=ReminderChannel.NONE, required=False
    )
    reminder_days = forms.TypedChoiceField(
        label=_("Days before the interview"),
        choices=[
            (days, ngettext_lazy("%(days)d day before", "%(days)d days before", days) % {"days": days})
            for days in REMINDER_DAYS
        ],
        coerce=int,
        empty_value=None,
        initial=DEFAULT_DAYS,
        required=False,
    )
    reminder_subject = forms.CharField(label=_("Subject"), max_length=300, required=False)
    reminder_body = forms.CharField(
        label=_("Content"), max_length=20000, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    reminder_signature = forms.CharField(
        label=_("Signature"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self,
        *args: Any,
        actor: User,
        reminder: Reminder | None = None,
        template: Any = None,
        **kwargs: Any,
    ) -> None:
        self.current = current_choice(reminder)
        # Candidates an SMS reminder cannot reach (M5), named in the form before anything is saved.
        self.without_mobile: list[str] = []
        if reminder is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(self.current)
        super().__init__(*args, **kwargs)
        channels = [ReminderChannel.NONE, ReminderChannel.EMAIL]
        # M1: the SMS options exist only for users with SMS access (seed 004: "not visible").
        # A reminder someone else chose by SMS stays choosable on its own interview, so that
        # saving other changes keeps it; it is never set anew without access.
        if has_sms_access(actor):
            channels += [ReminderChannel.SMS, ReminderChannel.EMAIL_SMS]
        elif self.current.channel in SMS_CHANNELS:
            channels.append(ReminderChannel(self.current.channel))
        channel_field: Any = self.fields["reminder"]
        channel_field.choices = [(channel.value, CHANNEL_LABELS[channel]) for channel in channels]
        days_field = self.fields["reminder_days"]
        days_field.help_text = _(
            "Sent at %(time)s (%(zone)s time) on that day; weekends count: an interview on Monday with "
            "2 days is reminded on Saturday. It cannot be set when the interview is fewer days away."
        ) % {"time": settings.REMINDER_SEND_TIME.strftime("%H:%M"), "zone": settings.REMINDER_TIME_ZONE}
        self.fields["reminder_subject"].help_text = _(
            "For an email reminder. Leave subject, content and signature empty to use the organisation's "
            "reminder template in the candidate's language when the reminder is sent (shown greyed)."
        )
        # The template's texts as placeholders: visible, yet not stored, so a changed template still applies.
        if template is not None:
            for name, text in (
                ("reminder_subject", template.subject),
                ("reminder_body", template.body),
                ("reminder_signature", template.signature),
            ):
                if text:
                    self.fields[name].widget.attrs["placeholder"] = text
        if reminder is not None and reminder.state in (ReminderState.SENT, ReminderState.SENDING):
            # Sent is sent (M7): shown as it was, not changeable.
            for field in self.fields.values():
                field.disabled = True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("reminder"):
            cleaned["reminder"] = ReminderChannel.NONE
        days_missing = cleaned.get("reminder_days") is None and "reminder_days" not in self.errors
        if cleaned["reminder"] != ReminderChannel.NONE and days_missing:
            self.add_error("reminder_days", _("Choose how many days before the interview the reminder is sent."))
        return cleaned

    @staticmethod
    def initial_for(choice: ReminderChoice) -> dict[str, Any]:
        return {
            "reminder": choice.channel,
            "reminder_days": choice.days_before or DEFAULT_DAYS,
            "reminder_subject": choice.subject,
            "reminder_body": choice.body,
            "reminder_signature": choice.signature,
        }

    @property
    def offers_sms(self) -> bool:
        field: Any = self.fields["reminder"]
        return any(value in SMS_CHANNELS for value, _label in field.choices)

    @property
    def is_sent(self) -> bool:
        return all(field.disabled for field in self.fields.values())

    def choice(self) -> ReminderChoice:
        data = self.cleaned_data
        if data["reminder"] == ReminderChannel.NONE:
            return ReminderChoice(ReminderChannel.NONE)
        return ReminderChoice(
            channel=data["reminder"],
            days_before=data["reminder_days"],
            subject=data["reminder_subject"].strip(),
            body=data["reminder_body"].strip(),
            signature=data["reminder_signature"].strip(),
        )

    def has_new_choice(self) -> bool:
        """Whether saving must set the reminder; an unchanged one follows the interview by itself (M7)."""
        wanted = self.choice()
        current = self.current
        if wanted.channel == ReminderChannel.NONE or current.channel == ReminderChannel.NONE:
            return wanted.channel != current.channel
        return wanted != current

    def add_service_error(self, error: ServiceError) -> bool:
        """Show a refused reminder next to its input; False when the error is not about the reminder."""
        name = error.field or ""
        if name not in self.fields:
            return False
        self.add_error(name, error.message)
        return True
