"""Cancelling an interview (a group interview for every member), each audience told in the words drafted here."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regisseur.actions.cancelling import cancel_interview
from regisseur.core.errors import ServiceError
from regisseur.interviews.access import get_interview_for_user
from regisseur.interviews.services import group_members
from regisseur.messaging.cancellations import cancellation_drafts
from regisseur.messaging.composition import placeholder_values
from regisseur.web.forms.cancelling import CancelForm
from regisseur.web.views.common import _actor, _require_recruiter
from regisseur.web.views.interview_common import _page


@login_required
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    interview = get_interview_for_user(request.user, pk)
    _require_recruiter(request)
    if interview.is_cancelled:
        messages.error(request, _("This interview has been cancelled and cannot be changed."))
        return redirect("interviews:detail", pk=interview.pk)
    actor = _actor(request)
    members = group_members(interview)
    drafts = cancellation_drafts(members)
    # Each audience's message drafted from its template in the recipients' language: one interview's details
    # filled in; a group's left as placeholders, filled in for each recipient when sent.
    values = (
        {draft.language: placeholder_values(interview, language=draft.language, recruiter=actor) for draft in drafts}
        if len(members) == 1
        else None
    )
    form = CancelForm(request.POST or None, drafts=drafts, values=values)
    if request.method == "POST" and form.is_valid():
        try:
            informed = cancel_interview(
                actor=actor,
                interview=interview,
                reason=form.cleaned_data["reason"],
                notify=form.cleaned_data["inform"],
                texts=form.texts() if form.cleaned_data["inform"] else None,
            ).messages
        except ServiceError as error:
            form.add_error("reason" if error.field == "cancel_reason" else None, error.message)
        else:
            if len(members) > 1:
                text = ngettext(
                    "The group interview has been cancelled for %(count)d candidate.",
                    "The group interview has been cancelled for %(count)d candidates.",
                    len(members),
                )
                messages.success(request, text % {"count": len(members)})
            else:
                messages.success(request, _("The interview has been cancelled."))
            if informed:
                names = ", ".join(dict.fromkeys(m.to_name or m.to_address for m in informed))
                messages.success(
                    request, _("Cancellation queued for sending to %(recipients)s.") % {"recipients": names}
                )
            return redirect("interviews:detail", pk=interview.pk)
    context = {
        "form": form,
        "interview": interview,
        "members": members,
        "is_group": len(members) > 1,
        "group_size": len(members),
    }
    return _page(request, "cancel.html", context)
