from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from regisseur.accounts.models import Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "created_at"]
    search_fields = ["name"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "organisation", "is_staff"]
    list_filter = ["organisation", "groups", "is_staff", "is_active"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        (_("Regisseur"), {"fields": ("organisation", "time_zone", "language")}),
    )
