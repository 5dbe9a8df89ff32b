"""Parsing of the planning form (P1, P2), the bulk invitation (P5) and the overview filters (P7).

Dates are typed day-first (dd-mm-yyyy) as text rather than with the browser's
date input, because Chromium shows that input in the browser's locale
(mm/dd/yyyy for American users) and the seed wants day-first for everyone.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

from django import forms
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regisseur.accounts.models import User
from regisseur.core.errors import ServiceError
from regisseur.core.timezones import AMSTERDAM, is_valid_time_zone, local_to_utc
from regisseur.interviews.changes import SCOPE_GROUP, SCOPE_THIS
from regisseur.interviews.models import (
    MAX_DURATION_MINUTES,
    ConfirmationStatus,
    Guideline,
    Interview,
    InterviewKind,
    InterviewStatus,
    InterviewType,
    LocationPreset,
)
from regisseur.interviews.planning import MIN_DURATION_MINUTES, Planning, validate_video_link
from regisseur.recruitment.models import Contact, Vacancy

DATE_INPUT_FORMATS = ["%d-%m-%Y", "%Y-%m-%d"]
DATE_DISPLAY_FORMAT = "%d-%m-%Y"

# The zones planners meet most; an interview already in another valid zone keeps its own.
COMMON_TIME_ZONES = [
    "Europe/Amsterdam",
    "Europe/Brussels",
    "Europe/Berlin",
    "Europe/Paris",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Lisbon",
    "Europe/Madrid",
    "Europe/Rome",
    "Europe/Zurich",
    "Europe/Vienna",
    "Europe/Copenhagen",
    "Europe/Stockholm",
    "Europe/Oslo",
    "Europe/Warsaw",
    "Europe/Prague",
    "Europe/Helsinki",
    "Europe/Athens",
    "Europe/Istanbul",
    "Africa/Johannesburg",
    "Africa/Lagos",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Toronto",
    "America/Mexico_City",
    "America/Sao_Paulo",
    "UTC",
]

# Where a service names an input, which form field shows the error.
SERVICE_FIELD_TO_FORM_FIELD = {"starts_at": "date"}


def _zone_choices(extra: str | None = None) -> list[tuple[str, str]]:
    zones = list(COMMON_TIME_ZONES)
    if extra and extra not in zones and is_valid_time_zone(extra):
        zones.append(extra)
    return [(zone, zone.replace("_", " ")) for zone in zones]


class PlanningForm(forms.Form):
    """The one planning form: new interviews, interview rounds on a vacancy, edits, and bulk invitations."""

    date = forms.DateField(
        label=_("Date"),
        input_formats=DATE_INPUT_FORMATS,
        help_text=_("Day first: dd-mm-yyyy."),
        widget=forms.DateInput(
            format=DATE_DISPLAY_FORMAT,
            attrs={"placeholder": _("dd-mm-yyyy"), "inputmode": "numeric", "autocomplete": "off", "size": 12},
        ),
    )
    time = forms.TimeField(
        label=_("Time"),
        input_formats=["%H:%M"],
        help_text=_("24-hour clock: HH:MM."),
        widget=forms.TimeInput(
            format="%H:%M", attrs={"placeholder": _("HH:MM"), "inputmode": "numeric", "autocomplete": "off", "size": 6}
        ),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        initial=AMSTERDAM,
        help_text=_("The date and time are the clock time in this zone."),
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"),
        min_value=MIN_DURATION_MINUTES,
        max_value=MAX_DURATION_MINUTES,
        initial=60,
        widget=forms.NumberInput(attrs={"step": 5, "size": 6}),
    )
    type = forms.ChoiceField(label=_("Interview type"), choices=InterviewType.choices, initial=InterviewType.IN_PERSON)
    kind = forms.ChoiceField(label=_("Kind"), choices=InterviewKind.choices, initial=InterviewKind.RECRUITER)
    location_preset = forms.ModelChoiceField(
        label=_("Interview location"),
        queryset=LocationPreset.objects.none(),
        required=False,
        empty_label=_("(none)"),
        help_text=_("Choosing one fills the location when that is left empty."),
    )
    location = forms.CharField(
        label=_("Location"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    video_link = forms.URLField(
        label=_("Video link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("The meeting's web address (https://…); sent in the invitation and the calendar event."),
        widget=forms.URLInput(attrs={"placeholder": "https://", "autocomplete": "off", "inputmode": "url"}),
    )
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False, help_text=_("For reporting."))
    interviewer = forms.CharField(label=_("Interviewer"), max_length=200, required=False)
    participants = forms.ModelMultipleChoiceField(
        label=_("Participating users"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    committee_members = forms.ModelMultipleChoiceField(
        label=_("Selection committee members"),
        queryset=Contact.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    guidelines = forms.ModelMultipleChoiceField(
        label=_("Guidelines"),
        queryset=Guideline.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    memo = forms.CharField(
        label=_("Memo"),
        max_length=5000,
        required=False,
        help_text=_("Private: never shown to other participants or in any message."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    report = forms.CharField(
        label=_("Interview report"),
        max_length=20000,
        required=False,
        help_text=_("Written after the interview; kept for later interviews of the same candidate."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # Set by the "Plan anyway" button shown with conflicts (P6).
    force = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        organisation_id: int,
        vacancy: Vacancy,
        interview: Interview | None = None,
        with_round_name: bool = False,
        group_size: int = 0,
        **kwargs: Any,
    ) -> None:
        self.interview = interview
        if interview is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(interview)
        super().__init__(*args, **kwargs)
        if with_round_name:
            self.fields["round_name"] = forms.CharField(
                label=_("Round"),
                max_length=120,
                help_text=_("For example “First round”; candidates are linked to this interview later."),
            )
            self.order_fields(["round_name"])
        if group_size > 1:
            # A member of a group interview: the planner says whom the change is for (no default).
            self.fields["scope"] = forms.ChoiceField(
                label=_("Change for"),
                choices=[
                    (SCOPE_GROUP, _("The whole group (%(count)d candidates)") % {"count": group_size}),
                    (SCOPE_THIS, _("Only this candidate (takes them out of the group into an interview of their own)")),
                ],
                widget=forms.RadioSelect,
            )
        fields = self.fields
        time_zone_field: Any = fields["time_zone"]
        time_zone_field.choices = _zone_choices(interview.time_zone if interview else None)
        preset_field: Any = fields["location_preset"]
        # An inactive preset stays choosable on the interview that already uses it.
        usable = Q(is_active=True)
        if interview is not None and interview.location_preset_id:
            usable |= Q(pk=interview.location_preset_id)
        preset_field.queryset = LocationPreset.objects.filter(usable, organisation_id=organisation_id)
        participants_field: Any = fields["participants"]
        participants_field.queryset = User.objects.filter(organisation_id=organisation_id, is_active=True).order_by(
            "first_name", "last_name", "username"
        )
        committee_field: Any = fields["committee_members"]
        committee_field.queryset = Contact.objects.filter(client_id=vacancy.client_id).select_related("client")
        guidelines_field: Any = fields["guidelines"]
        guidelines_field.queryset = Guideline.objects.filter(organisation_id=organisation_id)

    def preset_locations(self) -> dict[str, str]:
        """Each preset's text, for the small script that fills the location when a preset is chosen."""
        field: Any = self.fields["location_preset"]
        return {str(preset.pk): preset.location for preset in field.queryset}

    @staticmethod
    def initial_for(interview: Interview) -> dict[str, Any]:
        local = interview.local_starts_at
        return {
            "round_name": interview.round_name,
            "date": local.date(),
            "time": local.time().replace(second=0, microsecond=0),
            "time_zone": interview.time_zone,
            "duration_minutes": interview.duration_minutes,
            "type": interview.type,
            "kind": interview.kind,
            "location_preset": interview.location_preset_id,
            "location": interview.location,
            "video_link": interview.video_link,
            "reason": interview.reason,
            "interviewer": interview.interviewer,
            "participants": [user.pk for user in interview.participants.all()],
            "committee_members": [contact.pk for contact in interview.committee_members.all()],
            "guidelines": [guideline.pk for guideline in interview.guidelines.all()],
            "memo": interview.memo,
            "report": interview.report,
        }

    def clean_video_link(self) -> str:
        link = str(self.cleaned_data.get("video_link") or "").strip()
        try:
            validate_video_link(link)
        except ServiceError as error:
            raise forms.ValidationError(error.message, code=error.code) from None
        return link

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day: date | None = cleaned.get("date")
        clock: time | None = cleaned.get("time")
        zone: str | None = cleaned.get("time_zone")
        if day is not None and clock is not None and zone:
            starts_at = local_to_utc(day, clock, zone)
            # The form shows minutes only: the same minute is the interview's own moment, unchanged.
            unchanged = (
                self.interview is not None
                and starts_at == self.interview.starts_at.replace(second=0, microsecond=0)
                and zone == self.interview.time_zone
            )
            if unchanged:
                assert self.interview is not None
                starts_at = self.interview.starts_at
            cleaned["starts_at"] = starts_at
            if not unchanged and starts_at <= timezone.now():
                self.add_error("date", _("The interview cannot start in the past."))
            elif day.year > timezone.now().year + 5:
                self.add_error("date", _("The date is too far in the future."))
        preset: LocationPreset | None = cleaned.get("location_preset")
        if preset is not None and not cleaned.get("location", "").strip():
            cleaned["location"] = preset.location
        return cleaned

    def planning(self) -> Planning:
        data = self.cleaned_data
        return Planning(
            starts_at=data["starts_at"],
            duration_minutes=data["duration_minutes"],
            time_zone=data["time_zone"],
            type=data["type"],
            kind=data["kind"],
            location_preset=data["location_preset"],
            location=data["location"],
            video_link=data["video_link"],
            reason=data["reason"],
            interviewer=data["interviewer"],
            participants=list(data["participants"]),
            committee_members=list(data["committee_members"]),
            guidelines=list(data["guidelines"]),
            memo=data["memo"],
            report=data["report"],
            round_name=data.get("round_name", ""),
        )

    def changes(self) -> dict[str, Any]:
        """Only what differs from the interview being edited, as update_interview expects."""
        assert self.interview is not None
        interview = self.interview
        wanted = self.planning()
        changes: dict[str, Any] = {}
        scalars = ["starts_at", "duration_minutes", "time_zone", "type", "kind", "video_link", "reason", "interviewer"]
        scalars.append("memo")
        scalars += ["report", "location_preset"]
        if "round_name" in self.fields:
            scalars.append("round_name")
        for name in scalars:
            if getattr(wanted, name) != getattr(interview, name):
                changes[name] = getattr(wanted, name)
        # Without JavaScript the old location stays in its field when another preset is chosen:
        # an untouched location then follows the new preset.
        location_untouched = self.data.get("location", "").strip() == interview.location.strip()
        if wanted.location != interview.location and not ("location_preset" in changes and location_untouched):
            changes["location"] = wanted.location
        for name in ("participants", "committee_members", "guidelines"):
            new_items = getattr(wanted, name)
            if {item.pk for item in new_items} != {item.pk for item in getattr(interview, name).all()}:
                changes[name] = new_items
        return changes

    @property
    def change_scope(self) -> str:
        """Whom an edit is for: the whole group (also for an interview of one's own) or only this candidate."""
        return str(self.cleaned_data.get("scope") or SCOPE_GROUP)

    def add_service_error(self, error: ServiceError) -> None:
        """Show a refused change next to the input it is about, or at the top."""
        name = SERVICE_FIELD_TO_FORM_FIELD.get(error.field or "", error.field)
        self.add_error(name if name in self.fields else None, error.message)


