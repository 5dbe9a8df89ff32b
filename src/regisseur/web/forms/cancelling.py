"""Cancelling an interview: the reason, whether to inform, and each audience's drafted message (C6)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from regisseur.accounts.models import Language
from regisseur.core.placeholders import CONFIRMLINK, prefill_text, validate_template_text
from regisseur.messaging.cancellations import Draft
from regisseur.messaging.composition import Variant
from regisseur.messaging.models import Audience
from regisseur.messaging.services import MAX_BODY, MAX_SUBJECT

# Filled in when the message is sent: the reason is typed on this same page.
KEPT_PLACEHOLDERS = ("cancel_reason", CONFIRMLINK)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=500,
        required=False,
        help_text=_("Kept in the interview's history; {cancel_reason} in the messages becomes this reason."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    inform = forms.BooleanField(
        label=_("Inform the candidate and everyone invited (with a calendar cancellation)"),
        required=False,
        initial=True,
        help_text=_("Sends each of them the message drafted below; calendars remove the interview."),
    )

    def __init__(
        self,
        *args: Any,
        drafts: Sequence[Draft] = (),
        values: dict[str, dict[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        """`values`: per language, the placeholders to fill in (one interview); None keeps them (a group)."""
        super().__init__(*args, **kwargs)
        self.drafts = list(drafts)
        missing: dict[str, str] = {}
        self.blocks = []
        for draft in self.drafts:
            variant = draft.variant
            body = variant.body if not variant.signature else f"{variant.body.rstrip()}\n\n{variant.signature}"
            if values is not None:
                known = values.get(draft.language, {})
                filled = {name: value for name, value in known.items() if name not in KEPT_PLACEHOLDERS}
                # Values stay text when sent back, braces and all (core.placeholders.LITERAL_MARK).
                subject, body = prefill_text(variant.subject, filled), prefill_text(body, filled)
            else:
                subject = variant.subject
            key = f"{draft.audience}_{draft.language}"
            self.fields[f"subject_{key}"] = forms.CharField(
                label=_("Subject"),
                max_length=MAX_SUBJECT,
                required=False,
                initial=subject,
                validators=[validate_template_text],
            )
            self.fields[f"body_{key}"] = forms.CharField(
                label=_("Content"),
                max_length=MAX_BODY,
                required=False,
                initial=body,
                validators=[validate_template_text],
                widget=forms.Textarea(attrs={"rows": 12}),
            )
            missing.update({f"subject_{key}": subject, f"body_{key}": body})
            self.blocks.append(
                {
                    "audience": str(Audience(draft.audience).label),
                    "language": str(dict(Language.choices).get(draft.language, draft.language)),
                    "recipients": ", ".join(recipient.name or recipient.address for recipient in draft.recipients),
                    "subject": self[f"subject_{key}"],
                    "body": self[f"body_{key}"],
                }
            )

        if self.is_bound and any(name not in self.data for name in missing):
            # A request without the drafts (an older page, a script) sends the drafted texts as they are.
            self.data = {**missing, **dict(self.data.items())}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("inform"):
            for draft in self.drafts:
                key = f"{draft.audience}_{draft.language}"
                if f"subject_{key}" in data and not str(data[f"subject_{key}"]).strip():
                    self.add_error(f"subject_{key}", _("The subject is empty."))
                if f"body_{key}" in data and not str(data[f"body_{key}"]).strip():
                    self.add_error(f"body_{key}", _("The content is empty."))
        return data

    def texts(self) -> dict[str, dict[str, Variant]]:
        """What the planner sends: per audience, per language (the signature is part of the content here)."""
        texts: dict[str, dict[str, Variant]] = {}
        for draft in self.drafts:
            key = f"{draft.audience}_{draft.language}"
            texts.setdefault(draft.audience, {})[draft.language] = Variant(
                subject=self.cleaned_data[f"subject_{key}"],
                body=self.cleaned_data[f"body_{key}"],
                template=draft.variant.template,
            )
        return texts
