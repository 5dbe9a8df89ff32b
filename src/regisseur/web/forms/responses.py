"""The candidate's answer forms (A1, A2): parsed here, recorded by responses.services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from regisseur.recruitment.models import InterviewMode
from regisseur.responses.models import Choice


class AnswerForm(forms.Form):
    """One form, four submit buttons named `choice`: the button pressed is the answer."""

    choice = forms.ChoiceField(choices=Choice.choices, error_messages={"required": _("Choose one of the answers.")})
    preferred_mode = forms.ChoiceField(
        label=_("How would you prefer to have the interview?"),
        choices=[("", _("No preference")), *InterviewMode.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    wants_questions_in_advance = forms.BooleanField(
        label=_("I would like to receive the questions in advance"), required=False
    )
    preferred_times = forms.CharField(
        label=_("When would suit you? (optional)"),
        help_text=_("For example: Monday or Tuesday afternoon, not before 10:00."),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    message = forms.CharField(
        label=_("Message to the recruiter (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def answer(self) -> dict[str, Any]:
        """The keyword arguments of record_answer for what was chosen."""
        data = self.cleaned_data
        wants_new_appointment = data["choice"] == Choice.NEW_APPOINTMENT
        return {
            "choice": data["choice"],
            # Times only mean something when asking for a new appointment; a message is
            # kept with every answer ("I'll be there, but 5 minutes late").
            "preferred_times": data["preferred_times"] if wants_new_appointment else "",
            "message": data["message"],
            "preferred_mode": data["preferred_mode"],
            "wants_questions_in_advance": data["wants_questions_in_advance"],
        }


class WithdrawForm(forms.Form):
    """The second step of withdrawing: posting this form is the confirmation."""

    message = forms.CharField(
        label=_("Would you like to tell us why? (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
