"""What each user may see: recruitment records and interviews, always through the user's permissions.

Recruiters and administrators see everything of their organisation; hiring
managers and committee members see only what their interviews touch. Anything
else is "not found", never "forbidden", so ids reveal nothing.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Lower
from django.http import Http404

from regisseur.accounts.roles import is_recruiter
from regisseur.interviews.models import Guideline, Interview, InterviewKind, InterviewStatus, LocationPreset
from regisseur.recruitment.models import (
    Application,
    ApplicationStatus,
    Candidate,
    CandidateDocument,
    Client,
    Contact,
    Vacancy,
    VacancyStatus,
)


def participant_interview_q(user: Any, *, prefix: str = "") -> Q:
    """Interviews `user` attends: as participating user, committee member, or the vacancy's hiring manager."""
    return (
        Q(**{f"{prefix}participants": user})
        | Q(**{f"{prefix}committee_members__user": user})
        | Q(
            **{
                f"{prefix}vacancy__hiring_manager__user": user,
                f"{prefix}kind__in": [InterviewKind.HIRING_MANAGER, InterviewKind.BOTH],
            }
        )
    )


def interviews_for_user(user: Any, queryset: QuerySet[Any] | None = None) -> QuerySet[Any]:
    """The interviews `user` may see: of `queryset` (of interviews, in any shape) when given."""
    base = Interview.objects.all() if queryset is None else queryset
    if not getattr(user, "is_authenticated", False) or user.organisation_id is None:
        return base.none()
    mine = base.filter(organisation_id=user.organisation_id)
    if is_recruiter(user):
        return mine
    # A subquery, not a join, so that the caller's ordering and counts stay simple.
    visible = Interview.objects.filter(participant_interview_q(user)).values("id")
    return mine.filter(id__in=visible)


def get_interview_for_user(user: Any, pk: Any) -> Interview:
    try:
        return (
            interviews_for_user(user)
            .select_related("application__candidate", "vacancy__client", "vacancy__hiring_manager", "location_preset")
            .get(pk=int(pk))
        )
    except (ValueError, TypeError, OverflowError, Interview.DoesNotExist):
        raise Http404 from None


def can_see_memo(user: Any, interview: Interview) -> bool:
    """The memo is private to the organisation's recruiters (P2)."""
    return is_recruiter(user) and user.organisation_id == interview.organisation_id


def _visible_interview_q(user: Any, prefix: str) -> Q:
    """Interviews a non-recruiter takes part in, as a filter relative to `prefix`."""
    return participant_interview_q(user, prefix=prefix)


def clients_for_user(user: Any) -> QuerySet[Client]:
    if not is_recruiter(user):
        return Client.objects.none()
    return Client.objects.filter(organisation_id=user.organisation_id)


def contacts_for_user(user: Any) -> QuerySet[Contact]:
    if not is_recruiter(user):
        return Contact.objects.none()
    return Contact.objects.filter(client__organisation_id=user.organisation_id)


def vacancies_for_user(user: Any) -> QuerySet[Vacancy]:
    if not getattr(user, "is_authenticated", False) or user.organisation_id is None:
        return Vacancy.objects.none()
    queryset = Vacancy.objects.filter(client__organisation_id=user.organisation_id)
    if is_recruiter(user):
        return queryset
    return queryset.filter(Q(hiring_manager__user=user) | _visible_interview_q(user, "interviews__")).distinct()


def candidates_for_user(user: Any) -> QuerySet[Candidate]:
    if not getattr(user, "is_authenticated", False) or user.organisation_id is None:
        return Candidate.objects.none()
    queryset = Candidate.objects.filter(organisation_id=user.organisation_id)
    if is_recruiter(user):
        return queryset
    return queryset.filter(_visible_interview_q(user, "applications__interviews__")).distinct()


def documents_for_user(user: Any) -> QuerySet[CandidateDocument]:
    """Documents are seen by whoever may see their candidate: recruiters, and the panel of their interviews."""
    return CandidateDocument.objects.filter(candidate__in=candidates_for_user(user).values("id"))


def get_document_for_user(user: Any, pk: Any) -> CandidateDocument:
    return _get(documents_for_user(user).select_related("candidate"), pk)


