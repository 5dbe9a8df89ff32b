"""Parsing of the planning form (P1, P2) and the bulk invitation (P5).

Dates are typed day-first (dd-mm-yyyy) with a calendar to pick from, times as planners
write them (9.30, 930): see web/forms/fields.py and core/typed_input.py.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regisseur.accounts.models import User
from regisseur.core.errors import ServiceError
from regisseur.core.timezones import AMSTERDAM, SKIPPED, is_valid_time_zone, local_to_utc, wall_clock_gap
from regisseur.core.typed_input import format_clock, format_day
from regisseur.interviews.changes import SCOPE_GROUP, SCOPE_THIS
from regisseur.interviews.models import (
    MAX_DURATION_MINUTES,
    Guideline,
    Interview,
    InterviewKind,
    InterviewType,
    LocationPreset,
)
from regisseur.interviews.planning import MIN_DURATION_MINUTES, Planning, validate_video_link
from regisseur.recruitment.models import Contact, Vacancy
from regisseur.web.forms.fields import ClockField, DayField

# The form's fields are called date and time: these names keep the types readable inside the class.
Day = date
Clock = time

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

    date = DayField(label=_("Date"), help_text=_("Day first: dd-mm-yyyy."))
    time = ClockField(label=_("Time"), help_text=_("24-hour clock, for example 9:30 or 14.00."))
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
            # The form shows minutes only: the same wall-clock minute is the interview's own moment, unchanged.
            unchanged = False
            if self.interview is not None and zone == self.interview.time_zone:
                local = self.interview.local_starts_at
                unchanged = (local.date(), local.time().replace(second=0, microsecond=0)) == (day, clock)
            if unchanged:
                assert self.interview is not None
                starts_at = self.interview.starts_at
            elif self._refuse_clock_change_night(day, clock, zone):
                return cleaned
            cleaned["starts_at"] = starts_at
            if not unchanged and starts_at <= timezone.now():
                self.add_error("date", _("The interview cannot start in the past."))
            elif day.year > timezone.now().year + 5:
                self.add_error("date", _("The date is too far in the future."))
        preset: LocationPreset | None = cleaned.get("location_preset")
        if preset is not None and not cleaned.get("location", "").strip():
            cleaned["location"] = preset.location
        return cleaned

    def _refuse_clock_change_night(self, day: Day, clock: Clock, zone: str) -> bool:
        """A time the clocks skip or repeat that night is refused with the reason, beside the time."""
        gap = wall_clock_gap(day, clock, zone)
        if not gap:
            return False
        values = {"time": format_clock(clock), "date": format_day(day), "zone": zone.replace("_", " ")}
        if gap == SKIPPED:
            message = _(
                "%(time)s does not exist on %(date)s in %(zone)s: the clocks go forward an hour that night. "
                "Choose another time."
            )
        else:
            message = _(
                "%(time)s happens twice on %(date)s in %(zone)s: the clocks go back an hour that night. "
                "Choose a time outside that hour."
            )
        self.add_error("time", message % values)
        return True

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
