"""Forms of the aftercare pages (O4): the debrief, the completion, and a party's satisfaction rating."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from regisseur.accounts.models import User
from regisseur.core.timezones import SKIPPED, local_to_utc, to_zone, wall_clock_gap
from regisseur.interviews.models import Interview
from regisseur.monitoring.models import Debrief
from regisseur.monitoring.ratings import MAX_COMMENT, SCORE_LABELS, SCORES
from regisseur.recruitment.models import Contact
from regisseur.web.forms.fields import ClockField, DayField


class DebriefForm(forms.Form):
    date = DayField(label=_("Date"), help_text=_("Day first: dd-mm-yyyy."))
    time = ClockField(label=_("Time"), help_text=_("24-hour clock, for example 9:30 or 14.00."))
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=5, max_value=480, initial=30)
    location = forms.CharField(
        label=_("Place, phone or video link"), max_length=500, required=False, widget=forms.TextInput
    )
    participants = forms.ModelMultipleChoiceField(
        label=_("Participating users"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    contacts = forms.ModelMultipleChoiceField(
        label=_("Client contacts"),
        queryset=Contact.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, interview: Interview, debrief: Debrief | None = None, **kwargs: Any) -> None:
        self.interview = interview
        if debrief is not None:
            local = to_zone(debrief.starts_at, debrief.time_zone)
            kwargs.setdefault(
                "initial",
                {
                    "date": local.strftime("%d-%m-%Y"),
                    "time": local.strftime("%H:%M"),
                    "duration_minutes": debrief.duration_minutes,
                    "location": debrief.location,
                    "participants": [user.pk for user in debrief.participants.all()],
                    "contacts": [contact.pk for contact in debrief.contacts.all()],
                },
            )
        else:
            # A suggestion: half an hour after the end, with the people of the interview.
            local = to_zone(interview.ends_at + timedelta(minutes=30), interview.time_zone)
            kwargs.setdefault(
                "initial",
                {
                    "date": local.strftime("%d-%m-%Y"),
                    "time": local.strftime("%H:%M"),
                    "participants": [user.pk for user in interview.participants.all()],
                },
            )
        super().__init__(*args, **kwargs)
        participants: Any = self.fields["participants"]
        participants.queryset = User.objects.filter(organisation_id=interview.organisation_id, is_active=True).order_by(
            "first_name", "last_name", "username"
        )
        contacts: Any = self.fields["contacts"]
        contacts.queryset = Contact.objects.filter(client_id=interview.vacancy.client_id).order_by("name", "id")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day: date | None = cleaned.get("date")
        clock: time | None = cleaned.get("time")
        if day is not None and clock is not None:
            zone = self.interview.time_zone
            if wall_clock_gap(day, clock, zone) == SKIPPED:
                self.add_error("time", _("This time does not exist on that day: the clocks go forward."))
            else:
                cleaned["starts_at"] = local_to_utc(day, clock, zone)
        return cleaned


class CompletionForm(forms.Form):
    notes = forms.CharField(
        label=_("Notes"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How the interview went, in a few words."),
    )
    lessons = forms.CharField(
        label=_("Lessons learned"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Problems, challenges and successes, to learn from."),
    )


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Your rating"),
        choices=[(score, SCORE_LABELS[score]) for score in SCORES],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a score from 1 to 5.")},
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        max_length=MAX_COMMENT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
