"""Forms of the settings pages: interview locations, guidelines, and users with their roles."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from regisseur.accounts.models import Language, Role, User
from regisseur.actions.settings import UserDetails
from regisseur.core.errors import ServiceError
from regisseur.interviews.models import Guideline, LocationPreset


class ServiceErrorsMixin:
    """Show a refused save next to the field the action names (or above the form)."""

    def add_service_error(self, error: ServiceError) -> None:
        form: Any = self
        form.add_error(error.field if error.field in form.fields else None, error.message)


class LocationForm(ServiceErrorsMixin, forms.ModelForm):
    class Meta:
        model = LocationPreset
        fields = ["name", "location"]
        widgets = {"location": forms.Textarea(attrs={"rows": 3})}


class GuidelineForm(ServiceErrorsMixin, forms.ModelForm):
    class Meta:
        model = Guideline
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}


class UserDetailsForm(ServiceErrorsMixin, forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("Email"), max_length=254, required=False)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices, initial=Language.DUTCH)
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Recruiters see and change everything of the organisation; administrators also manage its users. "
            "Hiring managers and committee members see only the interviews they take part in."
        ),
        error_messages={"required": _("Choose at least one role.")},
    )
    team = forms.CharField(
        label=_("Team"),
        max_length=100,
        required=False,
        help_text=_("Colleagues in the same team share the board's “my team” view."),
    )

    @classmethod
    def initial_of(cls, user: User) -> dict[str, Any]:
        return {
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "language": user.language,
            "roles": [group.name for group in user.groups.all()],
            "team": user.team,
        }

    def details(self) -> UserDetails:
        data = self.cleaned_data
        return UserDetails(
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            roles=list(data["roles"]),
            language=data["language"],
            team=data.get("team", ""),
        )


class NewUserForm(UserDetailsForm):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("What they sign in with: letters, digits and @ . + - _ only."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )
    password1 = forms.CharField(
        label=_("Initial password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters and not a common password. Give it to them in person."),
    )
    password2 = forms.CharField(
        label=_("Initial password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    field_order = [
        "first_name",
        "last_name",
        "username",
        "email",
        "language",
        "roles",
        "team",
        "password1",
        "password2",
    ]

    def clean_password2(self) -> str:
        first, second = self.cleaned_data.get("password1"), self.cleaned_data.get("password2", "")
        if first and first != second:
            raise forms.ValidationError(_("The two passwords differ."), code="password_mismatch")
        return str(second)
