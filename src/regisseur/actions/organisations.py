"""Starting an organisation: the first thing a fresh installation needs."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from regisseur.accounts.models import Language, Organisation, Role, User
from regisseur.accounts.services import checked_email, checked_username, create_user, grant_role
from regisseur.core.errors import ServiceError
from regisseur.messaging.defaults import install_defaults

NAME_LIMIT = Organisation._meta.get_field("name").max_length or 200


def _checked_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ServiceError("required", _("The organisation needs a name."), field="name")
    if len(name) > NAME_LIMIT:
        raise ServiceError(
            "too_long",
            _("The organisation's name is too long: at most %(limit)d characters.") % {"limit": NAME_LIMIT},
            field="name",
        )
    return name


def _checked_username(username: str) -> str:
    return checked_username(username, field="admin_username", missing=_("The administrator needs a username."))


def _checked_email(email: str) -> str:
    return checked_email(email, field="admin_email")


@transaction.atomic
def create_organisation(
    *, name: str, admin_username: str, admin_email: str, admin_password: str | None = None, language: str = "nl"
) -> tuple[Organisation, User]:
    """Create an organisation with its standard templates and its first recruiter and administrator."""
    name = _checked_name(name)
    admin_username = _checked_username(admin_username)
    admin_email = _checked_email(admin_email)
    if language not in Language.values:
        raise ServiceError(
            "invalid_language",
            _("Unknown language “%(language)s”: choose nl or en.") % {"language": language},
            field="language",
        )
    if admin_password is not None:
        try:
            validate_password(admin_password, User(username=admin_username, email=admin_email))
        except ValidationError as error:
            raise ServiceError("invalid_password", " ".join(error.messages), field="admin_password") from None

    organisation = Organisation.objects.create(name=name)
    install_defaults(organisation)
    # None leaves the password unusable: nobody can log in until one is set.
    user = create_user(
        username=admin_username,
        password=admin_password,
        email=admin_email,
        organisation=organisation,
        role=Role.RECRUITER,
        sms_access=True,
        language=language,
    )
    grant_role(user=user, role=Role.ADMINISTRATOR)
    return organisation, user
