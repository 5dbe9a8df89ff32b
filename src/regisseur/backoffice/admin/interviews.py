from __future__ import annotations

from typing import Any, cast

from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from regisseur.accounts.models import User
from regisseur.actions.cancelling import cancel_interview
from regisseur.actions.changes import record_outcome
from regisseur.backoffice.admin.accounts import OrganisationScopedMixin, ReadOnlyAdminMixin, ScopedModelAdmin
from regisseur.core.errors import ServiceError
from regisseur.core.timezones import format_day_first
from regisseur.interviews.models import (
    Guideline,
    Interview,
    InterviewEvent,
    InterviewGroup,
    InterviewStatus,
    LocationPreset,
)

RELATED_ONLY = admin.RelatedOnlyFieldListFilter


@admin.register(LocationPreset)
class LocationPresetAdmin(ScopedModelAdmin):
    list_display = ["name", "location", "is_active", "organisation"]
    list_filter = ["is_active", "organisation"]
    list_select_related = ["organisation"]
    search_fields = ["name", "location"]


@admin.register(Guideline)
class GuidelineAdmin(ScopedModelAdmin):
    list_display = ["title", "organisation"]
    list_filter = ["organisation"]
    list_select_related = ["organisation"]
    search_fields = ["title", "body"]


class InterviewEventInline(OrganisationScopedMixin, ReadOnlyAdminMixin, admin.TabularInline):
    model = InterviewEvent
    fields = readonly_fields = ("created_at", "action", "actor", "changes", "note")
    extra = 0
    can_delete = False


def _run_service(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Interview], change: Any, done: str
) -> None:
    """Apply one service call per interview; refusals are reported, the rest goes ahead."""
    changed = 0
    for interview in queryset:
        try:
            change(interview)
        except ServiceError as error:
            modeladmin.message_user(request, f"{interview}: {error.message}", messages.WARNING)
        else:
            changed += 1
    if changed:
        modeladmin.message_user(request, done % {"count": changed}, messages.SUCCESS)


def _actor(request: HttpRequest) -> User:
    # The admin site only lets signed-in staff in.
    return cast(User, request.user)


@admin.register(Interview)
class InterviewAdmin(ScopedModelAdmin):
    """Read-mostly on purpose.

    Planning, rescheduling and editing go through the planning form of the app, which
    calls the services: they check conflicts, refuse the past, bump the version that
    candidate links and calendar invitations depend on, and write the history. A plain
    admin form would do none of that, so every field here is read-only and the only
    changes offered are admin actions that call the same services.
    """

    list_display = [
        "starts_at_local",
        "who",
        "vacancy",
        "type",
        "kind",
        "status",
        "confirmation_status",
        "time_zone",
    ]
    list_filter = ["status", "confirmation_status", "type", "kind", ("vacancy", RELATED_ONLY), "organisation"]
    list_select_related = ["application__candidate", "vacancy", "organisation"]
    search_fields = [
        "application__candidate__first_name",
        "application__candidate__last_name",
        "vacancy__title",
        "round_name",
        "interviewer",
        "location",
    ]
    ordering = ["-starts_at"]
    inlines = [InterviewEventInline]
    actions = ["cancel_selected", "mark_held", "mark_no_show"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        names = [field.name for field in self.model._meta.get_fields() if field.concrete and not field.auto_created]
        return [*names, "participants", "committee_members", "guidelines"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def changeform_view(
        self, request: HttpRequest, object_id: str | None = None, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        extra_context = {
            **(extra_context or {}),
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
        }
        return super().changeform_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("starts at"), ordering="starts_at")
    def starts_at_local(self, interview: Interview) -> str:
        return format_day_first(interview.starts_at, interview.time_zone)

    @admin.display(description=_("candidate or round"))
    def who(self, interview: Interview) -> str:
        if interview.application_id and interview.application:
            return interview.application.candidate.full_name
        return interview.round_name

    @admin.action(description=_("Cancel selected interviews"), permissions=["change"])
    def cancel_selected(self, request: HttpRequest, queryset: QuerySet[Interview]) -> None:
        actor = _actor(request)
        _run_service(
            self,
            request,
            queryset,
            lambda interview: cancel_interview(
                actor=actor, interview=interview, reason=str(_("Cancelled in the admin site."))
            ),
            str(_("%(count)d interview(s) cancelled.")),
        )

    @admin.action(description=_("Mark selected interviews as held"), permissions=["change"])
    def mark_held(self, request: HttpRequest, queryset: QuerySet[Interview]) -> None:
        actor = _actor(request)
        _run_service(
            self,
            request,
            queryset,
            lambda interview: record_outcome(actor=actor, interview=interview, status=InterviewStatus.HELD),
            str(_("%(count)d interview(s) marked as held.")),
        )

    @admin.action(description=_("Mark selected interviews as no-show"), permissions=["change"])
    def mark_no_show(self, request: HttpRequest, queryset: QuerySet[Interview]) -> None:
        actor = _actor(request)
        _run_service(
            self,
            request,
            queryset,
            lambda interview: record_outcome(actor=actor, interview=interview, status=InterviewStatus.NO_SHOW),
            str(_("%(count)d interview(s) marked as no-show.")),
        )


@admin.register(InterviewEvent)
class InterviewEventAdmin(ReadOnlyAdminMixin, ScopedModelAdmin):
    """The audit trail: written by the services only."""

    list_display = ["created_at", "interview", "action", "actor", "note"]
    list_filter = ["action"]
    list_select_related = ["interview__application__candidate", "actor"]
    search_fields = [
        "interview__application__candidate__first_name",
        "interview__application__candidate__last_name",
        "note",
    ]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Whoever may look at interviews may read their history.
        return request.user.has_perm("interviews.view_interview") or super().has_view_permission(request, obj)


class GroupMemberInline(OrganisationScopedMixin, ReadOnlyAdminMixin, admin.TabularInline):
    model = Interview
    fields = readonly_fields = ("application", "starts_at", "status", "confirmation_status")
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(InterviewGroup)
class InterviewGroupAdmin(ScopedModelAdmin):
    """Group interviews are created by "invite for interview" (P5); the admin only shows them."""

    list_display = ["__str__", "member_count", "created_at", "organisation"]
    list_filter = ["organisation"]
    list_select_related = ["organisation"]
    readonly_fields = ["organisation", "created_at"]
    inlines = [GroupMemberInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[InterviewGroup]:
        return super().get_queryset(request).annotate(member_count=Count("interviews"))

    @admin.display(description=_("candidates"), ordering="member_count")
    def member_count(self, group: InterviewGroup) -> int:
        return int(getattr(group, "member_count", 0))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
