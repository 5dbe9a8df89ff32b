"""Changes to recruitment records: clients, contacts, vacancies, candidates, applications."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from regisseur.accounts.models import Language, User
from regisseur.accounts.roles import is_recruiter
from regisseur.core.errors import Forbidden, ServiceError
from regisseur.core.phones import normalise_mobile
from regisseur.recruitment.models import (
    Application,
    ApplicationStage,
    ApplicationStatus,
    Candidate,
    Client,
    Contact,
    InterviewMode,
    Vacancy,
    VacancyStatus,
)


def _require_recruiter(actor: User) -> int:
    """The actor's organisation id, when the actor may change records."""
    if not is_recruiter(actor) or actor.organisation_id is None:
        raise Forbidden(_("Only recruiters can change records."))
    return actor.organisation_id


def _text(value: Any, *, field: str, limit: int, required: bool = False) -> str:
    text = "" if value is None else str(value).strip()
    if required and not text:
        raise ServiceError("required", _("This field is required."), field=field)
    if len(text) > limit:
        raise ServiceError(
            "too_long", _("This text is too long: at most %(limit)d characters.") % {"limit": limit}, field=field
        )
    return text


def _email(value: Any, *, field: str = "email") -> str:
    email = _text(value, field=field, limit=254, required=True)
    try:
        validate_email(email)
    except ValidationError:
        raise ServiceError("invalid_email", _("Enter a valid email address."), field=field) from None
    return email


def _choice(value: Any, choices: type[Any], *, field: str, default: str, allow_blank: bool = False) -> str:
    if value is None or (value == "" and not allow_blank):
        return default
    if allow_blank and value == "":
        return ""
    if value not in choices.values:
        raise ServiceError(
            "invalid_choice",
            _("Choose one of: %(choices)s") % {"choices": ", ".join(choices.values)},
            field=field,
        )
    return str(value)


def _mobile(value: Any) -> str:
    try:
        return normalise_mobile(str(value or ""))
    except ValidationError as error:
        raise ServiceError("invalid_phone", " ".join(error.messages), field="mobile") from None


@transaction.atomic
def create_client(*, actor: User, name: str) -> Client:
    """Register a client company."""
    organisation_id = _require_recruiter(actor)
    return Client.objects.create(
        organisation_id=organisation_id, name=_text(name, field="name", limit=200, required=True)
    )


@transaction.atomic
def create_contact(
    *,
    actor: User,
    client: Client,
    name: str,
    email: str,
    phone: str = "",
    is_hiring_manager: bool = False,
    wants_calendar_invites: bool = True,
) -> Contact:
    """Add a contact person to a client."""
    _require_recruiter(actor)
    if client.organisation_id != actor.organisation_id:
        raise ServiceError("not_found", _("Unknown client."), field="client_id")
    phone_text = _text(phone, field="phone", limit=32)
    if phone_text:
        try:
            import phonenumbers

            parsed = phonenumbers.parse(phone_text, "NL")
            if not phonenumbers.is_valid_number(parsed):
                raise phonenumbers.NumberParseException(0, "invalid")
            phone_text = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        except phonenumbers.NumberParseException:
            raise ServiceError("invalid_phone", _("Enter a valid phone number."), field="phone") from None
    return Contact.objects.create(
        client=client,
        name=_text(name, field="name", limit=200, required=True),
        email=_email(email),
        phone=phone_text,
        is_hiring_manager=bool(is_hiring_manager),
        wants_calendar_invites=bool(wants_calendar_invites),
    )


@transaction.atomic
def create_vacancy(
    *,
    actor: User,
    client: Client,
    title: str,
    hiring_manager: Contact | None = None,
    language: str | None = None,
    status: str | None = None,
) -> Vacancy:
    """Open a vacancy for a client."""
    _require_recruiter(actor)
    if client.organisation_id != actor.organisation_id:
        raise ServiceError("not_found", _("Unknown client."), field="client_id")
    if hiring_manager is not None and hiring_manager.client_id != client.pk:
        raise ServiceError(
            "invalid", _("The hiring manager must be a contact of the client."), field="hiring_manager_id"
        )
    return Vacancy.objects.create(
        client=client,
        title=_text(title, field="title", limit=200, required=True),
        hiring_manager=hiring_manager,
        language=_choice(language, Language, field="language", default=Language.DUTCH),
        status=_choice(status, VacancyStatus, field="status", default=VacancyStatus.DRAFT),
    )


