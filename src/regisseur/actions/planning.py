"""Planning interviews (P1, P4, P5): one, or many at once, each with its reminder (M1-M6)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from regisseur.accounts.models import User
from regisseur.core.errors import ServiceError
from regisseur.interviews.models import Interview
from regisseur.interviews.planning import Planning
from regisseur.interviews.services import create_interviews
from regisseur.recruitment.models import Application, Vacancy
from regisseur.reminders.services import Warning, set_reminder


@dataclass(frozen=True)
class ReminderChoice:
    """The reminder chosen with a plan or a change: `channel` "none" removes it."""

    channel: str
    days_before: int | None = None
    subject: str = ""
    body: str = ""
    signature: str = ""


@dataclass
class Planned:
    interviews: list[Interview]
    warnings: list[Warning] = field(default_factory=list)

    @property
    def group_id(self) -> int | None:
        return self.interviews[0].group_id if self.interviews else None


def apply_reminder(actor: User, interviews: Sequence[Interview], reminder: ReminderChoice | None) -> list[Warning]:
    """Set the chosen reminder on each interview; each warning once (M5)."""
    if reminder is None:
        return []
    warnings: dict[str, Warning] = {}
    for interview in interviews:
        _row, found = set_reminder(
            actor=actor,
            interview=interview,
            channel=reminder.channel,
            days_before=reminder.days_before,
            subject=reminder.subject,
            body=reminder.body,
            signature=reminder.signature,
        )
        for warning in found:
            warnings.setdefault(warning.code, warning)
    return list(warnings.values())


@transaction.atomic
def plan_interview(
    *,
    actor: User,
    planning: Planning,
    application: Application | None = None,
    vacancy: Vacancy | None = None,
    reminder: ReminderChoice | None = None,
    force: bool = False,
) -> Planned:
    """Plan one interview for an application, or a round on a vacancy (P4); with its reminder or not at all."""
    if application is not None:
        if vacancy is not None and vacancy.pk != application.vacancy_id:
            raise ServiceError("invalid", _("The application belongs to another vacancy."), field="vacancy_id")
        vacancy = application.vacancy
    if vacancy is None:
        raise ServiceError("required", _("Choose an application or a vacancy."), field="application_id")
    interviews = create_interviews(
        actor=actor, vacancy=vacancy, applications=[application], planning=planning, force=force
    )
    return Planned(interviews, apply_reminder(actor, interviews, reminder))


@transaction.atomic
def plan_interviews(
    *,
    actor: User,
    applications: Sequence[Application],
    planning: Planning,
    as_group: bool = False,
    spacing_minutes: int = 0,
    reminder: ReminderChoice | None = None,
    force: bool = False,
) -> Planned:
    """Bulk "invite for interview" (P5): one interview each, spaced, or one group interview for all."""
    if not applications:
        raise ServiceError("required", _("Select at least one candidate."), field="application_ids")
    interviews = create_interviews(
        actor=actor,
        vacancy=applications[0].vacancy,
        applications=applications,
        planning=planning,
        as_group=as_group,
        spacing_minutes=0 if as_group else spacing_minutes,
        force=force,
    )
    return Planned(interviews, apply_reminder(actor, interviews, reminder))
