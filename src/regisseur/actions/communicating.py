"""Save and communicate (C3-C6): messages about interviews to the candidate, the hiring manager, the committee."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from regisseur.accounts.models import User
from regisseur.interviews.models import Interview
from regisseur.messaging import services
from regisseur.messaging.composition import Variant
from regisseur.messaging.models import HtmlProfile, Message


@transaction.atomic
def communicate(
    *,
    actor: User,
    interviews: Sequence[Interview],
    audience: str,
    variants: dict[str, Variant] | None = None,
    purpose: str | None = None,
    profile: HtmlProfile | None = None,
    include_confirm_link: bool | None = None,
    send: bool = True,
) -> list[Message]:
    """One message per recipient, each in their own language (see messaging.services.communicate)."""
    return services.communicate(
        actor=actor,
        interviews=interviews,
        audience=audience,
        variants=variants,
        purpose=purpose,
        profile=profile,
        include_confirm_link=include_confirm_link,
        send=send,
    )


@transaction.atomic
def retry_message(*, actor: User, message: Message) -> Message:
    """Try a failed message again now."""
    return services.retry_message(actor=actor, message=message)