@transaction.atomic
def update_vacancy(*, actor: User, vacancy: Vacancy, changes: dict[str, Any]) -> Vacancy:
    """Change a vacancy's title, language, status or hiring manager."""
    _require_recruiter(actor)
    if "title" in changes:
        vacancy.title = _text(changes["title"], field="title", limit=200, required=True)
    if "language" in changes:
        vacancy.language = _choice(changes["language"], Language, field="language", default=vacancy.language)
    if "status" in changes:
        vacancy.status = _choice(changes["status"], VacancyStatus, field="status", default=vacancy.status)
    if "hiring_manager" in changes:
        manager = changes["hiring_manager"]
        if manager is not None and manager.client_id != vacancy.client_id:
            raise ServiceError(
                "invalid", _("The hiring manager must be a contact of the client."), field="hiring_manager_id"
            )
        vacancy.hiring_manager = manager
    vacancy.save()
    return vacancy


def _candidate_fields(values: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name, limit in (("first_name", 100), ("last_name", 100)):
        if name in values or not partial:
            fields[name] = _text(values.get(name), field=name, limit=limit, required=True)
    if "email" in values or not partial:
        fields["email"] = _email(values.get("email"))
    if "mobile" in values or not partial:
        fields["mobile"] = _mobile(values.get("mobile"))
    if "language" in values or not partial:
        fields["language"] = _choice(values.get("language"), Language, field="language", default=Language.DUTCH)
    if "preferred_mode" in values or not partial:
        fields["preferred_mode"] = _choice(
            values.get("preferred_mode"), InterviewMode, field="preferred_mode", default="", allow_blank=True
        )
    return fields


@transaction.atomic
def create_candidate(
    *,
    actor: User,
    first_name: str,
    last_name: str,
    email: str,
    mobile: str = "",
    language: str | None = None,
    preferred_mode: str | None = None,
) -> Candidate:
    """Register a candidate; the mobile number is stored in E.164."""
    organisation_id = _require_recruiter(actor)
    fields = _candidate_fields(
        {
            "first_name": first_name,
            "last_name": last_name,
            "email": email,
            "mobile": mobile,
            "language": language,
            "preferred_mode": preferred_mode,
        },
        partial=False,
    )
    return Candidate.objects.create(organisation_id=organisation_id, **fields)


@transaction.atomic
def update_candidate(*, actor: User, candidate: Candidate, changes: dict[str, Any]) -> Candidate:
    """Change a candidate's details."""
    _require_recruiter(actor)
    if candidate.organisation_id != actor.organisation_id:
        raise ServiceError("not_found", _("Unknown candidate."))
    fields = _candidate_fields(changes, partial=True)
    for name, value in fields.items():
        setattr(candidate, name, value)
    candidate.save(update_fields=list(fields))
    return candidate


@transaction.atomic
def create_application(*, actor: User, candidate: Candidate, vacancy: Vacancy, stage: str | None = None) -> Application:
    """Put a candidate on a vacancy."""
    _require_recruiter(actor)
    if candidate.organisation_id != actor.organisation_id:
        raise ServiceError("not_found", _("Unknown candidate."), field="candidate_id")
    if vacancy.client.organisation_id != actor.organisation_id:
        raise ServiceError("not_found", _("Unknown vacancy."), field="vacancy_id")
    if vacancy.status == VacancyStatus.CLOSED:
        raise ServiceError("vacancy_closed", _("This vacancy is closed."), field="vacancy_id")
    stage_value = _choice(stage, ApplicationStage, field="stage", default=ApplicationStage.NEW)
    try:
        with transaction.atomic():
            return Application.objects.create(candidate=candidate, vacancy=vacancy, stage=stage_value)
    except IntegrityError:
        raise ServiceError(
            "already_applied", _("This candidate is already on this vacancy."), field="candidate_id"
        ) from None


@transaction.atomic
def move_application(*, actor: User, application: Application, stage: str) -> Application:
    """Move an application to another workflow stage."""
    _require_recruiter(actor)
    application.stage = _choice(stage, ApplicationStage, field="stage", default=application.stage)
    application.save(update_fields=["stage", "updated_at"])
    return application


@transaction.atomic
def set_application_status(*, actor: User | None, application: Application, status: str) -> Application:
    """Withdraw, reject, hire or reactivate an application (actor None: the candidate, by link)."""
    if actor is not None:
        _require_recruiter(actor)
    application.status = _choice(status, ApplicationStatus, field="status", default=application.status)
    if application.status in {ApplicationStatus.WITHDRAWN, ApplicationStatus.REJECTED, ApplicationStatus.HIRED}:
        application.stage = ApplicationStage.CLOSED
    application.save(update_fields=["status", "stage", "updated_at"])
    return application
