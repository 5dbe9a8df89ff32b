"""Clients, contacts, vacancies, candidates and applications (R1-R4)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status

from regisseur.api.common import ERRORS, actor, filter_by_id, get_for_user, page_of, require_recruiter
from regisseur.api.schemas import (
    ApplicationFilters,
    ApplicationIn,
    ApplicationList,
    ApplicationOut,
    CandidateIn,
    CandidateList,
    CandidateOut,
    ClientIn,
    ClientList,
    ClientOut,
    ContactIn,
    ContactList,
    ContactOut,
    PageQuery,
    VacancyIn,
    VacancyList,
    VacancyOut,
)
from regisseur.interviews import access as queries
from regisseur.recruitment import services

router = Router(tags=["records"])


def _list(queryset: Any, paging: PageQuery) -> dict[str, Any]:
    items, count = page_of(queryset, paging)
    return {"items": items, "count": count}


@router.post("/clients", response={201: ClientOut, **ERRORS})
def create_client(request: HttpRequest, payload: ClientIn) -> Status:
    user = actor(request)
    require_recruiter(user)
    return Status(201, services.create_client(actor=user, name=payload.name))


@router.get("/clients", response={200: ClientList, **ERRORS})
def list_clients(request: HttpRequest, filters: Query[PageQuery]) -> dict[str, Any]:
    return _list(queries.clients_for_user(actor(request)).order_by("name", "id"), filters)


@router.get("/clients/{client_id}", response={200: ClientOut, **ERRORS})
def get_client(request: HttpRequest, client_id: int) -> Any:
    return get_for_user(queries.get_client_for_user, actor(request), client_id)


@router.post("/contacts", response={201: ContactOut, **ERRORS})
def create_contact(request: HttpRequest, payload: ContactIn) -> Status:
    user = actor(request)
    require_recruiter(user)
    client = get_for_user(queries.get_client_for_user, user, payload.client_id, field="client_id")
    contact = services.create_contact(actor=user, client=client, **payload.model_dump(exclude={"client_id"}))
    return Status(201, contact)


@router.get("/contacts", response={200: ContactList, **ERRORS})
def list_contacts(request: HttpRequest, filters: Query[PageQuery]) -> dict[str, Any]:
    return _list(queries.contacts_for_user(actor(request)).order_by("name", "id"), filters)


@router.get("/contacts/{contact_id}", response={200: ContactOut, **ERRORS})
def get_contact(request: HttpRequest, contact_id: int) -> Any:
    return get_for_user(queries.get_contact_for_user, actor(request), contact_id)


@router.post("/vacancies", response={201: VacancyOut, **ERRORS})
def create_vacancy(request: HttpRequest, payload: VacancyIn) -> Status:
    user = actor(request)
    require_recruiter(user)
    client = get_for_user(queries.get_client_for_user, user, payload.client_id, field="client_id")
    manager = None
    if payload.hiring_manager_id is not None:
        manager = get_for_user(queries.get_contact_for_user, user, payload.hiring_manager_id, field="hiring_manager_id")
    vacancy = services.create_vacancy(
        actor=user,
        client=client,
        title=payload.title,
        hiring_manager=manager,
        language=payload.language,
        status=payload.status,
    )
    return Status(201, vacancy)


@router.get("/vacancies", response={200: VacancyList, **ERRORS})
def list_vacancies(request: HttpRequest, filters: Query[PageQuery]) -> dict[str, Any]:
    return _list(queries.vacancies_for_user(actor(request)).order_by("title", "id"), filters)


@router.get("/vacancies/{vacancy_id}", response={200: VacancyOut, **ERRORS})
def get_vacancy(request: HttpRequest, vacancy_id: int) -> Any:
    return get_for_user(queries.get_vacancy_for_user, actor(request), vacancy_id)


@router.post("/candidates", response={201: CandidateOut, **ERRORS})
def create_candidate(request: HttpRequest, payload: CandidateIn) -> Status:
    user = actor(request)
    require_recruiter(user)
    return Status(201, services.create_candidate(actor=user, **payload.model_dump()))


@router.get("/candidates", response={200: CandidateList, **ERRORS})
def list_candidates(request: HttpRequest, filters: Query[PageQuery]) -> dict[str, Any]:
    return _list(queries.candidates_for_user(actor(request)).order_by("last_name", "first_name", "id"), filters)


@router.get("/candidates/{candidate_id}", response={200: CandidateOut, **ERRORS})
def get_candidate(request: HttpRequest, candidate_id: int) -> Any:
    return get_for_user(queries.get_candidate_for_user, actor(request), candidate_id)


@router.post("/applications", response={201: ApplicationOut, **ERRORS})
def create_application(request: HttpRequest, payload: ApplicationIn) -> Status:
    user = actor(request)
    require_recruiter(user)
    candidate = get_for_user(queries.get_candidate_for_user, user, payload.candidate_id, field="candidate_id")
    vacancy = get_for_user(queries.get_vacancy_for_user, user, payload.vacancy_id, field="vacancy_id")
    return Status(201, services.create_application(actor=user, candidate=candidate, vacancy=vacancy))


@router.get("/applications", response={200: ApplicationList, **ERRORS})
def list_applications(request: HttpRequest, filters: Query[ApplicationFilters]) -> dict[str, Any]:
    applications = queries.applications_for_user(actor(request)).order_by("-created_at", "-id")
    applications = filter_by_id(applications, "vacancy_id", filters.vacancy_id)
    applications = filter_by_id(applications, "candidate_id", filters.candidate_id)
    return _list(applications, filters)


@router.get("/applications/{application_id}", response={200: ApplicationOut, **ERRORS})
def get_application(request: HttpRequest, application_id: int) -> Any:
    return get_for_user(queries.get_application_for_user, actor(request), application_id)
