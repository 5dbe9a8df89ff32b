"""The crisis playbooks' forms (O3): start one, note a step, the drafted messages, a new time, closing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from regisseur.accounts.models import Language
from regisseur.core.placeholders import validate_template_text
from regisseur.messaging.services import MAX_BODY, MAX_SUBJECT
from regisseur.monitoring.models import IncidentKind
from regisseur.monitoring.playbooks import Draft


class StartForm(forms.Form):
    kind = forms.ChoiceField(label=_("What happened?"), choices=IncidentKind.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you know now; the messages can use it as the situation."),
    )
    delay_minutes = forms.IntegerField(
        label=_("Delay (minutes)"),
        min_value=1,
        max_value=24 * 60,
        required=False,
        help_text=_("For an overrun: about how many minutes late the interview runs."),
    )


class StepForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DraftsForm(forms.Form):
    """The messages a step sends, drafted and editable; with the situation or the backup to fill in."""

    note = forms.CharField(label=_("Note for the step"), max_length=1000, required=False)

    def __init__(
        self,
        *args: Any,
        drafts: Sequence[Draft] = (),
        situation: str | None = None,
        with_backup: bool = False,
        **kwargs: Any,
    ) -> None:
        """`situation`: the initial situation (None: the step has no {situation}); `with_backup`: ask for it."""
        super().__init__(*args, **kwargs)
        self.drafts = [draft for draft in drafts if not draft.unavailable]
        self.unavailable = [draft for draft in drafts if draft.unavailable]
        if situation is not None:
            self.fields["situation"] = forms.CharField(
                label=_("Situation"),
                max_length=1000,
                required=False,
                initial=situation,
                help_text=_("Fills in {situation} in the messages."),
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        if with_backup:
            self.fields["backup_platform"] = forms.CharField(
                label=_("Backup platform"),
                max_length=500,
                help_text=_("Zoom, Teams or WhatsApp video, with its link; fills in {backup_platform}."),
            )
            self.fields["phone_fallback"] = forms.CharField(
                label=_("Phone number to fall back on"),
                max_length=32,
                required=False,
                help_text=_("Fills in {phone_fallback}."),
            )
        self.blocks = []
        languages = dict(Language.choices)
        for draft in self.drafts:
            self.fields[f"subject_{draft.key}"] = forms.CharField(
                label=_("Subject"),
                max_length=MAX_SUBJECT,
                initial=draft.subject,
                validators=[validate_template_text],
            )
            self.fields[f"body_{draft.key}"] = forms.CharField(
                label=_("Content"),
                max_length=MAX_BODY,
                initial=draft.body,
                validators=[validate_template_text],
                widget=forms.Textarea(attrs={"rows": 12}),
            )
            self.blocks.append(
                {
                    "draft": draft,
                    "language": str(languages.get(draft.language, draft.language)),
                    "subject": self[f"subject_{draft.key}"],
                    "body": self[f"body_{draft.key}"],
                }
            )

    def texts(self) -> dict[str, tuple[str, str]]:
        return {
            draft.key: (self.cleaned_data[f"subject_{draft.key}"], self.cleaned_data[f"body_{draft.key}"])
            for draft in self.drafts
        }


class NewTimeForm(forms.Form):
    starts_at = forms.CharField(max_length=40, widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class ShiftForm(forms.Form):
    interview = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class CloseForm(forms.Form):
    lessons = forms.CharField(
        label=_("Lessons learned"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What went well, what went wrong, what to do differently next time."),
        error_messages={"required": _("Write down what this incident taught.")},
    )
