"""Admin for organisations and users, and the organisation boundary every admin page keeps.

The admin site is for administrators and recruiters (staff) of one organisation. A
superuser (the operator) sees everything; everybody else sees, chooses and creates
only what belongs to their own organisation: every queryset, every foreign-key
choice, every filter and every new object goes through OrganisationScopedMixin.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import models
from django.db.models import QuerySet
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _

from regisseur.accounts.models import Organisation, User
from regisseur.messaging.defaults import install_defaults

# How each model reaches its organisation. A model missing here is not organisation data
# (Django's groups and permissions: the roles are the same for everybody).
ORGANISATION_LOOKUPS: dict[str, str] = {
    "accounts.organisation": "pk",
    "accounts.user": "organisation",
    "recruitment.client": "organisation",
    "recruitment.contact": "client__organisation",
    "recruitment.vacancy": "client__organisation",
    "recruitment.candidate": "organisation",
    "recruitment.application": "candidate__organisation",
    "interviews.locationpreset": "organisation",
    "interviews.guideline": "organisation",
    "interviews.interviewgroup": "organisation",
    "interviews.interview": "organisation",
    "interviews.interviewevent": "interview__organisation",
    "api.apikey": "user__organisation",
    "messaging.messagetemplate": "organisation",
    "messaging.htmlprofile": "organisation",
    "messaging.message": "organisation",
    "responses.candidatelink": "interview__organisation",
    "responses.candidateanswer": "interview__organisation",
    "responses.followup": "interview__organisation",
    "monitoring.checklistitem": "organisation",
    "monitoring.checklisttick": "interview__organisation",
    "monitoring.interviewrun": "interview__organisation",
    "monitoring.incident": "interview__organisation",
    "monitoring.incidentstep": "incident__interview__organisation",
    "monitoring.checkin": "interview__organisation",
    "monitoring.debrief": "interview__organisation",
    "monitoring.rating": "interview__organisation",
}
SHARED_APPS = {"auth", "contenttypes"}


def is_operator(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "is_superuser", False))


def scope_to_organisation(queryset: QuerySet[Any], request: HttpRequest) -> QuerySet[Any]:
    """`queryset` limited to the requesting user's organisation (unchanged for superusers)."""
    if is_operator(request):
        return queryset
    lookup = ORGANISATION_LOOKUPS.get(queryset.model._meta.label_lower)
    if lookup is None:
        # Shared definitions (groups, permissions) are the same for everyone; anything
        # else without a known path to its organisation is hidden rather than leaked.
        return queryset if queryset.model._meta.app_label in SHARED_APPS else queryset.none()
    organisation_id = getattr(request.user, "organisation_id", None)
    if organisation_id is None:
        return queryset.none()
    return queryset.filter(**{lookup: organisation_id})


class OrganisationScopedMixin:
    """For ModelAdmin and inlines: rows, choices and new objects stay inside the user's organisation."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return scope_to_organisation(super().get_queryset(request), request)  # type: ignore[misc]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> ModelChoiceField | None:
        if "queryset" not in kwargs:
            kwargs["queryset"] = scope_to_organisation(db_field.related_model._default_manager.all(), request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> ModelMultipleChoiceField | None:
        if "queryset" not in kwargs:
            kwargs["queryset"] = scope_to_organisation(db_field.related_model._default_manager.all(), request)
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = list(super().get_readonly_fields(request, obj))  # type: ignore[misc]
        if not is_operator(request) and _has_field(self.model, "organisation") and "organisation" not in fields:  # type: ignore[attr-defined]
            fields.append("organisation")
        return fields

    def get_list_filter(self, request: HttpRequest) -> Any:
        filters = list(super().get_list_filter(request))  # type: ignore[misc]
        if is_operator(request):
            return filters
        # Other organisations' names must not appear in the filter sidebar.
        return [item for item in filters if item != "organisation" and not _is_organisation_filter(item)]

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Any:
        # Another organisation's row answers 404, like everywhere else in Regisseur
        # (Django's admin would redirect to the index with "does not exist").
        obj = super().get_object(request, object_id, from_field)  # type: ignore[misc]
        if obj is None:
            raise Http404
        return obj


def _has_field(model: type[models.Model], name: str) -> bool:
    return any(field.name == name for field in model._meta.get_fields())


def _is_organisation_filter(item: Any) -> bool:
    return isinstance(item, tuple | list) and bool(item) and item[0] == "organisation"


class ScopedModelAdmin(OrganisationScopedMixin, admin.ModelAdmin):
    """A ModelAdmin whose new objects get the user's organisation."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change and not is_operator(request) and _has_field(type(obj), "organisation"):
            obj.organisation_id = request.user.organisation_id  # type: ignore[union-attr]
        super().save_model(request, obj, form, change)


class ReadOnlyAdminMixin:
    """Records written only by services: visible in the admin, never changed there."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Organisation)
class OrganisationAdmin(ScopedModelAdmin):
    list_display = ["name", "created_at"]
    search_fields = ["name"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # An organisation created by a non-superuser would be invisible to its creator.
        return is_operator(request)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change:
            install_defaults(obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_operator(request)


@admin.register(User)
class UserAdmin(OrganisationScopedMixin, BaseUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "organisation", "is_staff", "is_active"]
    list_filter = ["organisation", "groups", "is_staff", "is_active"]
    list_select_related = ["organisation"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        (_("Regisseur"), {"fields": ("organisation", "time_zone", "language")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if not is_operator(request):
            # An administrator must not be able to take over the operator's account.
            queryset = queryset.filter(is_superuser=False)
        return queryset

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = list(super().get_readonly_fields(request, obj))
        if not is_operator(request):
            # Roles (groups) are an administrator's business; superuser status and single
            # permissions are the operator's, or an administrator could grant themselves anything.
            fields += [name for name in ("is_superuser", "user_permissions") if name not in fields]
        return fields

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change and not is_operator(request):
            obj.organisation_id = request.user.organisation_id  # type: ignore[union-attr]
        super().save_model(request, obj, form, change)
