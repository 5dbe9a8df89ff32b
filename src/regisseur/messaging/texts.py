"""Which texts a message is written from: the chosen template, the organisation's default, or the standard text."""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

from django.conf import settings

from regisseur.messaging.composition import Variant
from regisseur.messaging.defaults import DEFAULTS, SIGNATURE
from regisseur.messaging.models import HtmlProfile, MessageTemplate, Purpose


def new_message_id() -> str:
    """A Message-ID of our own domain; links in the message are derived from it."""
    host = urlsplit(settings.BASE_URL).hostname or "regisseur.invalid"
    return f"<{uuid.uuid4().hex}@{host}>"


def choose_template(*, organisation_id: int, purpose: str, language: str) -> MessageTemplate | None:
    """The default template for a purpose and language, else the first one, else none."""
    return (
        MessageTemplate.objects.filter(organisation_id=organisation_id, purpose=purpose, language=language)
        .order_by("-is_default", "name")
        .first()
    )


def default_profile(organisation_id: int) -> HtmlProfile | None:
    return HtmlProfile.objects.filter(organisation_id=organisation_id).order_by("-is_default", "name").first()


def standard_text(purpose: str, language: str) -> tuple[str, str, str]:
    """The built-in (name, subject, content) for a purpose in a language."""
    texts = DEFAULTS.get(purpose, DEFAULTS[Purpose.INVITATION])
    return texts.get(language, texts["nl"])


def template_variant(
    *, organisation_id: int, purpose: str, language: str, template: MessageTemplate | None = None
) -> Variant:
    """The given template's texts, else the organisation's default, else the standard text."""
    chosen = template or choose_template(organisation_id=organisation_id, purpose=purpose, language=language)
    if chosen is None:
        # An organisation that deleted its templates still sends the standard text.
        _name, subject, body = standard_text(purpose, language)
        return Variant(subject=subject, body=body, signature=SIGNATURE.get(language, ""))
    return Variant(subject=chosen.subject, body=chosen.body, signature=chosen.signature, template=chosen)