def applications_for_user(user: Any) -> QuerySet[Application]:
    if not getattr(user, "is_authenticated", False) or user.organisation_id is None:
        return Application.objects.none()
    queryset = Application.objects.filter(vacancy__client__organisation_id=user.organisation_id)
    if is_recruiter(user):
        return queryset
    return queryset.filter(_visible_interview_q(user, "interviews__")).distinct()


def _get(queryset: QuerySet[Any], pk: Any) -> Any:
    try:
        return queryset.get(pk=int(pk))
    except (ValueError, TypeError, OverflowError, queryset.model.DoesNotExist):
        raise Http404 from None


def get_client_for_user(user: Any, pk: Any) -> Client:
    result: Client = _get(clients_for_user(user), pk)
    return result


def get_contact_for_user(user: Any, pk: Any) -> Contact:
    result: Contact = _get(contacts_for_user(user).select_related("client"), pk)
    return result


def get_vacancy_for_user(user: Any, pk: Any) -> Vacancy:
    result: Vacancy = _get(vacancies_for_user(user).select_related("client", "hiring_manager"), pk)
    return result


def get_candidate_for_user(user: Any, pk: Any) -> Candidate:
    result: Candidate = _get(candidates_for_user(user), pk)
    return result


def get_application_for_user(user: Any, pk: Any) -> Application:
    result: Application = _get(
        applications_for_user(user).select_related("candidate", "vacancy", "vacancy__client"), pk
    )
    return result


# List selectors: each returns rows with everything the page shows, in a fixed
# number of queries however many rows there are.


