"""The message log (C7): one message, and sending a failed one again."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regisseur.accounts.roles import is_recruiter
from regisseur.actions import communicating
from regisseur.core.errors import ServiceError
from regisseur.messaging.models import Message, MessageState
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
