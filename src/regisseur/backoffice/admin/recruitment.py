from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from regisseur.backoffice.admin.accounts import OrganisationScopedMixin, ScopedModelAdmin
from regisseur.recruitment.models import Application, Candidate, Client, Contact, Vacancy
from regisseur.recruitment.services import set_application_status

# Filters on related rows list only the rows present in the (organisation-scoped) changelist.
RELATED_ONLY = admin.RelatedOnlyFieldListFilter


class ContactInline(OrganisationScopedMixin, admin.TabularInline):
    model = Contact
    extra = 0
    fields = ["name", "email", "phone", "is_hiring_manager", "wants_calendar_invites", "user"]


@admin.register(Client)
class ClientAdmin(ScopedModelAdmin):
    list_display = ["name", "organisation", "created_at"]
    list_filter = ["organisation"]
    list_select_related = ["organisation"]
    search_fields = ["name", "contacts__name"]
    inlines = [ContactInline]


@admin.register(Contact)
class ContactAdmin(ScopedModelAdmin):
    list_display = ["name", "client", "email", "phone", "is_hiring_manager", "wants_calendar_invites", "user"]
    list_filter = ["is_hiring_manager", "wants_calendar_invites", ("client", RELATED_ONLY)]
    list_select_related = ["client", "user"]
    search_fields = ["name", "email", "phone", "client__name"]


@admin.register(Vacancy)
class VacancyAdmin(ScopedModelAdmin):
    list_display = ["title", "client", "hiring_manager", "language", "status", "created_at"]
    list_filter = ["status", "language", ("client", RELATED_ONLY)]
    list_select_related = ["client", "hiring_manager"]
    search_fields = ["title", "client__name"]


@admin.register(Candidate)
class CandidateAdmin(ScopedModelAdmin):
    list_display = ["last_name", "first_name", "email", "mobile", "language", "preferred_mode", "created_at"]
    list_display_links = ["last_name", "first_name"]
    list_filter = ["language", "preferred_mode", "organisation"]
    list_select_related = ["organisation"]
    search_fields = ["first_name", "last_name", "email", "mobile"]


@admin.register(Application)
class ApplicationAdmin(ScopedModelAdmin):
    list_display = ["candidate", "vacancy", "stage", "status", "updated_at"]
    list_filter = ["stage", "status", ("vacancy", RELATED_ONLY)]
    list_select_related = ["candidate", "vacancy"]
    search_fields = ["candidate__first_name", "candidate__last_name", "candidate__email", "vacancy__title"]
    # The autocomplete answers through the candidate and vacancy admins: scoped as well.
    autocomplete_fields = ["candidate", "vacancy"]

    def save_model(self, request: HttpRequest, obj: Application, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and "status" in form.changed_data:
            # The service closes the workflow stage of a withdrawn, rejected or hired application.
            set_application_status(actor=request.user, application=obj, status=obj.status)  # type: ignore[arg-type]
