"""Forms of the recruitment pages: they parse input; the services decide what is valid."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from regisseur.accounts.models import Language
from regisseur.core.errors import ServiceError
from regisseur.interviews.access import clients_for_user, contacts_for_user
from regisseur.recruitment.models import (
    ApplicationStage,
    ApplicationStatus,
    InterviewMode,
    VacancyStatus,
)


def add_service_error(form: forms.Form, error: ServiceError, *, fallback: str | None = None) -> None:
    """Show a refused change next to the field it concerns (the services name fields like `client_id`).

    `fallback` is the field for errors about an input the form does not show
    (adding a candidate to a vacancy: "already on this vacancy" names the candidate).
    """
    field = (error.field or "").removesuffix("_id")
    form.add_error(field if field in form.fields else fallback, error.message)


def _blank_first(choices: Any, label: Any) -> list[tuple[str, Any]]:
    return [("", label), *choices]


class VacancyFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Title"), required=False, max_length=200, widget=forms.TextInput(attrs={"type": "search"})
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_blank_first(VacancyStatus.choices, _("All statuses"))
    )


class ApplicationFilterForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=_blank_first(ApplicationStage.choices, _("All stages"))
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_blank_first(ApplicationStatus.choices, _("All statuses"))
    )


class CandidateFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name or email"), required=False, max_length=200, widget=forms.TextInput(attrs={"type": "search"})
    )


class VacancyForm(forms.Form):
    client: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Client"), queryset=None, empty_label=_("Choose a client")
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    hiring_manager: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Hiring manager"),
        queryset=None,
        required=False,
        empty_label=_("None"),
        help_text=_("A contact of the client marked as hiring manager."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    status = forms.ChoiceField(label=_("Status"), choices=VacancyStatus.choices)

    def __init__(self, *args: Any, user: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        client_field: Any = self.fields["client"]
        manager_field: Any = self.fields["hiring_manager"]
        client_field.queryset = clients_for_user(user)
        manager_field.queryset = contacts_for_user(user).filter(is_hiring_manager=True).select_related("client")
        manager_field.label_from_instance = lambda contact: f"{contact.name} ({contact.client.name})"
        if editing:
            # The service keeps a vacancy with its client; it is shown, not chosen.
            del self.fields["client"]


class CandidateForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("Email"), max_length=254)
    # Free text on purpose: the service parses the number and explains what is wrong.
    mobile = forms.CharField(
        label=_("Mobile number"),
        max_length=32,
        required=False,
        help_text=_("For example 06 12345678 or +31 6 12345678."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    preferred_mode = forms.ChoiceField(
        label=_("Preferred interview mode"),
        required=False,
        choices=_blank_first(InterviewMode.choices, _("No preference")),
    )


class ApplicationCreateForm(forms.Form):
    vacancy: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Vacancy"), queryset=None, empty_label=_("Choose a vacancy")
    )

    def __init__(self, *args: Any, vacancies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["vacancy"]
        field.queryset = vacancies
        field.label_from_instance = lambda vacancy: f"{vacancy.title} ({vacancy.client.name})"


class MoveForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=ApplicationStage.choices)
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ApplicationStatus.choices)
