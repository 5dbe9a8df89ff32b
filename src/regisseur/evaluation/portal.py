"""What the manager portal shows (E5): a participant's own interviews, evaluations to give, guidelines.

Every list comes from a fixed number of queries however many interviews there are: the
user's role in each interview and the state of their evaluation are subqueries, not a
query per row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regisseur.accounts.models import User
from regisseur.evaluation.models import Evaluation
from regisseur.interviews.access import participant_interview_q
from regisseur.interviews.models import Interview, InterviewKind, InterviewStatus

# The most recent past interviews shown; older ones stay reachable by their address.
PAST_LIMIT = 50

ROLE_HIRING_MANAGER = _("Hiring manager")
ROLE_COMMITTEE_MEMBER = _("Committee member")
ROLE_INTERVIEWER = _("Interviewer")


@dataclass(frozen=True)
class Portal:
    upcoming: list[Interview]
    past: list[Interview]
    to_evaluate: list[Interview]


def _current_evaluation(user: User) -> QuerySet[Evaluation]:
    """The user's current evaluation of the outer interview, for an Exists() subquery."""
    return Evaluation.objects.filter(interview_id=OuterRef("pk"), author_id=user.pk, is_current=True)


def _own_interviews(user: User) -> QuerySet[Interview]:
    """The interviews the user attends (recruiters too: only those they take part in), with their role."""
    if user.organisation_id is None:
        return Interview.objects.none()
    participating = Interview.participants.through.objects.filter(interview_id=OuterRef("pk"), user_id=user.pk)
    on_committee = Interview.committee_members.through.objects.filter(
        interview_id=OuterRef("pk"), contact__user_id=user.pk
    )
    current = _current_evaluation(user)
    # A subquery, not a join: an interview the user attends in two roles is still one row.
    attended = Interview.objects.filter(participant_interview_q(user)).values("id")
    return (
        Interview.objects.filter(organisation_id=user.organisation_id, id__in=attended)
        .select_related("vacancy__client", "vacancy__hiring_manager", "application__candidate", "location_preset")
        .annotate(
            is_participant=Exists(participating),
            is_committee_member=Exists(on_committee),
            has_submitted_evaluation=Exists(current.filter(submitted_at__isnull=False)),
            has_draft_evaluation=Exists(current.filter(submitted_at__isnull=True)),
        )
    )


def _with_roles(user: User, interviews: list[Interview]) -> list[Interview]:
    for interview in interviews:
        roles = []
        manager = interview.vacancy.hiring_manager
        if (
            manager is not None
            and manager.user_id == user.pk
            and interview.kind in (InterviewKind.HIRING_MANAGER, InterviewKind.BOTH)
        ):
            roles.append(ROLE_HIRING_MANAGER)
        if getattr(interview, "is_committee_member", False):
            roles.append(ROLE_COMMITTEE_MEMBER)
        if getattr(interview, "is_participant", False):
            roles.append(ROLE_INTERVIEWER)
        interview.portal_roles = roles  # type: ignore[attr-defined]
    return interviews


def portal_for_user(user: User) -> Portal:
    """The start page: upcoming interviews (cancelled ones marked), the latest past ones, evaluations to give."""
    now = timezone.now()
    own = _own_interviews(user)
    upcoming = list(own.filter(ends_at__gt=now).order_by("starts_at", "id"))
    held = own.filter(ends_at__lte=now).exclude(status=InterviewStatus.CANCELLED)
    past = list(held.order_by("-starts_at", "-id")[:PAST_LIMIT])
    submitted = _current_evaluation(user).filter(submitted_at__isnull=False)
    to_evaluate = list(
        own.filter(~Exists(submitted), ends_at__lte=now, application__isnull=False)
        .exclude(status__in=[InterviewStatus.CANCELLED, InterviewStatus.NO_SHOW])
        .order_by("-starts_at", "-id")
    )
    return Portal(
        upcoming=_with_roles(user, upcoming),
        past=_with_roles(user, past),
        to_evaluate=_with_roles(user, to_evaluate),
    )


def portal_interview(user: User, interview: Interview) -> dict[str, Any]:
    """One interview's page: who takes part, the guidelines in full, and the user's own evaluation."""
    # A recruiter may open any interview of the organisation; only one they attend has a role in it.
    annotated = _own_interviews(user).filter(pk=interview.pk).first() or interview
    _with_roles(user, [annotated])
    evaluation = (
        Evaluation.objects.filter(interview=interview, author_id=user.pk, is_current=True).only("submitted_at").first()
    )
    return {
        "interview": annotated,
        "participants": list(interview.participants.order_by("first_name", "last_name", "id")),
        "committee_members": list(interview.committee_members.order_by("name", "id")),
        "guidelines": list(interview.guidelines.order_by("title", "id")),
        "evaluation": evaluation,
        "is_over": interview.ends_at <= timezone.now(),
    }
