"""An organisation's standard documents (C1) and HTML profiles (C2): saved with their checks."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from regisseur.accounts.models import User
from regisseur.accounts.roles import is_recruiter
from regisseur.core.errors import Forbidden, ServiceError
from regisseur.core.placeholders import check_template_text
from regisseur.messaging.models import HtmlProfile, MessageTemplate


def _check_settings_access(actor: User, organisation_id: int) -> None:
    if actor.is_superuser:  # the operator, through the admin
        return
    if not is_recruiter(actor) or actor.organisation_id != organisation_id:
        raise Forbidden(_("Only recruiters of the organisation can change templates and HTML profiles."))


@transaction.atomic
def save_message_template(*, actor: User, template: MessageTemplate) -> MessageTemplate:
    """Create or change a standard document; a new default replaces the previous one for its purpose and language."""
    _check_settings_access(actor, template.organisation_id)
    for name, text in (("subject", template.subject), ("body", template.body), ("signature", template.signature)):
        problems = check_template_text(text)
        if problems:
            raise ServiceError("invalid_placeholder", " ".join(problems), field=name)
    taken = MessageTemplate.objects.filter(
        organisation_id=template.organisation_id,
        purpose=template.purpose,
        language=template.language,
        name=template.name,
    ).exclude(pk=template.pk)
    if taken.exists():
        raise ServiceError(
            "duplicate", _("A template with this name exists for this purpose and language."), field="name"
        )
    if template.is_default:
        MessageTemplate.objects.filter(
            organisation_id=template.organisation_id,
            purpose=template.purpose,
            language=template.language,
            is_default=True,
        ).exclude(pk=template.pk).update(is_default=False)
    template.save()
    return template


@transaction.atomic
def save_html_profile(*, actor: User, profile: HtmlProfile) -> HtmlProfile:
    """Create or change an HTML profile; a new default replaces the previous one."""
    _check_settings_access(actor, profile.organisation_id)
    if profile.is_default:
        HtmlProfile.objects.filter(organisation_id=profile.organisation_id, is_default=True).exclude(
            pk=profile.pk
        ).update(is_default=False)
    profile.save()
    return profile
