from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from regisseur.accounts.roles import is_administrator
from regisseur.api.auth import forget_known
from regisseur.api.models import ApiKey
from regisseur.backoffice.admin.accounts import ScopedModelAdmin


@admin.register(ApiKey)
class ApiKeyAdmin(ScopedModelAdmin):
    """Keys are listed and can be switched off; they are issued by `regisseur manage create_api_key`.

    The key itself is never stored (only its hash) and its hash is never shown.
    """

    list_display = ["prefix", "name", "user", "created_at", "last_used_at", "is_active"]
    list_filter = ["is_active"]
    list_select_related = ["user"]
    search_fields = ["prefix", "name", "user__username"]
    fields = readonly_fields = ("prefix", "name", "user", "created_at", "last_used_at", "is_active")
    actions = ["deactivate"]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request.user) or super().has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_deactivate_permission(self, request: HttpRequest) -> bool:
        return is_administrator(request.user)

    @admin.action(description=_("Deactivate selected API keys"), permissions=["deactivate"])
    def deactivate(self, request: HttpRequest, queryset: QuerySet[ApiKey]) -> None:
        count = queryset.filter(is_active=True).update(is_active=False)
        # At once in this process; the others stop trusting the keys within seconds (api.auth).
        forget_known()
        self.message_user(request, _("%(count)d API key(s) deactivated.") % {"count": count}, messages.SUCCESS)
