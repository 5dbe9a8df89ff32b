"""The message log (C7): one message, and sending a failed one again."""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regisseur.accounts.roles import is_recruiter
from regisseur.actions import communicating
from regisseur.core.errors import ServiceError
from regisseur.messaging.models import Message, MessageState
from regisseur.messaging.queries import progress_of
from regisseur.web.views.common import _actor
from regisseur.web.views.messaging_common import _page, shows_email


def _get_message_for_user(user: Any, pk: Any) -> Message:
    if not is_recruiter(user) or user.organisation_id is None:
        raise Http404
    try:
        return Message.objects.select_related("interview__vacancy", "candidate").get(
            pk=int(pk), organisation_id=user.organisation_id
        )
    except (ValueError, TypeError, OverflowError, Message.DoesNotExist):
        raise Http404 from None


@shows_email
@login_required
def message_detail(request: HttpRequest, pk: int) -> HttpResponse:
    message = _get_message_for_user(request.user, pk)
    return _page(
        request,
        "message_detail.html",
        {"message": message, "can_retry": message.state == MessageState.FAILED},
    )


@login_required
@require_POST
def message_retry(request: HttpRequest, pk: int) -> HttpResponse:
    message = _get_message_for_user(request.user, pk)
    try:
        message = communicating.retry_message(actor=_actor(request), message=message)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        if message.state == MessageState.FAILED:
            messages.success(request, _("The message will be sent again in a moment."))
        else:
            messages.info(request, _("This message has not failed: there is nothing to retry."))
    return redirect("messaging:message_detail", pk=message.pk)


# --- After a bulk send: how each message is doing ------------------------------------------------

PROGRESS_SESSION_KEY = "send_progress"
KEPT_PROGRESS = 10  # the last sends a user can look back on
STILL_GOING = {MessageState.QUEUED, MessageState.SENDING}
REFRESH_SECONDS = 3


def remember_send(request: HttpRequest, messages_sent: Sequence[Message], back_to: str) -> str:
    """Keep a bulk send's messages in the session; the address of its progress page."""
    key = secrets.token_urlsafe(9)
    kept = dict(request.session.get(PROGRESS_SESSION_KEY, {}))
    kept[key] = {"ids": [message.pk for message in messages_sent], "back": back_to}
    request.session[PROGRESS_SESSION_KEY] = dict(list(kept.items())[-KEPT_PROGRESS:])
    return reverse("messaging:send_progress", args=[key])


@shows_email
@login_required
def send_progress(request: HttpRequest, key: str) -> HttpResponse:
    """Queued, sent and failed per recipient, refreshing itself while any is still on its way."""
    user: Any = request.user
    sent = request.session.get(PROGRESS_SESSION_KEY, {}).get(key)
    if sent is None or not is_recruiter(user) or user.organisation_id is None:
        raise Http404
    rows = progress_of(user.organisation_id, sent["ids"])
    counts = Counter(row.state for row in rows)
    going = any(row.state in STILL_GOING for row in rows)
    context = {
        "rows": rows,
        "queued": counts[MessageState.QUEUED] + counts[MessageState.SENDING],
        "sent_count": counts[MessageState.SENT],
        "failed": counts[MessageState.FAILED],
        "going": going,
        "refresh_seconds": REFRESH_SECONDS,
        "back": sent.get("back", ""),
    }
    response = _page(request, "send_progress.html", context)
    if going:
        # A plain HTTP refresh: no script needed, and it stops when everything has gone.
        response["Refresh"] = str(REFRESH_SECONDS)
    return response
