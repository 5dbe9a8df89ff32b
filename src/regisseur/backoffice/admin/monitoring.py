"""Admin for monitoring the interview day (seed 000): read-only, like the history.

Every row here is a recorded fact written by the monitoring actions (ticks, starts, incidents,
check-ins, debriefs, ratings) or by the checklist settings page; the admin shows them, scoped to
the user's organisation, and changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from regisseur.backoffice.admin.accounts import OrganisationScopedMixin, ReadOnlyAdminMixin, ScopedModelAdmin
from regisseur.monitoring.models import (
    CheckIn,
    ChecklistItem,
    ChecklistTick,
    Debrief,
    Incident,
    IncidentStep,
    InterviewRun,
    Rating,
)


class InterviewRecordAdmin(ReadOnlyAdminMixin, ScopedModelAdmin):
    """A record of one interview: readable by whoever may look at interviews, changed by nobody."""

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm("interviews.view_interview") or super().has_view_permission(request, obj)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [field.name for field in self.model._meta.get_fields() if field.concrete and not field.auto_created]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(InterviewRecordAdmin):
    """Edited on the checklist settings page (which keeps automatic lines automatic)."""

    list_display = ["phase", "position", "code", "label", "is_active", "organisation"]
    list_filter = ["phase", "is_active", "organisation"]
    list_select_related = ["organisation"]
    search_fields = ["code", "label"]


@admin.register(ChecklistTick)
class ChecklistTickAdmin(InterviewRecordAdmin):
    list_display = ["interview", "phase", "code", "done", "done_by", "done_at"]
    list_filter = ["phase", "done"]
    list_select_related = ["interview__application__candidate", "done_by"]
    search_fields = ["code", "note"]


@admin.register(InterviewRun)
class InterviewRunAdmin(InterviewRecordAdmin):
    list_display = ["interview", "started_at", "started_by", "no_show_by", "completed_at"]
    list_filter = ["no_show_by"]
    list_select_related = ["interview__application__candidate", "started_by"]


class IncidentStepInline(OrganisationScopedMixin, ReadOnlyAdminMixin, admin.TabularInline):
    model = IncidentStep
    fields = readonly_fields = ("position", "code", "done", "done_by", "done_at", "due_at", "note")
    extra = 0
    can_delete = False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm("interviews.view_interview") or super().has_view_permission(request, obj)


@admin.register(Incident)
class IncidentAdmin(InterviewRecordAdmin):
    list_display = ["interview", "kind", "opened_at", "opened_by", "closed_at"]
    list_filter = ["kind"]
    list_select_related = ["interview__application__candidate", "opened_by"]
    search_fields = ["note", "lessons"]
    inlines = [IncidentStepInline]


@admin.register(CheckIn)
class CheckInAdmin(InterviewRecordAdmin):
    list_display = ["interview", "audience", "state", "created_at"]
    list_filter = ["audience", "state"]
    list_select_related = ["interview__application__candidate"]


@admin.register(Debrief)
class DebriefAdmin(InterviewRecordAdmin):
    list_display = ["interview", "starts_at", "duration_minutes", "cancelled_at"]
    list_select_related = ["interview__application__candidate"]


@admin.register(Rating)
class RatingAdmin(InterviewRecordAdmin):
    list_display = ["interview", "audience", "score", "answered_at"]
    list_filter = ["audience", "score"]
    list_select_related = ["interview__application__candidate"]
    # The link's token (hashed) is never shown.
    exclude = ["token_hash"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [name for name in super().get_readonly_fields(request, obj) if name != "token_hash"]
