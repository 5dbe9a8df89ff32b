"""Admin for message templates, HTML profiles and the message log, inside the user's organisation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from regisseur.backoffice.admin.accounts import (
    OrganisationScopedMixin,
    ReadOnlyAdminMixin,
    ScopedModelAdmin,
)
from regisseur.core.placeholders import PLACEHOLDERS
from regisseur.messaging.library import save_html_profile, save_message_template
from regisseur.messaging.models import HtmlProfile, Message, MessageTemplate
from regisseur.web.forms.messaging import logo_url_field


@admin.register(MessageTemplate)
class MessageTemplateAdmin(ScopedModelAdmin):
    list_display = ["name", "purpose", "language", "is_default", "organisation", "updated_at"]
    list_filter = ["purpose", "language", "is_default", "organisation"]
    list_select_related = ["organisation"]
    search_fields = ["name", "subject", "body"]

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        base = super().get_form(request, obj, change=change, **kwargs)
        own_organisation_id = obj.organisation_id if obj is not None else getattr(request.user, "organisation_id", None)

        class TemplateAdminForm(base):  # type: ignore[misc, valid-type]
            def clean(self) -> Any:
                data = super().clean()
                chosen = data.get("organisation")
                organisation_id = chosen.pk if chosen is not None else (own_organisation_id or 0)
                taken = MessageTemplate.objects.filter(
                    organisation_id=organisation_id,
                    purpose=data.get("purpose"),
                    language=data.get("language"),
                    name=data.get("name"),
                ).exclude(pk=self.instance.pk)
                if taken.exists():
                    self.add_error("name", _("A template with this name exists for this purpose and language."))
                return data

        if "body" in TemplateAdminForm.base_fields:
            TemplateAdminForm.base_fields["body"].help_text = _("Placeholders: %(names)s") % {
                "names": " ".join("{" + name + "}" for name in PLACEHOLDERS)
            }
        return TemplateAdminForm

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # Through the service, so that a new default replaces the old one instead of breaking the constraint.
        if not change and not request.user.is_superuser:
            obj.organisation_id = request.user.organisation_id  # type: ignore[union-attr]
        save_message_template(actor=request.user, template=obj)  # type: ignore[arg-type]


class HtmlProfileAdminForm(forms.ModelForm):
    logo_url = logo_url_field()

    class Meta:
        model = HtmlProfile
        fields = [
            "organisation",
            "name",
            "logo_url",
            "primary_colour",
            "text_colour",
            "background_colour",
            "footer",
            "is_default",
        ]


@admin.register(HtmlProfile)
class HtmlProfileAdmin(ScopedModelAdmin):
    form = HtmlProfileAdminForm
    list_display = ["name", "primary_colour", "is_default", "organisation"]
    list_filter = ["is_default", "organisation"]
    list_select_related = ["organisation"]
    search_fields = ["name"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change and not request.user.is_superuser:
            obj.organisation_id = request.user.organisation_id  # type: ignore[union-attr]
        save_html_profile(actor=request.user, profile=obj)  # type: ignore[arg-type]


@admin.register(Message)
class MessageAdmin(ReadOnlyAdminMixin, OrganisationScopedMixin, admin.ModelAdmin):
    list_display = ["created_at", "purpose", "audience", "to_address", "subject", "state", "attempts"]
    list_filter = ["state", "purpose", "audience", "channel"]
    list_select_related = ["organisation"]
    search_fields = ["to_address", "to_name", "subject"]
    date_hierarchy = "created_at"
    exclude = ["claimed_at"]
