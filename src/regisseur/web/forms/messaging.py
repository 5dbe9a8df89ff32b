"""Parsing of the communicate pages (C3-C5, P5) and of the template and HTML profile settings (C1, C2)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from regisseur.core.errors import ServiceError
from regisseur.core.placeholders import PLACEHOLDERS, check_template_text, default_include_confirm_link
from regisseur.messaging.models import HtmlProfile, MessageTemplate

SEND = "send"
DO_NOT_SEND = "do_not_send"
ACTION_CHOICES = [(SEND, _("Send email")), (DO_NOT_SEND, _("Do not send email"))]
# Where a service names an input, which form field shows the error.
SERVICE_FIELDS = {"body": "body", "subject": "subject", "signature": "signature", "html_profile_id": "profile"}


def placeholder_help() -> str:
    return " ".join("{" + name + "}" for name in PLACEHOLDERS)


def _checked(text: str) -> str:
    problems = check_template_text(text)
    if problems:
        raise forms.ValidationError(problems, code="invalid_placeholder")
    return text


class ProfileChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class MessageFields:
    """Subject, content and signature fields with the placeholder check, for one language or several."""

    @staticmethod
    def subject(label: Any = None) -> forms.CharField:
        return forms.CharField(
            label=label or _("Subject"),
            max_length=300,
            widget=forms.TextInput(attrs={"class": "wide", "autocomplete": "off"}),
        )

    @staticmethod
    def body(label: Any = None) -> forms.CharField:
        return forms.CharField(
            label=label or _("Content"),
            max_length=20000,
            widget=forms.Textarea(attrs={"rows": 14, "class": "wide"}),
        )

    @staticmethod
    def signature(label: Any = None) -> forms.CharField:
        return forms.CharField(
            label=label or _("Signature"),
            max_length=2000,
            required=False,
            widget=forms.Textarea(attrs={"rows": 4, "class": "wide"}),
        )


# The confirm-link box as the page showed it, and whether the user set it (see follow_confirm_link_rule).
CONFIRM_LINK_SHOWN = "confirm_link_shown"
CONFIRM_LINK_CHOSEN = "confirm_link_chosen"


def follow_confirm_link_rule(data: QueryDict, bodies: Iterable[str]) -> QueryDict:
    """The posted data with the confirm-link box as seed 004's rule sets it for the content as edited.

    The box is unticked when every language's content holds {confirmlink} and ticked otherwise,
    unless the user set it: then it stays as they set it. The page posts back how it showed the
    box; a box posted otherwise than it was shown was set by the user (also without JavaScript,
    where regisseur/confirmlink.js does not follow the typing).
    """
    data = data.copy()
    posted = bool(data.get("include_confirm_link"))
    shown = data.get(CONFIRM_LINK_SHOWN)
    chosen = data.get(CONFIRM_LINK_CHOSEN) == "1" or (shown in {"0", "1"} and posted != (shown == "1"))
    include = posted if chosen else default_include_confirm_link(bodies)
    if include:
        data["include_confirm_link"] = "on"
    else:
        data.pop("include_confirm_link", None)
    data[CONFIRM_LINK_SHOWN] = "1" if include else "0"
    data[CONFIRM_LINK_CHOSEN] = "1" if chosen else "0"
    return data


class BaseCommunicateForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), choices=ACTION_CHOICES, initial=SEND)
    profile = ProfileChoiceField(
        label=_("HTML profile"), queryset=HtmlProfile.objects.none(), required=False, empty_label=None
    )
    include_confirm_link = forms.BooleanField(
        label=_("Include a link so the candidate can confirm"),
        required=False,
        help_text=_("Adds the confirm link before the signature when the content has no {confirmlink}."),
    )

    def __init__(self, *args: Any, organisation_id: int, with_confirm_link: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        profile_field: Any = self.fields["profile"]
        profile_field.queryset = HtmlProfile.objects.filter(organisation_id=organisation_id).order_by(
            "-is_default", "name"
        )
        if not with_confirm_link:
            del self.fields["include_confirm_link"]

    def confirm_link_state(self) -> dict[str, str]:
        """The hidden fields that tell the next request how the box was shown and who set it."""
        if self.is_bound:
            return {
                "shown": str(self.data.get(CONFIRM_LINK_SHOWN, "")),
                "chosen": str(self.data.get(CONFIRM_LINK_CHOSEN, "0")),
            }
        return {"shown": "1" if self.initial.get("include_confirm_link") else "0", "chosen": "0"}

    @property
    def sends(self) -> bool:
        return bool(self.cleaned_data.get("action") == SEND)

    def is_valid_for_action(self) -> bool:
        """ "Do not send email" needs no valid text: nothing will be sent."""
        if self.is_valid():
            return True
        if self.data.get("action") == DO_NOT_SEND:
            text_fields = {name for name in self.fields if name.startswith(("subject", "body", "signature"))}
            if set(self.errors) <= text_fields:
                return True
        return False

    def add_service_error(self, error: ServiceError, *, suffix: str = "") -> None:
        name = SERVICE_FIELDS.get(error.field or "")
        field = f"{name}{suffix}" if name and name != "profile" else name
        self.add_error(field if field in self.fields else None, error.message)


class CommunicateForm(BaseCommunicateForm):
    """One interview, one audience, one language: the text already filled in except {confirmlink}."""

    subject = MessageFields.subject()
    body = MessageFields.body()
    signature = MessageFields.signature()

    field_order = ["action", "profile", "subject", "body", "signature", "include_confirm_link"]

    def clean_subject(self) -> str:
        return _checked(self.cleaned_data["subject"]).replace("\n", " ").strip()

    def clean_body(self) -> str:
        return _checked(self.cleaned_data["body"])

    def clean_signature(self) -> str:
        return _checked(self.cleaned_data["signature"])


class BulkCommunicateForm(BaseCommunicateForm):
    """Several interviews, one subject and content per language of the selected candidates (P5)."""

    def __init__(self, *args: Any, languages: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.languages = languages
        for language in languages:
            self.fields[f"subject_{language}"] = MessageFields.subject()
            self.fields[f"body_{language}"] = MessageFields.body()
            self.fields[f"signature_{language}"] = MessageFields.signature()
            for kind in ("subject", "body", "signature"):
                self.fields[f"{kind}_{language}"].widget.attrs["lang"] = language

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in list(data):
            if name.startswith(("subject_", "body_", "signature_")) and isinstance(data[name], str):
                try:
                    data[name] = _checked(data[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return data

    def texts(self, language: str) -> tuple[str, str, str]:
        data = self.cleaned_data
        subject = str(data.get(f"subject_{language}", "")).replace("\n", " ").strip()
        return subject, str(data.get(f"body_{language}", "")), str(data.get(f"signature_{language}", ""))

    def language_fields(self) -> list[tuple[str, list[Any]]]:
        return [
            (language, [self[f"subject_{language}"], self[f"body_{language}"], self[f"signature_{language}"]])
            for language in self.languages
        ]


class MessageTemplateForm(forms.ModelForm):
    class Meta:
        model = MessageTemplate
        fields = ["name", "purpose", "language", "subject", "body", "signature", "is_default"]
        widgets = {
            "subject": forms.TextInput(attrs={"class": "wide"}),
            "body": forms.Textarea(attrs={"rows": 14, "class": "wide"}),
            "signature": forms.Textarea(attrs={"rows": 4, "class": "wide"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = _(
            "Write placeholders between braces; they are filled in for each recipient. "
            "{confirmlink} becomes the link with which the candidate answers."
        )

    def add_service_error(self, error: ServiceError) -> None:
        self.add_error(error.field if error.field in self.fields else None, error.message)


def logo_url_field() -> forms.URLField:
    return forms.URLField(
        label=_("logo address"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("An https address of the logo image."),
    )


class HtmlProfileForm(forms.ModelForm):
    logo_url = logo_url_field()

    class Meta:
        model = HtmlProfile
        fields = ["name", "logo_url", "primary_colour", "text_colour", "background_colour", "footer", "is_default"]
        widgets = {
            "primary_colour": forms.TextInput(attrs={"type": "color"}),
            "text_colour": forms.TextInput(attrs={"type": "color"}),
            "background_colour": forms.TextInput(attrs={"type": "color"}),
            "footer": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_logo_url(self) -> str:
        value = str(self.cleaned_data.get("logo_url") or "")
        if value and not value.startswith("https://"):
            raise forms.ValidationError(_("Use an https address, so that mail programs show the logo."))
        return value

    def add_service_error(self, error: ServiceError) -> None:
        self.add_error(error.field if error.field in self.fields else None, error.message)