def _count_subquery(queryset: QuerySet[Any], outer_field: str) -> Coalesce:
    """COUNT(*) of `queryset` rows whose `outer_field` is the outer row, as a subquery (0 when none)."""
    counted = (
        queryset.filter(**{outer_field: OuterRef("pk")})
        .order_by()
        .values(outer_field)
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def vacancy_rows_for_user(user: Any, *, status: str = "", search: str = "") -> QuerySet[Vacancy]:
    """The vacancy list: client, hiring manager, active applications and upcoming interviews counted."""
    # Subqueries, not joins: the visibility filter of non-recruiters already joins
    # interviews, and counting over that join would count only what it matched.
    queryset = vacancies_for_user(user).select_related("client", "hiring_manager")
    if status:
        queryset = queryset.filter(status=status)
    if search:
        queryset = queryset.filter(title__icontains=search)
    return queryset.annotate(
        active_application_count=_count_subquery(
            Application.objects.filter(status=ApplicationStatus.ACTIVE), "vacancy"
        ),
        upcoming_interview_count=_count_subquery(Interview.objects.upcoming(), "vacancy"),
    ).order_by("title", "pk")


def _with_interviews(user: Any, applications: QuerySet[Application]) -> QuerySet[Application]:
    """Prefetch the interviews the user may see (not cancelled), in time order, as `visible_interviews`."""
    interviews = interviews_for_user(user).exclude(status=InterviewStatus.CANCELLED).order_by("starts_at", "id")
    return applications.prefetch_related(Prefetch("interviews", queryset=interviews, to_attr="visible_interviews"))


def latest_interview(application: Application) -> Any:
    """The last (by date) non-cancelled interview prefetched by a row selector, or None."""
    interviews = getattr(application, "visible_interviews", [])
    return interviews[-1] if interviews else None


def vacancy_application_rows(user: Any, vacancy: Vacancy, *, stage: str = "", status: str = "") -> list[Application]:
    """All applications of a vacancy the user may see, each with `latest_interview` set (P7)."""
    queryset = applications_for_user(user).filter(vacancy=vacancy).select_related("candidate")
    if stage:
        queryset = queryset.filter(stage=stage)
    if status:
        queryset = queryset.filter(status=status)
    rows = list(_with_interviews(user, queryset).order_by("candidate__last_name", "candidate__first_name", "pk"))
    for row in rows:
        row.latest_interview = latest_interview(row)  # type: ignore[attr-defined]
    return rows


def candidate_rows_for_user(user: Any, *, search: str = "") -> QuerySet[Candidate]:
    """The candidate list with the number of applications of each candidate."""
    queryset = candidates_for_user(user)
    if search:
        for word in search.split()[:5]:
            queryset = queryset.filter(
                Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
            )
    # Case-insensitive, so that "de Boer" sorts next to "Dekker", not after every capital.
    return queryset.annotate(
        application_count=_count_subquery(Application.objects.all(), "candidate"),
        sort_last_name=Lower("last_name"),
        sort_first_name=Lower("first_name"),
    ).order_by("sort_last_name", "sort_first_name", "pk")


def candidate_applications(user: Any, candidate: Candidate) -> list[Application]:
    """A candidate's applications the user may see, with vacancy and client."""
    return list(
        applications_for_user(user)
        .filter(candidate=candidate)
        .select_related("vacancy", "vacancy__client")
        .order_by("-created_at", "-pk")
    )


def candidate_interviews(user: Any, candidate: Candidate) -> QuerySet[Interview]:
    """Every interview of the candidate's applications the user may see ("Stappen"), newest first."""
    return (
        interviews_for_user(user)
        .filter(application__candidate=candidate)
        .select_related("vacancy", "application")
        .order_by("-starts_at", "-id")
    )


def application_interviews(user: Any, application: Application) -> QuerySet[Interview]:
    """The application's interviews the user may see, in time order."""
    return interviews_for_user(user).filter(application=application).order_by("starts_at", "id")


def vacancy_rounds(user: Any, vacancy: Vacancy) -> QuerySet[Interview]:
    """Interview rounds planned on the vacancy without a candidate yet (P4)."""
    return (
        interviews_for_user(user)
        .filter(vacancy=vacancy, application__isnull=True)
        .exclude(status=InterviewStatus.CANCELLED)
        .order_by("starts_at", "id")
    )


def active_applications(user: Any, vacancy: Vacancy) -> QuerySet[Application]:
    """Active applications of a vacancy, for choosing one (e.g. to link to a round)."""
    return (
        applications_for_user(user)
        .filter(vacancy=vacancy, status=ApplicationStatus.ACTIVE)
        .select_related("candidate")
        .order_by("candidate__last_name", "candidate__first_name", "pk")
    )


def open_vacancies_for_candidate(user: Any, candidate: Candidate) -> QuerySet[Vacancy]:
    """Vacancies the candidate could still be added to: not closed, not applied to yet."""
    return (
        vacancies_for_user(user)
        .exclude(status=VacancyStatus.CLOSED)
        .exclude(applications__candidate=candidate)
        .select_related("client")
        .order_by("title", "pk")
    )


def get_applications_for_user(user: Any, ids: list[Any]) -> list[Application]:
    """The applications chosen for a bulk action, in the order given; any unknown id is "not found"."""
    try:
        wanted = list(dict.fromkeys(int(raw) for raw in ids))
    except (TypeError, ValueError, OverflowError):
        raise Http404 from None
    if not all(0 < pk < 2**63 for pk in wanted):
        raise Http404
    found = {
        application.pk: application
        for application in applications_for_user(user)
        .filter(pk__in=wanted)
        .select_related("candidate", "vacancy__client")
    }
    if len(found) != len(wanted):
        raise Http404
    return [found[pk] for pk in wanted]


def locations_for_user(user: Any) -> QuerySet[LocationPreset]:
    """The organisation's interview locations (recruiters only), each with how many interviews use it."""
    if not is_recruiter(user) or user.organisation_id is None:
        return LocationPreset.objects.none()
    return LocationPreset.objects.filter(organisation_id=user.organisation_id).annotate(
        interview_count=Count("interview")
    )


def get_location_for_user(user: Any, pk: Any) -> LocationPreset:
    result: LocationPreset = _get(locations_for_user(user), pk)
    return result


def guidelines_for_user(user: Any) -> QuerySet[Guideline]:
    """The organisation's interview guidelines (recruiters only), each with how many interviews link to it."""
    if not is_recruiter(user) or user.organisation_id is None:
        return Guideline.objects.none()
    return Guideline.objects.filter(organisation_id=user.organisation_id).annotate(interview_count=Count("interviews"))


def get_guideline_for_user(user: Any, pk: Any) -> Guideline:
    result: Guideline = _get(guidelines_for_user(user), pk)
    return result
