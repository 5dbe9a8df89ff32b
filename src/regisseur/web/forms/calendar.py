"""The calendar's choices (issue 9): day or week, which date, whose interviews. All of it lives in the URL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regisseur.core.typed_input import format_day
from regisseur.interviews.models import LocationPreset
from regisseur.web.forms.fields import DayField

DAY = "day"
WEEK = "week"
MINE = "mine"
EVERYONE = "everyone"
USER_PREFIX = "user-"
ROOM_PREFIX = "room-"


@dataclass(frozen=True)
class CalendarChoice:
    """What the calendar shows: the view, the date it is about, and whose interviews."""

    view: str
    day: date
    show: str
    attendee: Any = None
    room: LocationPreset | None = None


class ShownInsteadDayField(DayField):
    """A typed day whose error also says what the calendar shows instead."""

    def to_python(self, value: Any) -> date | None:
        try:
            return super().to_python(value)
        except forms.ValidationError as error:
            instead = _("The current week is shown instead.")
            raise forms.ValidationError(f"{' '.join(error.messages)} {instead}", code="invalid") from None


class CalendarForm(forms.Form):
    """The plain GET form above the calendar; a bad value is reported beside its field and not used."""

    view = forms.ChoiceField(
        label=_("View"), required=False, choices=[(WEEK, _("Week")), (DAY, _("Day"))], initial=WEEK
    )
    date = ShownInsteadDayField(label=_("Date"), required=False)
    show = forms.ChoiceField(label=_("Calendar of"), required=False, initial=MINE)

    def __init__(
        self, *args: Any, user: Any, colleagues: list[Any], rooms: list[LocationPreset], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.colleagues = {f"{USER_PREFIX}{person.pk}": person for person in colleagues if person.pk != user.pk}
        self.rooms = {f"{ROOM_PREFIX}{room.pk}": room for room in rooms}
        choices: list[Any] = [(MINE, _("My interviews")), (EVERYONE, _("Everyone's interviews"))]
        if self.colleagues:
            choices.append((_("Colleagues"), [(key, str(person)) for key, person in self.colleagues.items()]))
        if self.rooms:
            choices.append((_("Interview locations"), [(key, room.name) for key, room in self.rooms.items()]))
        show_field: Any = self.fields["show"]
        show_field.choices = choices

    def choice(self) -> CalendarChoice:
        """The valid choices, with defaults for what is missing or wrong: this week, my interviews."""
        self.is_valid()
        data = self.cleaned_data
        view = data.get("view") or WEEK
        day: date = data.get("date") or timezone.localdate()
        show = data.get("show") or MINE
        choice = CalendarChoice(
            view=view,
            day=day,
            show=show,
            attendee=self.user if show == MINE else self.colleagues.get(show),
            room=self.rooms.get(show),
        )
        # Shown back as what is on screen: the date day-first, the defaults filled in.
        shown = {"view": view, "date": format_day(day), "show": show}
        if "date" in self.errors:
            shown["date"] = str(self.data.get("date", ""))[:40]
        self.data = shown
        return choice
