"""The bulk invitation (P5): the planning fields plus one interview each (spaced) or one group interview."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext_lazy as _

from regisseur.core.timezones import AMSTERDAM
from regisseur.interviews.models import Interview
from regisseur.interviews.services import MAX_SPACING_MINUTES
from regisseur.web.forms.interviews import PlanningForm


class InviteForm(PlanningForm):
    """Bulk "invite for interview" (P5): the planning fields plus one interview each or one group."""

    EACH = "each"
    GROUP = "group"

    mode = forms.ChoiceField(
        label=_("Invite as"),
        choices=[(EACH, _("One interview each")), (GROUP, _("One group interview"))],
        initial=EACH,
        widget=forms.RadioSelect,
    )
    # Empty means "the duration": each interview starts when the one before ends.
    spacing_minutes = forms.IntegerField(
        label=_("Minutes between starts"),
        min_value=0,
        max_value=MAX_SPACING_MINUTES,
        required=False,
        help_text=_(
            "One interview each: the first starts at the time above, the next this many minutes later. "
            "Empty: the duration, one after the other. "
            "0: all at the same time (only when they are with different people)."
        ),
        widget=forms.NumberInput(attrs={"step": 5, "size": 6, "placeholder": _("= duration")}),
    )

    @classmethod
    def initial_from(cls, interviews: list[Interview]) -> dict[str, Any]:
        """The form as it was for interviews planned together, to plan them again (after going back)."""
        first = interviews[0]
        initial = cls.initial_for(first)
        if first.group_id is not None:
            initial["mode"] = cls.GROUP
        elif len(interviews) > 1:
            initial["mode"] = cls.EACH
            spacing = int((interviews[1].starts_at - first.starts_at).total_seconds() // 60)
            initial["spacing_minutes"] = "" if spacing == first.duration_minutes else spacing
        return initial

    @property
    def as_group(self) -> bool:
        return bool(self.cleaned_data.get("mode") == self.GROUP)

    @property
    def spacing(self) -> int:
        """Minutes between consecutive starts for "one interview each"; 0 for a group interview."""
        if self.as_group:
            return 0
        spacing = self.cleaned_data.get("spacing_minutes")
        return int(self.cleaned_data["duration_minutes"] if spacing is None else spacing)

    def schedule(self, names: list[str]) -> list[tuple[str, datetime]]:
        """Each candidate's local start as planned (shown under the spacing), when the form gives enough to say."""
        data = getattr(self, "cleaned_data", {})
        starts_at = data.get("starts_at")
        if starts_at is None or data.get("duration_minutes") is None or "spacing_minutes" not in data:
            return []
        zone = ZoneInfo(data.get("time_zone") or AMSTERDAM)
        # As the service spaces them: in absolute time, then shown as the zone's clock.
        return [
            (name, (starts_at + timedelta(minutes=self.spacing * index)).astimezone(zone))
            for index, name in enumerate(names)
        ]
