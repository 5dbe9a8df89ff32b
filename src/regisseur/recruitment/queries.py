"""Reads of recruitment records, always through the user's permissions.

Recruiters and administrators see everything of their organisation; hiring
managers and committee members see only what their interviews touch. Anything
else is "not found", never "forbidden", so ids reveal nothing.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from regisseur.accounts.roles import is_recruiter
from regisseur.recruitment.models import Application, Candidate, Client, Contact, Vacancy


def _visible_interview_q(user: Any, prefix: str) -> Q:
    """Interviews a non-recruiter takes part in, as a filter relative to `prefix`."""
    from regisseur.interviews.queries import participant_interview_q

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