class OverviewFilterForm(forms.Form):
    """Filters above the interviews overview; an invalid filter is reported and not applied."""

    date = forms.DateField(
        label=_("Date"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(
            format=DATE_DISPLAY_FORMAT,
            attrs={"placeholder": _("dd-mm-yyyy"), "inputmode": "numeric", "autocomplete": "off", "size": 12},
        ),
    )
    vacancy = forms.TypedChoiceField(label=_("Vacancy"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *InterviewStatus.choices])
    confirmation_status = forms.ChoiceField(
        label=_("Confirmation"), required=False, choices=[("", _("All")), *ConfirmationStatus.choices]
    )

    def __init__(self, *args: Any, vacancies: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        vacancy_field: Any = self.fields["vacancy"]
        vacancy_field.choices = [("", _("All")), *vacancies]

    def filters(self) -> dict[str, Any]:
        """The valid filters as keyword arguments for interviews_for_overview; the chosen day in the viewer's zone."""
        self.is_valid()
        data = self.cleaned_data
        result: dict[str, Any] = {
            "vacancy_id": data.get("vacancy"),
            "status": data.get("status") or "",
            "confirmation_status": data.get("confirmation_status") or "",
        }
        day: date | None = data.get("date")
        if day is not None:
            # Shown back day-first, also when it came in as yyyy-mm-dd (the "Today" link).
            if isinstance(self.data, QueryDict):
                shown = self.data.copy()
                shown["date"] = day.strftime(DATE_DISPLAY_FORMAT)
                self.data = shown
            zone = timezone.get_current_timezone_name()
            result["starts_from"] = local_to_utc(day, time(0, 0), zone)
            result["starts_before"] = local_to_utc(day + timedelta(days=1), time(0, 0), zone)
        return result
